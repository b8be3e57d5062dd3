// Menu entries of the service administration screens, kept here so the shared layout only
// splices them in: at-risk list, daily reports and the goods register under 售后服务; SLA,
// engineer profiles and the price list in their own 服务设置 group.
import { AlertOutlined, BarChartOutlined, ClockCircleOutlined, DollarOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Role } from '../../../auth';
import { svcAdminCan } from './access';
import './i18n';

type Items = NonNullable<MenuProps['items']>;

export function serviceAdminMenu(t: TFunction, has: (roles: Role[]) => boolean): { service: Items; settings: Items } {
  const service: Items = [
    ...(has(svcAdminCan.atRisk) ? [{ key: '/at-risk', icon: <AlertOutlined />, label: t('svcAdmin.menu.atRisk') }] : []),
    ...(has(svcAdminCan.dailyReports) ? [{ key: '/daily-reports', icon: <BarChartOutlined />, label: t('svcAdmin.menu.dailyReports') }] : []),
    ...(has(svcAdminCan.goodsRegister) ? [{ key: '/goods-register', icon: <SwapOutlined />, label: t('svcAdmin.menu.goodsRegister') }] : []),
  ];
  const children: Items = [
    ...(has(svcAdminCan.sla) ? [{ key: '/sla', icon: <ClockCircleOutlined />, label: t('svcAdmin.menu.sla') }] : []),
    ...(has(svcAdminCan.engineers) ? [{ key: '/engineer-profiles', icon: <IdcardOutlined />, label: t('svcAdmin.menu.engineers') }] : []),
    ...(has(svcAdminCan.priceListMenu) ? [{ key: '/price-list', icon: <DollarOutlined />, label: t('svcAdmin.menu.priceList') }] : []),
  ];
  return { service, settings: children.length ? [{ key: 'service-settings', type: 'group', label: t('svcAdmin.menu.settings'), children }] : [] };
}
