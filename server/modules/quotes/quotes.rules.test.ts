// R-WX-1 / R-FE-1 as tables: what a warranty exclusion charges (workorders computeFee), the quote's
// lines and totals, its states and who records an acceptance how. Pure, no database.
import { describe, expect, it } from 'vitest';
import { computeFee } from '../workorders/index.ts';
import { acceptanceRefusal, priceQuote, quoteAbilitiesOf, quoteChargeRefusal, quoteLapsed, quoteStepAllowed } from './quotes.rules.ts';

const list = {
  versionNo: 1,
  currency: 'CNY',
  labourPerHour: '300.00',
  callOutFee: '200.00',
  travelMode: 'per_zone' as const,
  travelPerKm: '3.00',
  travelUrban: '100.00',
  travelSuburban: '300.00',
  travelRemote: '800.00',
};
// 90 minutes, one part line at cost 1,000.00 × 2 and an accessory under its own warranty (cost 50).
const job = {
  labourMinutes: 90,
  travelKm: null,
  regionClass: 'urban' as const,
  parts: [
    { quantity: '2', unitPrice: '1000.00' },
    { quantity: '1', unitPrice: '50.00', covered: true },
  ],
};

describe('R-WX-1: what a job is charged, by category and exclusion (labour 300/h × 1.5 h = 450; parts at cost; urban travel 100; call-out 200)', () => {
  it.each([
    // category, exclusion, chargeable, labour, parts, travel, callOut, total
    ['warranty', null, false, '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['contract', null, false, '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['paid', null, true, '450.00', '2000.00', '100.00', '200.00', '2750.00'],
    // 使用不当: only the material cost (只收取材料成本费) — the covered accessory too, the damage is not covered.
    ['warranty', 'misuse', true, '0.00', '2050.00', '0.00', '0.00', '2050.00'],
    // 人为损坏 and force majeure: at cost (最低成本价) — labour and travel spent, parts at cost, no call-out fee.
    ['warranty', 'human_damage', true, '450.00', '2050.00', '100.00', '0.00', '2600.00'],
    ['warranty', 'lightning', true, '450.00', '2050.00', '100.00', '0.00', '2600.00'],
    ['warranty', 'earthquake', true, '450.00', '2050.00', '100.00', '0.00', '2600.00'],
    ['warranty', 'natural_disaster', true, '450.00', '2050.00', '100.00', '0.00', '2600.00'],
    ['contract', 'pests', true, '450.00', '2050.00', '100.00', '0.00', '2600.00'],
    ['contract', 'misuse', true, '0.00', '2050.00', '0.00', '0.00', '2050.00'],
    // A paid job is billed as paid whatever is recorded; an internal job never.
    ['paid', 'misuse', true, '450.00', '2000.00', '100.00', '200.00', '2750.00'],
    ['internal', 'lightning', false, '0.00', '0.00', '0.00', '0.00', '0.00'],
  ] as const)(
    '%s job, exclusion %s → chargeable %s: labour %s, parts %s, travel %s, call-out %s, total %s',
    (category, exclusion, chargeable, labour, parts, travel, callOut, total) => {
      const fee = computeFee(list, { ...job, category, exclusion });
      expect(fee).toMatchObject({ chargeable, labour, parts, travel, callOut, total });
    },
  );

  it('misuse charges no travel even per km, and no km missing is reported', () => {
    const fee = computeFee({ ...list, travelMode: 'per_km' }, { ...job, category: 'warranty', exclusion: 'misuse' });
    expect(fee).toMatchObject({ travel: '0.00', travelKmMissing: false, total: '2050.00' });
  });
});

describe('the quote: lines priced like the fee, totals equal to it', () => {
  const parts = [
    { partId: 'p1', name: 'PCB-01 主控板', unit: '块', quantity: '1', unitCost: '1850.50' },
    { partId: 'p2', name: 'F-2A 保险丝', unit: '个', quantity: '3', unitCost: '2.35' },
  ];
  it('lightning: labour, two parts at cost, travel; no call-out line; 2h × 300 + 1850.50 + 7.05 + 100 = 2557.55', () => {
    const q = priceQuote(list, { category: 'warranty', exclusion: 'lightning', labourMinutes: 120, travelKm: null, regionClass: 'urban', parts });
    expect(q.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['labour', '2.00', '300.00', '600.00'],
      ['part', '1', '1850.50', '1850.50'],
      ['part', '3', '2.35', '7.05'],
      ['travel', '1', '100.00', '100.00'],
    ]);
    expect(q.fee.total).toBe('2557.55');
    const sum = q.lines.reduce((n, l) => n + Math.round(Number(l.amount) * 100), 0);
    expect(sum).toBe(255755);
  });
  it('misuse: the materials only', () => {
    const q = priceQuote(list, { category: 'warranty', exclusion: 'misuse', labourMinutes: 120, travelKm: null, regionClass: 'remote', parts });
    expect(q.lines.map((l) => l.kind)).toEqual(['part', 'part']);
    expect(q.fee.total).toBe('1857.55');
  });
  it('paid service: labour, parts, travel per km and the call-out fee', () => {
    const q = priceQuote(
      { ...list, travelMode: 'per_km' },
      { category: 'paid', exclusion: null, labourMinutes: 30, travelKm: '42.5', regionClass: 'urban', parts: [] },
    );
    expect(q.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['labour', '0.50', '150.00'],
      ['travel', '42.5', '127.50'],
      ['call_out', '1', '200.00'],
    ]);
    expect(q.fee.total).toBe('477.50');
  });
});

describe('quote states and acceptance', () => {
  it.each([
    ['paid', null, null],
    ['warranty', null, 'quote_not_chargeable'],
    ['warranty', 'lightning', null],
    ['contract', 'misuse', null],
    ['internal', 'misuse', 'quote_not_chargeable'],
  ] as const)('a %s job with exclusion %s: refusal %s', (category, exclusion, refusal) => {
    expect(quoteChargeRefusal(category, exclusion)).toBe(refusal);
  });

  it.each([
    ['draft', 'send', true],
    ['sent', 'send', false],
    ['sent', 'accept', true],
    ['sent', 'reject', true],
    ['accepted', 'accept', false],
    ['rejected', 'accept', false],
    ['expired', 'accept', false],
    ['draft', 'accept', false],
  ] as const)('%s quote: %s allowed %s', (status, step, allowed) => {
    expect(quoteStepAllowed(status, step)).toBe(allowed);
  });

  it('valid through its last day', () => {
    expect(quoteLapsed('2026-12-07', '2026-12-07')).toBe(false);
    expect(quoteLapsed('2026-12-06', '2026-12-07')).toBe(true);
  });

  it.each([
    [true, { via: 'portal' }, null],
    [true, { via: 'staff', reason: '电话确认' }, 'quote_accept_via_invalid'],
    [false, { via: 'portal' }, 'quote_accept_via_invalid'],
    [false, { via: 'signature' }, 'quote_signature_required'],
    [false, { via: 'signature', signaturePng: 'data:image/png;base64,x' }, null],
    [false, { via: 'staff', reason: '  ' }, 'quote_reason_required'],
    [false, { via: 'staff', reason: '客户电话确认' }, null],
  ] as const)('hospital user %s, %o → %s', (hospital, input, refusal) => {
    expect(acceptanceRefusal(hospital, input)).toBe(refusal);
  });

  it('abilities: the hospital accepts a sent quote, staff send a draft', () => {
    expect(quoteAbilitiesOf(['customer_user'], 'sent', true)).toEqual({ send: false, accept: true, reject: true });
    expect(quoteAbilitiesOf(['engineer'], 'draft', false)).toEqual({ send: true, accept: false, reject: false });
    expect(quoteAbilitiesOf(['finance'], 'sent', false)).toEqual({ send: false, accept: false, reject: false });
  });
});
