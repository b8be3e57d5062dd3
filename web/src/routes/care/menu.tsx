// The 回访与投诉 menu group: follow-ups, satisfaction surveys, complaints and their statistics.
import {
  BarChartOutlined,
  CalendarOutlined,
  CommentOutlined,
  FormOutlined,
  NotificationOutlined,
  PhoneOutlined,
  SettingOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function careMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  const children = [
    ...(has('followups.read') ? [{ key: '/followups', icon: <PhoneOutlined />, label: t('care.menu.followups') }] : []),
    ...(has('surveys.read') ? [{ key: '/surveys', icon: <SmileOutlined />, label: t('care.menu.surveys') }] : []),
    ...(has('complaints.read') ? [{ key: '/complaints', icon: <CommentOutlined />, label: t('care.menu.complaints') }] : []),
    ...(has('complaints.stats') ? [{ key: '/complaints/stats', icon: <BarChartOutlined />, label: t('care.menu.stats') }] : []),
    ...(has('visitplans.read') ? [{ key: '/visit-plans', icon: <CalendarOutlined />, label: t('care.menu.visitPlans') }] : []),
    ...(has('followups.read') ? [{ key: '/followup-rules', icon: <SettingOutlined />, label: t('care.menu.rules') }] : []),
    ...(has('followups.rules') ? [{ key: '/followups/questionnaires', icon: <FormOutlined />, label: t('care.menu.questionnaires') }] : []),
    { key: '/channels', icon: <NotificationOutlined />, label: t('care.menu.channels') },
  ];
  return children.length ? [{ key: 'care', type: 'group', label: t('care.menu.group'), children }] : [];
}
