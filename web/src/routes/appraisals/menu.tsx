// The 月度考核 menu entry (R-AP-1, issue 15 §3).
import { TrophyOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function appraisalsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('appraisals.read')) return [];
  return [{ key: '/appraisals', icon: <TrophyOutlined />, label: t('appraisals.menu') }];
}
