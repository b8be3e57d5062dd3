import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import { clockTimes, DEFAULT_POLICY, loanerNeeded, loanerPlan, outcomeOf, resumedTimes, targetFor } from './sla.rules.ts';

const cal = defaultChinaCalendar();
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('R-SLA-2 default targets', () => {
  it.each([
    ['normal', 'urban', 'arrive', 180, 'working'],
    ['normal', 'suburban', 'arrive', 420, 'working'],
    ['normal', 'remote', 'arrive', 2880, 'calendar'],
    ['urgent', 'urban', 'respond', 60, 'working'],
    ['emergency', 'urban', 'respond', 15, 'calendar'],
    ['emergency', 'remote', 'arrive', 120, 'calendar'],
  ] as const)('%s request, %s site: %s within %i %s minutes', (urgency, region, kind, minutes, basis) => {
    expect(targetFor(DEFAULT_POLICY, kind, urgency, region)).toEqual({ minutes, basis });
  });
});

describe('R-SLA-1/4 clocks', () => {
  it('an urban arrival clock started Friday 16:00 is due Monday 10:00 and warns at 75 %', () => {
    const t = targetFor(DEFAULT_POLICY, 'arrive', 'normal', 'urban');
    const { dueAt, warnAt } = clockTimes(cal, DEFAULT_POLICY, sh('2026-11-27T16:00:00'), t);
    expect(iso(dueAt)).toBe(iso(sh('2026-11-30T10:00:00')));
    // 135 working minutes: 90 on Friday, 45 on Monday
    expect(iso(warnAt)).toBe(iso(sh('2026-11-30T09:15:00')));
  });

  it('an emergency arrival runs in calendar time through the night and holidays', () => {
    const t = targetFor(DEFAULT_POLICY, 'arrive', 'emergency', 'urban');
    const { dueAt, warnAt } = clockTimes(cal, DEFAULT_POLICY, sh('2026-10-01T23:30:00'), t);
    expect(iso(dueAt)).toBe(iso(sh('2026-10-02T01:30:00')));
    expect(iso(warnAt)).toBe(iso(sh('2026-10-02T01:00:00')));
  });

  it('a clock paused while waiting for the customer keeps the time it had left', () => {
    const t = targetFor(DEFAULT_POLICY, 'arrive', 'normal', 'urban');
    const due = clockTimes(cal, DEFAULT_POLICY, sh('2026-11-23T09:00:00'), t); // due 12:00, warn 11:15
    const resumed = resumedTimes(cal, t, sh('2026-11-23T10:00:00'), sh('2026-11-24T14:00:00'), due);
    expect(iso(resumed.dueAt)).toBe(iso(sh('2026-11-24T16:00:00')));
    expect(iso(resumed.warnAt)).toBe(iso(sh('2026-11-24T15:15:00')));
  });

  it('a clock paused after its warning keeps the warning where it was', () => {
    const t = targetFor(DEFAULT_POLICY, 'arrive', 'normal', 'urban');
    const due = clockTimes(cal, DEFAULT_POLICY, sh('2026-11-23T09:00:00'), t);
    const resumed = resumedTimes(cal, t, sh('2026-11-23T11:30:00'), sh('2026-11-23T14:00:00'), due);
    expect(iso(resumed.dueAt)).toBe(iso(sh('2026-11-23T14:30:00')));
    expect(iso(resumed.warnAt)).toBe(iso(due.warnAt));
  });

  it('stopping on or before the due instant is met, after it breached', () => {
    const due = sh('2026-11-23T12:00:00');
    expect(outcomeOf(due, sh('2026-11-23T12:00:00'))).toBe('met');
    expect(outcomeOf(due, sh('2026-11-23T12:00:01'))).toBe('breached');
  });
});

describe('R-SLA-3 loaner', () => {
  it.each([
    [
      'arrived 2 h after the request: raised at arrival + 12 h, due at request + 24 h',
      '2026-11-23T08:00:00',
      '2026-11-23T10:00:00',
      '2026-11-23T22:00:00',
      '2026-11-24T08:00:00',
    ],
    [
      'arrived 20 h after the request (remote): due no earlier than it is raised',
      '2026-11-23T08:00:00',
      '2026-11-24T04:00:00',
      '2026-11-24T16:00:00',
      '2026-11-24T16:00:00',
    ],
  ])('%s', (_s, received, arrived, raise, due) => {
    const plan = loanerPlan(DEFAULT_POLICY, sh(received), sh(arrived));
    expect(iso(plan.raiseAt)).toBe(iso(sh(raise)));
    expect(iso(plan.dueAt)).toBe(iso(sh(due)));
  });

  it.each([
    ['not restored at the 12-hour mark', null, '2026-11-23T22:00:00', true],
    ['one minute before the mark', null, '2026-11-23T21:59:00', false],
    ['restored before the mark', '2026-11-23T21:00:00', '2026-11-24T09:00:00', false],
    ['restored after the mark', '2026-11-23T23:00:00', '2026-11-24T09:00:00', true],
  ] as const)('%s → loaner needed: %s', (_s, restored, now, needed) => {
    expect(loanerNeeded(DEFAULT_POLICY, sh('2026-11-23T10:00:00'), restored ? sh(restored) : null, sh(now))).toBe(needed);
  });
});
