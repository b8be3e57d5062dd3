// The 仪器设备 menu group (issue 13 §5): the instrument register, with a badge for overdue calibrations.
import { DashboardOutlined } from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { useInstrumentSummary } from '../../api/hooks/instruments';
import type { Ability } from '../../auth';

function OverdueBadge({ label }: { label: string }) {
  const q = useInstrumentSummary();
  return (
    <Badge count={q.data?.overdue ?? 0} size="small" offset={[10, 0]} data-testid="instruments-overdue-badge">
      {label}
    </Badge>
  );
}

export function instrumentsMenu(t: TFunction, has: (...abilities: Ability[]) => boolean): NonNullable<MenuProps['items']> {
  if (!has('instruments.read')) return [];
  return [
    {
      key: 'instruments-group',
      type: 'group',
      label: t('instruments.menu.group'),
      children: [{ key: '/instruments', icon: <DashboardOutlined />, label: <OverdueBadge label={t('instruments.menu.list')} /> }],
    },
  ];
}
