// The 管理驾驶舱 menu entry (R-RP-1, issue 15 §3).
import { FundOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function kpisMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('kpis.read')) return [];
  return [{ key: '/kpis', icon: <FundOutlined />, label: t('kpis.menu.dashboard') }];
}
