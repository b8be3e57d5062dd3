// Plan-shape checks for the scale stories (issue 10 item 6): run a service against a Drizzle
// instance that records every statement, then EXPLAIN (ANALYZE, FORMAT JSON) each one on the
// same database. Tests assert what a plan reads (scans, sorts, rows), never how long it took.
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A second Drizzle handle on the same connection(s) that records the statements it sends. */
export function recordingDb(database: Database): { db: Db; statements: Statement[] } {
  const statements: Statement[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => statements.push({ sql, params }) };
  const db = database.pglite
    ? (drizzlePglite(database.pglite, { schema, logger }) as unknown as Db)
    : (drizzlePg(database.pool as NonNullable<Database['pool']>, { schema, logger }) as unknown as Db);
  return { db, statements };
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
  [k: string]: unknown;
}

/** EXPLAIN (ANALYZE) of a statement, in a transaction carrying the `set local` settings in force when it ran. */
export async function explain(database: Database, s: Statement, settings: string[] = []): Promise<PlanNode> {
  const text = `explain (analyze, format json) ${s.sql}`;
  let v: unknown;
  if (database.pglite) {
    v = await database.pglite.transaction(async (tx) => {
      for (const set of settings) await tx.query(set);
      const r = await tx.query<{ 'QUERY PLAN': unknown }>(text, s.params as unknown[]);
      await tx.rollback();
      return r.rows[0]['QUERY PLAN'];
    });
  } else {
    const client = await (database.pool as NonNullable<Database['pool']>).connect();
    try {
      await client.query('begin');
      for (const set of settings) await client.query(set);
      v = (await client.query(text, s.params as unknown[])).rows[0]['QUERY PLAN'];
    } finally {
      await client.query('rollback');
      client.release();
    }
  }
  const doc = (typeof v === 'string' ? JSON.parse(v) : v) as { Plan: PlanNode }[];
  return doc[0].Plan;
}

/**
 * The settings a statement makes for its transaction: `set local k = v`, or
 * `select set_config('k', 'v', true), …` (several in one statement, lib/records.ts serialReads).
 */
export function settingsOf(text: string): [string, string][] | null {
  const local = /^\s*set local (\w+) = (\w+)\s*$/i.exec(text);
  if (local) return [[local[1], local[2]]];
  if (!/^\s*select set_config\(/i.test(text)) return null;
  return [...text.matchAll(/set_config\('(\w+)', '(\w+)', true\)/g)].map((m) => [m[1], m[2]]);
}

/** Each select with its plan, `set local` statements replayed before the selects that followed them. */
export async function plansOfStatements(database: Database, statements: Statement[]) {
  const settings: string[] = [];
  const out: { s: Statement; plan: PlanNode }[] = [];
  for (const s of statements) {
    const set = settingsOf(s.sql);
    if (set) settings.push(...set.map(([k, v]) => `set local ${k} = ${v}`));
    else if (/^\s*(select|with)/i.test(s.sql)) out.push({ s, plan: await explain(database, s, settings) });
  }
  return out;
}

export function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Rows a node produced over all its loops. */
export const rowsOf = (n: PlanNode) => Math.round((n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1));

/** One line per node, for a failing assertion's message. */
export function describePlan(plan: PlanNode, depth = 0): string {
  const label = [n(plan['Node Type']), plan['Relation Name'] && `on ${plan['Relation Name']}`, plan['Index Name'] && `using ${plan['Index Name']}`]
    .filter(Boolean)
    .join(' ');
  return [`${'  '.repeat(depth)}${label} (rows=${rowsOf(plan)})`, ...(plan.Plans ?? []).map((p) => describePlan(p, depth + 1))].join('\n');
}
const n = (s: string) => s;
