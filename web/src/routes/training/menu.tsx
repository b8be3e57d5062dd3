// The 培训 menu group (issue 12 item 3): customer training, the hospital archive, staff training and qualifications.
import { BookOutlined, FolderOpenOutlined, ReadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function trainingMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  const children = [
    ...(has('training.read') ? [{ key: '/training/sessions', icon: <ReadOutlined />, label: t('training.menu.sessions') }] : []),
    ...(has('training.read') ? [{ key: '/training/archive', icon: <FolderOpenOutlined />, label: t('training.menu.archive') }] : []),
    ...(has('training.staffRead') ? [{ key: '/training/staff', icon: <BookOutlined />, label: t('training.menu.staff') }] : []),
    ...(has('training.staffRead') ? [{ key: '/training/qualifications', icon: <SafetyCertificateOutlined />, label: t('training.menu.qualifications') }] : []),
  ];
  return children.length ? [{ key: 'training', type: 'group', label: t('training.menu.group'), children }] : [];
}
