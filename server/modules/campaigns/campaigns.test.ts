// Recall and field-action stories (召回 / 技术升级, issue 14 §3, R-REG-3, R-UP-1; signatures, issue 14
// §6): quality selects the affected units by serial range, software version, part lot or model,
// previews and freezes them (a later change to a device does not move the selection); notifying
// sends each customer's notice exactly once (the sweep run twice sends nothing more) and escalates
// unacknowledged customers past the class deadline once; a hospital acknowledges in the portal and
// sees only its own; an upgrade needs consent before its work order; the campaign cannot close
// while units are open, and closes only with the password again; bad input is translated. The
// units may come from an uploaded .xlsx/.csv of serials: matched ones preview and freeze, the
// others are listed with their row and why; a bad file is a translated 4xx that stores nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaignsDemo } from '../../seed/campaigns.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified } from '../../test/service.ts';
import { campaignsForDevice, noticeSweep } from './campaigns.service.ts';

let env: TestEnv;
let quality: Client;
let manager: Client;
let engineer: Client;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [quality, manager, engineer, dispatcher, renhe, ruikang] = await Promise.all(
    ['quality', 'manager', 'engineer', 'dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)),
  );
});
afterAll(() => env?.close());

const modelId = async (code: string) => (await env.database.query<{ id: string }>(`select id from device_models where code = '${code}'`)).rows[0].id;

async function draft(type = 'recall_2', extra: Record<string, unknown> = {}) {
  const r = await quality.post('/api/v1/campaigns', {
    type,
    title: '染色机加热模块温控异常召回',
    reason: '加热模块温控芯片批次缺陷，可能导致染色温度过高损伤切片',
    noticeContent: '尊敬的客户：贵单位的全自动染色机加热模块存在温控异常风险，请暂停使用加热功能，我方工程师将上门更换。',
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.data as { id: string; version: number; number: string };
}

const preview = (id: string, criteria: Record<string, unknown>, headers?: Record<string, string>) =>
  quality.post(`/api/v1/campaigns/${id}/preview`, { criteria }, headers);
const serialsOf = (r: { data: { sample: { serialNumber: string }[] } }) => r.data.sample.map((s) => s.serialNumber).sort();

describe('selecting the affected units (R-REG-3)', () => {
  let c: { id: string; version: number };
  beforeAll(async () => {
    c = await draft();
  });

  it('a new campaign is a draft with the class deadline (class II: 3 days) and a number', async () => {
    const r = await quality.get(`/api/v1/campaigns/${c.id}`);
    expect(r.data).toMatchObject({ status: 'draft', deadlineDays: 3, contentVersion: 1, units: 0, number: expect.stringMatching(/^RC/) });
    expect(r.data.abilities).toMatchObject({ freeze: true, notify: false, close: false });
  });

  it('by serial range: numeric within one prefix, lexicographic across prefixes', async () => {
    const numeric = await preview(c.id, { serialFrom: 'ST5020-23-1', serialTo: 'ST5020-23-9999' });
    expect(numeric.statusCode, numeric.body).toBe(200);
    expect(serialsOf(numeric)).toEqual(['ST5020-23-0220']);
    const lexical = await preview(c.id, { serialFrom: 'ST5020-22-0000', serialTo: 'ST5020-24-9999' });
    expect(serialsOf(lexical)).toEqual(['ST5020-22-0145', 'ST5020-23-0220', 'ST5020-24-0376']);
    expect(lexical.data).toMatchObject({ total: 3, customers: 3 });
  });

  it('by software version, and by model and version together', async () => {
    const r = await preview(c.id, { softwareVersions: ['V1.8.4', 'V1.6.0'] });
    expect(serialsOf(r)).toEqual(['SV600-22-0815', 'SV600-25-2201']);
    expect(r.data.byCustomer).toHaveLength(1);
    const both = await preview(c.id, { modelId: await modelId('ST-5020'), softwareVersions: ['V1.8.4', 'V3.5.0'] });
    expect(serialsOf(both)).toEqual(['ST5020-23-0220']);
  });

  it('by part lot: every device a part of that lot went into (through its work orders)', async () => {
    const unit = await deviceId(env, 'TP8000-22-0046');
    const wo = await dispatcher.post('/api/v1/work-orders', { kind: 'upgrade', deviceId: unit, description: '更换加热模块', plannedDate: '2026-12-10' });
    expect(wo.statusCode, wo.body).toBe(201);
    await env.database.query(
      `insert into work_order_parts (work_order_id, part_no, name, quantity, installed_serial, source, source_note) values ('${wo.data.id}', 'HM-220', '加热模块', 1, 'LOT-2026-07A', 'non_stock', '厂家直发')`,
    );
    const r = await preview(c.id, { partLot: 'LOT-2026-07A' });
    expect(serialsOf(r)).toEqual(['TP8000-22-0046']);
    expect((await preview(c.id, { partLot: 'LOT-2026-07A', partNo: 'OTHER' })).data.total).toBe(0);
  });

  it('by an uploaded list of serials (case-insensitive)', async () => {
    const r = await preview(c.id, { serials: ['st5020-21-0031', 'MR560-24-0033', 'NO-SUCH'] });
    expect(serialsOf(r)).toEqual(['MR560-24-0033', 'ST5020-21-0031']);
  });

  it('bad criteria are refused, translated, naming the field; nothing changes', async () => {
    const none = await preview(c.id, {}, EN);
    expect(none.statusCode).toBe(422);
    expect(none.data).toMatchObject({ code: 'campaign_criteria_empty', detail: expect.stringContaining('at least one') });
    const reversed = await preview(c.id, { serialFrom: 'SN-102', serialTo: 'SN-98' }, EN);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.fields[0].field).toBe('criteria.serialTo');
    const half = await preview(c.id, { serialFrom: 'SN-1' });
    expect(half.statusCode).toBe(422);
    expect(half.data.detail).toContain('序列号范围');
    const unknown = await preview(c.id, { modelName: 'x' });
    expect(unknown.statusCode).toBe(400);
    const noTitle = await quality.post('/api/v1/campaigns', { type: 'recall_1', title: ' ', reason: 'x', noticeContent: 'x' }, EN);
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.data.fields.map((f: { field: string }) => f.field)).toContain('title');
    const badType = await quality.post('/api/v1/campaigns', { type: 'recall_4', title: 't', reason: 'x', noticeContent: 'x' });
    expect(badType.statusCode).toBe(400);
    const empty = await quality.post(`/api/v1/campaigns/${c.id}/freeze`, { version: c.version, criteria: { serials: ['NO-SUCH'] } }, EN);
    expect(empty.statusCode).toBe(422);
    expect(empty.data.code).toBe('campaign_selection_empty');
    expect((await quality.get(`/api/v1/campaigns/${c.id}`)).data).toMatchObject({ units: 0, frozenAt: null, version: c.version });
    expect((await engineer.post(`/api/v1/campaigns/${c.id}/preview`, { criteria: { serials: ['X'] } })).statusCode).toBe(403);
  });
});

/** POST a file of serials (multipart, one part `file`) as that user. */
function uploadSerials(user: Client, id: string, file: Buffer, fileName: string, type: string, query = '', headers: Record<string, string> = {}) {
  const boundary = `----medservice-test-${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return user.raw({
    method: 'POST',
    url: `/api/v1/campaigns/${id}/serials-file${query}`,
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
}
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('affected units from an uploaded file of serials (R-REG-3)', () => {
  let c: { id: string; version: number };
  beforeAll(async () => {
    c = await draft();
  });

  it('a good .xlsx (header 序列号): every serial matched, previewed, and frozen through the same list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('受影响设备');
    ws.addRow(['医院', '序列号']);
    ws.addRow(['仁和医院', 'ST5020-21-0031']);
    ws.addRow(['第一医院', 'mr560-24-0033']);
    const r = await uploadSerials(quality, c.id, Buffer.from(await wb.xlsx.writeBuffer()), '召回清单.xlsx', XLSX);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ rows: 2, serials: ['ST5020-21-0031', 'MR560-24-0033'], unmatched: [] });
    expect(r.data.preview.total).toBe(2);
    expect(r.data.preview.sample.map((u: { serialNumber: string }) => u.serialNumber).sort()).toEqual(['MR560-24-0033', 'ST5020-21-0031']);
    expect((await quality.get(`/api/v1/campaigns/${c.id}`)).data).toMatchObject({ units: 0, frozenAt: null, version: c.version });
    const frozen = await quality.post(`/api/v1/campaigns/${c.id}/freeze`, { version: c.version, criteria: { serials: r.data.serials } });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.data).toMatchObject({ units: 2, criteria: { serials: ['ST5020-21-0031', 'MR560-24-0033'] } });
  });

  it('a mixed .csv without a header: the unknown serial, the repeat and the unit of another model are listed with their rows', async () => {
    const other = await draft();
    const csv = Buffer.from('st5020-22-0145\nNO-SUCH-1\n\nST5020-22-0145\nMR560-24-0033\n', 'utf8');
    const r = await uploadSerials(quality, other.id, csv, 'serials.csv', CSV, `?modelId=${await modelId('ST-5020')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.rows).toBe(4);
    expect(r.data.serials).toEqual(['ST5020-22-0145']);
    expect(r.data.unmatched).toEqual([
      { row: 2, serial: 'NO-SUCH-1', reason: 'unknown', firstRow: null },
      { row: 4, serial: 'ST5020-22-0145', reason: 'duplicate', firstRow: 1 },
      { row: 5, serial: 'MR560-24-0033', reason: 'other_model', firstRow: null },
    ]);
    expect(r.data.preview).toMatchObject({ total: 1, customers: 1 });
  });

  it('a bad file is a translated 4xx and stores nothing; an engineer may not upload', async () => {
    const other = await draft();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const image = await uploadSerials(quality, other.id, png, 'list.png', 'image/png', '', EN);
    expect(image.statusCode).toBe(415);
    expect(image.data.code).toBe('import_invalid_file');
    const blank = await uploadSerials(quality, other.id, Buffer.alloc(0), 'serials.csv', CSV, '', EN);
    expect(blank.statusCode).toBe(400);
    const headerOnly = await uploadSerials(quality, other.id, Buffer.from('序列号\n'), 'serials.csv', CSV, '', EN);
    expect(headerOnly.statusCode).toBe(422);
    expect(headerOnly.data).toMatchObject({ code: 'campaign_file_empty', detail: expect.stringContaining('no serial numbers') });
    const many = Buffer.from(Array.from({ length: 5001 }, (_, i) => `SN-${i}`).join('\n'));
    const tooMany = await uploadSerials(quality, other.id, many, 'serials.csv', CSV);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.data.code).toBe('campaign_file_too_many_rows');
    expect(tooMany.data.detail).toMatch(/5001 行.*最多 5000 行/);
    const huge = await uploadSerials(quality, other.id, Buffer.alloc(5 * 1024 * 1024 + 200 * 1024, 'A'), 'serials.csv', CSV, '', EN);
    expect(huge.statusCode).toBe(413);
    expect((await uploadSerials(engineer, other.id, Buffer.from('ST5020-21-0031'), 'serials.csv', CSV)).statusCode).toBe(403);
    expect((await quality.get(`/api/v1/campaigns/${other.id}`)).data).toMatchObject({ units: 0, frozenAt: null, criteria: null, version: other.version });
  });
});

describe('a class II recall run to completion (R-REG-3, R-AU-1)', () => {
  let c: { id: string; version: number; number: string };
  const units = new Map<string, { id: string; version: number; customerName: string }>();

  it('freezes the selection by model: the units and one notice per customer; a device changed later does not move it', async () => {
    c = await draft();
    const r = await quality.post(`/api/v1/campaigns/${c.id}/freeze`, { version: c.version, criteria: { modelId: await modelId('ST-5020') } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ units: 6, customers: 5, frozenByName: expect.any(String), abilities: { freeze: false, notify: true } });
    expect(r.data.criteria).toEqual({ modelId: await modelId('ST-5020') });
    c.version = r.data.version;
    expect(await count(env, `select count(*)::int as n from campaign_notices where campaign_id = '${c.id}' and sent_at is null`)).toBe(5);
    // The device moves on (new software, moved to a new unit list) — the frozen selection stays.
    await env.database.query(`update devices set software_version = 'V9.9' where serial_number = 'ST5020-21-0031'`);
    const again = await quality.post(`/api/v1/campaigns/${c.id}/freeze`, { version: c.version, criteria: { modelId: await modelId('ST-5020') } });
    expect(again.statusCode).toBe(409);
    const list = await quality.get(`/api/v1/campaigns/${c.id}/units?pageSize=50`);
    expect(list.data.total).toBe(6);
    expect(list.data.items.find((u: { serialNumber: string }) => u.serialNumber === 'ST5020-21-0031').softwareVersion).toBe('V3.2.1');
    for (const u of list.data.items) units.set(u.serialNumber, u);
  });

  it('notifies every customer exactly once: the start sends, the sweep run twice sends nothing more', async () => {
    const r = await quality.post(`/api/v1/campaigns/${c.id}/notify`, { version: c.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'notifying', noticeDeadline: expect.any(String) });
    c.version = r.data.version;
    expect(await count(env, `select count(*)::int as n from campaign_notices where campaign_id = '${c.id}' and sent_at is not null`)).toBe(5);
    const before = await env.database.query(`select id, sent_at, version from campaign_notices where campaign_id = '${c.id}' order by id`);
    expect(await noticeSweep(env.database.db)).toMatchObject({ sent: 0 });
    expect(await noticeSweep(env.database.db)).toMatchObject({ sent: 0 });
    const after = await env.database.query(`select id, sent_at, version from campaign_notices where campaign_id = '${c.id}' order by id`);
    expect(after.rows).toEqual(before.rows);
    const notices = await quality.get(`/api/v1/campaigns/${c.id}/notices?pageSize=50`);
    const rh = notices.data.items.find((n: { customerName: string }) => n.customerName.includes('仁和'));
    expect(rh).toMatchObject({ unitCount: 2, channel: 'portal', contentVersion: 1, ackAt: null, overdue: false });
    // One in-app notice per hospital user of each affected customer, about the campaign.
    const told = await notified(env, 'campaign_notice', c.id);
    expect(told).toContain('renhe');
    expect(told).toContain('ruikang');
    expect(new Set(told).size).toBe(told.length);
  });

  it('a hospital sees and acknowledges only its own notice in the portal; another hospital gets 404', async () => {
    const mine = await renhe.get('/api/v1/campaign-notices');
    expect(mine.statusCode).toBe(200);
    expect(mine.data.items).toHaveLength(1);
    const notice = mine.data.items[0];
    expect(notice).toMatchObject({ campaignNumber: c.number, content: expect.stringContaining('加热模块'), unitCount: 2 });
    expect((await ruikang.get('/api/v1/campaign-notices')).data.items.map((n: { customerName: string }) => n.customerName)).not.toContain(notice.customerName);
    const foreign = await ruikang.post(`/api/v1/campaigns/${c.id}/notices/${notice.id}/ack`, { version: notice.version });
    expect(foreign.statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/campaigns/${c.id}`)).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/campaigns/${c.id}/units`)).statusCode).toBe(403);
    const ack = await renhe.post(`/api/v1/campaigns/${c.id}/notices/${notice.id}/ack`, { version: notice.version });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.data).toMatchObject({ ackChannel: 'portal', ackByName: expect.stringContaining('王红'), ackAt: expect.any(String) });
    const twice = await renhe.post(`/api/v1/campaigns/${c.id}/notices/${notice.id}/ack`, { version: ack.data.version }, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('campaign_notice_acked');
    // Staff record a call: the note is the proof.
    const sk = (await ruikang.get('/api/v1/campaign-notices')).data.items[0];
    const noNote = await dispatcher.post(`/api/v1/campaigns/${c.id}/notices/${sk.id}/ack`, { version: sk.version }, EN);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.data.fields[0].field).toBe('note');
    const call = await dispatcher.post(`/api/v1/campaigns/${c.id}/notices/${sk.id}/ack`, { version: sk.version, note: '电话通知设备科陈立，已确认' });
    expect(call.data).toMatchObject({ ackChannel: 'phone', ackNote: '电话通知设备科陈立，已确认' });
  });

  it('escalates the unacknowledged customers past the deadline to the service manager and quality, once', async () => {
    const late = new Date(Date.now() + 4 * 86_400_000);
    expect(await noticeSweep(env.database.db, late)).toEqual({ sent: 0, escalated: 3 });
    expect(await noticeSweep(env.database.db, late)).toEqual({ sent: 0, escalated: 0 });
    const to = await notified(env, 'campaign_notice_overdue', c.id);
    expect(to).toContain('manager');
    expect(to).toContain('quality');
    expect(to).not.toContain('renhe');
    expect(new Set(to).size).toBe(to.length);
  });

  it('units: corrected needs the verification and a resolved work order; not found needs the reason (translated)', async () => {
    const u = units.get('ST5020-21-0031') as { id: string; version: number };
    const noVerification = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${u.id}/resolve`, { version: u.version, outcome: 'corrected' }, EN);
    expect(noVerification.statusCode).toBe(422);
    expect(noVerification.data).toMatchObject({ code: 'campaign_unit_verification_required', fields: [{ field: 'verification' }] });
    const wo = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${u.id}/work-order`, { version: u.version, plannedDate: '2026-12-12' });
    expect(wo.statusCode, wo.body).toBe(200);
    expect(wo.data).toMatchObject({ workOrderId: expect.any(String), workOrderNumber: expect.stringMatching(/^WO/) });
    expect((await dispatcher.get(`/api/v1/work-orders/${wo.data.workOrderId}`)).data.kind).toBe('upgrade');
    const open = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${u.id}/resolve`, {
      version: wo.data.version,
      outcome: 'corrected',
      verification: '更换后温控测试合格',
    });
    expect(open.statusCode).toBe(422);
    expect(open.data.code).toBe('campaign_unit_wo_open');
    const returned = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${u.id}/resolve`, {
      version: wo.data.version,
      outcome: 'returned',
      reason: '整机返厂',
    });
    expect(returned.data).toMatchObject({ outcome: 'returned', resolvedByName: expect.any(String) });
    const nf = units.get('ST5020-22-0145') as { id: string; version: number };
    const noReason = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${nf.id}/resolve`, { version: nf.version, outcome: 'not_found' }, EN);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.data).toMatchObject({ code: 'campaign_unit_reason_required', fields: [{ field: 'reason' }] });
    expect((await engineer.post(`/api/v1/campaigns/${c.id}/units/${nf.id}/resolve`, { version: nf.version, outcome: 'returned' })).statusCode).toBe(403);
  });

  it('close is refused while units are open; then quality signs with the password again', async () => {
    const open = await quality.post(`/api/v1/campaigns/${c.id}/close`, { version: c.version, password: DEMO_PASSWORD }, EN);
    expect(open.statusCode).toBe(422);
    expect(open.data).toMatchObject({ code: 'campaign_units_open', detail: expect.stringContaining('5 units') });
    const list = await quality.get(`/api/v1/campaigns/${c.id}/units?state=open&pageSize=50`);
    for (const u of list.data.items) {
      const body =
        u.serialNumber === 'ST5020-22-0145'
          ? { version: u.version, outcome: 'not_found', reason: '医院已将设备转让，去向不明' }
          : { version: u.version, outcome: 'corrected', verification: '更换加热模块，温控测试 60±1℃ 合格' };
      const r = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${u.id}/resolve`, body);
      expect(r.statusCode, r.body).toBe(200);
    }
    const progress = await quality.get(`/api/v1/campaigns/${c.id}/progress`);
    expect(progress.data).toMatchObject({ total: 6, done: 6, byOutcome: { corrected: 4, returned: 1, not_found: 1 } });
    expect(progress.data.byRegion.length).toBeGreaterThan(1);
    const current = (await quality.get(`/api/v1/campaigns/${c.id}`)).data;
    expect(current.abilities.close).toBe(true);
    const wrong = await quality.post(`/api/v1/campaigns/${c.id}/close`, { version: current.version, password: 'not-my-password-1' }, EN);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.data.code).toBe('signature_password_invalid');
    expect((await manager.post(`/api/v1/campaigns/${c.id}/close`, { version: current.version, password: DEMO_PASSWORD })).statusCode).toBe(403);
    const r = await quality.post(`/api/v1/campaigns/${c.id}/close`, { version: current.version, password: DEMO_PASSWORD, note: '全部完成' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'closed', closedByName: expect.any(String), signatureHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const sig = await env.database.query<{ meaning: string; content_hash: string }>(
      `select meaning, content_hash from e_signatures where entity = 'campaign' and entity_id = '${c.id}'`,
    );
    expect(sig.rows).toEqual([{ meaning: 'campaign_closure', content_hash: r.data.signatureHash }]);
    const again = await quality.post(`/api/v1/campaigns/${c.id}/close`, { version: r.data.version, password: DEMO_PASSWORD });
    expect(again.statusCode).toBe(409);
  });

  it('the completion report (召回计划实施情况) as PDF and Excel; the unit’s traceability lists the campaign', async () => {
    const pdf = await quality.get(`/api/v1/campaigns/${c.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const xlsx = await quality.get(`/api/v1/campaigns/${c.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const trail = await campaignsForDevice(env.database.db, await deviceId(env, 'ST5020-22-0145'));
    expect(trail).toContainEqual(expect.objectContaining({ kind: 'campaign', number: c.number, status: 'not_found', link: `/campaigns/${c.id}` }));
    const list = await quality.get('/api/v1/campaigns?status=closed');
    expect(list.data.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await quality.get('/api/v1/campaigns/export')).statusCode).toBe(200);
  });
});

describe('a technical upgrade (R-UP-1): consent before execution, pricing in and out of warranty', () => {
  it('refuses the work order before consent; a refusal resolves the unit; fees follow warranty', async () => {
    const c = await draft('technical_upgrade', { title: '呼吸机软件升级 V1.9', costFee: '800.00' });
    const f = await quality.post(`/api/v1/campaigns/${c.id}/freeze`, { version: c.version, criteria: { modelId: await modelId('SV-600') } });
    expect(f.statusCode, f.body).toBe(200);
    const n = await quality.post(`/api/v1/campaigns/${c.id}/notify`, { version: f.data.version });
    expect(n.data.needsConsent).toBe(true);
    const list = (await quality.get(`/api/v1/campaigns/${c.id}/units?pageSize=50`)).data.items as {
      id: string;
      version: number;
      inWarranty: boolean;
      fee: string;
      consent: string;
    }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const u of list) {
      expect(u.consent).toBe('pending');
      expect(Number(u.fee)).toBe(u.inWarranty ? 0 : 800);
    }
    const [a, b] = list;
    const early = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${a.id}/work-order`, { version: a.version }, EN);
    expect(early.statusCode).toBe(422);
    expect(early.data.code).toBe('campaign_consent_required');
    const noNote = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${b.id}/consent`, { version: b.version, decision: 'refused' });
    expect(noNote.statusCode).toBe(422);
    const refused = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${b.id}/consent`, { version: b.version, decision: 'refused', note: '科室暂不升级' });
    expect(refused.data).toMatchObject({ consent: 'refused', outcome: 'consent_refused' });
    const given = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${a.id}/consent`, { version: a.version, decision: 'given', note: '设备科同意' });
    expect(given.data).toMatchObject({ consent: 'given', consentByName: expect.any(String) });
    const wo = await dispatcher.post(`/api/v1/campaigns/${c.id}/units/${a.id}/work-order`, { version: given.data.version });
    expect(wo.statusCode, wo.body).toBe(200);
    expect(wo.data.workOrderId).toEqual(expect.any(String));
  });
});

describe('demo data', () => {
  it('the demo install has a class II recall half done and an upgrade waiting for consent', async () => {
    await seedCampaignsDemo(env.database.db, 'Asia/Shanghai');
    const recall = (await quality.get(`/api/v1/campaigns?status=notifying&q=${encodeURIComponent('加热模块温控异常召回')}`)).data.items.find(
      (x: { type: string }) => x.type === 'recall_2',
    );
    expect(recall).toMatchObject({ status: 'notifying', units: 6, customers: 5 });
    expect(recall.unitsDone).toBeGreaterThan(0);
    expect(recall.unitsDone).toBeLessThan(recall.units);
    expect(recall.customersAcked).toBeGreaterThan(0);
    expect(recall.customersAcked).toBeLessThan(recall.customers);
    const upgrade = (await quality.get('/api/v1/campaigns?type=technical_upgrade&q=V1.9.2')).data.items[0];
    const units = await quality.get(`/api/v1/campaigns/${upgrade.id}/units?pageSize=50`);
    expect(units.data.items.every((u: { consent: string }) => u.consent === 'pending')).toBe(true);
  });
});
