// The 不良事件 menu entries (issue 14 §2, R-REG-2), beside 设备停用: the register and the
// possible group events (cluster flags). Staff only; hospital users have no adverse events.
import { AlertOutlined, ClusterOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function vigilanceMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('vigilance.read')) return [];
  return [
    { key: '/adverse-events', icon: <AlertOutlined />, label: t('vigilance.menu.list') },
    { key: '/adverse-event-clusters', icon: <ClusterOutlined />, label: t('vigilance.menu.clusters') },
  ];
}
