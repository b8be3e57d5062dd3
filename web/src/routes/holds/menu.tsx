// The 设备停用 menu entry (issue 14 §1, R-REG-1): the safety-hold register.
import { StopOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function holdsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('holds.place')) return [];
  return [{ key: '/device-holds', icon: <StopOutlined />, label: t('holds.menu.list') }];
}
