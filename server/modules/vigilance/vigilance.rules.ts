// Adverse-event rules (不良事件, issue 14 §2, R-REG-2). Pure: no I/O.
//
// The reporting clock runs from the awareness date (when the company learned of the event). Each
// applicable regulation gives a deadline — death N days, serious injury N days, other suspicious
// events N days, a group (cluster) event N hours — and the strictest (earliest) applicable one wins.
// No clock runs for an event without patient impact that is not a group event, nor once quality has
// decided it is not reportable.

export type PatientImpact = 'death' | 'serious_injury' | 'other' | 'none';
export type AeState = 'draft' | 'reported' | 'follow_up' | 'closed';
export type WarningLevel = 'half' | 'last_day' | 'breached';

export interface ClockSettings {
  deathDays: number;
  seriousInjuryDays: number;
  otherDays: number;
  groupEventHours: number;
}
export const DEFAULT_CLOCKS: ClockSettings = { deathDays: 7, seriousInjuryDays: 20, otherDays: 30, groupEventHours: 12 };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The report deadline (R-REG-2): the earliest of the applicable clocks, or null when none applies. */
export function reportingDeadline(
  ev: { awareAt: Date; patientImpact: PatientImpact; groupEvent: boolean; reportable?: boolean | null },
  s: ClockSettings,
): Date | null {
  if (ev.reportable === false) return null;
  const spans: number[] = [];
  if (ev.patientImpact === 'death') spans.push(s.deathDays * DAY);
  if (ev.patientImpact === 'serious_injury') spans.push(s.seriousInjuryDays * DAY);
  if (ev.patientImpact === 'other') spans.push(s.otherDays * DAY);
  if (ev.groupEvent) spans.push(s.groupEventHours * HOUR);
  if (spans.length === 0) return null;
  return new Date(ev.awareAt.getTime() + Math.min(...spans));
}

export type ClockState = 'none' | 'running' | 'warning' | 'breached' | 'met' | 'met_late';

/** Where the clock stands at `now`: running, warning (half gone or the last day), breached, or met by the submission. */
export function clockOf(awareAt: Date, dueAt: Date | null, submittedAt: Date | null, now: Date): { state: ClockState; remainingMs: number | null } {
  if (!dueAt) return { state: 'none', remainingMs: null };
  if (submittedAt) return { state: submittedAt.getTime() <= dueAt.getTime() ? 'met' : 'met_late', remainingMs: null };
  const remainingMs = dueAt.getTime() - now.getTime();
  if (remainingMs < 0) return { state: 'breached', remainingMs };
  return { state: dueWarnings(awareAt, dueAt, now).length ? 'warning' : 'running', remainingMs };
}

/**
 * The warning levels due at `now` for an unsubmitted event: `half` once half the time is gone,
 * `last_day` when a day or less is left (for a clock of more than two days), `breached` after the
 * deadline. The job sends each level once (a unique row per event, level and deadline).
 */
export function dueWarnings(awareAt: Date, dueAt: Date, now: Date): WarningLevel[] {
  const span = dueAt.getTime() - awareAt.getTime();
  const left = dueAt.getTime() - now.getTime();
  const out: WarningLevel[] = [];
  if (left <= span / 2) out.push('half');
  if (span > 2 * DAY && left <= DAY) out.push('last_day');
  if (left < 0) out.push('breached');
  return out;
}

/** The device problem as the cluster watch compares it: lower case, no spaces or punctuation. */
export function faultKey(text: string | null | undefined): string | null {
  const k = (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  return k.length ? k.slice(0, 200) : null;
}

export interface ClusterSettings {
  clusterMinCustomers: number;
  clusterWindowDays: number;
}
export interface ClusterInput {
  id: string;
  modelId: string;
  faultKey: string;
  faultLabel: string;
  customerId: string;
  awareAt: Date;
}
export interface Cluster {
  modelId: string;
  faultKey: string;
  faultLabel: string;
  customerCount: number;
  eventIds: string[];
  firstAwareAt: Date;
  lastAwareAt: Date;
}

/**
 * Cluster watch (issue 14 §2): the same model and the same fault reported from at least
 * `clusterMinCustomers` different hospitals within the last `clusterWindowDays` → a possible group event.
 */
export function findClusters(events: readonly ClusterInput[], s: ClusterSettings, now: Date): Cluster[] {
  const from = now.getTime() - s.clusterWindowDays * DAY;
  const groups = new Map<string, ClusterInput[]>();
  for (const e of events) {
    if (e.awareAt.getTime() < from || e.awareAt.getTime() > now.getTime()) continue;
    const k = `${e.modelId}\u0000${e.faultKey}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const out: Cluster[] = [];
  for (const g of groups.values()) {
    const customers = new Set(g.map((e) => e.customerId));
    if (customers.size < s.clusterMinCustomers) continue;
    const sorted = [...g].sort((a, b) => a.awareAt.getTime() - b.awareAt.getTime());
    out.push({
      modelId: g[0].modelId,
      faultKey: g[0].faultKey,
      faultLabel: sorted[0].faultLabel,
      customerCount: customers.size,
      eventIds: sorted.map((e) => e.id),
      firstAwareAt: sorted[0].awareAt,
      lastAwareAt: sorted[sorted.length - 1].awareAt,
    });
  }
  return out.sort((a, b) => b.customerCount - a.customerCount || a.faultKey.localeCompare(b.faultKey));
}

export type AeRefusal = 'ae_not_reportable' | 'ae_device_required' | 'ae_bad_state' | 'ae_not_decided';

/** Why the initial report cannot be submitted (R-REG-2), or null. The form's own gaps are checked apart. */
export function aeSubmitRefusal(ev: { state: AeState; reportable: boolean | null; deviceId: string | null }): AeRefusal | null {
  if (ev.state !== 'draft') return 'ae_bad_state';
  if (ev.reportable === null) return 'ae_not_decided';
  if (ev.reportable === false) return 'ae_not_reportable';
  if (!ev.deviceId) return 'ae_device_required';
  return null;
}

/** Closing needs the evaluation and either a filed report or a decision that it is not reportable. */
export function aeCloseRefusal(ev: { state: AeState; reportable: boolean | null }): AeRefusal | null {
  if (ev.state === 'reported' || ev.state === 'follow_up') return null;
  if (ev.state === 'draft' && ev.reportable === false) return null;
  if (ev.state === 'draft') return ev.reportable === null ? 'ae_not_decided' : 'ae_bad_state';
  return 'ae_bad_state';
}
