// Calls, missed calls, hotline hours and consultations (R-CL-1, R-ESC-1), pure: no I/O, no clock.
import { DateTime } from 'luxon';
import { addWorkingMinutes, type BusinessCalendar, type Interval, intervalsOn, isWorkingTime } from '../../lib/calendar.ts';

export const CALL_OUTCOMES = ['resolved', 'info_given', 'callback_needed', 'request', 'consultation', 'complaint', 'other'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const LINK_KINDS = ['request', 'consultation', 'complaint'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Phone numbers are kept and compared without spaces, dashes or brackets ("0531-8888 1234" = "053188881234"). */
export const normalizePhone = (p: string) => p.replace(/[\s\-()]/g, '');
export const PHONE = /^\+?\d{3,20}$/;

// ---- hotline hours and the call-back deadline ---------------------------------------------

export interface HotlineHours {
  /** seed 003: 24小时电话服务 — some companies staff the hotline round the clock. */
  alwaysOpen: boolean;
  /** ISO weekday → staffed intervals (seed 002: 服务电话的畅通 9:00-22:00). */
  weeklyHours: Record<string, Interval[]>;
  /** The hotline is unstaffed on public holidays (the on-call engineer answers). */
  closedOnHolidays: boolean;
  callbackMinutes: number;
}

const ALL_DAY: Interval[] = [['00:00', '24:00']];

/** The hotline's staffed time as a business calendar (the same working-time arithmetic as SLA clocks). */
export function hotlineCalendar(h: HotlineHours, timeZone: string, holidays: ReadonlySet<string>): BusinessCalendar {
  const weeklyHours: Record<number, Interval[]> = {};
  for (let d = 1; d <= 7; d++) weeklyHours[d] = h.alwaysOpen ? ALL_DAY : (h.weeklyHours[String(d)] ?? []);
  return {
    timeZone,
    weeklyHours,
    holidays: h.alwaysOpen || !h.closedOnHolidays ? new Set() : holidays,
    makeUpWorkdays: new Set(),
    makeUpHours: [],
  };
}

/**
 * R-CL-1 call-back deadline: a missed call is returned within `callbackMinutes` of staffed hotline
 * time after it rang (seed 002: the hotline is kept answered 9:00–22:00; a call it missed is owed
 * a call back as soon as the line is staffed). A call missed at night is due `callbackMinutes`
 * after the next opening; with a 24 h hotline it is plain minutes.
 */
export function callbackDeadline(cal: BusinessCalendar, receivedAt: Date, callbackMinutes: number): Date {
  // A hotline with no staffed hours at all (every day closed) owes the call back in plain minutes.
  if (Object.values(cal.weeklyHours).every((spans) => spans.length === 0)) return new Date(receivedAt.getTime() + callbackMinutes * 60_000);
  return addWorkingMinutes(cal, receivedAt, callbackMinutes);
}

export const hotlineOpenAt = (cal: BusinessCalendar, at: Date) => isWorkingTime(cal, at);

/**
 * 值班: the roster date whose duty covers `at`. The duty of date D runs from the hotline's close on
 * D (all day when D is closed, e.g. a holiday) until it opens again; so before the first opening
 * of a day the previous date's engineer is still on duty.
 */
export function dutyDateAt(cal: BusinessCalendar, at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: cal.timeZone });
  const date = local.toISODate() as string;
  const spans = intervalsOn(cal, date);
  if (spans.length === 0) return date;
  const first = [...spans].sort((a, b) => a[0].localeCompare(b[0]))[0][0];
  return local.toFormat('HH:mm') < first ? (local.minus({ days: 1 }).toISODate() as string) : date;
}

export const isOverdue = (m: { calledBackAt: Date | null; callbackDueAt: Date }, now: Date) => !m.calledBackAt && m.callbackDueAt.getTime() < now.getTime();

// ---- consultations (技术咨询, seed 004 §5.1; R-ESC-1) -------------------------------------------

export const CONSULTATION_STATUSES = ['open', 'escalated', 'researched', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export type ConsultationAction = 'answer' | 'escalate' | 'research' | 'close';

/**
 * The state machine: a question is answered at once, or escalated to a technical expert who
 * researches it (R-ESC-1: L1 → L2 expert), then answered; an answer that does not settle it can be
 * escalated again; an answered consultation is closed.
 */
export const CONSULTATION_TRANSITIONS: Record<ConsultationStatus, Partial<Record<ConsultationAction, ConsultationStatus>>> = {
  open: { answer: 'answered', escalate: 'escalated' },
  escalated: { research: 'researched', answer: 'answered' },
  researched: { answer: 'answered' },
  answered: { close: 'closed', escalate: 'escalated' },
  closed: {},
};

export const nextConsultationStatus = (from: ConsultationStatus, action: ConsultationAction): ConsultationStatus | null =>
  CONSULTATION_TRANSITIONS[from][action] ?? null;

export const actionsFrom = (from: ConsultationStatus) => Object.keys(CONSULTATION_TRANSITIONS[from]) as ConsultationAction[];

/** Time to answer in plain (calendar) minutes: what the customer waited, nights included. */
export const answerMinutes = (askedAt: Date, answeredAt: Date) => Math.max(0, Math.round((answeredAt.getTime() - askedAt.getTime()) / 60_000));

// ---- PBX CSV ------------------------------------------------------------------------------

/**
 * The PBX export's columns (header row, any order, English or Chinese names):
 *   call_id | 呼叫ID   — optional, the PBX's id of the call (a repeated import skips it)
 *   time    | 来电时间 — required, "YYYY-MM-DD HH:MM[:SS]" company time, or ISO 8601 with offset
 *   caller  | 主叫号码 — required, the caller's number
 *   name    | 姓名     — optional
 *   status  | 状态     — optional; rows whose status is answered (answered / 已接 / 已接听) are skipped
 */
export const PBX_COLUMNS = {
  callId: ['call_id', '呼叫id', '呼叫编号'],
  time: ['time', '来电时间', '时间'],
  caller: ['caller', '主叫号码', '来电号码', '号码'],
  name: ['name', '姓名', '来电人'],
  status: ['status', '状态'],
} as const;
const ANSWERED = new Set(['answered', '已接', '已接听']);

export interface PbxRow {
  line: number;
  callId: string | null;
  receivedAt: Date;
  phone: string;
  name: string | null;
}
export interface PbxIssue {
  line: number;
  field: 'time' | 'caller' | 'call_id' | 'header';
  code: 'required' | 'invalid' | 'duplicate';
}

/** RFC 4180-ish CSV: quoted fields with "" escapes, CRLF or LF; a UTF-8 BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function parseTime(v: string, timeZone: string): Date | null {
  const t = v.trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) && t.includes('T')) {
    const d = DateTime.fromISO(t, { setZone: true });
    return d.isValid ? d.toJSDate() : null;
  }
  for (const f of ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy/M/d HH:mm:ss', 'yyyy/M/d HH:mm']) {
    const d = DateTime.fromFormat(t, f, { zone: timeZone });
    if (d.isValid) return d.toJSDate();
  }
  return null;
}

/** Reads a PBX export: the rows to import, the answered rows skipped, and every bad line (1-based, the header is line 1). */
export function readPbxCsv(text: string, timeZone: string): { rows: PbxRow[]; skipped: number; issues: PbxIssue[] } {
  const table = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const issues: PbxIssue[] = [];
  if (table.length === 0) return { rows: [], skipped: 0, issues: [{ line: 1, field: 'header', code: 'required' }] };
  const header = table[0].map((h) => h.trim().toLowerCase());
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = {
    callId: col(PBX_COLUMNS.callId),
    time: col(PBX_COLUMNS.time),
    caller: col(PBX_COLUMNS.caller),
    name: col(PBX_COLUMNS.name),
    status: col(PBX_COLUMNS.status),
  };
  if (at.time < 0) issues.push({ line: 1, field: 'time', code: 'required' });
  if (at.caller < 0) issues.push({ line: 1, field: 'caller', code: 'required' });
  if (issues.length) return { rows: [], skipped: 0, issues };
  const rows: PbxRow[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  table.slice(1).forEach((r, i) => {
    const line = i + 2;
    const cell = (k: number) => (k >= 0 ? (r[k] ?? '').trim() : '');
    if (at.status >= 0 && ANSWERED.has(cell(at.status).toLowerCase())) {
      skipped++;
      return;
    }
    const rawTime = cell(at.time);
    const receivedAt = rawTime ? parseTime(rawTime, timeZone) : null;
    if (!rawTime) issues.push({ line, field: 'time', code: 'required' });
    else if (!receivedAt) issues.push({ line, field: 'time', code: 'invalid' });
    const phone = normalizePhone(cell(at.caller));
    if (!phone) issues.push({ line, field: 'caller', code: 'required' });
    else if (!PHONE.test(phone)) issues.push({ line, field: 'caller', code: 'invalid' });
    const callId = cell(at.callId) || null;
    if (callId && seen.has(callId)) issues.push({ line, field: 'call_id', code: 'duplicate' });
    if (callId) seen.add(callId);
    if (receivedAt && phone && PHONE.test(phone)) rows.push({ line, callId, receivedAt, phone, name: cell(at.name) || null });
  });
  return { rows, skipped, issues };
}
