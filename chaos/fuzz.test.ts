// Hostile input (issue 6, reliability item 4): every operation of the OpenAPI document is sent
// fast-check-generated input — near-valid values derived from its JSON schema and plainly
// hostile ones (wrong types, prototype keys, deep nesting, malformed JSON, bad headers and
// cookies) — as admin (and the manager, engineer and parts keeper the state machine needs), as
// a hospital user and anonymously. The server must never answer 5xx, every error must be
// problem+json with a `code`, and no rejected request may change data: a statement-level
// trigger on every business table counts writes, and a 4xx must leave the count where it was
// (a rejected request rolls back, so any movement is a leak). On PostgreSQL every pooled
// connection must also be back after each answer.
// FUZZ_SEED=<n> replays another seed; FUZZ_RUNS=<n> (default 60) sets the runs per operation;
// FUZZ_VERBOSE=1 prints the status counts per operation.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careSweep } from '../server/jobs/sweeps.ts';
import { runFlow } from '../server/modules/reports/reports.fixtures.ts';
import { createTestEnv, type TestEnv } from '../server/test/harness.ts';

// ---- the document -----------------------------------------------------------------------

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: { type: string; schema: Schema };
}

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> }) {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: type ? { type, schema: content[type].schema } : undefined });
    }
  }
  return ops;
}

// ---- values -----------------------------------------------------------------------------

type Arb = fc.Arbitrary<unknown>;

const NASTY_STRINGS = [
  '',
  ' ',
  '   \t ',
  'x'.repeat(10_000),
  '测'.repeat(3_000),
  '😀🏥🩺',
  '医疗设备维修',
  '\u0000',
  'a\u0000b',
  '\u0001\u0008\u001b\u007f',
  '\r\n',
  "'",
  '"',
  ';',
  '--',
  '\\',
  '%',
  '_',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '%_%\\%',
  '\uD800',
  '\uFEFF',
  '\u202Eevil',
  'ＡＢＣ１２３',
  '<script>alert(1)</script>',
  '{{7*7}}#{7*7}<%= 7*7 %>',
  'null',
  'NaN',
  '-1',
  '1e309',
  '../../etc/passwd',
];
const nastyString = fc.constantFrom(...NASTY_STRINGS);
const NUMBER_EDGES = [0, -1, -0, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.1 + 0.2];
const BAD_UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  "' OR 1=1 --",
  '123e4567-e89b-12d3-a456-42661417400Z',
  '123E4567-E89B-42D3-A456-426614174000',
  '',
];
const BAD_DATES = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '1900-01-01', '2026-1-5', '20260105', 'today'];
const BAD_DATETIMES = [
  '2026-02-30T10:00:00Z',
  '2026-02-28T24:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-03-01T00:00:00+14:00',
  '2026-03-01 10:00',
  'now',
];

/** Ids of real rows by table, so generated references sometimes hit existing records. */
let idPool: Map<string, string[]> = new Map();
let allIds: string[] = [];
const TABLE_ALIASES: Record<string, string> = {
  requests: 'service_requests',
  request: 'service_requests',
  catalog: 'parts',
  part: 'parts',
  model: 'device_models',
  endpoints: 'channel_endpoints',
  endpoint: 'channel_endpoints',
  calendars: 'business_calendars',
  calendar: 'business_calendars',
  policies: 'sla_policies',
  policy: 'sla_policies',
  'device-history': 'devices',
  'engineer-profiles': 'users',
  engineer: 'users',
  owner: 'users',
  assignee: 'users',
  lead: 'users',
  helper: 'users',
  user: 'users',
  handler: 'users',
  fromWarehouse: 'warehouses',
  toWarehouse: 'warehouses',
  loanerUnit: 'loaner_units',
  questionnaire: 'questionnaires',
};

function tableFor(hint: string): string | undefined {
  const stem = hint.replace(/Ids?$/, '');
  const candidates = [
    TABLE_ALIASES[hint],
    TABLE_ALIASES[stem],
    stem.replace(/-/g, '_'),
    `${stem
      .replace(/([A-Z])/g, '_$1')
      .toLowerCase()
      .replace(/-/g, '_')}s`,
  ];
  return candidates.find((t) => t && idPool.has(t));
}

function uuidArb(hint: string, clean = false): Arb {
  const table = tableFor(hint);
  const real = table ? idPool.get(table) : undefined;
  const good = real?.length ? fc.constantFrom(...real) : fc.uuid({ version: 4 });
  if (clean) return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.uuid({ version: 4 }) });
  return fc.oneof(
    { weight: 5, arbitrary: good },
    { weight: 1, arbitrary: allIds.length ? fc.constantFrom(...allIds) : fc.uuid() },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_UUIDS) },
  );
}

const isoDay = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

function typeOf(s: Schema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

/**
 * A value of the schema's shape. `clean` stays inside the schema (enum members, ranges, real
 * ids, small versions) so requests get past validation into the services; otherwise random
 * and edge content, some of it out of range on purpose.
 */
function nearValid(s: Schema, hint = '', clean = false): Arb {
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((b) => nearValid(b, hint, clean)));
  if (s.allOf?.length) return nearValid(Object.assign({}, ...s.allOf), hint, clean);
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.type) && s.type.includes('null')) return fc.oneof(fc.constant(null), nearValid({ ...s, type: typeOf(s) }, hint, clean));
  if (s.enum?.length) {
    const first = String(s.enum[0]);
    if (clean) return fc.constantFrom(...s.enum);
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...s.enum) },
      { weight: 1, arbitrary: fc.constantFrom(`${first}x`, first.toUpperCase(), ` ${first}`, '', 'unknown') },
    );
  }
  switch (typeOf(s)) {
    case 'string':
      return stringArb(s, hint, clean);
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? -1e6, -1e6);
      const max = Math.min(s.maximum ?? 1e6, 1e6);
      if (clean && hint === 'version') return fc.integer({ min: 1, max: 3 });
      const inRange = typeOf(s) === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
      if (clean) return inRange;
      const edges = [
        ...NUMBER_EDGES,
        ...(s.minimum !== undefined ? [s.minimum - 1, s.minimum] : []),
        ...(s.maximum !== undefined ? [s.maximum, s.maximum + 1] : []),
      ];
      return fc.oneof({ weight: 6, arbitrary: inRange }, { weight: 2, arbitrary: fc.constantFrom(...edges) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? nearValid(s.items, hint, clean) : fc.jsonValue({ maxDepth: 1 });
      const min = s.minItems ?? 0;
      const fits = fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 4, 4)) });
      if (clean) return fits;
      return fc.oneof(
        { weight: 6, arbitrary: fits },
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(item, { minLength: (s.maxItems ?? 40) + 1, maxLength: (s.maxItems ?? 40) + 1, size: 'xsmall' }) },
      );
    }
    case 'object':
    case undefined: {
      if (!s.properties && typeof s.additionalProperties === 'object') {
        return fc.dictionary(
          clean ? fc.string({ minLength: 1, maxLength: 10 }) : fc.oneof(fc.string({ maxLength: 10 }), nastyString),
          nearValid(s.additionalProperties, hint, clean),
          {
            maxKeys: 3,
          },
        );
      }
      if (!s.properties) return fc.jsonValue({ maxDepth: 2 });
      const model: Record<string, Arb> = {};
      for (const [k, v] of Object.entries(s.properties)) model[k] = nearValid(v, k, clean);
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function stringArb(s: Schema, hint: string, clean: boolean): Arb {
  const edge = (good: Arb, bad: unknown[]) => (clean ? good : fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) }));
  if (s.format === 'uuid') return uuidArb(hint, clean);
  if (s.format === 'date-time') return edge(isoInstant, BAD_DATETIMES);
  if (s.format === 'email') return edge(fc.emailAddress(), ['a@b', 'not-an-email', "o'hara@x.cn", '']);
  if (s.format === 'uri') return edge(fc.webUrl(), ['javascript:alert(1)', 'file:///etc/passwd', 'http://', 'http://[::1']);
  if (s.format === 'binary') return fc.string();
  const max = s.maxLength ?? 200;
  const min = s.minLength ?? 0;
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return edge(isoDay, BAD_DATES);
  let plain: fc.Arbitrary<string> = fc.oneof(
    fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(min, Math.min(max, 40)) }),
    fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.max(min, Math.min(max, 20)) }),
  );
  if (s.pattern && !s.pattern.includes('\\u0000')) {
    try {
      plain = fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' });
    } catch {
      // a pattern JavaScript cannot compile is generated as plain text
    }
  }
  if (clean) return plain;
  return fc.oneof(
    { weight: 5, arbitrary: plain },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constant('y'.repeat(max + 1)) },
  );
}

/** `{"__proto__": …}` as an own key, the way JSON.parse builds it. */
const protoKeys = fc.constantFrom(
  JSON.parse('{"__proto__":{"isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}'),
  JSON.parse('{"a":{"__proto__":{"polluted":1}}}'),
);
const deepValue = fc.integer({ min: 50, max: 400 }).map((n) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const wrongType: Arb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, 0, -1, 1e308, '', 'x', [], {}, [[]], [{}], ['a', 1, null]),
  nastyString,
  protoKeys,
  deepValue,
);

/** Like nearValid, but every node may be replaced by a value of the wrong type, or wrapped in an array. */
function hostile(s: Schema, hint = '', depth = 0): Arb {
  const base = typeOf(s) === 'object' && s.properties && depth < 3 ? hostileObject(s, depth) : nearValid(s, hint);
  return fc.oneof({ weight: 2, arbitrary: base }, { weight: 2, arbitrary: wrongType }, { weight: 1, arbitrary: base.map((v) => [v]) });
}

function hostileObject(s: Schema, depth: number): Arb {
  const model: Record<string, Arb> = {};
  for (const [k, v] of Object.entries(s.properties ?? {})) model[k] = hostile(v, k, depth + 1);
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('id', 'version', 'createdAt', 'customerId', 'roles', 'deletedAt')), wrongType, {
        maxKeys: 2,
      }),
    )
    .map(([o, extra]) => ({ ...extra, ...o }));
}

/**
 * A clean object with exactly one property given an edge value (or dropped, or joined by an
 * unknown one): the other fields pass validation, so the odd value reaches the service and
 * the database instead of being stopped at the first check.
 */
function mutant(s: Schema): Arb {
  const keys = Object.keys(s.properties ?? {});
  if (typeOf(s) !== 'object' || keys.length === 0) return nearValid(s);
  return fc.tuple(nearValid(s, '', true), fc.constantFrom(...keys), fc.nat(9)).chain(([base, key, how]) => {
    const prop = s.properties?.[key] ?? {};
    const edit = how === 0 ? fc.constant(undefined) : how === 1 ? wrongType : nearValid(prop, key);
    return edit.map((v) => {
      const out = { ...(base as Record<string, unknown>) };
      if (v === undefined) delete out[key];
      else out[key] = v;
      if (how === 9) out.unexpectedKey = 'x';
      return out;
    });
  });
}

// ---- requests ---------------------------------------------------------------------------

/** admin does most; the lead engineer, the service manager and the parts keeper reach their own steps. */
type Actor = 'admin' | 'manager' | 'engineer' | 'parts' | 'renhe' | 'anonymous';
const STAFF_ACTORS = ['admin', 'manager', 'engineer', 'parts', 'renhe'] as const;

interface Case {
  actor: Actor;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Printed when the case fails. */
  note: string;
}

const MALFORMED_JSON = [
  '{',
  '{"a":}',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  'undefined',
  'NaN',
  '\u0000',
  '{"a":"\\u00"}',
  '"\\ud800"',
  '\ufeff{}',
  '[]',
  '""',
  '0',
  'true',
  'null',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  '*/*',
  ';;;',
];

const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.record({ 'accept-language': fc.oneof(latin1, fc.constantFrom('*', 'zz-ZZ;q=x,,,;', 'en-US;q=2,zh-CN;q=-1', 'a'.repeat(8000), '', 'en-US'.repeat(500))) }),
  fc.record({
    cookie: fc.oneof(
      latin1,
      fc.constantFrom(`big=${'a'.repeat(16_000)}`, '=;;;=', 'ms_session=%E0%A4%A', `ms_session=${'b'.repeat(300)}`, 'ms_session=; ms_session=x'),
    ),
  }),
  fc.record({ 'x-forwarded-for': fc.oneof(latin1, fc.constantFrom('999.1.1.1', "'; drop table sessions; --", '::ffff:1.2.3.4, , ,')) }),
  fc.record({ 'x-csrf-token': fc.oneof(latin1, fc.constant('')) }),
  fc.record({ 'user-agent': fc.constant('u'.repeat(20_000)), 'x-idempotency-key': latin1, 'idempotency-key': latin1 }),
);

function pathOf(op: Operation, values: Record<string, string>) {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'missing');
}

function queryOf(params: Record<string, unknown>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
    else q.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function segmentHint(op: Operation, name: string) {
  if (name !== 'id') return name;
  const parts = op.path.split('/');
  const i = parts.indexOf(`{${name}}`);
  return parts[i - 1] ?? name;
}

function caseArb(op: Operation): fc.Arbitrary<Case> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const publicOnly = op.path === '/api/v1/auth/login' || op.path === '/api/v1/auth/logout';
  const actor: fc.Arbitrary<Actor> = publicOnly
    ? fc.constant('anonymous')
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant<Actor>('admin') },
        { weight: 2, arbitrary: fc.constant<Actor>('manager') },
        { weight: 2, arbitrary: fc.constant<Actor>('engineer') },
        { weight: 1, arbitrary: fc.constant<Actor>('parts') },
        { weight: 2, arbitrary: fc.constant<Actor>('renhe') },
        { weight: 1, arbitrary: fc.constant<Actor>('anonymous') },
      );

  const paths = (clean: boolean) => {
    const model: Record<string, Arb> = {};
    for (const p of pathParams) model[p.name] = nearValid(p.schema, segmentHint(op, p.name), clean);
    return fc.record(model).map((v) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(String(x))])));
  };
  const cleanPath = paths(true);
  const nearPath = paths(false);
  const rawSegment = fc.oneof(
    fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', 'a%2Fb', 'x'.repeat(201), "'%20OR%201=1", '%F0%9F%98%80', '-1', '0', '1e5', 'NaN', 'null'),
    fc.string({ maxLength: 20 }).map(enc),
  );
  const hostilePath = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          rawSegment,
          nearPath.map((v) => v[p.name]),
        ),
      ]),
    ),
  );

  const queries = (clean: boolean) => {
    const model: Record<string, Arb> = {};
    for (const p of queryParams) model[p.name] = nearValid(p.schema, p.name, clean);
    return fc.record(model, { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) }).map(queryOf);
  };
  const cleanQuery = queries(true);
  const nearQuery = queries(false);
  const mutantQuery = queryParams.length
    ? fc
        .tuple(
          fc.record(Object.fromEntries(queryParams.map((p) => [p.name, nearValid(p.schema, p.name, true)])), {
            requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
          }),
          fc.constantFrom(...queryParams),
        )
        .chain(([base, p]) => nearValid(p.schema, p.name).map((v) => queryOf({ ...base, [p.name]: v })))
    : fc.constant('');
  const hostileQueryModel: Record<string, Arb> = {};
  for (const p of queryParams)
    hostileQueryModel[p.name] = fc.oneof(nearValid(p.schema, p.name), fc.array(nearValid(p.schema, p.name), { minLength: 2, maxLength: 3 }), nastyString);
  const hostileQuery = fc.oneof(
    fc
      .tuple(fc.record(hostileQueryModel, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(nastyString, fc.string()), { maxKeys: 2 }))
      .map(([a, b]) => queryOf({ ...b, ...a })),
    fc.string({ maxLength: 60 }).map((s) => `?${s}`),
    fc.constantFrom(
      '?%',
      '?a=%E0%A4%A',
      '?page=1&page=2',
      '?pageSize=-1',
      '?page=1e9',
      '?sort=__proto__',
      '?__proto__[x]=1',
      '?constructor=1',
      '?&&&==&',
      `?q=${'%25'.repeat(3000)}`,
    ),
  );

  const jsonBody = (v: unknown) => ({ payload: JSON.stringify(v) ?? 'null', type: 'application/json' });
  type Body = fc.Arbitrary<{ payload?: string | Buffer; type?: string }>;
  const bodies = (clean: boolean): Body =>
    !op.body ? fc.constant({}) : op.body.type.startsWith('multipart/') ? multipartArb() : nearValid(op.body.schema, '', clean).map(jsonBody);
  const bodyClean = bodies(true);
  const bodyNear = bodies(false);
  const bodyMutant: Body = op.body && !op.body.type.startsWith('multipart/') ? mutant(op.body.schema).map(jsonBody) : bodyNear;
  const bodyHostile: fc.Arbitrary<{ payload?: string | Buffer; type?: string }> = fc.oneof(
    { weight: 4, arbitrary: (op.body ? hostile(op.body.schema) : wrongType).map(jsonBody) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ payload, type: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { payload: '['.repeat(60_000) + ']'.repeat(60_000), type: 'application/json' },
        { payload: `${'{"a":'.repeat(20_000)}{"__proto__":{"x":1}}${'}'.repeat(20_000)}`, type: 'application/json' },
        { payload: `${'{"constructor":'.repeat(5_000)}{"prototype":1}${'}'.repeat(5_000)}`, type: 'application/json' },
        { payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), type: 'application/json' },
        { payload: '', type: 'application/json' },
      ),
    },
    { weight: 1, arbitrary: fc.tuple(bodyNear, fc.constantFrom(...CONTENT_TYPES, '')).map(([b, type]) => ({ payload: b.payload ?? '{}', type })) },
  );

  const noHeaders = fc.constant({} as Record<string, string>);
  const valid = fc.record({ actor, path: cleanPath, query: cleanQuery, body: bodyClean, headers: noHeaders, kind: fc.constant('valid') });
  const near = fc.record({ actor, path: fc.oneof(cleanPath, nearPath), query: nearQuery, body: bodyNear, headers: noHeaders, kind: fc.constant('near') });
  const odd = fc.oneof(
    fc.record({ actor, path: cleanPath, query: cleanQuery, body: bodyMutant, headers: noHeaders, kind: fc.constant('mutant') }),
    fc.record({ actor, path: cleanPath, query: mutantQuery, body: bodyClean, headers: noHeaders, kind: fc.constant('mutant') }),
  );
  const bad = fc.record({
    actor,
    path: fc.oneof(nearPath, hostilePath),
    query: fc.oneof(nearQuery, hostileQuery),
    body: fc.oneof(bodyNear, bodyHostile),
    headers: fc.oneof({ weight: 2, arbitrary: fc.constant({} as Record<string, string>) }, { weight: 1, arbitrary: hostileHeaders }),
    kind: fc.constant('hostile'),
  });
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: near }, { weight: 2, arbitrary: bad }).map((c) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.body.type) headers['content-type'] = c.body.type;
    const url = `${pathOf(op, c.path)}${c.query}`;
    const shown = typeof c.body.payload === 'string' ? c.body.payload : c.body.payload ? `<${c.body.payload.length} bytes>` : '';
    return {
      actor: c.actor,
      url,
      headers,
      payload: c.body.payload,
      note: `${c.kind} ${c.actor} ${op.method} ${clip(url)} ${clip(JSON.stringify(headers))} ${clip(shown)}`,
    };
  });
}

/** A multipart upload with one part `file`: a small CSV, random bytes, or the wrong part name. */
function multipartArb(): fc.Arbitrary<{ payload: Buffer; type: string }> {
  return fc
    .record({
      field: fc.constantFrom('file', 'file', 'other'),
      name: fc.constantFrom('c.csv', 'c.xlsx', 'c.exe', 'c', '../../x.csv', '中文.csv', '"quoted".csv'),
      type: fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/png', 'application/octet-stream', ''),
      bytes: fc.oneof(
        fc.constantFrom('code,name\nFZ-1,模糊测试医院\n', '客户编号,客户名称\n', 'serialNumber,modelCode,customerCode\nS1,M1,C1\n', ''),
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1')),
      ),
    })
    .map(({ field, name, type, bytes }) => {
      const b = 'fuzzboundary';
      const head = `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
      return {
        payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes, 'latin1'), Buffer.from(`\r\n--${b}--\r\n`)]),
        type: `multipart/form-data; boundary=${b}`,
      };
    });
}

/** encodeURIComponent that survives lone surrogates (sent as U+FFFD, as a browser would). */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length})` : s);

// ---- the run ----------------------------------------------------------------------------

/** Bookkeeping tables a rejected request may legitimately write (or that no request touches; the
 * audit sealer writes audit_seals/audit_batches in the background for earlier, accepted writes). */
const UNCOUNTED =
  /^(sessions|login_attempts|rate_limits|audit_seals|audit_batches|idempotency_keys|fuzz_writes|__drizzle_migrations|job|schedule|version|queue|subscription|archive)$/;

let env: TestEnv;
const clients = Object.fromEntries(['anonymous', ...STAFF_ACTORS].map((a) => [a, { cookie: '', csrf: '' }])) as Record<Actor, { cookie: string; csrf: string }>;
let counted: string[] = [];

async function login(actor: Exclude<Actor, 'anonymous'>) {
  const c = await env.as(actor);
  clients[actor] = { cookie: c.cookie, csrf: c.csrf };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let mine = new Set<string>();

function remember(table: string | undefined, id: unknown) {
  if (!table || typeof id !== 'string' || !UUID.test(id) || mine.has(id)) return;
  const ids = idPool.get(table) ?? [];
  if (ids.includes(id)) return;
  idPool.set(table, [id, ...ids].slice(0, 12));
  allIds.push(id);
}

/** Ids an answer names (its own, its list items', and every `…Id` field) join the pool. */
function harvest(op: Operation, body: string) {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return;
  }
  const own = tableFor(
    op.path
      .split('/')
      .filter((x) => x && !x.startsWith('{'))
      .pop() ?? '',
  );
  const walk = (v: unknown, depth: number, table: string | undefined) => {
    if (!v || typeof v !== 'object' || depth > 2) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 5)) walk(x, depth + 1, table);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'id') remember(table, x);
      else if (/Id$/.test(k)) remember(tableFor(k), x);
      else if (k === 'items') walk(x, depth + 1, table);
      else if (typeof x === 'object') walk(x, depth + 1, tableFor(k));
    }
  };
  walk(data, 0, own);
}

const writes = async () => Number((await env.database.query<{ n: string }>('select n from fuzz_writes where id = 1')).rows[0].n);

beforeAll(async () => {
  env = await createTestEnv();
  for (const a of STAFF_ACTORS) await login(a);
  // Work orders at several steps (and the follow-ups, surveys and outbox the care sweep opens
  // for the closed one), so generated ids reach the state machine and not only 404.
  const dispatcher = await env.as('dispatcher');
  const content = { phenomenon: '染色不均', cause: '泵管老化', actions: '更换泵管', testResults: '运行正常', labourMinutes: 80, travelMinutes: 50 };
  const parts = [{ name: '蠕动泵管', partNo: 'PT-01', quantity: 2 }];
  await runFlow(env, dispatcher, { serial: 'ST5020-21-0031', lead: 'engineer', until: 'closed', content, parts });
  await runFlow(env, dispatcher, { serial: 'SV600-25-2201', lead: 'engineer', until: 'on_site', deviceDown: true });
  await runFlow(env, dispatcher, { serial: 'TP8000-24-0107', lead: 'engineer2', until: 'dispatched' });
  await runFlow(env, dispatcher, { serial: 'UCT760-23-1009', lead: 'engineer2', until: 'signed_off', content });
  await careSweep(env.database.db, 'Asia/Shanghai');
  const tables = await env.database.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  counted = tables.rows.map((r) => r.name).filter((n) => !UNCOUNTED.test(n));
  // Test-only: one counter row bumped by a statement-level trigger on every counted table.
  await env.database.exec(`
    create table fuzz_writes (id int primary key, n bigint not null);
    insert into fuzz_writes values (1, 0);
    create function fuzz_count() returns trigger language plpgsql as $$
      begin update fuzz_writes set n = n + 1 where id = 1; return null; end $$;
    ${counted.map((t) => `create trigger fuzz_count after insert or update or delete on "${t}" for each statement execute function fuzz_count();`).join('\n')}
  `);
  // Real ids per table (not the fuzzing accounts, whose password or roles a lucky request
  // could otherwise change).
  const me = await env.database.query<{ id: string }>(`select id from users where username in ('admin', 'manager', 'engineer', 'parts', 'renhe')`);
  mine = new Set(me.rows.map((r) => r.id));
  const idTables = await env.database.query<{ name: string }>(
    `select table_name as name from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by 1`,
  );
  idPool = new Map();
  for (const { name } of idTables.rows) {
    const rows = await env.database.query<{ id: string }>(`select id from "${name}" order by id limit 6`);
    const ids = rows.rows.map((r) => r.id).filter((id) => !mine.has(id));
    if (ids.length) idPool.set(name, ids);
  }
  allIds = [...idPool.values()].flat();
});
afterAll(() => env?.close());

describe('the OpenAPI fuzzer', () => {
  it('no operation answers 5xx, every error is problem+json with a code, and no rejected request changes data', async () => {
    const doc = env.app.swagger() as unknown as Parameters<typeof operationsOf>[0];
    const ops = operationsOf(doc);
    const seed = Number(process.env.FUZZ_SEED ?? 20_260_601);
    const runs = Number(process.env.FUZZ_RUNS ?? 60);
    const failures: string[] = [];
    const tally = { operations: ops.length, requests: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, relogins: 0, byCode: new Map<string, number>() };
    const reloginCauses: string[] = [];
    /** Not asserted (timing belongs in bench/): printed so a slow path shows up in the log. */
    const slowest: [number, string][] = [];
    let last = await writes();
    let lastWrite = '';
    /** Pooled connections never given back so far (PostgreSQL only). */
    let stuck = 0;

    for (const [i, op] of ops.entries()) {
      const cases = fc.sample(caseArb(op), { numRuns: runs, seed: seed + i });
      const perOp = new Map<number, number>();
      for (const c of cases) {
        const who = clients[c.actor];
        const headers: Record<string, string> = {};
        if (who.cookie) Object.assign(headers, { cookie: who.cookie, 'x-csrf-token': who.csrf });
        Object.assign(headers, c.headers);
        if ('cookie' in c.headers && who.cookie) headers.cookie = `${who.cookie}; ${c.headers.cookie}`;
        let res: Awaited<ReturnType<TestEnv['app']['inject']>>;
        const started = performance.now();
        try {
          res = await env.app.inject({ method: op.method as InjectOptions['method'], url: c.url, headers, payload: c.payload });
          slowest.push([performance.now() - started, c.note]);
          if (slowest.length > 40) slowest.sort((x, y) => y[0] - x[0]).splice(5);
        } catch (err) {
          failures.push(`${c.note}\n    inject threw: ${(err as Error).message}`);
          continue;
        }
        tally.requests++;
        const status = res.statusCode;
        // On PostgreSQL: every pooled connection is back once the answer is out (a leaked one
        // would exhaust the pool and hang shutdown).
        const pool = env.database.pool;
        if (pool && pool.totalCount - pool.idleCount > stuck) {
          await new Promise((r) => setTimeout(r, 100));
          const busy = pool.totalCount - pool.idleCount;
          if (busy > stuck) failures.push(`${c.note}\n    → ${status}, but ${busy - stuck} more database connection(s) stay checked out`);
          stuck = Math.max(stuck, busy);
        }
        perOp.set(status, (perOp.get(status) ?? 0) + 1);
        const now = await writes();
        if (status >= 500) tally.s5xx++;
        else if (status >= 400) tally.s4xx++;
        else if (status >= 300) tally.s3xx++;
        else tally.s2xx++;
        if (status >= 400) {
          let code: unknown;
          try {
            code = JSON.parse(res.body).code;
          } catch {
            code = undefined;
          }
          const type = String(res.headers['content-type'] ?? '');
          tally.byCode.set(`${status} ${code}`, (tally.byCode.get(`${status} ${code}`) ?? 0) + 1);
          if (status >= 500) failures.push(`${c.note}\n    → ${status} ${clip(res.body, 300)}`);
          else if (!type.startsWith('application/problem+json') || typeof code !== 'string')
            failures.push(`${c.note}\n    → ${status} not problem+json (${type}): ${clip(res.body, 200)}`);
          if (now !== last) failures.push(`${c.note}\n    → ${status} ${code} but ${now - last} write statement(s) committed`);
          if (code === 'unauthenticated' && c.actor !== 'anonymous' && !('cookie' in c.headers)) {
            // A lucky near-valid request ended this session (a password reset, say): log in again.
            tally.relogins++;
            reloginCauses.push(`${clip(c.note, 120)} (after ${clip(lastWrite, 200)})`);
            await login(c.actor);
            last = await writes();
            continue;
          }
        }
        if (status < 300 && op.method !== 'GET') lastWrite = c.note;
        if (status < 300) harvest(op, res.body);
        last = now;
      }
      if (process.env.FUZZ_VERBOSE) console.log(`${op.method} ${op.path}: ${[...perOp].map(([k, n]) => `${k}×${n}`).join(' ')}`);
    }

    const codes = [...tally.byCode.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`);
    console.log(
      `fuzz: seed ${seed}, ${tally.operations} operations, ${tally.requests} requests: ${tally.s2xx} 2xx, ${tally.s3xx} 3xx, ${tally.s4xx} 4xx, ${tally.s5xx} 5xx; ` +
        `${counted.length} tables watched; re-logins ${tally.relogins}${reloginCauses.map((n) => `\n    ${n}`).join('')}\n  errors: ${codes.slice(0, 25).join(', ')}` +
        `\n  slowest: ${slowest
          .sort((x, y) => y[0] - x[0])
          .slice(0, 5)
          .map(([ms, n]) => `\n    ${Math.round(ms)} ms ${clip(n, 200)}`)
          .join('')}`,
    );
    expect(tally.operations).toBeGreaterThan(150);
    expect(failures.slice(0, 40)).toEqual([]);
    // ~11,000 requests: about 2 min on an idle machine, up to 4 on a busy one.
  }, 900_000);
});
