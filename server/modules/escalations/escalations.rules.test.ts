// R-ESC-1 as table tests: which time-based step is due given urgency settings, elapsed hours and
// what already fired; the ladder only goes up; L3 hours after L2 hours; answers overdue after 4 h.
import { describe, expect, it } from 'vitest';
import { answerOverdue, dueLadderSteps, escalationAbilities, type LadderHours, ladderHoursRefusal, ladderOrderRefusal } from './escalations.rules.ts';

const H = 3_600_000;
const t0 = new Date('2026-12-01T08:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const emergency = { l2AfterHours: 2, l3AfterHours: 6 };
const urgent = { l2AfterHours: 8, l3AfterHours: 24 };
const normal: LadderHours = { l2AfterHours: null, l3AfterHours: null };

describe('R-ESC-1 which auto-escalation step is due', () => {
  const cases: [string, LadderHours | undefined, number, ('L2' | 'L3')[], ('L2' | 'L3')[]][] = [
    ['emergency, 1 h: nothing yet', emergency, 1, [], []],
    ['emergency, exactly 2 h: to the L2 expert', emergency, 2, [], ['L2']],
    ['emergency, 3 h, L2 already fired: nothing', emergency, 3, ['L2'], []],
    ['emergency, 6 h, L2 fired: to L3 and the executive', emergency, 6, ['L2'], ['L3']],
    ['emergency, 7 h, nothing fired (late sweep): both in order', emergency, 7, [], ['L2', 'L3']],
    ['emergency, 30 h, both fired: nothing', emergency, 30, ['L2', 'L3'], []],
    ['urgent, 7 h: nothing', urgent, 7, [], []],
    ['urgent, 8 h: L2', urgent, 8, [], ['L2']],
    ['normal (no hours set), 100 h: never', normal, 100, [], []],
    ['no settings row: never', undefined, 100, [], []],
    ['only L3 set, 5 h: L3', { l2AfterHours: null, l3AfterHours: 5 }, 5, [], ['L3']],
  ];
  it.each(cases)('%s', (_name, settings, hours, fired, expected) => {
    expect(dueLadderSteps(settings, t0, at(hours), fired)).toEqual(expected);
  });
});

describe('R-ESC-1 the ladder goes up only', () => {
  it.each([
    ['L1', 'L2', null],
    ['L1', 'L3', null],
    ['L2', 'L3', null],
    ['L2', 'L2', 'escalation_tier_order'],
    ['L3', 'L2', 'escalation_tier_order'],
    ['L2', 'L1', 'escalation_tier_order'],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(ladderOrderRefusal(from, to)).toBe(expected);
  });
});

describe('R-ESC-1 auto-escalation hours', () => {
  it.each([
    [{ l2AfterHours: 2, l3AfterHours: 6 }, null],
    [{ l2AfterHours: 6, l3AfterHours: 6 }, 'escalation_hours_order'],
    [{ l2AfterHours: 6, l3AfterHours: 2 }, 'escalation_hours_order'],
    [{ l2AfterHours: null, l3AfterHours: 2 }, null],
    [{ l2AfterHours: 2, l3AfterHours: null }, null],
  ] as const)('%o → %s', (s, expected) => {
    expect(ladderHoursRefusal(s)).toBe(expected);
  });
});

describe('R-ESC-1 answers and abilities', () => {
  it('an open question is overdue after 4 h, an answered one never', () => {
    expect(answerOverdue({ status: 'open', askedAt: t0 }, at(4))).toBe(false);
    expect(answerOverdue({ status: 'open', askedAt: t0 }, at(4.1))).toBe(true);
    expect(answerOverdue({ status: 'answered', askedAt: t0 }, at(40))).toBe(false);
  });
  it('the expert answers and guides; the owner closes; nothing once closed', () => {
    expect(escalationAbilities('open', { expert: true, owner: false })).toEqual({ answer: true, guidance: true, close: true });
    expect(escalationAbilities('open', { expert: false, owner: true })).toEqual({ answer: false, guidance: false, close: true });
    expect(escalationAbilities('closed', { expert: true, owner: true })).toEqual({ answer: false, guidance: false, close: false });
  });
});
