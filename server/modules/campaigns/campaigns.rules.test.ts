// R-REG-3 / R-UP-1: serial ranges (numeric-aware), the class deadlines, upgrade pricing, unit
// resolution and closure refusals — pure rules, tables of cases.
import { describe, expect, it } from 'vitest';
import {
  closeRefusal,
  DEFAULT_DEADLINE_DAYS,
  inSerialRange,
  inWarrantyOn,
  matchSerialLines,
  noticeDeadline,
  noticeOverdue,
  resolveRefusal,
  serialFileLines,
  serialRange,
  serialsOfList,
  unitFee,
} from './campaigns.rules.ts';

describe('R-REG-3 serial ranges', () => {
  it.each([
    ['SN-0098', 'SN-0102', 'SN-0100', true],
    ['SN-0098', 'SN-0102', 'SN-0099', true],
    ['SN-98', 'SN-102', 'SN-99', true],
    ['SN-98', 'SN-102', 'SN-100', true],
    ['SN-98', 'SN-102', 'SN-1000', false],
    ['SN-98', 'SN-102', 'SN-97', false],
    ['SN-98', 'SN-102', 'XX-100', false],
    ['sn-98', 'SN-102', 'Sn-101', true],
    ['SN-0098', 'SN-0102', 'SN-0102', true],
    ['ABC', 'ABF', 'ABD', true],
    ['ABC', 'ABF', 'ABG', false],
    ['A100', 'B200', 'A9', true],
  ])('%s … %s contains %s: %s', (from, to, serial, expected) => {
    const r = serialRange(from, to);
    expect(r).not.toBeNull();
    expect(inSerialRange(serial, r as NonNullable<typeof r>)).toBe(expected);
  });
  it('numeric when the prefixes match (so 99 < 100), lexicographic otherwise; reversed ends are refused', () => {
    expect(serialRange('SN-98', 'SN-102')).toMatchObject({ kind: 'numeric', prefix: 'sn-' });
    expect(serialRange('A100', 'B200')).toMatchObject({ kind: 'lexical' });
    expect(serialRange('SN-102', 'SN-98')).toBeNull();
    expect(serialRange('B', 'A')).toBeNull();
  });
  it('an uploaded list: trimmed, de-duplicated, header and blanks dropped', () => {
    expect(serialsOfList(['序列号', ' SN-1 ', 'SN-2', '', null, 'SN-1', 'Serial No.'])).toEqual(['SN-1', 'SN-2']);
  });
});

describe('R-REG-3 class deadlines and escalation', () => {
  it('defaults: class I 1 day, II 3 days, III 7 days', () => {
    expect([DEFAULT_DEADLINE_DAYS.recall_1, DEFAULT_DEADLINE_DAYS.recall_2, DEFAULT_DEADLINE_DAYS.recall_3]).toEqual([1, 3, 7]);
  });
  it('a notice is overdue only unacknowledged and past the deadline', () => {
    const start = new Date('2026-12-01T08:00:00Z');
    expect(noticeDeadline(start, 3).toISOString()).toBe('2026-12-04T08:00:00.000Z');
    const late = new Date('2026-12-04T08:00:01Z');
    expect(noticeOverdue({ ackAt: null }, start, 3, late)).toBe(true);
    expect(noticeOverdue({ ackAt: null }, start, 3, new Date('2026-12-04T07:59:59Z'))).toBe(false);
    expect(noticeOverdue({ ackAt: new Date('2026-12-05T00:00:00Z') }, start, 3, late)).toBe(false);
    expect(noticeOverdue({ ackAt: null }, null, 3, late)).toBe(false);
  });
});

describe('R-UP-1 upgrade pricing (seed 003 保修期内免费…保修期外收取适当的成本费)', () => {
  it.each([
    ['technical_upgrade', true, '800.00', '0'],
    ['technical_upgrade', false, '800.00', '800.00'],
    ['technical_upgrade', false, null, '0'],
    ['recall_2', false, '800.00', '0'],
  ] as const)('%s in warranty %s fee %s → %s', (type, inWarranty, fee, expected) => {
    expect(unitFee(type, inWarranty, fee)).toBe(expected);
  });
  it('in warranty by the warranty end or a covering contract, on the day inclusive', () => {
    expect(inWarrantyOn('2026-12-07', '2026-12-07', null)).toBe(true);
    expect(inWarrantyOn('2026-12-07', '2026-12-06', null)).toBe(false);
    expect(inWarrantyOn('2026-12-07', null, '2027-01-01')).toBe(true);
    expect(inWarrantyOn('2026-12-07', null, null)).toBe(false);
  });
});

describe('unit resolution and closure (R-REG-3, R-UP-1)', () => {
  it.each([
    ['corrected with verification', { outcome: 'corrected', verification: '升级后自检通过' }, null, null, null],
    ['corrected without verification', { outcome: 'corrected' }, null, null, 'campaign_unit_verification_required'],
    ['corrected while the work order is open', { outcome: 'corrected', verification: 'ok' }, false, null, 'campaign_unit_wo_open'],
    ['corrected with the work order resolved', { outcome: 'replaced', verification: 'ok' }, true, null, null],
    ['upgrade done without consent', { outcome: 'corrected', verification: 'ok' }, true, 'pending', 'campaign_consent_required'],
    ['upgrade done with consent', { outcome: 'corrected', verification: 'ok' }, true, 'given', null],
    ['not found without a reason', { outcome: 'not_found', reason: ' ' }, null, null, 'campaign_unit_reason_required'],
    ['not found with a reason', { outcome: 'not_found', reason: '医院已转让设备' }, null, null, null],
    ['returned', { outcome: 'returned' }, null, null, null],
    ['consent refused by hand', { outcome: 'consent_refused' }, null, null, 'campaign_unit_refuse_by_consent'],
  ] as const)('%s', (_n, input, woDone, consent, expected) => {
    expect(resolveRefusal(input, woDone, consent)?.error ?? null).toBe(expected);
  });
  it('a campaign closes only when started and every unit is resolved', () => {
    expect(closeRefusal('in_progress', 0, true)).toBeNull();
    expect(closeRefusal('notifying', 2, true)).toBe('campaign_units_open');
    expect(closeRefusal('draft', 0, true)).toBe('campaign_not_started');
    expect(closeRefusal('closed', 0, true)).toBe('campaign_closed');
  });
});

describe('a file of serials (R-REG-3)', () => {
  it.each([
    [
      'a header names the column',
      [
        { row: 1, cells: ['医院', '序列号'] },
        { row: 2, cells: ['仁和', ' A-1 '] },
        { row: 3, cells: ['x', null] },
      ],
      1,
      [{ row: 2, serial: 'A-1' }],
    ],
    [
      'no header: the first column',
      [
        { row: 1, cells: ['A-1'] },
        { row: 3, cells: ['A-2', 'note'] },
      ],
      null,
      [
        { row: 1, serial: 'A-1' },
        { row: 3, serial: 'A-2' },
      ],
    ],
    [
      'an English header',
      [
        { row: 2, cells: ['Serial number'] },
        { row: 3, cells: [12345] },
      ],
      2,
      [{ row: 3, serial: '12345' }],
    ],
    ['nothing at all', [], null, []],
  ])('%s', (_name, rows, header, lines) => {
    expect(serialFileLines(rows)).toEqual({ header, lines });
  });

  it('matches known units once, of the chosen model; reports unknown, repeated and other-model lines', () => {
    const units = new Map([
      ['a-1', { serial: 'A-1', modelId: 'm1' }],
      ['b-1', { serial: 'B-1', modelId: 'm2' }],
    ]);
    const lines = [
      { row: 2, serial: 'a-1' },
      { row: 3, serial: 'A-1' },
      { row: 4, serial: 'Z-9' },
      { row: 5, serial: 'B-1' },
    ];
    expect(matchSerialLines(lines, units, 'm1')).toEqual({
      serials: ['A-1'],
      unmatched: [
        { row: 3, serial: 'A-1', reason: 'duplicate', firstRow: 2 },
        { row: 4, serial: 'Z-9', reason: 'unknown' },
        { row: 5, serial: 'B-1', reason: 'other_model' },
      ],
    });
    expect(matchSerialLines(lines, units).serials).toEqual(['A-1', 'B-1']);
  });
});
