// Sites over time (R-REG-5): the device record's states folded into periods.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellLines, normalizedCode, placementsFrom, sheetName } from './traceability.rules.ts';

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

describe('a dossier table cell broken into lines (cellLines)', () => {
  // A width like the PDF's: ideographs and full-width punctuation 8, anything else 4.
  const widthOf = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 8 : 4), 0);
  const squeeze = (t: string) => t.replace(/\s+/g, '');

  it('breaks between ideographs, at spaces and after a hyphen, never before a closing mark; keeps explicit breaks', () => {
    expect(cellLines('染色机加样针报警，试剂泵不出液', 64, widthOf)).toEqual(['染色机加样针报', '警，试剂泵不出液']);
    expect(cellLines('hello world again', 48, widthOf)).toEqual(['hello world', 'again']);
    expect(cellLines('BENCH-W-000005', 40, widthOf)).toEqual(['BENCH-', 'W-000005']);
    expect(cellLines('一\n\n二', 100, widthOf)).toEqual(['一', '', '二']);
    expect(cellLines('一\r\n二\r三', 100, widthOf)).toEqual(['一', '二', '三']);
  });

  it('a word longer than the column is broken between its characters', () => {
    expect(cellLines('ABCDEFGHIJ', 16, widthOf)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('drops nothing, and every line but a single character fits the column', () => {
    const text = fc
      .array(fc.constantFrom('报', '警', '，', '（', '）', 'A', 'b', '7', '-', ' ', '/', '\n', '…', '2%'), { maxLength: 80 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 8, max: 120 }), (t, width) => {
        const lines = cellLines(t, width, widthOf);
        expect(squeeze(lines.join(''))).toBe(squeeze(t));
        expect(lines.length).toBeGreaterThanOrEqual(t.split('\n').length);
        for (const l of lines) if ([...l].length > 1) expect(widthOf(l.trimEnd())).toBeLessThanOrEqual(width);
      }),
    );
  });
});
