// Appraisal rules (R-AP-1; seed 002 §17): 乐捐 for verified complaints, doubled for repeats, borne
// by the team lead when no one is responsible; the composite score worked out by hand.
import { describe, expect, it } from 'vitest';
import { appraisalScore, appraisalStepRefusal, complaintPenalty, kpiScore, mayAcknowledge, monthRange } from './appraisals.rules.ts';

const LEAD = 'lead';
describe('乐捐 for a complaint (seed 002)', () => {
  it.each([
    // verified, responsible person known: 100 on him
    [
      { id: 'c', substantiated: true, repeatOfId: null, responsibleId: 'eng' },
      { bearerId: 'eng', amount: 100, repeat: false },
    ],
    // verified repeat: doubled
    [
      { id: 'c', substantiated: true, repeatOfId: 'c0', responsibleId: 'eng' },
      { bearerId: 'eng', amount: 200, repeat: true },
    ],
    // verified, no one responsible: the team lead
    [
      { id: 'c', substantiated: true, repeatOfId: null, responsibleId: null },
      { bearerId: LEAD, amount: 100, repeat: false },
    ],
    // not verified or not decided: nothing
    [{ id: 'c', substantiated: false, repeatOfId: null, responsibleId: 'eng' }, null],
    [{ id: 'c', substantiated: null, repeatOfId: null, responsibleId: 'eng' }, null],
  ])('%j → %j', (c, expected) => {
    expect(complaintPenalty(c, LEAD)).toEqual(expected);
  });
  it('the base amount can be set: a repeat of 150 costs 300', () => {
    expect(complaintPenalty({ id: 'c', substantiated: true, repeatOfId: 'x', responsibleId: null }, LEAD, 150)?.amount).toBe(300);
  });
});

describe('the month’s score (R-AP-1)', () => {
  it('KPI part: the mean of the attainments known', () => {
    // (80 + 90 + 70) / 3 = 80
    expect(kpiScore({ firstTimeFixRate: 80, respondAttainment: 90, arriveAttainment: 70, followupsOnTimeRate: null })).toBe(80);
    expect(kpiScore({ firstTimeFixRate: null, respondAttainment: null, arriveAttainment: null, followupsOnTimeRate: null })).toBeNull();
  });
  it.each([
    // 80 × 0.4 + (3.6 / 4 × 100 = 90) × 0.3 + 70 × 0.3 = 32 + 27 + 21 = 80
    [80, 3.6, 70, 80],
    // no rating: (80 × 0.4 + 70 × 0.3) / 0.7 = 53 / 0.7 = 75.71… → 75.7
    [80, null, 70, 75.7],
    // only the supervisor: 88
    [null, null, 88, 88],
    [null, null, null, null],
  ])('kpi %s, rating %s, supervisor %s → %s', (k, r, s, expected) => {
    expect(appraisalScore(k, r, s)).toBe(expected);
  });
});

describe('steps and who acknowledges', () => {
  it.each([
    ['draft', 'assess', null],
    ['assessed', 'assess', null],
    ['draft', 'acknowledge', 'appraisal_not_assessed'],
    ['assessed', 'acknowledge', null],
    ['acknowledged', 'item', 'appraisal_acknowledged'],
    ['acknowledged', 'assess', 'appraisal_acknowledged'],
  ] as const)('%s + %s → %s', (status, step, expected) => {
    expect(appraisalStepRefusal(status, step)).toBe(expected);
  });
  it('only the employee himself acknowledges; a month has its days', () => {
    expect(mayAcknowledge('a', 'a')).toBe(true);
    expect(mayAcknowledge('a', 'b')).toBe(false);
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
