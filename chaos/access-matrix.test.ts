// The complete role × endpoint matrix, driven by the OpenAPI document: every operation is
// called as each role's demo user and anonymously with a minimal *valid* request, and the
// answer is classified 401 / 403 / ok (= passed the authorization gate: 2xx, or 404/409/422
// from the handler). The observed matrix is kept in docs/ACCESS-MATRIX.md, so any change of
// access shows up as a reviewed diff (UPDATE_ACCESS_MATRIX=1 rewrites it). Independent of the
// snapshot: anonymous callers get 401 except on the public endpoints, the hospital user never
// passes a staff-only operation, and the matrix agrees with the modules' declarative policies.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../server/http/app.ts';
import type { Role } from '../server/lib/access.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { type Client, createTestEnv, type Res, type TestEnv } from '../server/test/harness.ts';
import {
  bodyFixup,
  csvUpload,
  type HospitalHistory,
  type Operation,
  operationsOf,
  pngUpload,
  queryFixup,
  type RequestSpec,
  ROLE_USERS,
  relogin,
  sampleOf,
  schemaRefused,
  seedHistory,
  urlOf,
} from './access.fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MATRIX_FILE = path.join(ROOT, 'docs/ACCESS-MATRIX.md');
const UPDATE = process.env.UPDATE_ACCESS_MATRIX === '1';

type Who = Role | 'anonymous';
type Cell = 'ok' | '401' | '403' | '5xx' | 'schema';
const COLUMNS: Who[] = [...ROLE_USERS.map(([r]) => r), 'anonymous'];

/** Work without a session: liveness, logging in and out, the signed survey link. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/public/surveys/{token}',
  'POST /api/v1/public/surveys/{token}',
  'GET /api/v1/public/certificates/{token}',
  // The device label's scan page and its fault report (issue 16 §2): anyone holding the label.
  'GET /api/v1/public/labels/{token}',
  'POST /api/v1/public/labels/{token}/reports',
]);
/** Not in the OpenAPI document itself, public as well. */
const PUBLIC_UNDOCUMENTED = ['/api/openapi.json', '/api/docs'];

let env: TestEnv;
let ops: Operation[];
const clients = new Map<Who, Client>();
let h: HospitalHistory;
const ids: Record<string, string> = {};
/** Path parameters for which no real record was found (a random uuid was sent). */
const randomIds = new Set<string>();
const matrix = new Map<string, Map<Who, Cell>>();
const details = new Map<string, string>();
let requests = 0;

const one = async (sql: string) => (await env.database.query<{ id: string }>(sql)).rows[0]?.id;

beforeAll(async () => {
  env = await createTestEnv();
  ops = operationsOf(env.app.swagger() as never);
  const history = await seedHistory(env);
  h = history.renhe;
  for (const [role, username] of ROLE_USERS) clients.set(role, await env.as(username));
  clients.set('anonymous', env.anonymous());
  const admin = clients.get('admin') as Client;
  const dispatcher = clients.get('dispatcher') as Client;
  const parts = clients.get('parts_admin') as Client;

  const rh = h.customerId;
  Object.assign(ids, {
    customer: rh,
    department: await one(`select id from departments where customer_id = '${rh}' order by name limit 1`),
    site: await one(`select id from sites where customer_id = '${rh}' order by name limit 1`),
    contact: await one(`select id from contacts where customer_id = '${rh}' limit 1`),
    model: await one(`select id from device_models where code = 'ST-5020'`),
    device: await one(`select device_id as id from service_requests where id = '${h.openRequestId}'`),
    contract: await one(`select id from contracts where number = 'HT-2025-001'`),
    request: h.openRequestId,
    loan: h.loanId,
    workOrder: h.openWorkOrderId,
    partLine: h.partLineId,
    complaint: h.complaintId,
    survey: h.surveyId,
    followup: h.followupIds[0],
    questionnaire: await one(`select id from followup_questionnaires order by code limit 1`),
    calendar: await one(`select id from business_calendars limit 1`),
    slaPolicy: await one(`select id from sla_policies limit 1`),
    engineer: await one(`select id from users where username = 'engineer'`),
    supplier: await one(`select id from suppliers order by code limit 1`),
    part: await one(`select id from parts where code = 'BJ-ST-PUMP'`),
    warehouse: await one(`select id from warehouses where code = 'WH-CENTRAL'`),
    emergencyWarehouse: await one(`select id from warehouses where code = 'WH-EMERGENCY'`),
  });
  // Throwaway records for the operations that change them.
  const mk = async (c: Client, url: string, body: unknown) => {
    const r = await c.post(url, body);
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.data;
  };
  ids.user = (await mk(admin, '/api/v1/users', { username: 'matrix.user', displayName: '矩阵', roles: ['engineer'], password: 'Matrix-pass-2026' })).id;
  ids.endpoint = (
    await mk(admin, '/api/v1/channels/endpoints', { kind: 'wecom', name: '矩阵', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' })
  ).id;
  ids.purchasePlan = (await mk(parts, '/api/v1/parts/purchase-plans', { lines: [{ partId: ids.part, qty: 1 }] })).id;
  ids.purchaseContract = (
    await mk(parts, '/api/v1/parts/purchase-contracts', {
      number: 'PC-MATRIX-1',
      supplierId: ids.supplier,
      deliveryDate: '2026-12-01',
      lines: [{ partId: ids.part, qty: 1, unitPrice: '10' }],
    })
  ).id;
  ids.stocktake = (await mk(parts, '/api/v1/parts/stocktakes', { warehouseId: ids.emergencyWarehouse })).id;
  ids.token = (await mk(dispatcher, `/api/v1/surveys/${h.surveyId}/link`, undefined)).token;
  ids.payment = await one(`select id from work_order_payments limit 1`);
  for (const [k, v] of Object.entries(ids)) if (!v) delete ids[k];
});
afterAll(() => env?.close());

/** The record a path parameter names, by the path it appears in. */
function pathId(param: string, p: string): string {
  const rules: [RegExp, string][] = [
    [/^\/api\/v1\/users\/\{id\}/, 'user'],
    [/^\/api\/v1\/customers\//, 'customer'],
    [/^\/api\/v1\/departments\//, 'department'],
    [/^\/api\/v1\/sites\//, 'site'],
    [/^\/api\/v1\/contacts\//, 'contact'],
    [/^\/api\/v1\/device-models\//, 'model'],
    [/^\/api\/v1\/devices\//, 'device'],
    [/^\/api\/v1\/parts\/device-history\//, 'device'],
    [/^\/api\/v1\/contracts\//, 'contract'],
    [/^\/api\/v1\/requests\//, 'request'],
    [/^\/api\/v1\/loans\//, 'loan'],
    [/^\/api\/v1\/engineer-profiles\//, 'engineer'],
    [/^\/api\/v1\/sla\/calendars\//, 'calendar'],
    [/^\/api\/v1\/sla\/policies\//, 'slaPolicy'],
    [/^\/api\/v1\/followups\/questionnaires\//, 'questionnaire'],
    [/^\/api\/v1\/followups\//, 'followup'],
    [/^\/api\/v1\/surveys\//, 'survey'],
    [/^\/api\/v1\/public\/surveys\//, 'token'],
    [/^\/api\/v1\/complaints\//, 'complaint'],
    [/^\/api\/v1\/channels\/endpoints\//, 'endpoint'],
    [/^\/api\/v1\/parts\/suppliers\//, 'supplier'],
    [/^\/api\/v1\/parts\/catalog\//, 'part'],
    [/^\/api\/v1\/parts\/warehouses\//, 'warehouse'],
    [/^\/api\/v1\/parts\/purchase-plans\//, 'purchasePlan'],
    [/^\/api\/v1\/parts\/purchase-contracts\//, 'purchaseContract'],
    [/^\/api\/v1\/parts\/stocktakes\//, 'stocktake'],
    [/^\/api\/v1\/work-orders\//, 'workOrder'],
  ];
  if (param === 'partId') return ids.partLine;
  if (param === 'paymentId' && ids.payment) return ids.payment;
  if (param === 'n') return '1';
  if (param === 'kind') return 'customers';
  if (param === 'year') return '2026';
  if (param === 'revision') return '1';
  if (param === 'urgency') return 'emergency';
  const kind = rules.find(([re]) => re.test(p))?.[1];
  if (kind && ids[kind]) return ids[kind];
  randomIds.add(`${p} {${param}}`);
  return randomUUID();
}

/** A uuid in a body or query, by the field's name. */
function fieldId(name: string): string {
  const byName: Record<string, string> = {
    customerId: 'customer',
    deviceId: 'device',
    modelId: 'model',
    departmentId: 'department',
    siteId: 'site',
    contactId: 'contact',
    contractId: 'contract',
    requestId: 'request',
    workOrderId: 'workOrder',
    partId: 'part',
    warehouseId: 'warehouse',
    fromWarehouseId: 'warehouse',
    toWarehouseId: 'emergencyWarehouse',
    supplierId: 'supplier',
    leadEngineerId: 'engineer',
    userId: 'engineer',
    leadId: 'engineer',
    ownerId: 'engineer',
    questionnaireId: 'questionnaire',
    followupId: 'followup',
    surveyId: 'survey',
    calendarId: 'calendar',
    planId: 'purchasePlan',
  };
  return ids[byName[name] ?? ''] ?? randomUUID();
}

/** Bodies the schema alone cannot describe (refinements, own credentials, uploads). */
function bodyOverride(op: Operation, who: Who): Record<string, unknown> | undefined {
  if (op.key === 'POST /api/v1/auth/login') return { username: ROLE_USERS.find(([r]) => r === who)?.[1] ?? 'admin', password: DEMO_PASSWORD };
  return bodyFixup(op.key);
}

function requestFor(op: Operation, who: Who): RequestSpec {
  const query: Record<string, unknown> = {};
  for (const q of op.query) if (q.required) query[q.name] = sampleOf(q.schema, fieldId, q.name);
  Object.assign(query, queryFixup(op.key));
  const url = urlOf(op, pathId, query);
  if (op.key === 'POST /api/v1/attachments') {
    const up = pngUpload({ ownerKind: 'device', ownerId: ids.device });
    return { method: op.method, url, payload: up.payload, headers: up.headers };
  }
  if (op.multipart) {
    const up = csvUpload('code,name\nMATRIX-IMP,矩阵医院\n');
    return { method: op.method, url, payload: up.payload, headers: up.headers };
  }
  if (!op.body) return { method: op.method, url };
  const sample = sampleOf(op.body, fieldId) as Record<string, unknown>;
  return { method: op.method, url, payload: { ...sample, ...bodyOverride(op, who) } };
}

function cellOf(r: Res): Cell {
  if (schemaRefused(r)) return 'schema';
  if (r.statusCode >= 500) return '5xx';
  if (r.statusCode === 401) return r.data?.code === 'invalid_credentials' ? 'ok' : '401';
  if (r.statusCode === 403) return '403';
  return 'ok';
}

const AUTH_LAST = ['PATCH /api/v1/auth/me', 'POST /api/v1/auth/password', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout'];
/** Reads first, then writes, then deletes, then the operations that end a session. */
function runOrder(all: Operation[]): Operation[] {
  const rank = (op: Operation) => (AUTH_LAST.includes(op.key) ? 3 + AUTH_LAST.indexOf(op.key) : op.method === 'GET' ? 0 : op.method === 'DELETE' ? 2 : 1);
  return [...all].sort((a, b) => rank(a) - rank(b));
}

async function send(who: Who, spec: RequestSpec): Promise<Res> {
  requests++;
  return (clients.get(who) as Client).raw(spec);
}

// ---- the policies, read from the modules ---------------------------------------------------

type PolicyTable = Record<string, readonly Role[]>;
const isPolicy = (v: unknown): v is PolicyTable =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).length > 0 && Object.values(v).every((x) => Array.isArray(x));

async function loadPolicies(): Promise<Map<string, PolicyTable>> {
  const out = new Map<string, PolicyTable>();
  const dir = path.join(ROOT, 'server/modules');
  for (const m of readdirSync(dir)) {
    for (const f of readdirSync(path.join(dir, m)).filter((x) => /\.(policy|routes)\.ts$/.test(x))) {
      const mod = (await import(path.join(dir, m, f))) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) if (name.endsWith('Policy') && isPolicy(v)) out.set(name, v);
    }
  }
  return out;
}

/**
 * Which policy action guards each route, read from the route files: the first
 * `authorize(req, <policy>, '<action>')` after each `app.<method>('<path>'` (or `requireUser`
 * for "any signed-in user"), and the generic list/read/create/update/delete of resourceRoutes.
 */
function guardsFromSource(): Map<string, { policy: string; action: string } | 'user'> {
  const guards = new Map<string, { policy: string; action: string } | 'user'>();
  const dir = path.join(ROOT, 'server/modules');
  const files = readdirSync(dir).flatMap((m) =>
    readdirSync(path.join(dir, m))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(dir, m, f)),
  );
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    if (!/app\.(get|post|put|patch|delete)\(|resourceRoutes\(/.test(src)) continue;
    const prefix = file.endsWith('system.routes.ts') ? '' : '/api/v1';
    const starts = [...src.matchAll(/app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)];
    starts.forEach((m, i) => {
      const seg = src.slice(m.index, starts[i + 1]?.index ?? src.length);
      const key = `${m[1].toUpperCase()} ${prefix}${m[2].replace(/:(\w+)/g, '{$1}')}`;
      const a = /authorize\(req, (\w+), '(\w+)'\)/.exec(seg);
      // The action named by the body (consultations step): the matrix sends the enum's first value.
      const byBody = /authorize\(req, (\w+), req\.body\.action\)/.exec(seg);
      if (a) guards.set(key, { policy: a[1], action: a[2] });
      else if (byBody) guards.set(key, { policy: byBody[1], action: 'answer' });
      else if (/importer\(req, kind\)/.test(seg)) guards.set(key, { policy: 'importsPolicy', action: 'customers' });
      else if (/requireUser\(req\)/.test(seg)) guards.set(key, 'user');
    });
    // Route-making helpers (installations.routes: `const command = (path, summary, action, …) =>
    // app.post(path, … authorize(req, installationsPolicy, action) …)`): each call with a literal
    // path is a route; its action is the helper's literal one, else the call's first word argument.
    for (const h of src.matchAll(/const (\w+) = [^;]*?=>\s*app\.(get|post|put|patch|delete)\(path,[\s\S]*?authorize\(req, (\w+), (?:'(\w+)'|action)\)/g)) {
      const [, name, method, policy, fixed] = h;
      for (const c of src.matchAll(new RegExp(`\\b${name}\\(\\s*'([^']+)'((?:\\s*,\\s*'[^']*')*)`, 'g'))) {
        const words = [...c[2].matchAll(/'([^']*)'/g)].map((w) => w[1]);
        const action = fixed ?? words.find((w) => /^[a-z][A-Za-z]*$/.test(w));
        if (action) guards.set(`${method.toUpperCase()} ${prefix}${c[1].replace(/:(\w+)/g, '{$1}')}`, { policy, action });
      }
    }
    for (const r of src.matchAll(/resourceRoutes\(app, ctx, \{\s*path: '([^']+)'[\s\S]*?policy: (\w+)/g)) {
      const [, p, policy] = r;
      const base = `/api/v1${p}`;
      for (const [k, action] of [
        [`GET ${base}`, 'read'],
        [`GET ${base}/export`, 'read'],
        [`GET ${base}/{id}`, 'read'],
        [`POST ${base}`, 'create'],
        [`PATCH ${base}/{id}`, 'update'],
        [`DELETE ${base}/{id}`, 'delete'],
      ])
        guards.set(k, { policy, action });
    }
  }
  return guards;
}

/**
 * Roles a policy allows but that are refused for this one record, by a rule finer than the
 * role (workorders.rules actors: only the lead, a helper or the office acts on a job; the
 * hospital user reads but never writes the registry). Each entry names why.
 */
const NOT_ON_THIS_JOB = 'not the lead, a helper or the office of this job (workorders.access capacities)';
const RECORD_LEVEL: Record<string, { roles: Who[]; why: string }> = {
  'PATCH /api/v1/work-orders/{id}': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  'POST /api/v1/work-orders/{id}/parts': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  'DELETE /api/v1/work-orders/{id}/parts/{partId}': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  'POST /api/v1/work-orders/{id}/delay-reason': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  'POST /api/v1/parts/issue-to-work-order': {
    roles: ['engineer', 'technician', 'technical_expert'],
    why: `${NOT_ON_THIS_JOB}; the engineer draws only from their own van, not the central store (warehouse_not_yours)`,
  },
  'POST /api/v1/parts/return-faulty': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  // An exclusion is proposed by the people on the job (issue 15 §4, R-WX-1).
  'POST /api/v1/work-orders/{id}/warranty-exclusion': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  // Cash collected on site is recorded by the engineer or technician on the job (seed 002 §5).
  'POST /api/v1/work-orders/{id}/payment': { roles: ['technician'], why: NOT_ON_THIS_JOB },
  // Parts for a job are offered and asked for by the people on it (issue 10 item 9).
  'GET /api/v1/work-orders/{id}/parts-options': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  'POST /api/v1/parts/transfer-requests': { roles: ['technician', 'technical_expert'], why: NOT_ON_THIS_JOB },
  // Who signs depends on the party (installations.service signAcceptance): the matrix signs as
  // `service`, which only the staff who do the work may give.
  'POST /api/v1/installations/{id}/sign': {
    roles: ['dispatcher', 'technical_expert', 'parts_admin', 'quality', 'sales', 'finance', 'executive', 'customer_user'],
    why: 'the service signature (安装调试完成) is given by who does the work; quality signs its own party, the hospital the customer one',
  },
  // The gate lets every role through; the owning record's own policy decides (attachments.owners.ts).
  'POST /api/v1/attachments': {
    roles: ['technician', 'technical_expert', 'parts_admin', 'sales', 'finance', 'executive', 'customer_user'],
    why: 'the matrix uploads to a device; only who may edit the device may add to it (devices policy, via the owner registry)',
  },
};

// ---- the Markdown snapshot ------------------------------------------------------------------

function toMarkdown(rows: Map<string, Map<Who, Cell>>, order: string[]): string {
  const head = `| Operation | ${COLUMNS.join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => ':-:').join('|')}|`;
  const lines = order.map((k) => `| \`${k}\` | ${COLUMNS.map((c) => rows.get(k)?.get(c) ?? '?').join(' | ')} |`);
  return [
    '# Access matrix (role × operation)',
    '',
    'Generated by `chaos/access-matrix.test.ts` from the OpenAPI document: every operation is called',
    'as the demo user of each role and anonymously, with a minimal valid request. `ok` = passed',
    'the authorization gate (2xx, or 404/409/422 from the handler), `403` = refused for the role',
    '(or for this record), `401` = needs a session. Do not edit by hand: run',
    '`UPDATE_ACCESS_MATRIX=1 npm run test:chaos -- chaos/access-matrix.test.ts` and review the diff;',
    'without the variable the test fails on any difference.',
    '',
    head,
    rule,
    ...lines,
    '',
  ].join('\n');
}

function fromMarkdown(text: string): Map<string, Map<Who, Cell>> {
  const out = new Map<string, Map<Who, Cell>>();
  for (const line of text.split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (!m) continue;
    const cells = m[2].split(' | ') as Cell[];
    out.set(m[1], new Map(COLUMNS.map((c, i) => [c, cells[i]])));
  }
  return out;
}

// ---- the run ---------------------------------------------------------------------------------

describe('role × endpoint matrix over the whole OpenAPI document', () => {
  it('every operation answers every role with a minimal valid request (never a schema refusal, never a 5xx)', async () => {
    const relogins: Record<string, string> = Object.fromEntries(ROLE_USERS.map(([r, u]) => [r, u]));
    for (const op of runOrder(ops)) {
      const row = new Map<Who, Cell>();
      for (const who of COLUMNS) {
        const r = await send(who, requestFor(op, who));
        row.set(who, cellOf(r));
        if (row.get(who) === 'schema' || row.get(who) === '5xx') details.set(`${op.key} × ${who}`, `${r.statusCode} ${r.body.slice(0, 300)}`);
        // Logging in again or out ends the client's session: log it in afresh.
        if (who !== 'anonymous' && (op.key === 'POST /api/v1/auth/login' || op.key === 'POST /api/v1/auth/logout')) {
          clients.set(who, await relogin(env, relogins[who]));
        }
      }
      matrix.set(op.key, row);
    }
    console.log(
      `access matrix: ${ops.length} operations × ${COLUMNS.length} callers = ${ops.length * COLUMNS.length} cells, ${requests} requests; ` +
        `random ids for: ${[...randomIds].join(', ') || 'none'}`,
    );
    expect([...details.entries()].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('anonymous callers get 401 everywhere except the public endpoints, even with an empty body', async () => {
    expect([...PUBLIC].filter((k) => k.includes('/api/v1/')).map((k) => k.split(' ')[1].replace(/\{(\w+)\}/g, ':$1'))).toEqual(
      expect.arrayContaining([...PUBLIC_ROUTES]),
    );
    const wrong: string[] = [];
    for (const op of ops) {
      const cell = matrix.get(op.key)?.get('anonymous');
      if (PUBLIC.has(op.key)) {
        if (cell !== 'ok') wrong.push(`${op.key} is public but answered ${cell}`);
        continue;
      }
      if (cell !== '401') wrong.push(`${op.key}: ${cell}`);
      // The brief's minimal request: random ids, `{}` as the body, no query at all.
      requests++;
      const bare = await env.anonymous().raw({
        method: op.method,
        url: op.path.replace(/\{[^}]+\}/g, randomUUID()),
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (bare.statusCode !== 401) wrong.push(`${op.key} with {}: ${bare.statusCode} ${bare.body.slice(0, 120)}`);
    }
    for (const url of PUBLIC_UNDOCUMENTED) {
      const r = await env.anonymous().get(url);
      if (r.statusCode >= 400) wrong.push(`${url}: ${r.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with the declarative policies: a role outside the policy gets 403, a role inside passes', async () => {
    const policies = await loadPolicies();
    const guards = guardsFromSource();
    const wrong: string[] = [];
    const unguarded: string[] = [];
    for (const op of ops) {
      const g = guards.get(op.key);
      const row = matrix.get(op.key) as Map<Who, Cell>;
      if (!g) {
        if (!PUBLIC.has(op.key)) unguarded.push(op.key);
        continue;
      }
      const allowed: readonly Role[] = g === 'user' ? ROLE_USERS.map(([r]) => r) : (policies.get(g.policy)?.[g.action] ?? []);
      if (g !== 'user' && !policies.get(g.policy)?.[g.action]) wrong.push(`${op.key}: no policy ${g.policy}.${g.action}`);
      for (const [role] of ROLE_USERS) {
        const cell = row.get(role);
        if (!allowed.includes(role) && cell !== '403') wrong.push(`${op.key} × ${role}: policy refuses, matrix says ${cell}`);
        const recordLevel = RECORD_LEVEL[op.key]?.roles.includes(role);
        if (allowed.includes(role) && cell !== 'ok' && !recordLevel) wrong.push(`${op.key} × ${role}: policy allows, matrix says ${cell}`);
        if (recordLevel && cell !== '403') wrong.push(`${op.key} × ${role}: listed as refused for this record, but ${cell} (update RECORD_LEVEL)`);
      }
    }
    expect(unguarded, 'operations with no authorize()/requireUser() found in their route').toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('the hospital user never passes the gate of a staff-only operation (policies without customer_user)', async () => {
    const policies = await loadPolicies();
    const guards = guardsFromSource();
    const staffOnly = ops.filter((op) => {
      const g = guards.get(op.key);
      return g && g !== 'user' && !(policies.get(g.policy)?.[g.action] ?? []).includes('customer_user');
    });
    // Users, audit, reports, parts, dispatch, SLA administration, channels … all among them.
    for (const area of ['/users', '/audit', '/reports/', '/parts/', '/dispatch/', '/sla/', '/channels/settings', '/engineer-profiles', '/followups'])
      expect(
        staffOnly.some((op) => op.path.includes(area)),
        area,
      ).toBe(true);
    const passed = staffOnly.filter((op) => matrix.get(op.key)?.get('customer_user') !== '403').map((op) => op.key);
    console.log(`staff-only operations: ${staffOnly.length}; the hospital user passed ${passed.length}`);
    expect(passed).toEqual([]);
  });

  it('matches docs/ACCESS-MATRIX.md (every change of access is a reviewed diff)', async () => {
    const order = ops.map((op) => op.key);
    const text = toMarkdown(matrix, order);
    if (UPDATE || !existsSync(MATRIX_FILE)) {
      writeFileSync(MATRIX_FILE, text);
      if (!UPDATE) throw new Error(`${MATRIX_FILE} did not exist; written — review and commit it`);
      return;
    }
    const saved = fromMarkdown(readFileSync(MATRIX_FILE, 'utf8'));
    const changes: string[] = [];
    for (const k of order) {
      const before = saved.get(k);
      if (!before) {
        changes.push(`new operation ${k}: ${COLUMNS.map((c) => `${c}=${matrix.get(k)?.get(c)}`).join(' ')}`);
        continue;
      }
      for (const c of COLUMNS) if (before.get(c) !== matrix.get(k)?.get(c)) changes.push(`${k} × ${c}: ${before.get(c)} → ${matrix.get(k)?.get(c)}`);
    }
    for (const k of saved.keys()) if (!order.includes(k)) changes.push(`operation gone: ${k}`);
    if (changes.length) console.log(`access changed (run with UPDATE_ACCESS_MATRIX=1 to accept):\n${changes.join('\n')}`);
    expect(changes).toEqual([]);
  });
});
