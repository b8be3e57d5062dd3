// Turns the statements one HTTP request issued (bench/lib/capture.ts) into a pgbench script
// that replays exactly those statements, with their transaction boundaries, in extended query
// protocol like node-postgres. What varies per transaction is wired up the way the app does it:
// - the device comes from `bench_devices` by a random integer (the HTTP load picks the same way);
// - a value the app read from an earlier single-row result (ids, the previous audit hash, the
//   counter and sequence values) is taken from that statement with \gset;
// - a number formatted from a counter ('BX-2026-000123') is rebuilt from the counter variable;
// - everything else is a constant passed with -D, as the app passes parameters.
import type { Captured } from './capture.ts';

// biome-ignore lint/suspicious/noExplicitAny: pg's utils are untyped.
const pgUtils: { prepareValue(v: unknown): unknown } = (await import('pg/lib/utils.js' as string)).default as any;

export interface PgbenchScript {
  script: string;
  defines: Record<string, string>;
  statements: number;
  wired: { statement: number; param: number; from: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^[0-9a-f]{64}$/;
const serialize = (v: unknown): string | null => {
  const p = pgUtils.prepareValue(v);
  return p === null || p === undefined ? null : String(p);
};
const isCounter = (text: string) => /nextval\(|into counters|next_number\(/i.test(text);

export function toPgbench(statements: Captured[], deviceId: string): PgbenchScript {
  const defines: Record<string, string> = {};
  const wired: PgbenchScript['wired'] = [];
  const gsetNeeded = new Set<number>();
  const lines: string[] = ['\\set devn random(1, :ndev)'];
  let deviceWired = false;
  const body: { sql: string; index: number }[] = [];
  // Ids the app made itself (crypto.randomUUID for the work order and the clocks): a fresh one
  // per transaction, from two random 64-bit numbers, the same value wherever it recurs.
  const fresh = freshIds(statements);
  const freshExpr = new Map<string, string>();
  for (const id of fresh) {
    const n = freshExpr.size;
    lines.push(`\\set u${n}a random(1, 9223372036854775806)`, `\\set u${n}b random(1, 9223372036854775806)`);
    freshExpr.set(id, `(lpad(to_hex((:u${n}a)::bigint), 16, '0') || lpad(to_hex((:u${n}b)::bigint), 16, '0'))::uuid`);
  }

  statements.forEach((st, i) => {
    let sql = st.text.replace(/\s+/g, ' ').trim();
    // Replace $n from the highest index down so $1 does not eat $10.
    const order = st.values.map((_, k) => k).sort((a, b) => b - a);
    for (const k of order) {
      const value = serialize(st.values[k]);
      let expr: string;
      if (value === null) {
        expr = 'NULL';
      } else if (freshExpr.has(value)) {
        expr = freshExpr.get(value) as string;
        wired.push({ statement: i, param: k + 1, from: 'fresh uuid' });
      } else if (value === deviceId && !deviceWired) {
        expr = '(select id from bench_devices where n = :devn)';
        deviceWired = true;
        wired.push({ statement: i, param: k + 1, from: 'bench_devices' });
      } else {
        const source = findSource(statements, i, value);
        if (source) {
          gsetNeeded.add(source.statement);
          expr = `:s${source.statement}_${source.field}`;
          wired.push({ statement: i, param: k + 1, from: `s${source.statement}.${source.field}` });
        } else {
          const numbered = derivedFromNumber(statements, i, value);
          const counter = numbered ? null : derivedFromCounter(statements, i, value);
          if (numbered) {
            gsetNeeded.add(numbered.statement);
            expr = `(${quote(numbered.prefix)} || substr(:s${numbered.statement}_${numbered.field}, ${numbered.cut + 1}))`;
            wired.push({ statement: i, param: k + 1, from: `renumber(s${numbered.statement}.${numbered.field})` });
          } else if (counter) {
            gsetNeeded.add(counter.statement);
            expr = `(${quote(counter.prefix)} || lpad((:s${counter.statement}_${counter.field})::text, ${counter.width}, '0'))`;
            wired.push({ statement: i, param: k + 1, from: `format(s${counter.statement}.${counter.field})` });
          } else {
            const name = `c${i}_${k + 1}`;
            defines[name] = value;
            expr = `:${name}`;
          }
        }
      }
      sql = sql.replace(new RegExp(`\\$${k + 1}(?![0-9])`, 'g'), expr);
    }
    body.push({ sql, index: i });
  });
  // A value taken from an earlier statement needs that statement if the device was not
  // wired (a request without a device lookup is not what we capture).
  if (!deviceWired) throw new Error('the captured request never used the device id as a parameter');
  for (const { sql, index } of body) lines.push(gsetNeeded.has(index) ? `${sql} \\gset s${index}_` : `${sql};`);
  return { script: `${lines.join('\n')}\n`, defines, statements: statements.length, wired };
}

function quote(s: string) {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The latest earlier single-row result holding this exact value, if it is an identity-like value. */
function findSource(all: Captured[], before: number, value: string): { statement: number; field: string } | null {
  const identity = UUID.test(value) || HASH.test(value);
  for (let j = before - 1; j >= 0; j--) {
    const st = all[j];
    if (st.rows.length !== 1) continue;
    if (!identity && !isCounter(st.text)) continue;
    const row = st.rows[0];
    for (let f = 0; f < st.fields.length; f++) {
      if (!/^[a-z_][a-z0-9_]*$/i.test(st.fields[f])) continue;
      if (serialize(row[f]) === value) return { statement: j, field: st.fields[f] };
    }
  }
  return null;
}

/** Values of the "id" column in the app's INSERTs that no earlier statement returned: made by the app. */
function freshIds(all: Captured[]): Set<string> {
  const out = new Set<string>();
  all.forEach((st, i) => {
    const re = /insert into "[a-z_]+" \(([^)]*)\) values ((?:\([^()]*\)(?:, )?)+)/gi;
    for (const m of st.text.replace(/\s+/g, ' ').matchAll(re)) {
      const cols = m[1].split(',').map((c) => c.trim().replace(/"/g, ''));
      const at = cols.indexOf('id');
      if (at < 0) continue;
      for (const tuple of m[2].matchAll(/\(([^()]*)\)/g)) {
        const p = /^\$(\d+)$/.exec(tuple[1].split(',')[at]?.trim() ?? '');
        if (!p) continue;
        const v = serialize(st.values[Number(p[1]) - 1]);
        if (v && UUID.test(v) && !findSource(all, i, v)) out.add(v);
      }
    }
  });
  return out;
}

/** 'WO-2026-000123' made from the number 'BX-2026-000123' an earlier numbering statement returned. */
function derivedFromNumber(all: Captured[], before: number, value: string) {
  const m = /^([A-Z]+)(-\d{4}-\d+)$/.exec(value);
  if (!m) return null;
  for (let j = before - 1; j >= 0; j--) {
    const st = all[j];
    if (st.rows.length !== 1 || !isCounter(st.text)) continue;
    for (let f = 0; f < st.fields.length; f++) {
      const other = /^([A-Z]+)(-\d{4}-\d+)$/.exec(String(st.rows[0][f]));
      if (other && other[2] === m[2] && /^[a-z_][a-z0-9_]*$/i.test(st.fields[f])) {
        return { statement: j, field: st.fields[f], prefix: m[1], cut: other[1].length };
      }
    }
  }
  return null;
}

/** 'BX-2026-000123' made from counter value 123: prefix, padding width and the counter's statement. */
function derivedFromCounter(all: Captured[], before: number, value: string) {
  const m = /^(.*?[^0-9])(\d+)$/.exec(value);
  if (!m) return null;
  for (let j = before - 1; j >= 0; j--) {
    const st = all[j];
    if (st.rows.length !== 1 || !isCounter(st.text)) continue;
    for (let f = 0; f < st.fields.length; f++) {
      if (Number(st.rows[0][f]) === Number(m[2]) && m[2].length >= String(st.rows[0][f]).length) {
        return { statement: j, field: st.fields[f], prefix: m[1], width: m[2].length };
      }
    }
  }
  return null;
}
