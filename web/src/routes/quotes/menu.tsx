// The 报价单 menu entry (issue 15 §4): staff see the register, hospital users 我的报价.
import { AccountBookOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function quotesMenu(t: TFunction, has: (...abilities: Ability[]) => boolean, hospital: boolean): NonNullable<MenuProps['items']> {
  if (!has('quotes.read')) return [];
  return [{ key: '/quotes', icon: <AccountBookOutlined />, label: t(hospital ? 'quotes.menu.mine' : 'quotes.menu.list') }];
}
