// The 召回与现场行动 menu entry (issue 14 §3, R-REG-3) for staff, and 重要通知 for hospital users.
import { AlertOutlined, NotificationOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function campaignsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean, hospital: boolean): NonNullable<MenuProps['items']> {
  if (hospital) return has('campaigns.notices') ? [{ key: '/my-notices', icon: <NotificationOutlined />, label: t('campaigns.menu.notices') }] : [];
  if (!has('campaigns.read')) return [];
  return [{ key: '/campaigns', icon: <AlertOutlined />, label: t('campaigns.menu.list') }];
}
