// The escalation's state tag and the 临时措施运行 (degraded) tag, apart from the escalations
// screen: the work-order list and page show them without loading that screen's code.
import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const fmt = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const STATUS_COLORS: Record<string, string> = { open: 'orange', answered: 'blue', closed: 'default' };

export function EscalationStatusTag({ status, overdue }: { status: 'open' | 'answered' | 'closed'; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[status]}>{t(`escalations.statuses.${status}`)}</Tag>
      {overdue && <Tag color="red">{t('escalations.overdue')}</Tag>}
    </Space>
  );
}

export function DegradedTag({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!at) return null;
  return (
    <Tag color="volcano" data-testid="degraded-tag" title={`${t('escalations.degradedAt')} ${fmt(at)}`}>
      {t('escalations.degradedTag')}
    </Tag>
  );
}
