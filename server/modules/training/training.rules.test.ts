// Pure training rules (R-TR-1; seed 003 维修人员必须经培训合格后方可上岗).
import { describe, expect, it } from 'vitest';
import {
  assessmentAverage,
  canUpdateSession,
  dayIn,
  expiringSoon,
  isCertificateNumber,
  isQualified,
  passes,
  qualificationState,
  sessionCompleted,
  validOn,
} from './training.rules.ts';

describe('R-TR-1 assessment and certificate', () => {
  it('a score at the pass mark passes, one below fails; the default pass mark is 60', () => {
    expect(passes(60)).toBe(true);
    expect(passes(59)).toBe(false);
    expect(passes(75, 80)).toBe(false);
    expect(passes(80, 80)).toBe(true);
    expect(passes(0, 0)).toBe(true);
  });
  it('certificate numbers follow the yearly business-number scheme PX-YYYY-NNNNNN', () => {
    expect(isCertificateNumber('PX-2026-000123')).toBe(true);
    expect(isCertificateNumber('PX-2026-1234567')).toBe(true);
    expect(isCertificateNumber('PX-26-000123')).toBe(false);
    expect(isCertificateNumber('BX-2026-000123')).toBe(false);
  });
  it('the assessment average counts only the scores given', () => {
    expect(assessmentAverage([80, null, 91])).toBe(85.5);
    expect(assessmentAverage([null, undefined])).toBeNull();
  });
});

describe('R-TR-1 qualification validity (seed 001 经过严格的培训和考核后上岗)', () => {
  const q = { userId: 'u1', modelId: 'm1', grantedOn: '2026-01-10', expiresOn: '2027-01-10' };
  it('valid from the granted day through the day before expiry; the expiry day is not covered', () => {
    expect(validOn(q, '2026-01-09')).toBe(false);
    expect(validOn(q, '2026-01-10')).toBe(true);
    expect(validOn(q, '2027-01-09')).toBe(true);
    expect(validOn(q, '2027-01-10')).toBe(false);
  });
  it('isQualified(engineer, model, at): another model or engineer does not count; a lapsed one is "expired", none is "none"', () => {
    expect(isQualified([q], 'u1', 'm1', '2026-06-01')).toBe(true);
    expect(isQualified([q], 'u1', 'm2', '2026-06-01')).toBe(false);
    expect(isQualified([q], 'u2', 'm1', '2026-06-01')).toBe(false);
    expect(qualificationState([q], 'u1', 'm1', '2027-01-10')).toBe('expired');
    expect(qualificationState([q], 'u1', 'm1', '2025-12-31')).toBe('none');
    expect(qualificationState([q, { ...q, grantedOn: '2027-01-05', expiresOn: '2028-01-05' }], 'u1', 'm1', '2027-06-01')).toBe('qualified');
  });
  it('expiring within 30 days: still valid and the expiry within the window', () => {
    expect(expiringSoon(q, '2026-12-11')).toBe(true);
    expect(expiringSoon(q, '2026-12-10')).toBe(false);
    expect(expiringSoon(q, '2027-01-10')).toBe(false);
  });
  it('the day is the calendar day in the service time zone', () => {
    expect(dayIn(new Date('2026-12-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dayIn(new Date('2026-12-31T17:00:00Z'), 'UTC')).toBe('2026-12-31');
  });
});

describe('R-TR-1 a session is planned until an assessment is recorded (the rule behind abilities.update and the 409)', () => {
  it.each([
    ['no attendees yet', [], true, false, true],
    ['attendees without scores', [{ score: null }, { score: null }], true, false, true],
    ['one attendee assessed (even failed)', [{ score: null }, { score: 40 }], true, true, false],
    ['all assessed', [{ score: 90 }], true, true, false],
    ['planned, but the caller may not manage training', [], false, false, false],
  ] as const)('%s', (_, attendees, mayManage, completed, update) => {
    expect(sessionCompleted(attendees)).toBe(completed);
    expect(canUpdateSession(mayManage, attendees)).toBe(update);
  });
});
