// R-CT-1 renewal rules as tables: which notice a contract gets and when, legal stage moves, the
// renewed contract's gap-free period, and the renewal rate (won / decided).
import { describe, expect, it } from 'vitest';
import {
  computeQuote,
  noticeDue,
  noticeKindOf,
  priceLineFor,
  type RateRow,
  refuseMove,
  renewalRate,
  renewedPeriod,
  type Stage,
  wholeMonths,
} from './renewals.rules.ts';

describe('R-CT-1 which notice, and when', () => {
  it.each([
    ['a maintenance contract tells the customer', 'maintenance', 'customer_expiry'],
    ['a warranty is reported to sales', 'warranty', 'sales_warranty_expiry'],
    ['a paid-service agreement gets no notice', 'paid', null],
  ] as const)('%s', (_s, kind, notice) => expect(noticeKindOf(kind)).toBe(notice));

  it.each([
    ['30 days ahead with a 30-day window: due', '2026-07-31', '2026-07-01', 30, true],
    ['31 days ahead with a 30-day window: not yet', '2026-08-01', '2026-07-01', 30, false],
    ['on the last day: still due', '2026-07-01', '2026-07-01', 30, true],
    ['after the end: too late, nothing sent', '2026-06-30', '2026-07-01', 30, false],
    ['90 days ahead with the sales window of 90', '2026-09-29', '2026-07-01', 90, true],
    ['a window made longer (60) catches an end 45 days out', '2026-08-15', '2026-07-01', 60, true],
  ] as const)('%s', (_s, end, today, days, due) => expect(noticeDue(end, today, days)).toBe(due));
});

describe('R-CT-1 stage moves', () => {
  const ok = { currentQuote: null };
  it.each([
    ['notice sent → visited', 'notice_sent', 'visited', ok, null],
    ['notice sent → quoted with an amount', 'notice_sent', 'quoted', { ...ok, quoteAmount: '1000' }, null],
    ['quoted without an amount is refused (422)', 'visited', 'quoted', ok, 'renewal_quote_required'],
    ['notice sent → won skips the quote: illegal (409)', 'notice_sent', 'won', ok, 'renewal_stage_illegal'],
    ['quoted → visited goes backwards: illegal', 'quoted', 'visited', ok, 'renewal_stage_illegal'],
    ['quoted → won with the quote on file', 'quoted', 'won', { currentQuote: '1000' }, null],
    ['lost without a reason is refused (422)', 'visited', 'lost', { ...ok, lostReason: '  ' }, 'renewal_lost_reason_required'],
    ['lost with a reason', 'visited', 'lost', { ...ok, lostReason: '医院改用第三方维保' }, null],
    ['a won renewal is closed (409)', 'won', 'lost', { ...ok, lostReason: 'x' }, 'renewal_closed'],
    ['a lost renewal is closed (409)', 'lost', 'quoted', { ...ok, quoteAmount: '1' }, 'renewal_closed'],
  ] as const)('%s', (_s, from, to, input, code) => {
    expect(refuseMove(from as Stage, to as Stage, input)).toBe(code);
  });
});

describe('R-CT-1 the renewed contract starts the day after the old one ends', () => {
  it.each([
    ['a calendar year renews as the next year', { startDate: '2026-01-01', endDate: '2026-12-31' }, undefined, '2027-01-01', '2027-12-31'],
    ['12 months from mid-March', { startDate: '2026-03-15', endDate: '2027-03-14' }, undefined, '2027-03-15', '2028-03-14'],
    ['a 2-year contract renews for 2 years', { startDate: '2025-07-01', endDate: '2027-06-30' }, undefined, '2027-07-01', '2029-06-30'],
    ['an odd period renews for 12 months', { startDate: '2026-01-10', endDate: '2026-11-03' }, undefined, '2026-11-04', '2027-11-03'],
    ['an end given is kept', { startDate: '2026-01-01', endDate: '2026-12-31' }, '2027-06-30', '2027-01-01', '2027-06-30'],
    ['ending on 28 Feb of a leap year start', { startDate: '2027-03-01', endDate: '2028-02-29' }, undefined, '2028-03-01', '2029-02-28'],
  ] as const)('%s', (_s, old, end, start, newEnd) => {
    expect(renewedPeriod(old, end)).toEqual({ startDate: start, endDate: newEnd });
  });
  it('recognises whole months', () => {
    expect(wholeMonths('2026-01-01', '2026-12-31')).toBe(12);
    expect(wholeMonths('2026-01-01', '2026-12-30')).toBeNull();
  });
});

describe('R-CT-1 renewal rate = won / decided', () => {
  const r = (month: string, ownerId: string | null, stage: Stage): RateRow => ({ month, ownerId, stage });
  it('counts by month of expiry and by salesperson; open ones do not count as decided', () => {
    const rate = renewalRate([
      r('2026-07', 'a', 'won'),
      r('2026-07', 'a', 'lost'),
      r('2026-07', 'b', 'won'),
      r('2026-08', 'b', 'quoted'),
      r('2026-08', 'b', 'won'),
      r('2026-09', null, 'notice_sent'),
    ]);
    expect(rate.byMonth).toEqual([
      { key: '2026-07', total: 3, won: 2, lost: 1, open: 0, rate: 0.667 },
      { key: '2026-08', total: 2, won: 1, lost: 0, open: 1, rate: 1 },
      { key: '2026-09', total: 1, won: 0, lost: 0, open: 1, rate: null },
    ]);
    expect(rate.byOwner.map((l) => [l.key, l.won, l.lost, l.rate])).toEqual([
      ['b', 2, 0, 1],
      ['a', 1, 1, 0.5],
      [null, 0, 0, null],
    ]);
    expect(rate.overall).toMatchObject({ total: 6, won: 3, lost: 1, open: 2, rate: 0.75 });
  });
  it('nothing at all: no rate', () => expect(renewalRate([]).overall.rate).toBeNull());
});

describe('issue 13 §3 a renewal quote from the price list', () => {
  const lines = [
    { id: 'cat-old', modelId: null, category: 'imaging', annualPrice: '50000.00', effectiveFrom: '2025-01-01' },
    { id: 'cat-new', modelId: null, category: 'imaging', annualPrice: '60000.00', effectiveFrom: '2027-01-01' },
    { id: 'ct', modelId: 'm-ct', category: null, annualPrice: '180000.50', effectiveFrom: '2026-01-01' },
    { id: 'ct-future', modelId: 'm-ct', category: null, annualPrice: '999999.00', effectiveFrom: '2030-01-01' },
  ];
  const dev = (id: string, modelId: string, category: string) => ({ deviceId: id, serialNumber: `S-${id}`, modelName: modelId, modelId, category });

  it("a model's line before its category's; the line in force on the day; a future line ignored", () => {
    expect(priceLineFor({ modelId: 'm-ct', category: 'imaging' }, lines, '2027-06-01')?.id).toBe('ct');
    expect(priceLineFor({ modelId: 'm-dr', category: 'imaging' }, lines, '2027-06-01')?.id).toBe('cat-new');
    expect(priceLineFor({ modelId: 'm-dr', category: 'imaging' }, lines, '2026-06-01')?.id).toBe('cat-old');
    expect(priceLineFor({ modelId: 'm-x', category: 'lab' }, lines, '2027-06-01')).toBeNull();
  });

  it('quote = Σ devices × annual price × years, exact to the cent; an unpriced device counts 0 and is flagged', () => {
    const q = computeQuote([dev('1', 'm-ct', 'imaging'), dev('2', 'm-dr', 'imaging'), dev('3', 'm-x', 'lab')], lines, 2, '2027-06-01');
    expect(q.lines.map((l) => [l.basis, l.amount])).toEqual([
      ['model', '360001.00'],
      ['category', '120000.00'],
      ['none', '0.00'],
    ]);
    expect(q.total).toBe('480001.00');
    expect(q.unpriced).toBe(1);
    expect(computeQuote([], lines, 1, '2027-06-01')).toEqual({ lines: [], total: '0.00', unpriced: 0 });
  });
});
