// Menu entries of the loaner pool and the same-day misses report under 售后服务, kept here so
// the shared layout only splices them in.
import { FieldTimeOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../../auth';

type Items = NonNullable<MenuProps['items']>;

export function serviceLoansMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): Items {
  return [
    ...(has('requests.readLoanerPool') ? [{ key: '/loans', icon: <SwapOutlined />, label: t('svcLoans.menu.loans') }] : []),
    ...(has('workorders.sameDayReport') ? [{ key: '/same-day-misses', icon: <FieldTimeOutlined />, label: t('svcLoans.menu.sameDayMisses') }] : []),
  ];
}
