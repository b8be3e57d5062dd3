// Menu entries of the maintenance plans (issue 13 §1, R-PM-1): the year plan for the service side,
// 保养预约 for hospital users (confirm or ask another date).
import { CalendarOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function maintenancePlansMenu(t: TFunction, has: (...abilities: Ability[]) => boolean, hospital: boolean): NonNullable<MenuProps['items']> {
  // 月度巡检报告 (issue 13 §1, seed 002): next to the plan; a hospital user reaches its own report.
  const reports = has('maintenancePlans.read') ? [{ key: '/maintenance-reports', icon: <FileSearchOutlined />, label: t('maintenance.menu.reports') }] : [];
  if (hospital)
    return [
      ...(has('maintenancePlans.respond') ? [{ key: '/my-maintenance', icon: <CalendarOutlined />, label: t('maintenance.menu.portal') }] : []),
      ...reports,
    ];
  return has('maintenancePlans.read') ? [{ key: '/maintenance-plans', icon: <CalendarOutlined />, label: t('maintenance.menu.plans') }, ...reports] : [];
}
