// The parts records' state rules (issue 11 item 3): the one table each command checks and each
// record's abilities are computed from.
import { describe, expect, it } from 'vitest';
import { contractReceives, planAccepts, stocktakeAccepts } from './parts.rules.ts';

describe('parts state rules', () => {
  it('a count sheet is counted and submitted while counting, decided once submitted, final when approved', () => {
    expect(
      ['counting', 'submitted', 'approved'].map((s) => [
        stocktakeAccepts(s as never, 'count'),
        stocktakeAccepts(s as never, 'submit'),
        stocktakeAccepts(s as never, 'decide'),
      ]),
    ).toEqual([
      [true, true, false],
      [false, false, true],
      [false, false, false],
    ]);
  });
  it('a purchase plan is submitted as a draft and decided once submitted; approved and rejected ones are final', () => {
    expect(['draft', 'submitted', 'approved', 'rejected'].map((s) => [planAccepts(s as never, 'submit'), planAccepts(s as never, 'decide')])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [false, false],
    ]);
  });
  it('parts are received against an open contract only', () => {
    expect(contractReceives('open')).toBe(true);
    expect(contractReceives('received')).toBe(false);
    expect(contractReceives('cancelled')).toBe(false);
  });
});
