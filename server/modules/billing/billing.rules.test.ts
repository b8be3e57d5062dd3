// Table tests of the receivables and budget rules (issue 15 §4, R-FE-1, R-FE-2).
import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageingBucket,
  costCategoryOfKind,
  invoiceEntryRefusal,
  invoiceLinesRefusal,
  labourCostCents,
  openCents,
  travelCostCents,
  variance,
} from './billing.rules.ts';

describe('R-FE-1 ageing buckets by days past the due date, at every edge', () => {
  const due = '2026-10-01';
  it.each([
    ['2026-09-30', 'not_due'], // a day before due
    ['2026-10-01', 'd0_30'], // due today: 0 days over
    ['2026-10-31', 'd0_30'], // 30 days over
    ['2026-11-01', 'd31_60'], // 31
    ['2026-11-30', 'd31_60'], // 60
    ['2026-12-01', 'd61_90'], // 61
    ['2026-12-30', 'd61_90'], // 90
    ['2026-12-31', 'd90_plus'], // 91
    ['2027-06-01', 'd90_plus'],
  ] as const)('on %s an invoice due 2026-10-01 is %s', (today, bucket) => {
    expect(ageingBucket(due, today)).toBe(bucket);
  });
  it('counts across a leap day and year end', () => {
    expect(ageingBucket('2028-02-01', '2028-03-02')).toBe('d0_30'); // 30 days (29 Feb)
    expect(ageingBucket('2028-02-01', '2028-03-03')).toBe('d31_60');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
  });
});

describe('R-FE-1 open amount: payments, reversals and credit notes', () => {
  it.each([
    [[], 100000n],
    [[{ kind: 'payment', cents: 40000n }], 60000n],
    [
      [
        { kind: 'payment', cents: 40000n },
        { kind: 'payment_reversal', cents: 40000n },
      ],
      100000n,
    ],
    [
      [
        { kind: 'payment', cents: 40000n },
        { kind: 'credit_note', cents: 10000n },
      ],
      50000n,
    ],
  ] as const)('case %# leaves %s cents open of 1000.00', (entries, open) => {
    expect(openCents(100000n, entries)).toBe(open);
  });
  it.each([
    [5000n, 5000n, null],
    [5001n, 5000n, 'entry_exceeds_open'],
    [1n, 0n, 'invoice_settled'],
  ] as const)('%s cents against %s open → %s', (cents, open, refusal) => {
    expect(invoiceEntryRefusal('payment', cents, open)).toBe(refusal);
  });
});

describe('an invoice holds final fees of paid jobs of one hospital, each once', () => {
  const ok = { customerId: 'a', chargeable: true, final: true, totalCents: 100n, invoiced: false };
  it.each([
    [[ok, ok], null],
    [[ok, { ...ok, customerId: 'b' }], 'invoice_mixed_customers'],
    [[{ ...ok, chargeable: false }], 'invoice_not_chargeable'],
    [[{ ...ok, totalCents: 0n }], 'invoice_not_chargeable'],
    [[{ ...ok, final: false }], 'invoice_fee_not_final'],
    [[{ ...ok, invoiced: true }], 'invoice_already_invoiced'],
  ] as const)('case %# → %s', (lines, refusal) => {
    expect(invoiceLinesRefusal(lines)).toBe(refusal);
  });
});

describe('R-FE-2 cost at cost rates and variance', () => {
  it.each([
    ['installation', 'installation'],
    ['maintenance', 'maintenance'],
    ['repair', 'maintenance'],
    ['training', 'training'],
    ['consultation', 'support'],
    ['upgrade', 'support'],
  ])('labour of a %s job is booked to %s', (kind, category) => {
    expect(costCategoryOfKind(kind)).toBe(category);
  });
  it('90 min at 120.00/h is 180.00; 7 min at 100.00/h is 11.67 (half up)', () => {
    expect(labourCostCents(90, 12000n)).toBe(18000n);
    expect(labourCostCents(7, 10000n)).toBe(1167n);
  });
  it('12.5 km at 1.50/km is 18.75; 0.1 km at 0.05/km rounds to 0.01', () => {
    expect(travelCostCents(125n, 150n)).toBe(1875n);
    expect(travelCostCents(1n, 5n)).toBe(1n);
  });
  it.each([
    [100000n, 80000n, 20000n, 80, false],
    [100000n, 100000n, 0n, 100, false],
    [100000n, 125050n, -25050n, 125.1, true],
    [0n, 100n, -100n, null, true],
  ] as const)('budget %s actual %s → variance %s, used %s%%, overrun %s', (b, a, v, used, over) => {
    expect(variance({ budgetCents: b, actualCents: a })).toEqual({ varianceCents: v, usedPercent: used, overrun: over });
  });
});
