// Sites over time (R-REG-5): the device record's states folded into periods.
import { describe, expect, it } from 'vitest';
import { normalizedCode, placementsFrom, sheetName } from './traceability.rules.ts';

const s = (at: string, siteId: string | null, location: string | null = null, customerId = 'c1') => ({
  at: new Date(at),
  actorName: 'x',
  customerId,
  siteId,
  departmentId: null,
  location,
});

describe('placementsFrom', () => {
  it('a new period only when hospital, site, department or location changed; each ends when the next starts', () => {
    const p = placementsFrom([
      s('2020-01-01', 'a'),
      s('2021-01-01', 'a'),
      s('2022-01-01', 'b'),
      s('2023-01-01', 'b', '3楼'),
      s('2024-01-01', 'b', '3楼', 'c2'),
    ]);
    expect(p.map((x) => [x.siteId, x.location, x.customerId])).toEqual([
      ['a', null, 'c1'],
      ['b', null, 'c1'],
      ['b', '3楼', 'c1'],
      ['b', '3楼', 'c2'],
    ]);
    expect(p[0].to?.toISOString().slice(0, 10)).toBe('2022-01-01');
    expect(p.at(-1)?.to).toBeNull();
  });
  it('out-of-order input is sorted; empty is empty', () => {
    expect(placementsFrom([s('2022-01-01', 'b'), s('2020-01-01', 'a')]).map((x) => x.siteId)).toEqual(['a', 'b']);
    expect(placementsFrom([])).toEqual([]);
  });
});

describe('codes and sheet names', () => {
  it('lots match case-insensitively after trimming; sheet names are Excel-safe', () => {
    expect(normalizedCode('  LOT-a12 ')).toBe('lot-a12');
    expect(sheetName('a/b:c?d*e[f]g')).toBe('a b c d e f g');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});
