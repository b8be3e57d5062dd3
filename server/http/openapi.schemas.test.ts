// Named schemas in the OpenAPI document (issue 11 item 1): the document is built the way
// scripts/gen-api.ts builds it, and its components.schemas must carry the names the web
// client's types are generated from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaId, schemaIdsGiven } from '../lib/dto.ts';
import { buildApp } from './app.ts';
import type { Api, AppContext } from './context.ts';
import { reachableSchemas } from './openapi.ts';

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

// Building the app touches no database; the document comes from the route schemas alone.
const ctx = {
  database: { kind: 'pglite', db: {} },
  queue: null,
  auth: { db: {}, secret: 'x'.repeat(32), ttlHours: 1, secureCookies: false },
  dataDir: '.',
  timeZone: 'Asia/Shanghai',
} as unknown as AppContext;

let app: Api;
let doc: Doc;
beforeAll(async () => {
  app = await buildApp(ctx);
  await app.ready();
  doc = app.swagger() as unknown as Doc;
});
afterAll(() => app.close());

const ok = (method: string, url: string) => doc.paths[url]?.[method]?.responses?.['200']?.content?.['application/json']?.schema;

describe('OpenAPI components.schemas', () => {
  it('names the resources', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names.length).toBeGreaterThanOrEqual(100);
    for (const name of [
      'WorkOrder',
      'WorkOrderPage',
      'ServiceRequest',
      'ServiceRequestPage',
      'Device',
      'DevicePage',
      'Customer',
      'CustomerPage',
      'Problem',
      'User',
      'Me',
    ])
      expect(names).toContain(name);
  });

  it('gives every schema a reader’s name: PascalCase, no generated placeholder', () => {
    for (const name of Object.keys(doc.components.schemas)) {
      expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(name).not.toMatch(/PLACEHOLDER|^Schema\d*$|^Def\d|^Input$/i);
    }
  });

  it('lists every id given in the source, and nothing else', () => {
    const given = schemaIdsGiven();
    const names = Object.keys(doc.components.schemas);
    for (const id of given) expect(names).toContain(id);
    // A named schema inside a request body or query appears as <Name>Input.
    expect(names.filter((n) => !given.has(n) && !given.has(n.replace(/Input$/, '')))).toEqual([]);
  });

  it('answers the main list and detail reads by $ref', () => {
    const reads: [string, string][] = [
      ['/api/v1/work-orders', 'WorkOrderPage'],
      ['/api/v1/work-orders/{id}', 'WorkOrder'],
      ['/api/v1/requests', 'ServiceRequestPage'],
      ['/api/v1/requests/{id}', 'ServiceRequestDetail'],
      ['/api/v1/devices', 'DevicePage'],
      ['/api/v1/devices/{id}', 'DeviceDetail'],
      ['/api/v1/customers', 'CustomerPage'],
      ['/api/v1/customers/{id}', 'Customer'],
      ['/api/v1/contracts', 'ContractPage'],
      ['/api/v1/contracts/{id}', 'Contract'],
      ['/api/v1/complaints', 'ComplaintPage'],
      ['/api/v1/users', 'UserPage'],
      ['/api/v1/auth/me', 'Me'],
    ];
    for (const [url, name] of reads) expect(ok('get', url), url).toEqual({ $ref: `#/components/schemas/${name}` });
  });

  it('refers to a named schema from every JSON GET answer', () => {
    const bare = Object.keys(doc.paths).filter((url) => {
      const schema = ok('get', url);
      return schema && reachableSchemas(schema, doc.components.schemas).size === 0;
    });
    expect(bare).toEqual([]);
  });

  it('keeps every named schema it lists reachable, Problem aside', () => {
    const used = reachableSchemas(doc.paths, doc.components.schemas);
    expect(Object.keys(doc.components.schemas).filter((n) => !used.has(n))).toEqual(['Problem']);
  });

  it('builds a second app in the same process (two servers in one test, the cluster): named schemas live at module level', async () => {
    const second = await buildApp(ctx);
    await second.ready();
    expect(Object.keys((second.swagger() as unknown as Doc).components.schemas)).toEqual(Object.keys(doc.components.schemas));
    await second.close();
  });

  it('refuses an id given twice', () => {
    expect(() => schemaId('WorkOrder')).toThrow(/used twice/);
  });

  it('gives ids only through schemaId, which refuses duplicates', () => {
    // Zod's registry lets a second schema take an id silently; `.meta({ id })` written by hand
    // would bypass the check.
    const root = path.resolve(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const direct = files.filter((f) => /\.meta\(\s*\{\s*id\b/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(direct).toEqual([]);
  });
});
