// The 应收账款 / 现金交接 / 预算 menu entries (issue 15 §4, R-FE-1, R-FE-2).
import { AccountBookOutlined, FundOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function billingMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  const items = [
    ...(has('billing.readInvoices') ? [{ key: '/invoices', icon: <AccountBookOutlined />, label: t('billing.menu.invoices') }] : []),
    ...(has('billing.handOver') ? [{ key: '/cash-handovers', icon: <MoneyCollectOutlined />, label: t('billing.menu.cash') }] : []),
    ...(has('billing.readBudgets') ? [{ key: '/budgets', icon: <FundOutlined />, label: t('billing.menu.budgets') }] : []),
  ];
  return items.length ? [{ key: 'billing', type: 'group' as const, label: t('billing.menu.group'), children: items }] : [];
}
