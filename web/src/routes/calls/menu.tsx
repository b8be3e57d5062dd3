// The 呼叫中心 menu group: call log, missed calls, on-call roster, consultations (R-CL-1).
import { CalendarOutlined, CustomerServiceOutlined, PhoneOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function callsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  const children = [
    ...(has('calls.read') ? [{ key: '/calls', icon: <CustomerServiceOutlined />, label: t('calls.menu.calls') }] : []),
    ...(has('calls.read') ? [{ key: '/missed-calls', icon: <PhoneOutlined />, label: t('calls.menu.missed') }] : []),
    ...(has('hotline.read') ? [{ key: '/on-call', icon: <CalendarOutlined />, label: t('calls.menu.roster') }] : []),
    ...(has('consultations.read') ? [{ key: '/consultations', icon: <QuestionCircleOutlined />, label: t('calls.menu.consultations') }] : []),
  ];
  return children.length ? [{ key: 'calls', type: 'group', label: t('calls.menu.group'), children }] : [];
}
