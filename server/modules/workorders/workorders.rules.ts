// Work-order lifecycle (R-WO-1) as a pure state machine: which step may follow which, and
// who may take it. Services call `assertTransition` inside the transaction that changes the
// status; the database also refuses unknown statuses (enum).
import { workOrderStatus } from '../../db/enums.ts';
import type { Role } from '../../lib/access.ts';
import { type EvidenceStage, evidenceMissing, type VisitEvidence } from './workorders.evidence.ts';
import { KIND_STATUSES, REVIEW_FIELDS, type WorkOrderKind } from './workorders.kinds.ts';

export const WORK_ORDER_STATUSES = workOrderStatus.enumValues;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export type Actor = 'lead' | 'helper' | 'dispatch' | 'review' | 'customer' | 'manager';

interface Step {
  to: WorkOrderStatus;
  /** Who may take the step: the assigned engineers, dispatchers, reviewers, … */
  by: readonly Actor[];
  /** A reason is required (cancel, send back, reassign). */
  reason?: boolean;
}

const ENGINEER: readonly Actor[] = ['lead', 'helper'];
const ON_SITE_WORK: readonly Actor[] = ['lead', 'helper'];

/** The graph of R-WO-1: new → dispatched → accepted → on_the_way → on_site → (waiting_parts | taken_back) → resolved → signed_off → reviewed → closed, with cancelled. */
export const TRANSITIONS: Record<WorkOrderStatus, readonly Step[]> = {
  new: [
    { to: 'dispatched', by: ['dispatch', 'manager'] },
    { to: 'cancelled', by: ['dispatch', 'manager'], reason: true },
  ],
  dispatched: [
    { to: 'accepted', by: ['lead'] },
    { to: 'dispatched', by: ['dispatch', 'manager'], reason: true }, // reassigned
    { to: 'cancelled', by: ['dispatch', 'manager'], reason: true },
  ],
  accepted: [
    { to: 'on_the_way', by: ENGINEER },
    { to: 'on_site', by: ENGINEER }, // engineer already at the hospital
    { to: 'resolved', by: ['lead'] }, // solved remotely by phone
    { to: 'dispatched', by: ['dispatch', 'manager'], reason: true },
    { to: 'cancelled', by: ['dispatch', 'manager'], reason: true },
  ],
  on_the_way: [
    { to: 'on_site', by: ENGINEER },
    { to: 'dispatched', by: ['dispatch', 'manager'], reason: true },
    { to: 'cancelled', by: ['dispatch', 'manager'], reason: true },
  ],
  on_site: [
    { to: 'waiting_parts', by: ON_SITE_WORK, reason: true },
    { to: 'taken_back', by: ['lead'] },
    { to: 'resolved', by: ['lead'] },
  ],
  waiting_parts: [
    { to: 'on_site', by: ENGINEER },
    { to: 'on_the_way', by: ENGINEER },
    { to: 'resolved', by: ['lead'] },
  ],
  taken_back: [{ to: 'resolved', by: ['lead'] }], // returned repaired; the receipt closes then
  resolved: [
    { to: 'signed_off', by: ['customer', 'lead'] }, // signature recorded on the engineer's phone or the portal
    { to: 'on_site', by: ['lead'], reason: true }, // not fixed after all
  ],
  signed_off: [
    { to: 'reviewed', by: ['review'] },
    { to: 'resolved', by: ['review'], reason: true }, // sent back: report incomplete; a new version must be signed
  ],
  reviewed: [{ to: 'closed', by: ['review', 'manager'] }],
  closed: [],
  cancelled: [],
};

export type TransitionRefusal =
  | 'illegal_transition'
  | 'not_allowed_actor'
  | 'reason_required'
  | 'installation_not_commissioned'
  | 'maintenance_evidence_missing'
  | 'quote_not_accepted';

/**
 * What a work order is joined with elsewhere (issue 12 items 2 and 5), read by the command and the
 * screen alike: the installation record a kind-'installation' job was opened for by its notice.
 */
export interface WorkOrderLinks {
  installation?: { status: string } | null;
  /** Issue 13 §2 (R-PM-2): a maintenance job's visit evidence; null when no record was opened. Absent: not read. */
  maintenance?: { evidence: VisitEvidence | null };
  /** R-WX-1 (issue 15 §4): a confirmed warranty exclusion whose quote the customer has not accepted yet. Absent: not read. */
  quote?: { awaitingQuote: boolean };
}

/** Issue 13 §2: which evidence a maintenance job needs to take a step to `to`; null when the step needs none. */
export function evidenceStageOf(from: WorkOrderStatus, to: WorkOrderStatus): EvidenceStage | null {
  if ((to === 'resolved' && from !== 'signed_off') || to === 'signed_off') return 'visit';
  if (to === 'reviewed' || to === 'closed') return 'signed';
  return null;
}

/** Installation statuses at or after commissioning (consent + signature recorded, seed 003). */
export const COMMISSIONED: ReadonlySet<string> = new Set(['commissioned', 'accepted', 'handed_over']);

/**
 * The joined step machines, one direction only: an installation job cannot be resolved (= installed
 * and commissioned) before its installation record is commissioned with the customer's consent.
 * A job with no installation record (created directly by the office) is not held back; a report
 * sent back from signed_off returns to resolved without a new check.
 */
export function linkRefusal(from: WorkOrderStatus, to: WorkOrderStatus, kind: WorkOrderKind, links?: WorkOrderLinks): TransitionRefusal | null {
  // R-WX-1: the customer is told before the work goes on — an excluded job is not resolved (nor
  // taken back for repair) until its quote is accepted; diagnosis on site and waiting are free.
  if (links?.quote?.awaitingQuote && (to === 'resolved' || to === 'taken_back') && from !== 'signed_off') return 'quote_not_accepted';
  // R-PM-2 (issue 13 §2): a maintenance visit without its evidence is not resolved, signed or closed.
  if (kind === 'maintenance') {
    const stage = evidenceStageOf(from, to);
    if (!stage || !links?.maintenance) return null;
    return evidenceMissing(links.maintenance.evidence, stage).length ? 'maintenance_evidence_missing' : null;
  }
  if (kind !== 'installation' || to !== 'resolved' || from === 'signed_off') return null;
  const inst = links?.installation;
  return inst && !COMMISSIONED.has(inst.status) ? 'installation_not_commissioned' : null;
}

/** The steps out of `from` that a work order of this kind has (workorders.kinds KIND_STATUSES, issue 12). */
export function stepsOfKind(from: WorkOrderStatus, kind: WorkOrderKind = 'repair'): readonly Step[] {
  const statuses = KIND_STATUSES[kind];
  return kind === 'repair' ? TRANSITIONS[from] : TRANSITIONS[from].filter((s) => statuses.has(s.to));
}

export function checkTransition(
  from: WorkOrderStatus,
  to: WorkOrderStatus,
  actors: readonly Actor[],
  reason?: string | null,
  kind: WorkOrderKind = 'repair',
  links?: WorkOrderLinks,
): TransitionRefusal | null {
  const step = stepsOfKind(from, kind).find((s) => s.to === to);
  if (!step) return 'illegal_transition';
  if (!step.by.some((a) => actors.includes(a))) return 'not_allowed_actor';
  const linked = linkRefusal(from, to, kind, links);
  if (linked) return linked;
  if (step.reason && !reason?.trim()) return 'reason_required';
  return null;
}

export function nextSteps(from: WorkOrderStatus, actors: readonly Actor[], kind: WorkOrderKind = 'repair', links?: WorkOrderLinks): WorkOrderStatus[] {
  return stepsOfKind(from, kind)
    .filter((s) => s.by.some((a) => actors.includes(a)) && !linkRefusal(from, s.to, kind, links))
    .map((s) => s.to);
}

// ---- the obvious next step (issue 10 item 10) -------------------------------------------

/**
 * What the process expects next from each state (R-WO-1), best first. The first of these the
 * user may take is their primary action; any other step they may take is secondary, or — when it
 * goes backwards (reassign, reopen, send back) or cancels — placed after it, never primary.
 */
export const EXPECTED_NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  new: ['dispatched'],
  dispatched: ['accepted'],
  accepted: ['on_the_way', 'on_site'],
  on_the_way: ['on_site'],
  on_site: ['resolved'],
  waiting_parts: ['on_site', 'on_the_way'], // the parts came: back to the device
  taken_back: ['resolved'], // the unit comes back repaired (the return closes the receipt, R-WO-3)
  resolved: ['signed_off'], // the customer signs (R-WO-4)
  signed_off: ['reviewed'], // customer service approves and archives (R-WO-5)
  reviewed: ['closed'],
  closed: [],
  cancelled: [],
};

/** How the web takes a step: a plain transition, or the screen that carries its data. */
export type ActionVia = 'transition' | 'dispatch' | 'sign' | 'review' | 'take_back' | 'return_unit';
/** primary: the expected step; secondary: another way forward; back: undoes progress; cancel: ends the job. */
export type ActionEmphasis = 'primary' | 'secondary' | 'back' | 'cancel';
export interface WorkOrderAction {
  to: WorkOrderStatus;
  via: ActionVia;
  emphasis: ActionEmphasis;
  /** The step takes a reason (R-WO-1: cancel, reassign, reopen, send back, waiting for parts). */
  reason: boolean;
}

const ORDER: Record<WorkOrderStatus, number> = Object.fromEntries(WORK_ORDER_STATUSES.map((s, i) => [s, i])) as Record<WorkOrderStatus, number>;

function viaOf(from: WorkOrderStatus, to: WorkOrderStatus): ActionVia {
  if (to === 'dispatched') return 'dispatch';
  if (to === 'signed_off') return 'sign';
  if (from === 'signed_off') return 'review';
  if (to === 'taken_back') return 'take_back';
  if (from === 'taken_back') return 'return_unit';
  return 'transition';
}

/**
 * The user's actions on a work order, primary first: the first expected step they may take,
 * then the other forward steps, then steps back, then cancel. One table for server and web.
 */
export function actionsFor(from: WorkOrderStatus, actors: readonly Actor[], kind: WorkOrderKind = 'repair', links?: WorkOrderLinks): WorkOrderAction[] {
  const allowed = stepsOfKind(from, kind).filter((s) => s.by.some((a) => actors.includes(a)) && !linkRefusal(from, s.to, kind, links));
  const primary = EXPECTED_NEXT[from].find((to) => allowed.some((s) => s.to === to));
  const emphasis = (to: WorkOrderStatus): ActionEmphasis => {
    if (to === 'cancelled') return 'cancel';
    if (to === primary) return 'primary';
    // waiting_parts and taken_back leave the main line but are not a step back.
    if (ORDER[to] <= ORDER[from] && !(from === 'waiting_parts' && (to === 'on_site' || to === 'on_the_way'))) return 'back';
    return 'secondary';
  };
  const rank: Record<ActionEmphasis, number> = { primary: 0, secondary: 1, back: 2, cancel: 3 };
  return allowed
    .map((s) => ({ to: s.to, via: viaOf(from, s.to), emphasis: emphasis(s.to), reason: Boolean(s.reason) }))
    .sort((a, b) => rank[a.emphasis] - rank[b.emphasis]);
}

/** A user's capacities on one work order, from their roles and assignment. */
export function actorsFor(roles: readonly Role[], assignment: 'lead' | 'helper' | null, isCustomerOfOrder: boolean): Actor[] {
  const out: Actor[] = [];
  if (assignment) out.push(assignment);
  if (roles.includes('dispatcher')) out.push('dispatch', 'review'); // customer service reviews reports (R-WO-5)
  if (roles.includes('service_manager')) out.push('dispatch', 'review', 'manager');
  if (roles.includes('admin')) out.push('manager');
  if (roles.includes('customer_user') && isCustomerOfOrder) out.push('customer');
  return [...new Set(out)];
}

/** Statuses whose content is frozen: signed or beyond. Changing it needs a new version. */
export const FROZEN: ReadonlySet<WorkOrderStatus> = new Set(['signed_off', 'reviewed', 'closed']);
/**
 * R-WO-3: the unit is in the workshop — repair-card entries are written and the unit is returned
 * only now (workorders.takeback.ts refuses otherwise; the abilities offer them by the same rule).
 */
export const inWorkshop = (status: WorkOrderStatus) => status === 'taken_back';
export const OPEN: ReadonlySet<WorkOrderStatus> = new Set(['new', 'dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back']);

export interface ReportContent {
  category: 'paid' | 'contract' | 'warranty' | 'internal';
  arrivedAt: Date | null;
  phenomenon: string | null;
  cause: string | null;
  actions: string | null;
  testResults: string | null;
  labourMinutes: number;
  kind?: WorkOrderKind;
}

/**
 * R-WO-5: what a service report must hold before it can be archived. A repair report needs the
 * fault phenomenon, the actions and the verification after repair (维修验证); a repair done
 * on site needs the cause; a paid job needs the labour time it bills. Other kinds need their
 * own fields (workorders.kinds REVIEW_FIELDS, issue 12).
 */
export function missingForReview(c: ReportContent): string[] {
  const missing: string[] = [];
  const fields = REVIEW_FIELDS[c.kind ?? 'repair'];
  const blank = (v: string | null) => !v?.trim();
  if (fields.includes('phenomenon') && blank(c.phenomenon)) missing.push('phenomenon');
  if (fields.includes('cause') && c.arrivedAt && blank(c.cause)) missing.push('cause');
  if (fields.includes('actions') && blank(c.actions)) missing.push('actions');
  if (fields.includes('testResults') && blank(c.testResults)) missing.push('testResults');
  if (c.category === 'paid' && c.labourMinutes <= 0) missing.push('labourMinutes');
  return missing;
}

// R-WO-4: the signature check is shared with the installation's acceptance signatures.
export { isPngDataUrl, PNG_MAX_SIDE } from '../../lib/signature.ts';

/** Issue 16 §1: how far ahead of the server's clock a phone's clock may run before its step time is refused. */
export const CLIENT_CLOCK_SKEW_MS = 2 * 60 * 1000;

export type ClientTimeRefusal = 'client_time_in_future' | 'client_time_before_work_order';

/**
 * Issue 16 §1 (R-WO-1 event times): a step recorded offline carries the phone's time, which becomes
 * the event time. Refused when it lies in the future beyond a small clock skew, or before the work
 * order existed; otherwise null (the step is stored at that time, received now).
 */
export function clientTimeRefusal(clientAt: Date, receivedAt: Date, workOrderCreatedAt: Date): ClientTimeRefusal | null {
  if (clientAt.getTime() > receivedAt.getTime() + CLIENT_CLOCK_SKEW_MS) return 'client_time_in_future';
  if (clientAt.getTime() < workOrderCreatedAt.getTime()) return 'client_time_before_work_order';
  return null;
}
