// Shared pieces of the call-centre screens: who is on duty now, the link to a created record.
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnDuty } from '../../api/hooks/calls';

export const fmt = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('sv-SE', { hour12: false }).slice(0, 16) : '');

/** 值班: the hotline while it is staffed, else the roster's duty engineer with the phone to call. */
export function OnDutyBanner() {
  const { t } = useTranslation();
  const q = useOnDuty();
  if (!q.data) return null;
  const d = q.data;
  const message = d.hotlineOpen
    ? t('calls.onDuty.open', { date: d.dutyDate })
    : d.duty
      ? t('calls.onDuty.duty', { name: d.duty.engineerName, phone: d.duty.phone })
      : t('calls.onDuty.none');
  const duty = d.duty && d.hotlineOpen ? ` · ${t('calls.onDuty.duty', { name: d.duty.engineerName, phone: d.duty.phone })}` : '';
  return <Alert type={d.hotlineOpen || d.duty ? 'info' : 'warning'} showIcon message={`${message}${duty}`} data-testid="on-duty" />;
}

const PATHS = { request: '/requests', consultation: '/consultations', complaint: '/complaints' } as const;

export function LinkedTag({ kind, id, number }: { kind: keyof typeof PATHS | null; id: string | null; number: string | null }) {
  const { t } = useTranslation();
  if (!kind || !id) return null;
  return (
    <Link to={`${PATHS[kind]}/${id}`} onClick={(e) => e.stopPropagation()}>
      <Tag color="blue" data-testid="call-linked">
        {t(`calls.linkKind.${kind}`)} {number}
      </Tag>
    </Link>
  );
}
