// Table maintenance thresholds (issue 10 item 6), like autovacuum's plus what PGlite needs.
import { describe, expect, it } from 'vitest';
import { decide, plan, type TableStats } from './maintenance.rules.ts';

const t = (over: Partial<TableStats>): TableStats => ({
  name: 'public.work_orders',
  reltuples: 1000,
  relpages: 20,
  pages: 20,
  modSinceAnalyze: 0,
  deadTuples: 0,
  insSinceVacuum: 0,
  ...over,
});

describe('which tables the maintenance job analyzes or vacuums', () => {
  it.each([
    ['an unchanged table', t({}), false, false],
    ['a never analyzed empty table', t({ reltuples: -1, relpages: 0, pages: 0 }), false, false],
    ['a never analyzed table with data (PGlite after a load)', t({ reltuples: -1, relpages: 0, pages: 3 }), true, false],
    ['150 of 1,000 rows changed (threshold 50 + 10 %)', t({ modSinceAnalyze: 151 }), true, false],
    ['exactly at the analyze threshold', t({ modSinceAnalyze: 150 }), false, false],
    ['grown from 20 to 40 pages after a restart lost the counters', t({ pages: 40 }), true, false],
    ['a little growth', t({ pages: 25 }), false, false],
    ['251 dead of 1,000 (threshold 50 + 20 %)', t({ deadTuples: 251 }), false, true],
    ['1,201 inserted since the last vacuum', t({ insSinceVacuum: 1201 }), false, true],
  ])('%s', (_label, stats, analyze, vacuum) => {
    const d = decide(stats);
    expect({ analyze: d.analyze, vacuum: d.vacuum }).toEqual({ analyze, vacuum });
  });

  it('lists only the tables that need work, the most changed first', () => {
    const p = plan([t({ name: 'a' }), t({ name: 'b', modSinceAnalyze: 200 }), t({ name: 'c', modSinceAnalyze: 5000 })]);
    expect(p.map((d) => d.name)).toEqual(['c', 'b']);
    expect(p[0].reason).toBe('5000 rows changed');
  });
});
