// The 续约 menu group (issue 13 §3, R-CT-1): the pipeline and the rate for sales and managers; the
// expiry notices for everyone allowed (a hospital user: its own 保养到期通知书).
import { FileDoneOutlined, LineChartOutlined, ProjectOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function renewalsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  const children: NonNullable<MenuProps['items']> = [];
  if (has('renewals.read')) {
    children.push({ key: '/renewals', icon: <ProjectOutlined />, label: t('renewals.menu.pipeline') });
    children.push({ key: '/renewals/rate', icon: <LineChartOutlined />, label: t('renewals.menu.rate') });
  }
  if (has('renewals.notices')) children.push({ key: '/renewal-notices', icon: <FileDoneOutlined />, label: t('renewals.menu.notices') });
  return children.length ? [{ key: 'renewals-group', type: 'group', label: t('renewals.menu.group'), children }] : [];
}
