// Table tests of the van rules (issue 10 item 9, R-PT-5).
import { describe, expect, it } from 'vitest';
import { rankOptions, requestSourceRefusal, storesFor, transferRequestNext } from './parts.van.rules.ts';

describe('stores a job may be replenished from (R-PT-5)', () => {
  it.each([
    ['emergency', ['central', 'emergency']],
    ['urgent', ['central']],
    ['normal', ['central']],
    ['low', ['central']],
  ] as const)('%s job → %j', (urgency, stores) => expect(storesFor(urgency)).toEqual(stores));

  it.each([
    ['central', 'normal', null],
    ['central', 'emergency', null],
    ['emergency', 'emergency', null],
    ['emergency', 'urgent', 'emergency_stock_reserved'],
    ['emergency', 'normal', 'emergency_stock_reserved'],
    ['van', 'emergency', 'transfer_source_invalid'],
    ['van', 'normal', 'transfer_source_invalid'],
  ] as const)('from %s for a %s job → %s', (kind, urgency, refusal) => expect(requestSourceRefusal(kind, urgency)).toBe(refusal));
});

describe('the order parts are offered in', () => {
  it('fits the device first, then in the van, then by code', () => {
    const rows = [
      { code: 'D', compatible: false, vanQty: 0 },
      { code: 'C', compatible: false, vanQty: 3 },
      { code: 'B', compatible: true, vanQty: 0 },
      { code: 'A', compatible: true, vanQty: 1 },
      { code: 'E', compatible: true, vanQty: 5 },
    ];
    expect(rankOptions(rows).map((r) => r.code)).toEqual(['A', 'E', 'B', 'C', 'D']);
    expect(rows[0].code).toBe('D'); // the input is not reordered
  });
});

describe('transfer request life', () => {
  it.each([
    ['requested', 'fulfil', 'fulfilled'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'cancel', 'cancelled'],
    ['fulfilled', 'reject', null],
    ['fulfilled', 'cancel', null],
    ['rejected', 'fulfil', null],
    ['cancelled', 'fulfil', null],
  ] as const)('%s + %s → %s', (from, step, to) => expect(transferRequestNext(from, step)).toBe(to));
});
