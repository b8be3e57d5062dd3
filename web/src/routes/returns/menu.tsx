// The 退换货 and 供应商/生产企业通知 menu entries (issue 14 §4, §5; R-REG-4, 经营办法§38).
import { NotificationOutlined, RollbackOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function returnsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('returns.read')) return [];
  return [
    { key: '/returns', icon: <RollbackOutlined />, label: t('returns.menu.list') },
    ...(has('returns.readNotices') ? [{ key: '/supplier-notices', icon: <NotificationOutlined />, label: t('returns.menu.notices') }] : []),
  ];
}
