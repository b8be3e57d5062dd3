// Menu entries of the loaner pool and the same-day misses report under 售后服务, kept here so
// the shared layout only splices them in.
import { FieldTimeOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Role } from '../../../auth';
import { loansCan } from './access';
import './i18n';

type Items = NonNullable<MenuProps['items']>;

export function serviceLoansMenu(t: TFunction, has: (roles: Role[]) => boolean): Items {
  return [
    ...(has(loansCan.readPool) ? [{ key: '/loans', icon: <SwapOutlined />, label: t('svcLoans.menu.loans') }] : []),
    ...(has(loansCan.sameDayMisses) ? [{ key: '/same-day-misses', icon: <FieldTimeOutlined />, label: t('svcLoans.menu.sameDayMisses') }] : []),
  ];
}
