// The 装机 menu group: installation notices (R-IN-1, issue 12 item 2).
import { SettingOutlined, ToolOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function installMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('installations.read')) return [];
  return [
    {
      key: 'install',
      type: 'group',
      label: t('install.menu.group'),
      children: [
        { key: '/installations', icon: <ToolOutlined />, label: t('install.menu.notices') },
        ...(has('installations.manage') ? [{ key: '/installations/settings', icon: <SettingOutlined />, label: t('install.menu.settings') }] : []),
      ],
    },
  ];
}
