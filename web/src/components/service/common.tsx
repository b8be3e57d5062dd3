// Shared pieces of the service loop (SPEC §3): the records as the API returns them, tags for
// urgency and statuses, a live deadline countdown, SLA clock bars and problem messages.
import { useQuery } from '@tanstack/react-query';
import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { ApiError, type Page, qs, request } from '../../api';

type Schemas = components['schemas'];

export type Urgency = 'emergency' | 'urgent' | 'normal' | 'low';
export type Channel = 'phone' | 'email' | 'portal' | 'onsite' | 'wechat';
export type RequestStatus = 'open' | 'dispatched' | 'in_progress' | 'resolved' | 'closed' | 'cancelled';
export type Category = 'paid' | 'contract' | 'warranty' | 'internal';
export type WoStatus =
  | 'new'
  | 'dispatched'
  | 'accepted'
  | 'on_the_way'
  | 'on_site'
  | 'waiting_parts'
  | 'taken_back'
  | 'resolved'
  | 'signed_off'
  | 'reviewed'
  | 'closed'
  | 'cancelled';

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
/** Signed or beyond: the content is frozen (R-WO-4/5). */
export const FROZEN: ReadonlySet<WoStatus> = new Set(['signed_off', 'reviewed', 'closed']);

export type Clock = Schemas['SlaClock'];

export type ServiceRequest = Schemas['ServiceRequest'];
export type ServiceRequestDetail = Schemas['ServiceRequestDetail'];

export type PartLine = WorkOrder['parts'][number];

/** One step the caller may take, primary first (server: workorders.rules actionsFor, issue 10 item 10). */
export type WoAction = WorkOrder['nextActions'][number];

/** The work order as the server sends it (named schema WorkOrder, generated; issue 11 item 1). */
export type WorkOrder = Schemas['WorkOrder'];

export type Fee = Schemas['WorkOrderFee'];

export type SameDay = Schemas['SameDayPromise'];

/** A row of GET /work-orders. */
/** A row of GET /work-orders. */
export type WorkOrderRow = Schemas['WorkOrderListItem'];

export type Suggestion = components['schemas']['DispatchSuggestion'];

export interface BoardItem {
  workOrderId: string;
  workOrderNumber: string;
  version: number;
  status: WoStatus;
  requestId: string;
  requestNumber: string;
  urgency: Urgency;
  deviceId: string;
  serialNumber: string;
  modelName: string;
  category: string;
  customerName: string;
  city: string | null;
  regionClass: string | null;
  receivedAt: string;
  nextDeadlineAt: string | null;
  nextDeadlineKind: string | null;
  percentElapsed: number | null;
  flagged: boolean;
  leadName: string | null;
  suggestions: Suggestion[];
  leadId?: string | null;
  /** Issue 10 item 12: the fault text, the down status, the appointment and the arrive deadline. */
  faultDescription?: string;
  deviceDown?: boolean;
  dispatchedAt?: string | null;
  appointmentAt?: string | null;
  appointmentEndAt?: string | null;
  arriveDueAt?: string | null;
}
export type BoardLane = 'unassigned' | 'atRisk' | 'flaggedForMorning' | 'assignedToday';
export type Board = components['schemas']['DispatchBoard'];
/** GET /dispatch/timeline: engineers as rows, the day's appointments and visits as blocks. */
export interface TimelineBlock {
  workOrderId: string;
  workOrderNumber: string;
  status: WoStatus;
  urgency: Urgency;
  customerName: string;
  kind: 'appointment' | 'visit';
  role: 'lead' | 'helper';
  start: string;
  end: string;
}
export type Timeline = components['schemas']['DispatchTimeline'];

/** The text to show for any error: the server's problem detail, or the error itself. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = (e.problem.fields ?? []).map((f) => f.message).filter((m) => m && m !== e.problem.detail);
    return [e.problem.detail || e.problem.title || e.problem.code, ...fields].join('；');
  }
  return e instanceof Error ? e.message : String(e);
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
export function WoStatusTag({ value }: { value: WoStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Tag color={WO_COLORS[value]} data-testid="wo-status">
      {t(`service.woStatuses.${value}`)}
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

/** One SLA clock: target, deadline, state and a progress bar of the window used. */
export function ClockBar({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  const now = useNow();
  const start = new Date(clock.startedAt).getTime();
  const due = new Date(clock.dueAt).getTime();
  const end = clock.stoppedAt ? new Date(clock.stoppedAt).getTime() : clock.pausedAt ? new Date(clock.pausedAt).getTime() : now;
  const pct = due > start ? Math.max(0, Math.min(100, Math.round(((end - start) / (due - start)) * 100))) : 100;
  const state = clock.outcome
    ? clock.outcome
    : clock.pausedAt
      ? 'paused'
      : clock.breachedAt || now > due
        ? 'breached'
        : clock.warnedAt || now > new Date(clock.warnAt).getTime()
          ? 'warning'
          : 'running';
  const status = state === 'breached' ? 'exception' : state === 'met' ? 'success' : state === 'running' || state === 'warning' ? 'active' : 'normal';
  const stateColor: Record<string, string> = { met: 'green', breached: 'red', cancelled: 'default', paused: 'gold', warning: 'orange', running: 'blue' };
  return (
    <div data-testid={`clock-${clock.kind}`} style={{ marginBottom: 12 }}>
      <Space wrap size={8}>
        <strong>{t(`service.clockKinds.${clock.kind}`)}</strong>
        <Tag color={stateColor[state]}>{t(`service.clockStates.${state}`)}</Tag>
        <Typography.Text type="secondary">
          {t('service.target')}: {formatSpan(clock.targetMinutes, t)} ({t(`service.bases.${clock.basis}`)})
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('service.dueAt')}: {dayjs(clock.dueAt).format('MM-DD HH:mm')}
        </Typography.Text>
        {!clock.stoppedAt && !clock.pausedAt && <Countdown at={clock.dueAt} />}
        {clock.stoppedAt && (
          <Typography.Text type="secondary">
            {t('service.stoppedAt')}: {dayjs(clock.stoppedAt).format('MM-DD HH:mm')}
          </Typography.Text>
        )}
        {clock.pausedAt && (
          <Typography.Text type="warning">
            {t('service.pausedSince', { at: dayjs(clock.pausedAt).format('MM-DD HH:mm') })}
            {clock.pauseReason ? ` · ${clock.pauseReason}` : ''}
          </Typography.Text>
        )}
      </Space>
      <Progress percent={pct} status={status} strokeColor={state === 'warning' ? '#fa8c16' : undefined} size="small" />
    </div>
  );
}

/** GET with a flag telling whether the route exists yet (for endpoints still landing). */
export function usePageQuery<T>(endpoint: string, params: Record<string, unknown>, enabled = true) {
  return useQuery({
    queryKey: [endpoint, params],
    queryFn: () => request<Page<T>>('GET', endpoint + qs(params)),
    enabled,
    retry: false,
  });
}

/** R-WO-5 completeness, mirrored from the server so the reviewer sees gaps before approving. */
export function missingForReview(
  wo: Pick<WorkOrder, 'category' | 'arrivedAt' | 'phenomenon' | 'cause' | 'actions' | 'testResults' | 'labourMinutes'>,
): string[] {
  const blank = (v: string | null) => !v?.trim();
  const out: string[] = [];
  if (blank(wo.phenomenon)) out.push('phenomenon');
  if (wo.arrivedAt && blank(wo.cause)) out.push('cause');
  if (blank(wo.actions)) out.push('actions');
  if (blank(wo.testResults)) out.push('testResults');
  if (wo.category === 'paid' && wo.labourMinutes <= 0) out.push('labourMinutes');
  return out;
}

/** R-REQ-3 proposal, mirrored for the registration form's preview (the server decides). */
export function proposeUrgency(criticality: string | undefined, deviceDown: boolean): Urgency {
  if (deviceDown && (criticality === 'life_support' || criticality === 'critical_diagnostic')) return 'emergency';
  return deviceDown ? 'urgent' : 'normal';
}
