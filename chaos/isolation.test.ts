// Cross-hospital isolation (SPEC §1): the hospital user of 北京仁和医院 (renhe) tries every id
// that belongs to 上海瑞康医院 (ruikang) — every row of a table with a customer_id, and every row
// hanging off those through foreign keys (requests, work orders, their events, signatures,
// reviews, corrections, parts lines, receipts, loans, surveys, follow-ups, complaints, SLA
// clocks …, found through information_schema) — in every operation that takes an id, in the
// path and in the body, and as a filter of every list. Never 2xx for a foreign id, never a
// foreign row or name in an answer, and nothing changes.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type Res, type TestEnv } from '../server/test/harness.ts';
import { bodyFixup, type HospitalHistory, type Operation, operationsOf, type Schema, sampleOf, schemaRefused, seedHistory, urlOf } from './access.fixtures.ts';

let env: TestEnv;
let renhe: Client;
let ops: Operation[];
let own: HospitalHistory;
let other: HospitalHistory;
/** Every id of the other hospital, by table (uuid ids, and the bigint ids of event tables). */
const foreign = new Map<string, string[]>();
/** Tables whose id is a uuid: the only ids an operation can take. */
const uuidTables = new Set<string>();
let foreignIds: Set<string>;
/** Names and numbers of the other hospital that must never show in renhe's answers. */
let foreignWords: string[] = [];
const ownIds: Record<string, string> = {};
let sent = 0;

const q = async <T>(sql: string) => (await env.database.query<T>(sql)).rows;

/** Tables with a uuid `id`, and the foreign keys between tables (child.column → parent). */
async function schemaGraph() {
  const idTypes = new Map(
    (
      await q<{ table_name: string; data_type: string }>(
        `select table_name, data_type from information_schema.columns where table_schema = 'public' and column_name = 'id'`,
      )
    ).map((r) => [r.table_name, r.data_type]),
  );
  const withId = new Set(idTypes.keys());
  for (const [t, type] of idTypes) if (type === 'uuid') uuidTables.add(t);
  const owned = (
    await q<{ table_name: string }>(`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'customer_id'`)
  ).map((r) => r.table_name);
  const fks = await q<{ child: string; col: string; parent: string }>(`
    select kcu.table_name as child, kcu.column_name as col, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`);
  return { withId, owned, fks };
}

async function collectForeign(customerId: string) {
  const { withId, owned, fks } = await schemaGraph();
  const add = (table: string, ids: string[]) => {
    const have = new Set(foreign.get(table) ?? []);
    const fresh = ids.filter((id) => !have.has(id));
    if (fresh.length) foreign.set(table, [...have, ...fresh]);
    return fresh.length;
  };
  for (const t of owned) {
    if (t === 'customers') continue;
    if (withId.has(t))
      add(
        t,
        (await q<{ id: string }>(`select id::text from "${t}" where customer_id = '${customerId}'`)).map((r) => r.id),
      );
  }
  add('customers', [customerId]);
  // Children of foreign rows are foreign too, to a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { child, col, parent } of fks) {
      const parents = foreign.get(parent);
      if (!parents?.length || !withId.has(child)) continue;
      const list = parents.map((id) => `'${id}'`).join(',');
      const rows = await q<{ id: string }>(`select id::text from "${child}" where "${col}"::text in (${list})`);
      if (
        add(
          child,
          rows.map((r) => r.id),
        ) > 0
      )
        changed = true;
    }
  }
}

/** Every uuid of the other hospital's rows, for the tables in the map (a fingerprint of them). */
async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const [t, ids] of [...foreign.entries()].sort()) {
    const rows = await q<{ h: string }>(
      `select md5(string_agg(x::text, '|' order by x.id)) as h from "${t}" x where x.id::text in (${ids.map((i) => `'${i}'`).join(',')})`,
    );
    parts.push(`${t}:${rows[0]?.h}`);
  }
  const audit = await q<{ n: number; seq: string }>(`select count(*)::int as n, coalesce(max(seq), 0)::text as seq from audit_log`);
  return `${parts.join(';')};audit:${audit[0].n}/${audit[0].seq}`;
}

beforeAll(async () => {
  env = await createTestEnv();
  ops = operationsOf(env.app.swagger() as never);
  const history = await seedHistory(env);
  own = history.renhe;
  other = history.ruikang;
  await collectForeign(other.customerId);
  foreignIds = new Set([...foreign.entries()].filter(([t]) => uuidTables.has(t)).flatMap(([, v]) => v));
  const [rk] = await q<{ code: string; name: string }>(`select code, name from customers where id = '${other.customerId}'`);
  const numbers = await q<{ w: string }>(`
    select serial_number as w from devices where customer_id = '${other.customerId}'
    union all select number from service_requests where customer_id = '${other.customerId}'
    union all select number from work_orders where customer_id = '${other.customerId}'
    union all select number from contracts where customer_id = '${other.customerId}'
    union all select number from complaints where customer_id = '${other.customerId}'`);
  foreignWords = [rk.code, rk.name, ...numbers.map((r) => r.w)];
  renhe = await env.as('renhe');
  Object.assign(ownIds, {
    device: (await q<{ id: string }>(`select device_id as id from service_requests where id = '${own.openRequestId}'`))[0].id,
    customer: own.customerId,
    workOrder: own.openWorkOrderId,
    request: own.openRequestId,
    partLine: own.partLineId,
    survey: own.surveyId,
    loan: own.loanId,
    complaint: own.complaintId,
  });
});
afterAll(() => env?.close());

/** Renhe's own id for a parameter, so that the foreign id is the only thing wrong. */
function ownFor(name: string, path = ''): string {
  if (name === 'partId' && path.includes('/work-orders/')) return ownIds.partLine;
  if (name === 'n') return '1';
  if (name === 'kind') return 'customers';
  if (name === 'year') return '2026';
  if (name === 'revision') return '1';
  if (name === 'urgency') return 'emergency';
  const byName: Record<string, string> = {
    deviceId: 'device',
    customerId: 'customer',
    workOrderId: 'workOrder',
    requestId: 'request',
    surveyId: 'survey',
  };
  if (byName[name]) return ownIds[byName[name]];
  if (name === 'id') {
    if (path.startsWith('/api/v1/work-orders/')) return ownIds.workOrder;
    if (path.startsWith('/api/v1/requests/')) return ownIds.request;
    if (path.startsWith('/api/v1/surveys/')) return ownIds.survey;
    if (path.startsWith('/api/v1/loans/')) return ownIds.loan;
    if (path.startsWith('/api/v1/devices/')) return ownIds.device;
  }
  return randomUUID();
}

/** A uuid field ('one'), a list of uuids ('many'), or neither, looking inside anyOf/oneOf. */
function uuidShape(s: Schema | undefined): 'one' | 'many' | null {
  if (!s) return null;
  if (s.format === 'uuid') return 'one';
  if (s.type === 'array' && s.items?.format === 'uuid') return 'many';
  for (const b of (s.anyOf ?? s.oneOf ?? []) as Schema[]) {
    const x = uuidShape(b);
    if (x) return x;
  }
  return null;
}
const isUuid = (s: Schema | undefined) => uuidShape(s) === 'one';

/** Which foreign tables a field or query parameter of this name can name. */
function tablesFor(name: string): string[] {
  const t: Record<string, string[]> = {
    customerId: ['customers'],
    deviceId: ['devices'],
    departmentId: ['departments'],
    siteId: ['sites'],
    contractId: ['contracts'],
    requestId: ['service_requests'],
    workOrderId: ['work_orders'],
    surveyId: ['surveys'],
    followupId: ['followups'],
    userId: ['users'],
    ownerId: ['users'],
    leadId: ['users'],
    leadEngineerId: ['users'],
    ids: ['notifications'],
  };
  return t[name] ?? [...foreign.keys()].filter((x) => uuidTables.has(x));
}

/** The foreign words or ids an answer gives away (xlsx answers are read cell by cell). */
async function leaks(r: Res): Promise<string[]> {
  let text = r.body;
  if (String(r.headers['content-type'] ?? '').includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    text = wb.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join('\t')).join('\n');
  } else if (String(r.headers['content-type'] ?? '').includes('pdf')) return [];
  const hits = foreignWords.filter((w) => text.includes(w));
  for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) if (foreignIds.has(m[0])) hits.push(m[0]);
  return hits;
}

async function send(spec: Parameters<Client['raw']>[0]): Promise<Res> {
  sent++;
  return renhe.raw(spec);
}

const bodyOf = (op: Operation, override: Record<string, unknown> = {}) => {
  if (!op.body || op.multipart) return undefined;
  return { ...(sampleOf(op.body, (n) => ownFor(n)) as Record<string, unknown>), ...bodyFixup(op.key), ...override };
};

describe('renhe (北京仁和医院) against every id of 上海瑞康医院', () => {
  it('the other hospital has a full service history to try', () => {
    const tables = [...foreign.keys()];
    const rows = [...foreign.values()].flat().length;
    console.log(
      `foreign rows: ${rows} in ${tables.length} tables (${foreignIds.size} uuid ids an operation can take; the bigint ids of ` +
        `${tables.filter((t) => !uuidTables.has(t)).join(', ')} are taken by none): ${tables.map((t) => `${t}=${foreign.get(t)?.length}`).join(', ')}`,
    );
    for (const t of [
      'devices',
      'departments',
      'sites',
      'contacts',
      'contracts',
      'users',
      'service_requests',
      'work_orders',
      'work_order_events',
      'sla_events',
      'notifications',
      'work_order_signatures',
      'work_order_reviews',
      'work_order_corrections',
      'work_order_parts',
      'goods_receipts',
      'goods_register',
      'repair_card_entries',
      'loans',
      'sla_clocks',
      'surveys',
      'followup_plans',
      'followups',
      'complaints',
      'parts_ledger',
    ])
      expect(foreign.get(t)?.length ?? 0, t).toBeGreaterThan(0);
    expect(other.closedWorkOrderId).not.toBe(own.closedWorkOrderId);
  });

  it('every operation with an id answers 403 or 404 for each foreign id, exactly as for an id that does not exist, GET and unsafe alike; nothing changes', async () => {
    const before = await fingerprint();
    const idOps = ops.filter((op) => op.pathParams.some((p) => isUuid(p.schema)));
    const wrong: string[] = [];
    const seen = new Map<number, number>();
    let tried = 0;
    for (const op of idOps) {
      for (const param of op.pathParams.filter((p) => isUuid(p.schema))) {
        const probe = (id: string) =>
          send({
            method: op.method,
            url: urlOf(op, (name, p) => (name === param.name ? id : ownFor(name, p)), requiredQuery(op)),
            payload: bodyOf(op) as never,
          });
        // What an id that exists nowhere gets: a foreign id must be indistinguishable from it.
        const missing = await probe(randomUUID());
        for (const id of foreignIds) {
          const r = await probe(id);
          tried++;
          seen.set(r.statusCode, (seen.get(r.statusCode) ?? 0) + 1);
          if (r.statusCode !== 403 && r.statusCode !== 404) wrong.push(`${op.key} {${param.name}}=${id}: ${r.statusCode} ${r.body.slice(0, 160)}`);
          else if (r.statusCode !== missing.statusCode || r.data?.code !== missing.data?.code)
            wrong.push(
              `${op.key} {${param.name}}=${id}: ${r.statusCode} ${r.data?.code}, but ${missing.statusCode} ${missing.data?.code} for an id that does not exist`,
            );
        }
      }
    }
    console.log(
      `path ids: ${idOps.length} operations × ${foreignIds.size} foreign ids → ${tried} requests; statuses ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    expect(wrong.slice(0, 30)).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });

  it('a foreign id in a request body is refused, or changes nothing', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    /** Accepts foreign ids but acts only on the caller's own rows (marks own notifications read). */
    const NO_OP = new Set(['POST /api/v1/notifications/read']);
    let tried = 0;
    for (const op of ops.filter((o) => o.body && !o.multipart && o.method !== 'GET')) {
      if (op.key.startsWith('POST /api/v1/auth/') || op.key.includes('/public/')) continue;
      for (const [field, schema] of Object.entries((op.body?.properties ?? {}) as Record<string, Schema>)) {
        const shape = uuidShape(schema);
        if (!shape) continue;
        for (const table of tablesFor(field)) {
          for (const id of foreign.get(table) ?? []) {
            const value = shape === 'many' ? [id] : id;
            const url = urlOf(op, (name, p) => ownFor(name, p), requiredQuery(op));
            const r = await send({ method: op.method, url, payload: bodyOf(op, { [field]: value }) as never });
            tried++;
            if (schemaRefused(r)) wrong.push(`${op.key} ${field}: schema refused (${r.body.slice(0, 120)})`);
            else if (r.statusCode < 300 && !NO_OP.has(op.key)) wrong.push(`${op.key} ${field}=${id} (${table}): ${r.statusCode}`);
          }
        }
      }
    }
    console.log(`body ids: ${tried} requests`);
    expect(wrong.slice(0, 30)).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });

  it('every list, export and detail renhe may read shows no foreign row, name or number — with foreign filters too', async () => {
    const wrong: string[] = [];
    let tried = 0;
    let readable = 0;
    for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes('/public/'))) {
      const variants: Record<string, unknown>[] = [{}];
      for (const qp of op.query.filter((x) => isUuid(x.schema)))
        for (const table of tablesFor(qp.name)) for (const id of foreign.get(table) ?? []) variants.push({ [qp.name]: id });
      for (const extra of variants) {
        const url = urlOf(op, (name, p) => ownFor(name, p), { ...requiredQuery(op), ...extra });
        const r = await send({ method: 'GET', url });
        tried++;
        if (r.statusCode >= 500) wrong.push(`${url}: ${r.statusCode}`);
        if (r.statusCode !== 200) continue;
        readable++;
        const hits = await leaks(r);
        if (hits.length) wrong.push(`${url}: shows ${hits.slice(0, 3).join(', ')}`);
        if (Object.keys(extra).length && Array.isArray(r.data?.items) && r.data.items.length)
          wrong.push(`${url}: a foreign filter matched ${r.data.items.length} rows`);
      }
    }
    console.log(`reads: ${tried} requests, ${readable} answered 200 and were scanned for ${foreignWords.length} foreign words and ${foreignIds.size} ids`);
    expect(wrong.slice(0, 30)).toEqual([]);
  });

  it('and the other way round the same records are readable to their own hospital (the probe is not vacuous)', async () => {
    const ruikang = await env.as('ruikang');
    for (const url of [
      `/api/v1/work-orders/${other.closedWorkOrderId}`,
      `/api/v1/requests/${other.openRequestId}`,
      `/api/v1/loans/${other.loanId}`,
      `/api/v1/surveys/${other.surveyId}`,
      `/api/v1/work-orders/${other.openWorkOrderId}/take-back`,
      `/api/v1/work-orders/${other.closedWorkOrderId}/report.pdf`,
      `/api/v1/work-orders/${other.closedWorkOrderId}/versions/2`,
    ])
      expect((await ruikang.get(url)).statusCode, url).toBe(200);
    const list = await ruikang.get('/api/v1/work-orders?pageSize=200');
    const owners: string[] = list.data.items.map((w: { customerId: string }) => w.customerId);
    expect(owners.length).toBeGreaterThanOrEqual(2);
    expect(new Set(owners)).toEqual(new Set([other.customerId]));
    console.log(`isolation: ${sent} requests sent as renhe`);
  });
});

function requiredQuery(op: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const x of op.query) if (x.required) out[x.name] = sampleOf(x.schema, (n) => ownFor(n), x.name);
  return out;
}
