// The 扫码报修待回拨 menu entry (issue 16 §2): dispatchers call back anonymous scanned reports.
import { QrcodeOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function labelsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('labels.readReports')) return [];
  return [{ key: '/scan-reports', icon: <QrcodeOutlined />, label: t('labels.menu.queue') }];
}
