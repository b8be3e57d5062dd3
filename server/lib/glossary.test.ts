// One glossary, used everywhere (issue 10 item 13): every enum value the server stores or
// answers has a word in both languages; the web's dictionaries, the service report PDF, the
// Excel exports and the audit trail all say the same word.
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webI18n from '../../web/src/i18n.ts';
// The web's full catalogue registers itself when loaded (the entry holds only the login page's
// strings), one module per language.
import '../../web/src/messages.en.ts';
import '../../web/src/messages.ts';
import { clockKind, deviceCategory, regionClass, workOrderStatus } from '../db/enums.ts';
import { RESOLVERS, recordLabels } from '../modules/audit/audit.records.ts';
import { COMPLAINT_CAUSES } from '../modules/complaints/complaints.rules.ts';
import { complaintChannel, complaintSeverity, complaintStatus } from '../modules/complaints/complaints.tables.ts';
import { contractKind } from '../modules/contracts/contracts.tables.ts';
import { customerKind } from '../modules/customers/customers.tables.ts';
import { categorySchema, criticalitySchema, deviceStatusSchema } from '../modules/devices/devices.dto.ts';
import { criticality, deviceStatus } from '../modules/devices/devices.tables.ts';
import { SERVICE_TYPES } from '../modules/followups/followups.rules.ts';
import { maintenanceVisitStatus } from '../modules/maintenance/maintenance.plans.tables.ts';
import { ledgerKind, partTracking, stockCondition, warehouseKind } from '../modules/parts/parts.tables.ts';
import { urgencySchema } from '../modules/requests/requests.dto.ts';
import { requestChannel, requestStatus, serviceCategory, urgency } from '../modules/requests/requests.tables.ts';
import { type Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { ROLES } from './access.ts';
import { type GlossaryGroup, glossary, term, termValues } from './glossary.ts';

/** Each stored or answered enum and the glossary group that names its values. */
const ENUMS: [GlossaryGroup, readonly string[]][] = [
  ['urgency', urgency.enumValues],
  ['urgency', urgencySchema.options],
  ['serviceCategory', serviceCategory.enumValues],
  ['requestStatus', requestStatus.enumValues],
  ['requestChannel', requestChannel.enumValues],
  ['workOrderStatus', workOrderStatus.enumValues],
  ['clockKind', clockKind.enumValues],
  ['maintenanceVisitStatus', maintenanceVisitStatus.enumValues],
  ['deviceStatus', deviceStatus.enumValues],
  ['deviceStatus', deviceStatusSchema.options],
  ['deviceCategory', deviceCategory.enumValues],
  ['deviceCategory', categorySchema.options],
  ['criticality', criticality.enumValues],
  ['criticality', criticalitySchema.options],
  ['regionClass', regionClass.enumValues],
  ['customerKind', customerKind.enumValues],
  ['contractKind', contractKind.enumValues],
  ['role', ROLES],
  ['complaintStatus', complaintStatus.enumValues],
  ['complaintChannel', complaintChannel.enumValues],
  ['complaintSeverity', complaintSeverity.enumValues],
  ['complaintCause', COMPLAINT_CAUSES],
  ['serviceType', SERVICE_TYPES],
  ['warehouseKind', warehouseKind.enumValues],
  ['ledgerKind', ledgerKind.enumValues],
  ['partCondition', stockCondition.enumValues],
  ['partTracking', partTracking.enumValues],
];

/** i18n paths of the web that must read the glossary, and the group each one shows. */
const WEB_PATHS: [string, GlossaryGroup][] = [
  ['service.urgencies', 'urgency'],
  ['service.categories', 'serviceCategory'],
  ['service.requestStatuses', 'requestStatus'],
  ['service.woStatuses', 'workOrderStatus'],
  ['service.channels', 'requestChannel'],
  ['service.clockKinds', 'clockKind'],
  ['service.clockStates', 'clockState'],
  ['device.statuses', 'deviceStatus'],
  ['device.coverages', 'serviceCategory'],
  ['device.bases', 'coverageBasis'],
  ['model.categories', 'deviceCategory'],
  ['model.criticalities', 'criticality'],
  ['customer.regions', 'regionClass'],
  ['customer.kinds', 'customerKind'],
  ['contract.kinds', 'contractKind'],
  ['contract.states', 'contractState'],
  ['user.roleNames', 'role'],
  ['audit.actions', 'auditAction'],
  ['care.serviceTypes', 'serviceType'],
  ['care.survey.levels', 'surveyLevel'],
  ['care.survey', 'surveyAspect'],
  ['care.complaint.status', 'complaintStatus'],
  ['care.complaint.channels', 'complaintChannel'],
  ['care.complaint.severity', 'complaintSeverity'],
  ['care.complaint.causes', 'complaintCause'],
  ['parts.warehouseKinds', 'warehouseKind'],
  ['parts.kinds', 'ledgerKind'],
  ['parts.conditions', 'partCondition'],
  ['parts.trackings', 'partTracking'],
  ['parts.reasons', 'reorderReason'],
];

describe('the glossary (pure)', () => {
  it('names every value of every stored or answered enum, in Chinese and in English', () => {
    const missing: string[] = [];
    for (const [group, values] of ENUMS) {
      for (const v of values) {
        const zh = term(group, v, 'zh-CN');
        const en = term(group, v, 'en-US');
        if (zh === v && !/^[A-Z]+$/.test(v)) missing.push(`${group}.${v} (zh-CN)`);
        if (!en || en === v) missing.push(`${group}.${v} (en-US)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives different values of one group different words, so no two statuses read alike', () => {
    for (const group of Object.keys(glossary) as GlossaryGroup[]) {
      const zh = termValues(group).map((v) => term(group, v, 'zh-CN'));
      expect(new Set(zh).size, group).toBe(zh.length);
    }
  });

  it('says 较急 for an urgent job — the word the screens use, not 加急 — and the seed’s words for categories and regions', () => {
    expect(term('urgency', 'urgent', 'zh-CN')).toBe('较急');
    expect(term('serviceCategory', 'paid', 'zh-CN')).toBe('有费服务'); // seed 002 §1
    expect(term('serviceCategory', 'internal', 'zh-CN')).toBe('一般行政工作');
    expect(term('regionClass', 'remote', 'zh-CN')).toBe('外地');
  });

  it('leaves a value it does not know as it is, and an empty one empty (old data never breaks a page)', () => {
    expect(term('urgency', 'someday', 'zh-CN')).toBe('someday');
    expect(term('urgency', null, 'en-US')).toBe('');
  });

  it('is what the web shows: every web dictionary of domain terms is the glossary, in both languages', () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const t = webI18n.getFixedT(lang) as unknown as (key: string) => string;
      for (const [path, group] of WEB_PATHS) {
        for (const v of termValues(group)) expect(t(`${path}.${v}`), `${lang} ${path}.${v}`).toBe(term(group, v, lang));
      }
    }
  });

  it('has a word and a business-name lookup for every kind of record the server audits', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const entities = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (f.name.endsWith('.ts') && !f.name.endsWith('.test.ts')) {
          const src = readFileSync(p, 'utf8');
          if (!/recordAudit|Audited|resourceRoutes\(/.test(src)) continue;
          for (const m of src.matchAll(/entity: '([a-z_]+)'/g)) entities.add(m[1]);
        }
      }
    };
    walk('server/modules');
    expect(entities.size).toBeGreaterThan(10);
    for (const e of entities) {
      expect(term('entityType', e, 'zh-CN'), e).not.toBe(e);
      expect(RESOLVERS[e], `lookup for ${e}`).toBeDefined();
    }
  });
});

describe('the glossary on paper, in exports and in the audit trail', () => {
  let env: TestEnv;
  let dispatcher: Client;
  let admin: Client;
  let request: { id: string; number: string; workOrderId: string; workOrderNumber: string };

  beforeAll(async () => {
    env = await createTestEnv();
    dispatcher = await env.as('dispatcher');
    admin = await env.as('admin');
    const device = (await dispatcher.get('/api/v1/devices?q=ST5020-22-0145')).data.items[0];
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: device.id,
      reporterName: '王护士',
      reporterPhone: '0314-2279000',
      channel: 'phone',
      faultDescription: '染色不均匀',
      deviceDown: false,
      urgency: 'urgent',
      urgencyReason: '科室当天有大批切片',
    });
    expect(r.statusCode, r.body).toBe(201);
    const wo = (await dispatcher.get(`/api/v1/work-orders/${r.data.workOrderId}`)).data;
    request = { id: r.data.id, number: r.data.number, workOrderId: wo.id, workOrderNumber: wo.number };
  }, 60_000);
  afterAll(() => env?.close());

  it('the service report PDF of an urgent job says 较急 and the seed’s service category, as the screens do', async () => {
    const r = await dispatcher.raw({ method: 'GET', url: `/api/v1/work-orders/${request.workOrderId}/report.pdf` });
    expect(r.statusCode).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(r.rawPayload));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain(`紧急程度 ${term('urgency', 'urgent', 'zh-CN')}`);
    expect(text).not.toContain('加急');
    expect(text).toContain(term('workOrderStatus', 'new', 'zh-CN'));
  });

  it('the Excel exports take the same words (devices: status, category, region; dispatch: urgency), in the reader’s language', async () => {
    const read = async (url: string, lang: string) => {
      const r = await dispatcher.get(url, { 'accept-language': lang });
      expect(r.statusCode, r.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const cells: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      return cells;
    };
    const zh = await read('/api/v1/devices/export?q=ST5020-22-0145', 'zh-CN');
    expect(zh).toContain(term('deviceStatus', 'in_service', 'zh-CN'));
    expect(zh).toContain(term('deviceCategory', 'pathology_stainer', 'zh-CN'));
    const en = await read('/api/v1/devices/export?q=ST5020-22-0145', 'en-US');
    expect(en).toContain(term('deviceCategory', 'pathology_stainer', 'en-US'));
    expect(en).not.toContain('pathology_stainer');
  });

  it('the audit trail names records by their business number or name, UUIDs stay underneath', async () => {
    const page = (await admin.get(`/api/v1/audit?pageSize=200`)).data;
    const byId = new Map<string, { entity: string; recordLabel: string | null }>(page.items.map((e: { entityId: string }) => [e.entityId, e]));
    expect(byId.get(request.id)?.recordLabel).toBe(request.number);
    expect(byId.get(request.workOrderId)?.recordLabel).toBe(request.workOrderNumber);
    const login = page.items.find((e: { entity: string; action: string }) => e.entity === 'user' && e.action === 'login');
    expect(login.recordLabel).toMatch(/（admin|dispatcher）/);
  });

  it('resolves a page with one query per kind of record, not one per row', async () => {
    const rows = (await env.database.query<{ entity: string; entity_id: string }>('select entity, entity_id from audit_log order by seq desc limit 200')).rows;
    const entries = rows.map((r) => ({ entity: r.entity, entityId: r.entity_id }));
    let statements = 0;
    const db = env.database.db;
    const counting = {
      execute: (q: Parameters<typeof db.execute>[0]) => {
        statements++;
        return db.execute(q);
      },
    } as unknown as typeof db;
    const labels = await recordLabels(counting, entries);
    const kinds = new Set(entries.filter((e) => RESOLVERS[e.entity]).map((e) => e.entity));
    expect(statements).toBe(kinds.size);
    expect(labels.filter(Boolean).length).toBeGreaterThan(rows.length / 2);
  });

  it('every lookup runs on this database (a record that is gone gives no label, no error)', async () => {
    for (const [entity, r] of Object.entries(RESOLVERS)) {
      // Id 0 is never issued (identities and singleton settings rows start at 1).
      const id = r.ids.test('0') ? '0' : '00000000-0000-4000-8000-000000000000';
      await expect(recordLabels(env.database.db, [{ entity, entityId: id }]), entity).resolves.toEqual([null]);
    }
  });
});
