// Pure training rules (R-TR-1; seed 001 经过严格的培训和考核后上岗; seed 003 维修人员必须经培训合格后方可上岗).

/** Default pass mark of a customer training assessment (R-TR-1). */
export const DEFAULT_PASS_MARK = 60;
/** Days ahead in which a qualification counts as "expiring" for the manager. */
export const EXPIRING_WITHIN_DAYS = 30;

/** R-TR-1: a score at or above the session's pass mark passes. */
export function passes(score: number, passMark = DEFAULT_PASS_MARK): boolean {
  return score >= passMark;
}

/** Certificate numbers are yearly business numbers: PX-2026-000123 (migration 0038 sequence). */
export const CERTIFICATE_PREFIX = 'PX';
export const CERTIFICATE_NUMBER = /^PX-\d{4}-\d{6,}$/;
export const isCertificateNumber = (s: string) => CERTIFICATE_NUMBER.test(s);

export interface QualificationLike {
  userId: string;
  modelId: string | null;
  skill?: string | null;
  grantedOn: string;
  expiresOn: string;
}

/** A calendar day YYYY-MM-DD of `at` in the time zone (one implementation: lib/calendar.ts). */
export { dateIn as dayIn } from '../../lib/calendar.ts';

/**
 * R-TR-1 (seed 003 必须经培训合格后方可上岗): valid on `day` when granted on or before it and
 * expiring after it — the expiry day itself is no longer covered.
 */
export function validOn(q: Pick<QualificationLike, 'grantedOn' | 'expiresOn'>, day: string): boolean {
  return q.grantedOn <= day && day < q.expiresOn;
}

export type QualificationState = 'qualified' | 'expired' | 'none';

/** The engineer's standing for a model on `day`: a valid qualification, only lapsed ones, or none. */
export function qualificationState(qs: readonly QualificationLike[], userId: string, modelId: string, day: string): QualificationState {
  const mine = qs.filter((q) => q.userId === userId && q.modelId === modelId);
  if (mine.some((q) => validOn(q, day))) return 'qualified';
  return mine.some((q) => q.grantedOn <= day) ? 'expired' : 'none';
}

/** isQualified(engineer, model, at) as the dispatch rule asks it. */
export function isQualified(qs: readonly QualificationLike[], userId: string, modelId: string, day: string): boolean {
  return qualificationState(qs, userId, modelId, day) === 'qualified';
}

/** Still valid on `day` and expiring within `days` days (the manager's list). */
export function expiringSoon(q: Pick<QualificationLike, 'grantedOn' | 'expiresOn'>, day: string, days = EXPIRING_WITHIN_DAYS): boolean {
  if (!validOn(q, day)) return false;
  const limit = new Date(`${day}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return q.expiresOn <= limit.toISOString().slice(0, 10);
}

/** The average of the assessments given (self / supervisor / customer), or null. */
export function assessmentAverage(scores: readonly (number | null | undefined)[]): number | null {
  const given = scores.filter((s): s is number => typeof s === 'number');
  return given.length ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10 : null;
}

/**
 * R-TR-1: a session is planned until its assessment is recorded — once any attendee has a score
 * (and so possibly a certificate) the session is completed and its facts are read-only. The one
 * rule behind the `abilities.update` the screen reads and the 409 the endpoint answers.
 */
export function sessionCompleted(attendees: readonly { score: number | null }[]): boolean {
  return attendees.some((a) => a.score !== null);
}
export function canUpdateSession(mayManage: boolean, attendees: readonly { score: number | null }[]): boolean {
  return mayManage && !sessionCompleted(attendees);
}
