// Table tests of the warranty-end rule (issue 10 item 2, SPEC §2): derived from acceptance + the
// model term, unless an override with a reason is recorded; a stale derived date is refused.
import { describe, expect, it } from 'vitest';
import { decideWarranty, derivedWarrantyEnd, type WarrantyChange, type WarrantyState } from './devices.rules.ts';

const derivedState = (end: string | null): WarrantyState => ({ warrantyEnd: end, warrantyEndOverride: false, warrantyOverrideReason: null });
const overridden = (end: string, reason = '合同延保'): WarrantyState => ({ warrantyEnd: end, warrantyEndOverride: true, warrantyOverrideReason: reason });

describe('the derived warranty end', () => {
  it.each([
    ['2025-11-20', 12, '2026-11-19'],
    ['2025-11-23', 12, '2026-11-22'],
    ['2026-01-31', 1, '2026-02-27'], // month end clamped, then the day before
    ['2028-02-29', 12, '2029-02-27'],
    ['2026-03-15', 18, '2027-09-14'],
    ['2026-03-15', 0, '2026-03-14'],
  ])('accepted %s with %i months → last day %s', (acceptance, months, end) => {
    expect(derivedWarrantyEnd(acceptance, months)).toBe(end);
  });
  it('no acceptance yet (or no term): no warranty end', () => {
    expect(derivedWarrantyEnd(null, 12)).toBeNull();
    expect(derivedWarrantyEnd('2026-01-01', null)).toBeNull();
  });
});

describe('deciding the warranty fields of a write', () => {
  const D = '2026-11-22';
  it.each<[string, WarrantyState | null, WarrantyChange, ReturnType<typeof decideWarranty>]>([
    ['nothing sent on create: derived', null, {}, { ok: true, state: derivedState(D) }],
    ['the derived date sent back: fine', derivedState('2026-11-19'), { warrantyEnd: D }, { ok: true, state: derivedState(D) }],
    ['a corrected input re-derives a stale stored end', derivedState('2026-11-19'), {}, { ok: true, state: derivedState(D) }],
    [
      'a stale derived date sent back: refused',
      derivedState('2026-11-19'),
      { warrantyEnd: '2026-11-19' },
      { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' },
    ],
    ['clearing a derived end: refused', derivedState(D), { warrantyEnd: null }, { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' }],
    [
      'an override with a reason keeps the sent date',
      derivedState(D),
      { warrantyEnd: '2027-12-31', warrantyOverride: { reason: ' 合同延保 ' } },
      { ok: true, state: overridden('2027-12-31') },
    ],
    ['an override without a date keeps the stored one', derivedState(D), { warrantyOverride: { reason: '合同延保' } }, { ok: true, state: overridden(D) }],
    [
      'an override with a blank reason: refused',
      derivedState(D),
      { warrantyEnd: '2027-12-31', warrantyOverride: { reason: ' ' } },
      { ok: false, field: 'warrantyOverride.reason', code: 'required' },
    ],
    ['an override with no date at all: refused', null, { warrantyOverride: { reason: '合同延保' } }, { ok: false, field: 'warrantyEnd', code: 'required' }],
    ['an overridden unit keeps its date when the inputs change', overridden('2027-12-31'), {}, { ok: true, state: overridden('2027-12-31') }],
    [
      'an overridden unit: its own date sent back is fine',
      overridden('2027-12-31'),
      { warrantyEnd: '2027-12-31' },
      { ok: true, state: overridden('2027-12-31') },
    ],
    [
      'an overridden unit: another date needs a reason again',
      overridden('2027-12-31'),
      { warrantyEnd: '2028-06-30' },
      { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' },
    ],
    ['clearing the override derives again', overridden('2027-12-31'), { warrantyOverride: null }, { ok: true, state: derivedState(D) }],
    [
      'clearing it while sending another date: refused',
      overridden('2027-12-31'),
      { warrantyOverride: null, warrantyEnd: '2027-12-31' },
      { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' },
    ],
  ])('%s', (_, current, change, expected) => {
    expect(decideWarranty(D, current, change)).toEqual(expected);
  });
  it('not accepted yet: nothing derived, nothing may be sent without an override', () => {
    expect(decideWarranty(null, null, {})).toEqual({ ok: true, state: derivedState(null) });
    expect(decideWarranty(null, null, { warrantyEnd: '2027-01-01' })).toEqual({ ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' });
  });
});
