// Shared pieces of the service loop (SPEC §3): tags for urgency and statuses, a live deadline
// countdown and problem messages (SLA clock bars and the error result: ./blocks.tsx). The
// records' types come from the contract (web/api/schema.d.ts) through the hook files
// (api/hooks/workOrders.ts, requests.ts, …).
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import type { ServiceRequest } from '../../api/hooks/requests';
import type { WorkOrder, WoStatus } from '../../api/hooks/workOrders';

// Re-exported for the screens that still import them from here (service admin and loans).
export type { ServiceRequestDetail } from '../../api/hooks/requests';
export type { WorkOrder, WoStatus } from '../../api/hooks/workOrders';

export type Urgency = ServiceRequest['urgency'];
type Channel = ServiceRequest['channel'];
type RequestStatus = ServiceRequest['status'];

export type WoKind = WorkOrder['kind'];
export const WO_KINDS: readonly WoKind[] = ['repair', 'installation', 'maintenance', 'upgrade', 'training', 'consultation', 'return_exchange'];
const KIND_COLORS: Record<WoKind, string> = {
  repair: 'default',
  installation: 'purple',
  maintenance: 'cyan',
  upgrade: 'geekblue',
  training: 'lime',
  consultation: 'blue',
  return_exchange: 'magenta',
};
/** Issue 12: the kind of job; a repair shows no tag unless `always`. */
export function KindTag({ value, always = false }: { value: WoKind | null | undefined; always?: boolean }) {
  const { t } = useTranslation();
  if (!value || (value === 'repair' && !always)) return null;
  return (
    <Tag color={KIND_COLORS[value]} data-testid="wo-kind">
      {t(`service.woKinds.${value}`)}
    </Tag>
  );
}
/** A status as the job's kind names it (an installation's resolved is 安装调试完成). */
export function useStepLabel() {
  const { t } = useTranslation();
  return (status: WoStatus, kind?: WoKind | null) =>
    t(`service.woKindSteps.${kind ?? 'repair'}.${status}`, { defaultValue: t(`service.woStatuses.${status}`) });
}

export const URGENCIES: readonly Urgency[] = ['emergency', 'urgent', 'normal', 'low'];
export const CHANNELS: readonly Channel[] = ['phone', 'email', 'portal', 'onsite', 'wechat'];
export const REQUEST_STATUSES: readonly RequestStatus[] = ['open', 'dispatched', 'in_progress', 'resolved', 'closed', 'cancelled'];
export const WO_STATUSES: readonly WoStatus[] = [
  'new',
  'dispatched',
  'accepted',
  'on_the_way',
  'on_site',
  'waiting_parts',
  'taken_back',
  'resolved',
  'signed_off',
  'reviewed',
  'closed',
  'cancelled',
];
/** Signed or beyond: the report is shown as frozen (R-WO-4/5). What the caller may change is `wo.abilities`. */
export const FROZEN: ReadonlySet<WorkOrder['status']> = new Set(['signed_off', 'reviewed', 'closed']);

/** A moment as the service screens show it (YYYY-MM-DD HH:mm), or — when there is none. */
export const fmtTime = (s: string | null | undefined) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');

/** The text to show for any error: the server's problem detail, or the error itself. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = (e.problem.fields ?? []).map((f) => f.message).filter((m) => m && m !== e.problem.detail);
    return [e.problem.detail || e.problem.title || e.problem.code, ...fields].join('；');
  }
  return e instanceof Error ? e.message : String(e);
}

/** problemText, but a version conflict reads "changed by someone else meanwhile" (common.conflict). */
export function saveErrorText(e: unknown, t: (key: string) => string): string {
  return e instanceof ApiError && e.problem.code === 'version_conflict' ? t('common.conflict') : problemText(e);
}

const URGENCY_COLORS: Record<Urgency, string> = { emergency: 'red', urgent: 'orange', normal: 'blue', low: 'default' };
const WO_COLORS: Partial<Record<WoStatus, string>> = {
  new: 'default',
  dispatched: 'geekblue',
  accepted: 'blue',
  on_the_way: 'cyan',
  on_site: 'purple',
  waiting_parts: 'gold',
  taken_back: 'magenta',
  resolved: 'lime',
  signed_off: 'green',
  reviewed: 'green',
  closed: 'default',
  cancelled: 'default',
};
const REQ_COLORS: Record<RequestStatus, string> = {
  open: 'red',
  dispatched: 'geekblue',
  in_progress: 'blue',
  resolved: 'green',
  closed: 'default',
  cancelled: 'default',
};

export function UrgencyTag({ value }: { value: Urgency | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Tag color={URGENCY_COLORS[value]} data-testid="urgency-tag">
      {t(`service.urgencies.${value}`)}
    </Tag>
  );
}
export function WoStatusTag({ value, kind }: { value: WoStatus | null | undefined; kind?: WoKind | null }) {
  const label = useStepLabel();
  if (!value) return null;
  return (
    <Tag color={WO_COLORS[value]} data-testid="wo-status">
      {label(value, kind)}
    </Tag>
  );
}
export function RequestStatusTag({ value }: { value: RequestStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag color={REQ_COLORS[value]}>{t(`service.requestStatuses.${value}`)}</Tag>;
}
export function CategoryTag({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  const color = value === 'warranty' ? 'blue' : value === 'contract' ? 'geekblue' : value === 'paid' ? 'gold' : 'default';
  return <Tag color={color}>{t(`service.categories.${value}`, { defaultValue: value })}</Tag>;
}

/** Re-renders every `ms` so countdowns move. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

export function formatSpan(minutes: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return t('service.span.m', { m });
  if (m < 60 * 48) return t('service.span.hm', { h: Math.floor(m / 60), m: m % 60 });
  return t('service.span.dh', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/** "剩余 1小时20分" / "已超时 15分", coloured by how close it is. */
export function Countdown({ at, kind, warnMinutes = 60 }: { at: string | null | undefined; kind?: string | null; warnMinutes?: number }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!at) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = (new Date(at).getTime() - now) / 60_000;
  const type = left < 0 ? 'danger' : left < warnMinutes ? 'warning' : undefined;
  const label = kind ? t(`service.clockKinds.${kind}`, { defaultValue: kind }) : '';
  return (
    <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm')}>
      <Typography.Text type={type} strong={left < warnMinutes} data-testid="countdown">
        {label ? `${label} · ` : ''}
        {left < 0 ? t('service.overdue', { span: formatSpan(left, t) }) : t('service.remaining', { span: formatSpan(left, t) })}
      </Typography.Text>
    </Tooltip>
  );
}
