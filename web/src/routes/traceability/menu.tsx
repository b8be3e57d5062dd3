// The 追溯查询 menu entry (issue 14 §5, R-REG-5): lot/serial, model and device traceability.
import { ApartmentOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function traceabilityMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('traceability.search')) return [];
  return [{ key: '/traceability', icon: <ApartmentOutlined />, label: t('trace.menu.page') }];
}
