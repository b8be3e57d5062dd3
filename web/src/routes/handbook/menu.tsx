// The 售后服务手册 and 设备技术资料 menu entries (issue 15 §5; R-KB-1, 办法§17).
import { BookOutlined, FileTextOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Ability } from '../../auth';

export function handbookMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  return [
    ...(has('handbook.read') ? [{ key: '/handbook', icon: <BookOutlined />, label: t('handbook.menu.list') }] : []),
    ...(has('handbook.readDocuments') ? [{ key: '/model-documents', icon: <FileTextOutlined />, label: t('handbook.menu.documents') }] : []),
  ];
}
