// The 技术支持升级 and 自动升级设置 menu entries (issue 15 §2, R-ESC-1).
import { RiseOutlined, SettingOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function escalationsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('escalations.read')) return [];
  return [
    { key: '/escalations', icon: <RiseOutlined />, label: t('escalations.menu.list') },
    ...(has('escalations.settings') ? [{ key: '/escalations/settings', icon: <SettingOutlined />, label: t('escalations.menu.settings') }] : []),
  ];
}
