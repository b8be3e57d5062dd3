// The escalation ladder's pure rules (技术支持升级, issue 15 §2, R-ESC-1): which time-based step is due
// for a job still unresolved, whether a question may go up to a tier, what each step may do now,
// and when an unanswered question is overdue. Hours are plain (calendar) hours since the request
// was received — an emergency does not wait for office hours.

export type Tier = 'L1' | 'L2' | 'L3';
export type ExpertTier = 'L2' | 'L3';
export type EscalationStatus = 'open' | 'answered' | 'closed';
export type Urgency = 'emergency' | 'urgent' | 'normal' | 'low';

export interface LadderHours {
  l2AfterHours: number | null;
  l3AfterHours: number | null;
}

const HOUR = 3_600_000;
/** An open question unanswered this long is overdue (shown in the list and filtered). */
export const ANSWER_DUE_HOURS = 4;
/** The steps of a job that count as no longer needing the ladder (the unit is working again). */
export const SETTLED_STATUSES = ['resolved', 'signed_off', 'reviewed', 'closed', 'cancelled'] as const;

const rank = (t: Tier) => Number(t.slice(1));

/**
 * R-ESC-1: the auto-escalation steps due for a job of this urgency received at `receivedAt`, not yet
 * fired (`fired`), still unresolved at `now`. Both steps may be due at once (a late sweep): L2 then L3.
 */
export function dueLadderSteps(settings: LadderHours | undefined, receivedAt: Date, now: Date, fired: readonly ExpertTier[] = []): ExpertTier[] {
  if (!settings) return [];
  const elapsed = (now.getTime() - receivedAt.getTime()) / HOUR;
  const due: ExpertTier[] = [];
  if (settings.l2AfterHours !== null && elapsed >= settings.l2AfterHours && !fired.includes('L2')) due.push('L2');
  if (settings.l3AfterHours !== null && elapsed >= settings.l3AfterHours && !fired.includes('L3')) due.push('L3');
  return due;
}

/** R-ESC-1: a question goes up the ladder only (L1 → L2 → L3, or L1 → L3 directly). */
export function ladderOrderRefusal(from: Tier, to: Tier): 'escalation_tier_order' | null {
  return rank(to) > rank(from) ? null : 'escalation_tier_order';
}

/** Settings: L3 after L2 when both are set; hours within a month. */
export function ladderHoursRefusal(s: LadderHours): 'escalation_hours_order' | null {
  if (s.l2AfterHours !== null && s.l3AfterHours !== null && s.l3AfterHours <= s.l2AfterHours) return 'escalation_hours_order';
  return null;
}

/** The caller's tier when asking: an expert asks from his tier, anyone else from the field (L1). */
export const askingTier = (expertTier: ExpertTier | null): Tier => expertTier ?? 'L1';

/** Whether an escalation that is still open has waited too long for its answer. */
export function answerOverdue(e: { status: EscalationStatus; askedAt: Date }, now: Date): boolean {
  return e.status === 'open' && now.getTime() - e.askedAt.getTime() > ANSWER_DUE_HOURS * HOUR;
}

export interface EscalationCapacity {
  /** The assigned expert, or an expert of the asked tier, or a user with the technical_expert role (L2). */
  expert: boolean;
  /** The person who asked, the job's lead, or a manager. */
  owner: boolean;
}

/** What may be done on an escalation now, by capacity and state (refusals are 409 when the state forbids). */
export function escalationAbilities(status: EscalationStatus, c: EscalationCapacity) {
  return {
    answer: c.expert && status !== 'closed',
    guidance: c.expert && status !== 'closed',
    close: (c.owner || c.expert) && status !== 'closed',
  };
}
