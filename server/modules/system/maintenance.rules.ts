// Which tables need ANALYZE or VACUUM (issue 10 item 6). PGlite runs no autovacuum, and its
// statistics counters (pg_stat_user_tables) live only as long as the process: after a restart
// they read 0 for tables that changed by thousands of rows. So besides autovacuum's own rules
// (50 + 10 % of the rows modified → analyze, 50 + 20 % dead → vacuum, 1,000 + 20 % inserted →
// vacuum for the visibility map) a table is analyzed when it was never analyzed but has data, or
// when it grew past what its last analyze recorded (pages now vs relpages), which survives restarts.

export interface TableStats {
  /** schema-qualified, quoted name */
  name: string;
  /** pg_class.reltuples: -1 when never analyzed or vacuumed. */
  reltuples: number;
  /** pg_class.relpages at the last analyze/vacuum. */
  relpages: number;
  /** Pages on disk now. */
  pages: number;
  modSinceAnalyze: number;
  deadTuples: number;
  insSinceVacuum: number;
}

export interface Decision {
  name: string;
  analyze: boolean;
  vacuum: boolean;
  reason: string;
}

export const THRESHOLDS = {
  analyzeBase: 50,
  analyzeScale: 0.1,
  vacuumBase: 50,
  vacuumScale: 0.2,
  insertBase: 1000,
  insertScale: 0.2,
  growthPages: 8,
  growthScale: 0.1,
};

export function decide(t: TableStats, k = THRESHOLDS): Decision {
  const rows = Math.max(t.reltuples, 0);
  const reasons: string[] = [];
  let analyze = false;
  let vacuum = false;
  if (t.reltuples < 0 && t.pages > 0) {
    analyze = true;
    reasons.push('never analyzed');
  }
  if (t.modSinceAnalyze > k.analyzeBase + k.analyzeScale * rows) {
    analyze = true;
    reasons.push(`${t.modSinceAnalyze} rows changed`);
  }
  if (t.reltuples >= 0 && t.pages > t.relpages + k.growthPages + k.growthScale * t.relpages) {
    analyze = true;
    reasons.push(`grew from ${t.relpages} to ${t.pages} pages`);
  }
  if (t.deadTuples > k.vacuumBase + k.vacuumScale * rows) {
    vacuum = true;
    reasons.push(`${t.deadTuples} dead rows`);
  }
  if (t.insSinceVacuum > k.insertBase + k.insertScale * rows) {
    vacuum = true;
    reasons.push(`${t.insSinceVacuum} rows inserted since vacuum`);
  }
  return { name: t.name, analyze, vacuum, reason: reasons.join(', ') };
}

/** The tables to work on, biggest change first (a time-boxed run does the most useful first). */
export function plan(tables: TableStats[], k = THRESHOLDS): Decision[] {
  return tables
    .map((t) => ({ t, d: decide(t, k) }))
    .filter((x) => x.d.analyze || x.d.vacuum)
    .sort((a, b) => b.t.modSinceAnalyze + b.t.deadTuples + (b.t.pages - b.t.relpages) - (a.t.modSinceAnalyze + a.t.deadTuples + (a.t.pages - a.t.relpages)))
    .map((x) => x.d);
}
