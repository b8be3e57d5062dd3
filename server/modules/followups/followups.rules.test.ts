// Table tests of the cadence engine (R-FU-1): every default rule, the poor-quality daily loop
// and its resumption, the standing cadences, and the rule version in force at the service.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  type CadenceRules,
  DEFAULT_RULES,
  type DoneFollowUp,
  nextDayWindow,
  nextFollowUps,
  type ServiceType,
  versionInForce,
} from './followups.rules.ts';

const T = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
const h = (n: number) => new Date(T.getTime() + n * 3_600_000);
const d = (n: number) => h(24 * n);
const done = (key: string, at: Date, quality: DoneFollowUp['quality'] = 'normal', track: DoneFollowUp['track'] = 'main'): DoneFollowUp => ({
  key,
  track,
  doneAt: at,
  quality,
});
const brief = (rules: CadenceRules, done_: DoneFollowUp[], endsAt?: Date) =>
  nextFollowUps(rules, { completedAt: T, done: done_, endsAt }).map((f) => ({
    key: f.key,
    earliest: f.earliestAt.toISOString(),
    due: f.dueAt.toISOString(),
  }));
const win = (key: string, earliest: Date, due: Date) => ({ key, earliest: earliest.toISOString(), due: due.toISOString() });

describe('default rules per service type (R-FU-1)', () => {
  const commissioning: ServiceType[] = ['installation', 'upgrade', 'technical_support'];
  it.each(commissioning)('%s: +24 h, +48 h, third within 7 days when quality is normal, then every 15 days up to 90 days', (type) => {
    const r = DEFAULT_RULES[type];
    expect(brief(r, [])).toEqual([win('s1', h(24), h(36))]);
    expect(brief(r, [done('s1', h(25))])).toEqual([win('s2', h(48), h(60))]);
    expect(brief(r, [done('s1', h(25)), done('s2', h(50))])).toEqual([win('s3', h(72), d(7))]);
    const three = [done('s1', h(25)), done('s2', h(50)), done('s3', d(6))];
    expect(brief(r, three)).toEqual([win('r1', d(16), d(21))]);
    // Recurring stops at the horizon.
    const late = [...three, done('r1', d(80))];
    expect(brief(r, late)).toEqual([]);
  });

  it.each(['repair', 'maintenance'] as ServiceType[])('%s: first within 48 h, second within 7 days', (type) => {
    const r = DEFAULT_RULES[type];
    const main = brief(r, []).filter((f) => f.key.startsWith('s'));
    expect(main).toEqual([win('s1', T, h(48))]);
    expect(brief(r, [done('s1', h(20))]).filter((f) => f.key.startsWith('s'))).toEqual([win('s2', h(48), d(7))]);
    expect(brief(r, [done('s1', h(20)), done('s2', d(5))]).filter((f) => f.key.startsWith('s') || f.key.startsWith('r'))).toEqual([]);
  });

  it('repair: quality tracking every 4 weeks for 12 weeks (seed 004 §4.5), maintenance has none', () => {
    const r = DEFAULT_RULES.repair;
    expect(brief(r, []).find((f) => f.key === 't1')).toEqual(win('t1', d(21), d(28)));
    const tracked = [done('t1', d(28), null, 'tracking'), done('t2', d(56), null, 'tracking')];
    expect(brief(r, tracked).find((f) => f.key.startsWith('t'))).toEqual(win('t3', d(77), d(84)));
    expect(brief(r, [...tracked, done('t3', d(84), null, 'tracking')]).find((f) => f.key.startsWith('t'))).toBeUndefined();
    expect(brief(DEFAULT_RULES.maintenance, []).map((f) => f.key)).toEqual(['s1']);
  });

  it('warranty period: on site every 3 months, phone monthly, nothing after the warranty ends (seed 003 §6)', () => {
    const r = DEFAULT_RULES.warranty_period;
    const end = addMonths(T, 12);
    expect(brief(r, [], end)).toEqual([
      win('o1', d(92 - 7), addMonths(T, 3)),
      win('p1', new Date(addMonths(T, 1).getTime() - 7 * 86_400_000), addMonths(T, 1)),
    ]);
    const fourOnsite = ['o1', 'o2', 'o3', 'o4'].map((k, i) => done(k, addMonths(T, 3 * (i + 1)), null, 'onsite'));
    expect(brief(r, fourOnsite, end).map((f) => f.key)).toEqual(['p1']);
    const elevenPhone = Array.from({ length: 12 }, (_, i) => done(`p${i + 1}`, addMonths(T, i + 1), null, 'phone'));
    expect(brief(r, [...fourOnsite, ...elevenPhone], end)).toEqual([]);
  });

  it('post warranty: on site every 6 months, phone monthly, open-ended', () => {
    const r = DEFAULT_RULES.post_warranty;
    expect(brief(r, []).map((f) => [f.key, f.due])).toEqual([
      ['o1', addMonths(T, 6).toISOString()],
      ['p1', addMonths(T, 1).toISOString()],
    ]);
    const history = Array.from({ length: 30 }, (_, i) => done(`p${i + 1}`, addMonths(T, i + 1), null, 'phone'));
    expect(brief(r, history).find((f) => f.key.startsWith('p'))?.due).toBe(addMonths(T, 31).toISOString());
  });

  it('a standing cadence planned late picks up at the next slot, not years of overdue ones', () => {
    const r = DEFAULT_RULES.post_warranty;
    const since = addMonths(T, 25); // planned two years and a month after the warranty ended
    const due = nextFollowUps(r, { completedAt: T, done: [], since });
    expect(due.map((f) => [f.key, f.dueAt.toISOString()])).toEqual([
      ['o5', addMonths(T, 30).toISOString()],
      ['p25', addMonths(T, 25).toISOString()],
    ]);
    const next = nextFollowUps(r, { completedAt: T, done: [done('p25', addMonths(T, 25), null, 'phone')], since });
    expect(next.find((f) => f.track === 'phone')?.key).toBe('p26');
  });

  it('month arithmetic clamps to the end of the month', () => {
    expect(addMonths(new Date('2026-01-31T02:00:00Z'), 1).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(addMonths(new Date('2026-11-30T02:00:00Z'), 3).toISOString()).toBe('2027-02-28T02:00:00.000Z');
  });
});

describe('poor output quality: the next calendar day, daily until resolved, then the normal cadence (R-FU-1, seed 000 第二天)', () => {
  const r = DEFAULT_RULES.installation;
  // Local wall-clock time in the company zone → instant.
  const sh = (iso: string, zone = 'Asia/Shanghai') => DateTime.fromISO(iso, { zone }).toJSDate();
  const day = (date: string, zone = 'Asia/Shanghai') => ({
    earliest: sh(`${date}T00:00:00.000`, zone).toISOString(),
    due: sh(`${date}T23:59:59.999`, zone).toISOString(),
  });

  it.each([
    ['an answer at 16:14', '2026-11-03T16:14', '2026-11-04'],
    ['an answer just before midnight (23:59) → the next day, not the day after', '2026-11-03T23:59', '2026-11-04'],
    ['an answer at 23:59:59.999 local', '2026-11-03T23:59:59.999', '2026-11-04'],
    ['an answer just after midnight (00:05) → the day after that same calendar day', '2026-11-04T00:05', '2026-11-05'],
    ['an answer on the eve of National Day → 10-01, a holiday (第二天 is a calendar day)', '2026-09-30T16:14', '2026-10-01'],
    ['an answer on New Year’s Eve → the next year', '2026-12-31T17:30', '2027-01-01'],
    ['an answer on 28 February of a common year → 1 March', '2026-02-28T09:00', '2026-03-01'],
  ])('%s: the daily follow-up is the whole next local day', (_, answeredAt, nextDay) => {
    expect(nextDayWindow(sh(answeredAt), 'Asia/Shanghai')).toEqual({ earliestAt: new Date(day(nextDay).earliest), dueAt: new Date(day(nextDay).due) });
    const T0 = sh('2026-01-05T10:00');
    const [d1] = nextFollowUps(r, { completedAt: T0, done: [done('s1', sh(answeredAt), 'poor')] }, 'Asia/Shanghai');
    expect({ key: d1.key, kind: d1.kind, earliest: d1.earliestAt.toISOString(), due: d1.dueAt.toISOString() }).toEqual({
      key: 'd1',
      kind: 'daily',
      ...day(nextDay),
    });
  });

  it('the local day is the company zone’s, not UTC’s: 07:30 in Shanghai is still the previous day in UTC', () => {
    // 2026-11-04T07:30+08:00 = 2026-11-03T23:30Z; the next local day is 11-05.
    expect(nextDayWindow(new Date('2026-11-03T23:30:00Z'), 'Asia/Shanghai').earliestAt.toISOString()).toBe('2026-11-04T16:00:00.000Z');
  });

  it.each([
    // Europe/Berlin springs forward on 2026-03-29 (a 23-hour day) and falls back on 2026-10-25 (25 hours).
    ['Europe/Berlin', '2026-03-28T18:00', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'],
    ['Europe/Berlin', '2026-10-24T23:59', '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'],
    ['America/New_York', '2026-10-31T12:00', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.999Z'],
  ])('across a DST change in %s the window is still midnight to midnight local', (zone, answeredAt, nextDay, earliest, due) => {
    const w = nextDayWindow(sh(answeredAt, zone), zone);
    expect({ earliest: w.earliestAt.toISOString(), due: w.dueAt.toISOString() }).toEqual({ earliest, due });
    expect(day(nextDay, zone)).toEqual({ earliest, due });
  });

  it('stays daily while quality is poor, each day after the last answer however late it came', () => {
    const T0 = sh('2026-11-02T10:00');
    const loop = [done('s1', sh('2026-11-03T11:00'), 'poor'), done('d1', sh('2026-11-04T09:00'), 'poor'), done('d2', sh('2026-11-06T15:00'), 'poor')];
    const [d3] = nextFollowUps(r, { completedAt: T0, done: loop });
    expect({ key: d3.key, earliest: d3.earliestAt.toISOString(), due: d3.dueAt.toISOString() }).toEqual({ key: 'd3', ...day('2026-11-07') });
  });

  it('resolved: the remaining steps resume, anchored at the resolution', () => {
    const resolved = h(98);
    const loop = [done('s1', h(25), 'poor'), done('d1', h(49), 'poor'), done('d2', h(74), 'poor'), done('d3', resolved, 'normal')];
    const at = (n: number) => new Date(resolved.getTime() + n * 3_600_000);
    expect(brief(r, loop)).toEqual([win('s2', at(48), at(60))]);
    // A second loop later numbers its daily follow-ups on.
    const again = [...loop, done('s2', at(50), 'poor')];
    expect(brief(r, again)[0].key).toBe('d4');
  });
  it('the repair cadence has the same loop; the tracking track is not interrupted', () => {
    const rep = DEFAULT_RULES.repair;
    const keys = brief(rep, [done('s1', h(20), 'poor')]).map((f) => f.key);
    expect(keys).toEqual(['d1', 't1']);
  });
  it('a rule set without the loop keeps its cadence whatever the quality', () => {
    const noLoop = { ...r, poorQualityDaily: false };
    expect(brief(noLoop, [done('s1', h(25), 'poor')]).map((f) => f.key)).toEqual(['s2']);
  });
  it('a late follow-up never opens the next window in the past', () => {
    const [next] = brief(r, [done('s1', h(70))]);
    expect(next).toEqual(win('s2', h(70), h(70)));
  });
  it('what is already done is never due again', () => {
    expect(brief(r, [done('s1', h(25)), done('s2', h(50)), done('s3', d(6)), done('r1', d(20)), done('r2', d(35))])[0].key).toBe('r3');
  });
});

describe('rule version in force at the time of service', () => {
  const versions = [
    { versionNo: 1, effectiveFrom: new Date('2026-01-01T00:00:00Z') },
    { versionNo: 2, effectiveFrom: new Date('2026-03-01T00:00:00Z') },
    { versionNo: 3, effectiveFrom: new Date('2026-06-01T00:00:00Z') },
  ];
  it.each([
    ['2025-12-31T23:59:59Z', null],
    ['2026-01-01T00:00:00Z', 1],
    ['2026-02-28T12:00:00Z', 1],
    ['2026-03-02T02:00:00Z', 2],
    ['2026-07-01T00:00:00Z', 3],
  ])('service at %s → version %s', (at, v) => {
    expect(versionInForce(versions, new Date(at))?.versionNo ?? null).toBe(v);
  });
});
