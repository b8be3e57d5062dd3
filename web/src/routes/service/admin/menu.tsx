// Menu entries of the service administration screens, kept here so the shared layout only
// splices them in: at-risk list, daily reports and the goods register under 售后服务; SLA,
// engineer profiles, the price list and the maintenance templates in their own 服务设置 group.
import {
  AlertOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  DollarOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../../auth';

type Items = NonNullable<MenuProps['items']>;

export function serviceAdminMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): { service: Items; settings: Items } {
  const service: Items = [
    ...(has('dispatch.atRisk') ? [{ key: '/at-risk', icon: <AlertOutlined />, label: t('svcAdmin.menu.atRisk') }] : []),
    ...(has('reports.technicianDaily', 'reports.supervisorDaily')
      ? [{ key: '/daily-reports', icon: <BarChartOutlined />, label: t('svcAdmin.menu.dailyReports') }]
      : []),
    ...(has('workorders.goodsRegister') ? [{ key: '/goods-register', icon: <SwapOutlined />, label: t('svcAdmin.menu.goodsRegister') }] : []),
  ];
  const children: Items = [
    ...(has('sla.overview') ? [{ key: '/sla', icon: <ClockCircleOutlined />, label: t('svcAdmin.menu.sla') }] : []),
    ...(has('engineerProfiles.read') ? [{ key: '/engineer-profiles', icon: <IdcardOutlined />, label: t('svcAdmin.menu.engineers') }] : []),
    ...(has('workorders.feeWork') ? [{ key: '/price-list', icon: <DollarOutlined />, label: t('svcAdmin.menu.priceList') }] : []),
    // 保养模板 (issue 13 §1, R-PM-1): the service side reads them; the manager edits.
    ...(has('maintenance.read') ? [{ key: '/maintenance-templates', icon: <SafetyCertificateOutlined />, label: t('maintenance.menu.templates') }] : []),
    // 巡检证据异常 (issue 13 §2, R-PM-2): the manager's list of suspicious visit evidence.
    ...(has('maintenance.evidence')
      ? [{ key: '/maintenance-evidence', icon: <SafetyCertificateOutlined />, label: t('maintenanceVisit.exceptions.menu') }]
      : []),
  ];
  return { service, settings: children.length ? [{ key: 'service-settings', type: 'group', label: t('svcAdmin.menu.settings'), children }] : [] };
}
