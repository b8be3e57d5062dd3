import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import { workingMinutesBetween } from '../../lib/calendar.ts';
import {
  byDeadline,
  type Candidate,
  type ClockView,
  clockState,
  flaggedIfReceivedBefore,
  isFlaggedForMorning,
  localDate,
  percentElapsed,
  rankEngineers,
  ranker,
  timeCounter,
  undispatchedFlagAt,
} from './dispatch.rules.ts';

const cal = defaultChinaCalendar();
const sh = (local: string) => new Date(`${local}+08:00`);

describe('R-DSP-2 ranking engineers', () => {
  const job = { modelId: 'm-ct', category: 'ct', city: '北京', province: '北京市' };
  const e = (name: string, over: Partial<Candidate>): Candidate => ({ userId: name, name, modelIds: [], categories: [], openLoad: 0, areas: [], ...over });

  it('skill on the model outranks area and load; category skill outranks none', () => {
    const ranked = rankEngineers(job, [
      e('刘洋', { areas: ['北京'], openLoad: 0 }),
      e('张伟', { modelIds: ['m-ct'], openLoad: 3 }),
      e('陈磊', { categories: ['ct'], areas: ['北京'], openLoad: 1 }),
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['陈磊', '张伟', '刘洋']);
    expect(ranked[0].reasons).toEqual(['category_skill', 'same_area', 'light_load']);
  });

  it('with equal skill and area, the lighter load comes first; equal scores sort by name', () => {
    const ranked = rankEngineers(job, [
      e('B', { modelIds: ['m-ct'], openLoad: 4 }),
      e('A', { modelIds: ['m-ct'], openLoad: 1 }),
      e('C', { modelIds: ['m-ct'], openLoad: 1 }),
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['A', 'C', 'B']);
  });

  it('the trained, nearby, lightly loaded engineer comes first', () => {
    const ranked = rankEngineers(job, [
      e('far', { modelIds: ['m-ct'], areas: ['上海'], homeBase: '上海', openLoad: 0 }),
      e('busy', { modelIds: ['m-ct'], areas: ['北京'], homeBase: '北京', openLoad: 4 }),
      e('best', { modelIds: ['m-ct'], areas: ['北京'], homeBase: '北京', openLoad: 1 }),
      e('untrained', { areas: ['北京'], homeBase: '北京', openLoad: 0 }),
    ]);
    // Skill weighs most: the trained engineer from Shanghai still ranks above the untrained local one.
    expect(ranked.map((r) => r.name)).toEqual(['best', 'busy', 'far', 'untrained']);
    expect(ranked[0]).toMatchObject({ score: 50 + 25 + 10 + 15, reasons: ['model_skill', 'same_area', 'home_base', 'light_load'], openLoad: 1 });
  });

  it('covering the province counts as the area; being based there does not stand in for skill', () => {
    const ranked = rankEngineers({ ...job, city: '承德', province: '河北省' }, [
      e('based', { homeBase: '承德' }),
      e('province', { categories: ['ct'], areas: ['河北省'], openLoad: 2 }),
    ]);
    expect(ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['province', ['category_skill', 'same_area']],
      ['based', ['home_base', 'light_load']],
    ]);
  });

  it('a job without a city is ranked by skill and load only', () => {
    const ranked = rankEngineers({ ...job, city: null, province: null }, [e('A', { areas: ['北京'], homeBase: '北京' })]);
    expect(ranked[0].reasons).toEqual(['light_load']);
  });
});

describe('R-DSP-1 undispatched at the end of the working day', () => {
  it.each([
    ['a morning request is flagged at today’s close', '2026-11-23T09:10:00', '2026-11-23T17:30:00'],
    ['a request after close is flagged at the next working day’s close', '2026-11-23T18:00:00', '2026-11-24T17:30:00'],
    ['a Friday-night request waits for Monday’s close', '2026-11-27T21:00:00', '2026-11-30T17:30:00'],
    ['a request in the holiday week is flagged at the first working day’s close', '2026-10-03T10:00:00', '2026-10-08T17:30:00'],
  ])('%s', (_s, received, flag) => {
    expect(undispatchedFlagAt(cal, sh(received)).toISOString()).toBe(sh(flag).toISOString());
  });
});

describe('R-DSP-1 flag for next-morning dispatch', () => {
  it('is set once the close of business after receipt has passed, or when the sweep already set it', () => {
    const received = sh('2026-11-23T16:00:00');
    expect(isFlaggedForMorning(cal, received, false, sh('2026-11-23T17:00:00'))).toBe(false);
    expect(isFlaggedForMorning(cal, received, false, sh('2026-11-23T17:30:00'))).toBe(true);
    expect(isFlaggedForMorning(cal, received, true, sh('2026-11-23T17:00:00'))).toBe(true);
  });
});

describe('the board ranks and flags thousands of jobs with the same answers, computed once', () => {
  // The ranking as first written: every candidate scored, sorted by score, ties by name.
  const reference = (job: { modelId: string; category: string; city: string | null; province: string | null }, pool: Candidate[]) =>
    pool
      .map((c) => {
        const reasons: string[] = [];
        let score = 0;
        if (c.modelIds.includes(job.modelId)) {
          score += 50;
          reasons.push('model_skill');
        } else if (c.categories.includes(job.category)) {
          score += 30;
          reasons.push('category_skill');
        }
        if ((job.city && c.areas.includes(job.city)) || (job.province && c.areas.includes(job.province))) {
          score += 25;
          reasons.push('same_area');
        }
        if (job.city && c.homeBase && c.homeBase === job.city) {
          score += 10;
          reasons.push('home_base');
        }
        if (c.openLoad <= 1) reasons.push('light_load');
        return { userId: c.userId, name: c.name, score: score + Math.max(0, 20 - 5 * c.openLoad), reasons, openLoad: c.openLoad };
      })
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
  const candidate = fc.record({
    userId: fc.uuid(),
    name: pick(['张伟', '王芳', '李娜', '刘洋', '陈磊', 'Anna', 'Bob']),
    modelIds: fc.subarray(['m1', 'm2', 'm3']),
    categories: fc.subarray(['ct', 'mri', 'xray']),
    openLoad: fc.nat(6),
    areas: fc.subarray(['北京', '北京市', '承德', '河北省']),
    homeBase: fc.option(pick(['北京', '承德']), { nil: null }),
  });
  const job = fc.record({
    modelId: pick(['m1', 'm2', 'm3']),
    category: pick(['ct', 'mri', 'xray']),
    city: fc.option(pick(['北京', '承德']), { nil: null }),
    province: fc.option(pick(['北京市', '河北省']), { nil: null }),
  });

  it('ranker agrees with the plain ranking for any pool, job and limit, also when asked again', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 12 }),
        fc.array(job, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 14 }),
        (pool, jobs, limit) => {
          const rank = ranker(pool);
          for (const j of [...jobs, ...jobs]) {
            expect(rank(j)).toEqual(reference(j, pool));
            expect(rank(j, limit)).toEqual(reference(j, pool).slice(0, limit));
          }
        },
      ),
    );
  });

  it('the board flags a waiting request exactly when it was received before the last close (as isFlaggedForMorning says), over weekdays, weekends, holidays and make-up days', () => {
    const from = sh('2026-09-25T00:00:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: 0, max: 60 * 24 * 14 }), fc.boolean(), (minute, later, already) => {
        const received = new Date(from + minute * 60_000);
        const now = new Date(received.getTime() + later * 60_000);
        const before = flaggedIfReceivedBefore(cal, now);
        const flagged = already || (before !== null && received.getTime() < before.getTime());
        expect(flagged).toBe(isFlaggedForMorning(cal, received, already, now));
      }),
      { numRuns: 400 },
    );
    // On the instant of the close itself: received at 17:30 waits for the next day's close.
    expect(flaggedIfReceivedBefore(cal, sh('2026-11-23T17:30:00'))?.toISOString()).toBe(sh('2026-11-23T17:30:00').toISOString());
  });

  it('localDate gives the company-local date', () => {
    const date = localDate('Asia/Shanghai');
    expect(date(sh('2026-11-23T00:00:00').getTime())).toBe('2026-11-23');
    expect(date(sh('2026-11-22T23:59:59').getTime())).toBe('2026-11-22');
  });
});

describe('R-SLA-4 how far a clock has run', () => {
  // A 3-working-hour arrival clock started Monday 09:00: due 12:00 (morning block 08:30–12:00).
  const clock = (over: Partial<ClockView> = {}): ClockView => ({
    basis: 'working',
    targetMinutes: 180,
    dueAt: sh('2026-11-23T12:00:00'),
    warnAt: sh('2026-11-23T11:15:00'),
    pausedAt: null,
    warnedAt: null,
    breachedAt: null,
    ...over,
  });

  it.each([
    ['at the start', '2026-11-23T09:00:00', 0, 'ok'],
    ['half way', '2026-11-23T10:30:00', 50, 'ok'],
    ['at the warning point', '2026-11-23T11:15:00', 75, 'warned'],
    ['at the deadline', '2026-11-23T12:00:00', 100, 'warned'],
    ['over lunch, past the deadline: no working time has passed since', '2026-11-23T13:00:00', 100, 'breached'],
    ['an hour of afternoon work past the deadline', '2026-11-23T14:30:00', 133, 'breached'],
  ])('%s', (_s, now, pct, state) => {
    const p = percentElapsed(cal, clock(), sh(now));
    expect(p).toBe(pct);
    expect(clockState(clock(), p, sh(now))).toBe(state);
  });

  it('counts working time only: Friday 17:00 to Monday 09:00 is 30 working minutes', () => {
    const c = clock({ dueAt: sh('2026-11-30T11:00:00'), warnAt: sh('2026-11-30T10:15:00'), basis: 'working', targetMinutes: 180 });
    // started Fri 2026-11-27 17:00: 30 min to close, then Mon 08:30–11:00
    expect(percentElapsed(cal, c, sh('2026-11-30T08:30:00'))).toBe(17);
    expect(percentElapsed(cal, c, sh('2026-11-29T20:00:00'))).toBe(17);
  });

  it('a paused clock stands still; the sweep’s marks count even before the instants', () => {
    const paused = clock({ pausedAt: sh('2026-11-23T10:30:00') });
    expect(percentElapsed(cal, paused, sh('2026-11-25T10:00:00'))).toBe(50);
    expect(clockState(paused, 50, sh('2026-11-25T10:00:00'))).toBe('ok');
    expect(clockState(clock({ warnedAt: sh('2026-11-23T10:00:00') }), 40, sh('2026-11-23T10:00:00'))).toBe('warned');
    expect(clockState(clock(), 80, sh('2026-11-23T11:00:00'), 75)).toBe('at_risk');
  });

  // Speed of the cached counter is a benchmark matter (bench/), never a timed test.
  it('a long-forgotten clock reads the cap, 999 %, with or without the cached counter', () => {
    const count = timeCounter(cal);
    expect(percentElapsed(cal, clock(), sh('2027-11-23T10:00:00'), count)).toBe(999);
    expect(percentElapsed(cal, clock(), sh('2027-11-23T10:00:00'))).toBe(999);
    // Below the cap it is counted: Mon 13:30–17:30, Tue all day, Wed 08:30–12:00 = 900 min = 5 windows.
    expect(percentElapsed(cal, clock(), sh('2026-11-25T12:00:00'))).toBe(600);
  });

  it('calendar-time clocks count every minute', () => {
    const c = clock({ basis: 'calendar', targetMinutes: 120, dueAt: sh('2026-11-28T02:00:00'), warnAt: sh('2026-11-28T01:30:00') });
    expect(percentElapsed(cal, c, sh('2026-11-28T01:00:00'))).toBe(50);
    expect(percentElapsed(cal, c, sh('2026-11-28T03:00:00'))).toBe(150);
  });
});

describe('board order', () => {
  it('earliest deadline first, no deadline last, then by number', () => {
    const items = [
      { nextDeadlineAt: null, workOrderNumber: 'WO-3' },
      { nextDeadlineAt: '2026-11-23T04:00:00.000Z', workOrderNumber: 'WO-2' },
      { nextDeadlineAt: '2026-11-23T03:00:00.000Z', workOrderNumber: 'WO-9' },
      { nextDeadlineAt: null, workOrderNumber: 'WO-1' },
    ];
    expect(items.sort(byDeadline).map((i) => i.workOrderNumber)).toEqual(['WO-9', 'WO-2', 'WO-1', 'WO-3']);
  });
});

describe('counting working time with cached day totals', () => {
  it('agrees with workingMinutesBetween across weekends, the National Day week and 调休 days', () => {
    const count = timeCounter(cal);
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const base = sh('2026-09-20T00:00:00').getTime();
    for (let i = 0; i < 300; i++) {
      const a = new Date(base + Math.floor(rnd() * 60 * 86400) * 1000);
      const b = new Date(a.getTime() + Math.floor(rnd() * 40 * 86400) * 1000);
      expect(count('working', a, b), `${a.toISOString()} → ${b.toISOString()}`).toBeCloseTo(workingMinutesBetween(cal, a, b), 6);
    }
    // Round-the-clock weekdays until midnight, across a daylight-saving change.
    const berlin = {
      ...cal,
      timeZone: 'Europe/Berlin',
      weeklyHours: { 1: [['00:00', '24:00']], 2: [['18:00', '24:00']], 5: [['08:00', '12:00']] },
    } as typeof cal;
    const c2 = timeCounter(berlin);
    for (let i = 0; i < 100; i++) {
      const a = new Date(Date.UTC(2026, 9, 10) + Math.floor(rnd() * 40 * 86400) * 1000);
      const b = new Date(a.getTime() + Math.floor(rnd() * 20 * 86400) * 1000);
      expect(c2('working', a, b)).toBeCloseTo(workingMinutesBetween(berlin, a, b), 6);
    }
    expect(count('calendar', sh('2026-11-23T09:00:00'), sh('2026-11-23T11:30:00'))).toBe(150);
    expect(count('working', sh('2026-11-23T11:00:00'), sh('2026-11-23T09:00:00'))).toBe(0);
  });
});
