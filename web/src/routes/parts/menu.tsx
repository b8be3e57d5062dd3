// The 备件 (spare parts) group of the side menu, by the user's abilities.
import {
  AuditOutlined,
  BarChartOutlined,
  ContainerOutlined,
  DatabaseOutlined,
  HomeOutlined,
  InboxOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  SwapOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function partsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('parts.read')) return [];
  return [
    {
      key: 'parts',
      type: 'group',
      label: t('parts.menu.group'),
      children: [
        ...(has('parts.issue') ? [{ key: '/parts/issue', icon: <ToolOutlined />, label: t('parts.menu.issue') }] : []),
        // Van replenishment requests (issue 10 item 9): the parts administrator's queue, an engineer's own.
        ...(has('parts.issue') ? [{ key: '/parts/transfer-requests', icon: <SwapOutlined />, label: t('van.requests') }] : []),
        { key: '/parts/stock', icon: <InboxOutlined />, label: t('parts.menu.stock') },
        { key: '/parts/ledger', icon: <ContainerOutlined />, label: t('parts.menu.ledger') },
        { key: '/parts/catalog', icon: <DatabaseOutlined />, label: t('parts.menu.catalog') },
        { key: '/parts/warehouses', icon: <HomeOutlined />, label: t('parts.menu.warehouses') },
        { key: '/parts/suppliers', icon: <ShopOutlined />, label: t('parts.menu.suppliers') },
        ...(has('parts.stocktake', 'parts.approveStocktake') ? [{ key: '/parts/stocktakes', icon: <AuditOutlined />, label: t('parts.menu.stocktakes') }] : []),
        ...(has('parts.plan', 'parts.approvePlan') ? [{ key: '/parts/purchasing', icon: <ShoppingCartOutlined />, label: t('parts.menu.purchasing') }] : []),
        { key: '/parts/reports', icon: <BarChartOutlined />, label: t('parts.menu.reports') },
      ],
    },
  ];
}
