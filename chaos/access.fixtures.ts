// Shared by the access chaos tests (issue 6, reliability item 5): the demo user of each role,
// the operations of the OpenAPI document, a *valid* minimal request for each — the schema
// check runs before the handler's authorization, so an invalid body would be answered 400
// without ever reaching the gate — and a service history for both demo hospitals (requests,
// work orders signed and reviewed, take-back, parts, loans, complaints, follow-ups, surveys),
// because the test template holds only the registry.
import type { InjectOptions } from 'fastify';
import type { Role } from '../server/lib/access.ts';
import { planClosedWorkOrders } from '../server/modules/followups/followups.service.ts';
import { notify } from '../server/modules/notifications/notifications.service.ts';
import { ensureSurveys } from '../server/modules/surveys/surveys.service.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import type { Client, Res, TestEnv } from '../server/test/harness.ts';
import { PNG_DATA_URL } from '../server/test/service.ts';

/** One demo user per role (SPEC §1); renhe is the hospital user of 北京仁和医院. */
export const ROLE_USERS: readonly (readonly [Role, string])[] = [
  ['admin', 'admin'],
  ['service_manager', 'manager'],
  ['dispatcher', 'dispatcher'],
  ['engineer', 'engineer'],
  ['technician', 'technician'],
  ['technical_expert', 'expert'],
  ['parts_admin', 'parts'],
  ['quality', 'quality'],
  ['sales', 'sales'],
  ['finance', 'finance'],
  ['executive', 'executive'],
  ['customer_user', 'renhe'],
];

// ---- the OpenAPI document -----------------------------------------------------------------

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema as the OpenAPI document carries it.
export type Schema = Record<string, any>;

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/v1/work-orders/{id}. */
  path: string;
  key: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; required: boolean; schema: Schema }[];
  body: Schema | null;
  multipart: boolean;
}

export function operationsOf(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean; schema: Schema }[];
      const content = op.requestBody?.content ?? {};
      ops.push({
        method,
        path,
        key: `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema })),
        body: content['application/json']?.schema ?? content['multipart/form-data']?.schema ?? null,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  return ops;
}

// ---- minimal valid values -----------------------------------------------------------------

const PATTERN_CANDIDATES = ['x', '1', '1.00', 'CNY', 'ABC', '2026-01-01', '2026-01', '09:00', 'a@b.cn', 'x-1', 'X1', '13800000000'];

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

/**
 * The smallest value a JSON Schema accepts: required properties only, enums' first value,
 * minimal lengths and numbers; uuids come from `idFor(propertyName)`.
 */
export function sampleOf(schema: Schema | undefined, idFor: (name: string) => string, name = ''): unknown {
  if (!schema) return undefined;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) {
    const b = branches.find((x) => x.type !== 'null') ?? branches[0];
    return sampleOf(b, idFor, name);
  }
  // A typed string with several patterns (zod: text() plus .regex()) is one string meeting them all.
  if (schema.allOf && schema.type === 'string' && (schema.allOf as Schema[]).every((x) => x.pattern && !x.type)) {
    const res = (schema.allOf as Schema[]).map((x) => regexOf(x.pattern as string));
    const min = Math.max(1, schema.minLength ?? 1);
    return PATTERN_CANDIDATES.find((c) => c.length >= min && res.every((re) => re.test(c))) ?? 'x'.repeat(min);
  }
  if (schema.allOf) return sampleOf(schema.allOf[0], idFor, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of (schema.required ?? []) as string[]) out[key] = sampleOf(schema.properties?.[key], idFor, key);
      return out;
    }
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: n }, () => sampleOf(schema.items, idFor, name));
    }
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return Math.max(schema.minimum, Math.min(1, schema.maximum ?? 1));
      if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
      return 1;
    }
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'uuid') return idFor(name);
      if (schema.format === 'date-time') return new Date(Date.now() - 60_000).toISOString();
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'email') return 'matrix@example.com';
      if (schema.format === 'uri') return 'https://example.com/hook';
      const min = Math.max(1, schema.minLength ?? 1);
      if (schema.pattern) {
        const re = regexOf(schema.pattern);
        const hit = [...PATTERN_CANDIDATES, 'x'.repeat(min)].find((c) => c.length >= min && re.test(c));
        if (hit) return hit;
      }
      return 'x'.repeat(min);
    }
    default:
      return undefined;
  }
}

/** Fills the path template with ids chosen by `idFor(paramName, path)`. */
export function urlOf(op: Operation, idFor: (param: string, path: string) => string, query: Record<string, unknown> = {}): string {
  let url = op.path;
  for (const p of op.pathParams) url = url.replace(`{${p.name}}`, encodeURIComponent(idFor(p.name, op.path)));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

/** A one-row CSV upload for the import endpoints (validate mode by default). */
export function csvUpload(csv: string): { payload: string; headers: Record<string, string> } {
  const b = 'access-boundary';
  return {
    payload: `--${b}\r\nContent-Disposition: form-data; name="file"; filename="rows.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

/** A multipart body of text fields and one small PNG `file` (the attachments upload). */
export function pngUpload(fields: Record<string, string>): { payload: Buffer; headers: Record<string, string> } {
  const b = 'access-boundary';
  const text = Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const png = Buffer.from(PNG_DATA_URL.split(',')[1], 'base64');
  return {
    payload: Buffer.concat([
      Buffer.from(`${text}--${b}\r\nContent-Disposition: form-data; name="file"; filename="matrix.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

/**
 * Fields the JSON Schema cannot describe (refinements: a PNG data URL, money as a pattern
 * behind a transform, a real time zone, a working week), merged over sampleOf's body.
 */
export function bodyFixup(opKey: string): Record<string, unknown> | undefined {
  switch (opKey) {
    case 'POST /api/v1/work-orders':
      // A repair comes from a request (refused here by rule, not schema); a maintenance visit needs its day.
      return { kind: 'maintenance', plannedDate: '2026-12-20' };
    case 'POST /api/v1/work-orders/{id}/sign':
      return { signaturePng: PNG_DATA_URL };
    case 'PUT /api/v1/price-list':
      return { labourPerHour: '100', callOutFee: '50', travelPerKm: '2', travelZones: { urban: '0', suburban: '50', remote: '100' } };
    case 'POST /api/v1/work-orders/{id}/payment':
      return { amount: '1' };
    case 'PUT /api/v1/sla/calendars/{id}': {
      const day = [{ start: '09:00', end: '17:00' }];
      return { timeZone: 'Asia/Shanghai', weeklyHours: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] } };
    }
    case 'POST /api/v1/invoices/{id}/payments':
    case 'POST /api/v1/invoices/{id}/credit-notes':
      return { amount: '1' };
    case 'POST /api/v1/budgets/{year}':
      return { labourCostPerHour: '120', travelCostPerKm: '2' };
    case 'POST /api/v1/kpis/rollup':
      return { from: '2026-11-01', to: '2026-11-30' };
    case 'POST /api/v1/channels/endpoints':
    case 'PATCH /api/v1/channels/endpoints/{id}':
      return { url: 'https://oapi.dingtalk.com/robot/send?access_token=x' };
  }
  return undefined;
}

/** Query strings the schema alone cannot describe (exactly one of two optional parameters). */
export function queryFixup(opKey: string): Record<string, unknown> | undefined {
  switch (opKey) {
    case 'GET /api/v1/traceability/parts':
    case 'GET /api/v1/traceability/parts/export':
      return { lot: 'MATRIX-LOT' };
    case 'GET /api/v1/kpis/dashboard':
    case 'GET /api/v1/kpis/drill':
      // A range in order (a reversed one is a 422 by rule).
      return { from: '2026-11-01', to: '2026-11-30' };
    case 'GET /api/v1/device-labels.pdf':
      // A sheet is the selected ids or the device list's filter (all=true); one of them is required.
      return { all: 'true' };
  }
  return undefined;
}

export type RequestSpec = Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>;

/** The answer got past schema validation (so it says something about the handler). */
export const schemaRefused = (r: Res) => r.statusCode === 400 && (r.data?.code === 'validation_failed' || r.data?.code === 'invalid_json');

// ---- a service history for both hospitals -------------------------------------------------

export interface HospitalHistory {
  code: string;
  customerId: string;
  /** Closed: dispatched, worked, signed, reviewed; then corrected (content version 2). */
  closedRequestId: string;
  closedWorkOrderId: string;
  /** Open: on site, a part issued, taken back with a repair card, a loaner lent. */
  openRequestId: string;
  openWorkOrderId: string;
  partLineId: string;
  receiptId: string;
  loanId: string;
  complaintId: string;
  surveyId: string;
  followupIds: string[];
}

const must = (r: Res, what: string, ok = [200, 201, 204]) => {
  if (!ok.includes(r.statusCode)) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r;
};

async function idOf(env: TestEnv, sql: string): Promise<string> {
  const r = await env.database.query<{ id: string }>(sql);
  if (!r.rows[0]) throw new Error(`nothing for ${sql}`);
  return r.rows[0].id;
}

/**
 * Builds the same history for 北京仁和医院 (renhe) and 上海瑞康医院 (ruikang) through the API
 * as staff, plus the follow-up plans and surveys the care sweep would create.
 */
export async function seedHistory(env: TestEnv): Promise<Record<'renhe' | 'ruikang', HospitalHistory>> {
  const [admin, dispatcher, engineer] = await Promise.all(['admin', 'dispatcher', 'engineer'].map((u) => env.as(u)));
  const engineerId = await idOf(env, `select id from users where username = 'engineer'`);
  const central = await idOf(env, `select id from warehouses where code = 'WH-CENTRAL'`);
  const pump = await idOf(env, `select id from parts where code = 'BJ-ST-PUMP'`);
  const loaner = await idOf(env, `select device_id as id from loaner_units limit 1`);
  const version = async (woId: string) => (await dispatcher.get(`/api/v1/work-orders/${woId}`)).data.version as number;
  const step = async (woId: string, to: string) =>
    must(await engineer.post(`/api/v1/work-orders/${woId}/transition`, { version: await version(woId), to }), `step ${to}`);

  const register = async (serial: string, text: string) => {
    const deviceId = await idOf(env, `select id from devices where serial_number = '${serial}'`);
    const r = must(
      await dispatcher.post('/api/v1/requests', { deviceId, faultDescription: text, deviceDown: false, reporterName: '设备科', reporterPhone: '13800000000' }),
      `request ${serial}`,
    );
    const woId = r.data.workOrderId as string;
    must(await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, { version: await version(woId), leadEngineerId: engineerId }), 'dispatch');
    const req = (await dispatcher.get(`/api/v1/requests/${r.data.id}`)).data;
    must(await engineer.post(`/api/v1/requests/${r.data.id}/respond`, { version: req.version }), 'respond');
    for (const to of ['accepted', 'on_the_way', 'on_site']) await step(woId, to);
    return { requestId: r.data.id as string, woId, deviceId };
  };

  const out = {} as Record<'renhe' | 'ruikang', HospitalHistory>;
  const plan: [keyof typeof out, string, string, string][] = [
    ['renhe', 'BJ-RH', 'ST5020-25-0412', 'TP8000-24-0107'],
    ['ruikang', 'SH-RK', 'MT2255-24-0901', 'MR560-24-0033'],
  ];
  for (const [who, code, closedSerial, openSerial] of plan) {
    const customerId = await idOf(env, `select id from customers where code = '${code}'`);
    // The closed job: content, resolved, signed by the customer, approved (→ closed).
    const closed = await register(closedSerial, `${who} 染色不均匀`);
    must(
      await engineer.patch(`/api/v1/work-orders/${closed.woId}`, {
        version: await version(closed.woId),
        phenomenon: '染色不均匀',
        cause: '试剂泵流量不足',
        actions: '更换试剂泵管路并校准',
        testResults: '连续 20 张切片染色均匀',
        labourMinutes: 60,
      }),
      'content',
    );
    await step(closed.woId, 'resolved');
    const signed = must(
      await engineer.post(`/api/v1/work-orders/${closed.woId}/sign`, {
        version: await version(closed.woId),
        signerName: '设备科 刘明',
        meaning: '确认服务已完成，结果满意',
        signaturePng: PNG_DATA_URL,
      }),
      'sign',
    );
    must(
      await dispatcher.post(`/api/v1/work-orders/${closed.woId}/review`, { version: signed.data.version, verdict: 'approved', password: DEMO_PASSWORD }),
      'review',
    );

    // The open job: a part from the central store, taken back with a repair card, a loaner.
    const open = await register(openSerial, `${who} 主机反复重启`);
    const issued = must(
      await admin.post('/api/v1/parts/issue-to-work-order', { workOrderId: open.woId, warehouseId: central, partId: pump, qty: 1 }),
      'issue part',
    );
    const tb = must(
      await engineer.post(`/api/v1/work-orders/${open.woId}/take-back`, {
        version: await version(open.woId),
        items: [{ description: '主机', quantity: 1 }],
        condition: '外观完好',
        customerSignerName: '设备科 刘明',
      }),
      'take back',
    );
    must(
      await engineer.post(`/api/v1/work-orders/${open.woId}/take-back/card`, { version: await version(open.woId), minutes: 30, description: '检测主板' }),
      'repair card',
    );
    const lent = must(await engineer.post(`/api/v1/requests/${open.requestId}/loaner`, { deviceId: loaner, lentAt: new Date().toISOString() }), 'lend');
    if (who === 'renhe') {
      // One pool unit: renhe's loan comes back so ruikang can have it (and keep it open).
      const loan = (await dispatcher.get(`/api/v1/loans/${lent.data.id}`)).data;
      must(
        await engineer.post(`/api/v1/loans/${loan.id}/return`, { version: loan.version, returnedAt: new Date().toISOString(), condition: '完好' }),
        'return loan',
      );
    }
    const complaint = must(
      await dispatcher.post('/api/v1/complaints', {
        channel: 'hotline',
        customerId,
        complainantName: '设备科 刘明',
        deviceId: closed.deviceId,
        workOrderId: closed.woId,
        matter: `${who} 工程师迟到`,
        severity: 'minor',
      }),
      'complaint',
    );
    out[who] = {
      code,
      customerId,
      closedRequestId: closed.requestId,
      closedWorkOrderId: closed.woId,
      openRequestId: open.requestId,
      openWorkOrderId: open.woId,
      partLineId: issued.data.workOrderPartId,
      receiptId: (tb.data.receipt?.id ?? (await idOf(env, `select id from goods_receipts where work_order_id = '${open.woId}'`))) as string,
      loanId: lent.data.id,
      complaintId: complaint.data.id,
      surveyId: '',
      followupIds: [],
    };
  }
  // Each hospital user reports a fault in the portal and has a notice of their own.
  for (const [who, serial] of [
    ['renhe', 'PM9000-26-0301'],
    ['ruikang', 'SV600-26-3107'],
  ] as const) {
    const portal = await env.as(who);
    const deviceId = await idOf(env, `select id from devices where serial_number = '${serial}'`);
    const r = must(
      await portal.post('/api/v1/requests', {
        deviceId,
        faultDescription: `${who} 门户报修`,
        deviceDown: false,
        reporterName: '设备科',
        reporterPhone: '13800000001',
      }),
      `portal request ${who}`,
    );
    const userId = await idOf(env, `select id from users where username = '${who}'`);
    await notify(env.database.db, [userId], 'request_registered', { number: r.data.number, serial }, { entity: 'service_request', id: r.data.id });
  }
  // What the care sweep does every minute: plan follow-ups and open surveys for closed jobs.
  await planClosedWorkOrders(env.database.db);
  await ensureSurveys(env.database.db);
  for (const h of Object.values(out)) {
    h.surveyId = await idOf(env, `select id from surveys where work_order_id = '${h.closedWorkOrderId}'`);
    h.followupIds = (
      await env.database.query<{ id: string }>(
        `select f.id from followups f join followup_plans p on p.id = f.plan_id where p.work_order_id = '${h.closedWorkOrderId}' order by f.key`,
      )
    ).rows.map((r) => r.id);
    // A correction of the reviewed report (R-WO-5): a second content version.
    const wo = (await dispatcher.get(`/api/v1/work-orders/${h.closedWorkOrderId}`)).data;
    must(
      await dispatcher.post(`/api/v1/work-orders/${h.closedWorkOrderId}/corrections`, {
        version: wo.version,
        reason: '补充测试结果',
        changes: { testResults: '连续 30 张切片染色均匀' },
      }),
      'correction',
    );
  }
  return out;
}

/** Logs a client in again (after logout, login or a password change ended its session). */
export async function relogin(env: TestEnv, username: string): Promise<Client> {
  return env.as(username, DEMO_PASSWORD);
}
