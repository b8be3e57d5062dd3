import { describe, expect, it } from 'vitest';
import { computeFee, feeFinal, formatCents, type PriceList, paymentRefusal, signedCents, toUnits } from './workorders.fee.rules.ts';

const list: PriceList = {
  versionNo: 3,
  currency: 'CNY',
  labourPerHour: '300.00',
  callOutFee: '200',
  travelMode: 'per_zone',
  travelPerKm: '2.50',
  travelUrban: '100',
  travelSuburban: '300.00',
  travelRemote: '800.00',
};
const job = { category: 'paid' as const, labourMinutes: 90, travelKm: null, regionClass: 'suburban' as const, parts: [] };

describe('R-WO-4 / R-FE-1 fee of a paid job', () => {
  it('labour by the minute, parts by quantity × price, travel by zone, plus the call-out fee', () => {
    const fee = computeFee(list, {
      ...job,
      parts: [
        { quantity: '2.000', unitPrice: '12.35' },
        { quantity: '0.5', unitPrice: '99.99' },
        { quantity: '1', unitPrice: null },
      ],
    });
    expect(fee).toEqual({
      chargeable: true,
      currency: 'CNY',
      priceListVersion: 3,
      labour: '450.00',
      parts: '74.70', // 24.70 + 49.995 → 50.00 (half up)
      travel: '300.00',
      callOut: '200.00',
      total: '1024.70',
      travelBasis: 'per_zone',
      unpricedParts: 1,
      travelKmMissing: false,
    });
  });

  it('travel per km uses the recorded distance; none recorded bills 0 and says so', () => {
    const perKm = { ...list, travelMode: 'per_km' as const };
    expect(computeFee(perKm, { ...job, travelKm: '42.5' })).toMatchObject({ travel: '106.25', travelBasis: 'per_km', travelKmMissing: false });
    expect(computeFee(perKm, job)).toMatchObject({ travel: '0.00', travelKmMissing: true });
  });

  it('odd minutes round half up to the cent', () => {
    expect(computeFee({ ...list, labourPerHour: '100' }, { ...job, labourMinutes: 1 }).labour).toBe('1.67');
    expect(computeFee({ ...list, labourPerHour: '0.10' }, { ...job, labourMinutes: 3 }).labour).toBe('0.01'); // 0.005 → 0.01
  });

  it.each(['contract', 'warranty', 'internal'] as const)('a %s job is not billed', (category) => {
    expect(computeFee(list, { ...job, category })).toMatchObject({ chargeable: false, total: '0.00', labour: '0.00' });
  });

  it('money helpers are exact', () => {
    expect(toUnits('12.3', 2)).toBe(1230n);
    expect(toUnits('7', 3)).toBe(7000n);
    expect(() => toUnits('-1', 2)).toThrow();
    expect(() => toUnits('1.234', 2)).toThrow();
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCents(123456789012n)).toBe('1234567890.12');
  });
});

describe('issue 12 item 2: a line under its accessory warranty is free on a paid job', () => {
  it.each([
    [
      'covered line skipped, others billed',
      [
        { quantity: '1', unitPrice: '800.00', covered: true },
        { quantity: '1', unitPrice: '50.00' },
      ],
      '50.00',
      0,
    ],
    ['a covered line without a price is not "unpriced"', [{ quantity: '1', unitPrice: null, covered: true }], '0.00', 0],
    ['not covered: billed as before', [{ quantity: '1', unitPrice: '800.00', covered: false }], '800.00', 0],
  ] as const)('%s', (_, parts, sum, unpriced) => {
    const fee = computeFee(list, { ...job, parts });
    expect(fee.parts).toBe(sum);
    expect(fee.unpricedParts).toBe(unpriced);
  });
});

describe('when a payment may be recorded (R-FE-1)', () => {
  it('a paid job, its fee final (resolved or beyond), something still owed', () => {
    expect(['new', 'on_site', 'taken_back', 'cancelled'].map((s) => feeFinal(s as never))).toEqual([false, false, false, false]);
    expect(['resolved', 'signed_off', 'reviewed', 'closed'].map((s) => feeFinal(s as never))).toEqual([true, true, true, true]);
    expect(paymentRefusal('on_site', false, 100n)).toBe('not_chargeable');
    expect(paymentRefusal('on_site', true, 100n)).toBe('fee_not_final');
    expect(paymentRefusal('signed_off', true, 0n)).toBe('nothing_owed');
    expect(paymentRefusal('signed_off', true, -1n)).toBe('nothing_owed');
    expect(paymentRefusal('signed_off', true, 1n)).toBeNull();
    expect([signedCents('12.50'), signedCents('-12.50')]).toEqual([1250n, -1250n]);
  });
});
