// The 质量跟踪 menu entry (issue 14 §5, R-REG-6): tracked models, their trend and tracking visits; next to 设备停用.
import { LineChartOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function qualityMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('quality.read')) return [];
  return [{ key: '/quality-tracking', icon: <LineChartOutlined />, label: t('quality.menu.list') }];
}
