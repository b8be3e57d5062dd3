// Monthly appraisal of each engineer (月度考核, R-AP-1, issue 15 §3; seed 002 §17 and its annexes
// 售后服务人员/组长月考核办法): the month's KPIs, the customers' ratings (survey scores), the
// supervisor's assessment, penalties (乐捐) and rewards, acknowledged by the employee.

export const APPRAISAL_STATUSES = ['draft', 'assessed', 'acknowledged'] as const;
export type AppraisalStatus = (typeof APPRAISAL_STATUSES)[number];
export const ITEM_KINDS = ['penalty', 'reward'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Default 乐捐 for one verified complaint (CNY); the seed leaves the amount to the complaint rules. */
export const DEFAULT_COMPLAINT_PENALTY = 100;

export interface ComplaintForPenalty {
  id: string;
  substantiated: boolean | null;
  repeatOfId: string | null;
  responsibleId: string | null;
}

/**
 * 乐捐 for a complaint (seed 002: 客户反映的问题经查属实的…由责任人乐捐; 重复反映，加倍乐捐;
 * 无法找到直接责任人的，由售后服务组长乐捐): only a verified complaint costs; a repeat costs
 * double; without a responsible person the team lead bears it.
 */
export function complaintPenalty(
  c: ComplaintForPenalty,
  teamLeadId: string,
  base = DEFAULT_COMPLAINT_PENALTY,
): { bearerId: string; amount: number; repeat: boolean } | null {
  if (c.substantiated !== true) return null;
  const repeat = c.repeatOfId !== null;
  return { bearerId: c.responsibleId ?? teamLeadId, amount: repeat ? base * 2 : base, repeat };
}

/** KPI part of the score: the mean of the attainment-type KPIs the engineer has (0..100). */
export function kpiScore(v: {
  firstTimeFixRate: number | null;
  respondAttainment: number | null;
  arriveAttainment: number | null;
  followupsOnTimeRate: number | null;
}): number | null {
  const xs = [v.firstTimeFixRate, v.respondAttainment, v.arriveAttainment, v.followupsOnTimeRate].filter((x): x is number => x !== null);
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
}

/**
 * The month's score (0..100): KPIs 40 %, customer rating 30 % (survey mean of 4 → 100), supervisor
 * 30 %; a missing part's weight goes to the others. null when nothing is known.
 */
export function appraisalScore(kpi: number | null, rating: number | null, supervisor: number | null): number | null {
  const parts: [number, number][] = [];
  if (kpi !== null) parts.push([kpi, 0.4]);
  if (rating !== null) parts.push([(rating / 4) * 100, 0.3]);
  if (supervisor !== null) parts.push([supervisor, 0.3]);
  const w = parts.reduce((a, [, x]) => a + x, 0);
  if (!w) return null;
  return Math.round((parts.reduce((a, [s, x]) => a + s * x, 0) / w) * 10) / 10;
}

/** Why an appraisal may not take this step now, or null. */
export function appraisalStepRefusal(
  status: AppraisalStatus,
  step: 'assess' | 'item' | 'acknowledge',
): 'appraisal_acknowledged' | 'appraisal_not_assessed' | null {
  if (status === 'acknowledged') return 'appraisal_acknowledged';
  if (step === 'acknowledge' && status !== 'assessed') return 'appraisal_not_assessed';
  return null;
}

/** Only the appraised employee acknowledges (签字确认). */
export const mayAcknowledge = (engineerId: string, callerId: string) => engineerId === callerId;

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
