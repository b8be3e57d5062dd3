// The 组织单元 and 分公司日报 menu entries (issue 15 §1, R-ORG-1; seed 002 §12).
import { ApartmentOutlined, AuditOutlined, InboxOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function unitsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  return [
    ...(has('units.read') ? [{ key: '/units', icon: <ApartmentOutlined />, label: t('units.menu.list') }] : []),
    ...(has('units.readBranchReports') ? [{ key: '/branch-reports', icon: <AuditOutlined />, label: t('units.menu.reports') }] : []),
    ...(has('units.receiveBranchReport') ? [{ key: '/branch-reports?status=signed', icon: <InboxOutlined />, label: t('units.menu.inbox') }] : []),
  ];
}
