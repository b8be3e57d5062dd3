// Menu entries of the maintenance plans (issue 13 §1, R-PM-1): the year plan for the service side,
// 保养预约 for hospital users (confirm or ask another date).
import { CalendarOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function maintenancePlansMenu(t: TFunction, has: (...abilities: Ability[]) => boolean, hospital: boolean): NonNullable<MenuProps['items']> {
  if (hospital) return has('maintenancePlans.respond') ? [{ key: '/my-maintenance', icon: <CalendarOutlined />, label: t('maintenance.menu.portal') }] : [];
  return has('maintenancePlans.read') ? [{ key: '/maintenance-plans', icon: <CalendarOutlined />, label: t('maintenance.menu.plans') }] : [];
}
