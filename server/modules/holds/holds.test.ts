// Safety-hold stories (停用, issue 14 §1, R-REG-1; signatures that re-authenticate, issue 14 §6):
// an engineer puts a hospital's unit on hold and it reads 停用 at once — on the device page and
// list, in the hospital's portal, in the export — and the hospital and the service manager are
// told; a second hold is a 409; a resolved repair does not return a held unit to service; quality
// releases only on a reviewed work order with test results, with the password again, and the
// release records who, when, on what evidence and the hash of what was signed; a unit that cannot
// be made safe is retired; hospital users see only their own and can neither place nor release.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { seedHoldsDemo } from '../../seed/holds.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { notified, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let engineer: Client;
let dispatcher: Client;
let quality: Client;
let manager: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
let units: string[];

beforeAll(async () => {
  env = await createTestEnv();
  [engineer, dispatcher, quality, manager, renhe, ruikang] = await Promise.all(
    ['engineer', 'dispatcher', 'quality', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)),
  );
  const rows = await env.database.query<{ id: string }>(
    `select d.id from devices d where d.customer_id = (select customer_id from users where username = 'renhe') and d.status = 'in_service'
       and not exists (select 1 from service_requests r where r.device_id = d.id and r.status in ('open', 'dispatched', 'in_progress'))
     order by d.serial_number limit 3`,
  );
  units = rows.rows.map((r) => r.id);
});
afterAll(() => env?.close());

const status = async (id: string) => (await env.database.query<{ status: string }>(`select status from devices where id = '${id}'`)).rows[0].status;
const v = async (woId: string) => (await dispatcher.get(`/api/v1/work-orders/${woId}`)).data.version as number;

/** A repair on the unit carried to resolved by the engineer, with the given test results. */
async function resolvedRepair(deviceId: string, testResults: string | null) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId,
    faultDescription: '漏电报警',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  for (const to of ['accepted', 'on_site']) await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
  const patched = await engineer.patch(`/api/v1/work-orders/${id}`, {
    version: await v(id),
    phenomenon: '机壳漏电',
    cause: '电源线绝缘破损',
    actions: '更换电源线',
    testResults,
    labourMinutes: 60,
  });
  if (patched.statusCode !== 200) throw new Error(patched.body);
  const res = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to: 'resolved' });
  if (res.statusCode !== 200) throw new Error(res.body);
  return id;
}
async function signAndReview(id: string) {
  const s = await renhe.post(`/api/v1/work-orders/${id}/sign`, { version: await v(id), signerName: '王红', signaturePng: PNG_DATA_URL });
  if (s.statusCode !== 200) throw new Error(s.body);
  const r = await dispatcher.post(`/api/v1/work-orders/${id}/review`, { version: await v(id), verdict: 'approved', password: DEMO_PASSWORD });
  if (r.statusCode !== 200) throw new Error(r.body);
}

describe('from hold to verified release (R-REG-1)', () => {
  let hold: { id: string; version: number };
  let unit: string;

  it('an engineer puts a unit on hold: it reads 停用 at once on the device page, list and export, and in the portal', async () => {
    unit = units[0];
    const r = await engineer.post('/api/v1/device-holds', { deviceId: unit, reason: '机壳漏电，漏电流超标' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ open: true, reason: '机壳漏电，漏电流超标', placedByName: expect.any(String), outcome: null });
    hold = r.data;
    expect(await status(unit)).toBe('safety_hold');
    const page = await dispatcher.get(`/api/v1/devices/${unit}`);
    expect(page.data.device).toMatchObject({ status: 'safety_hold', hold: { id: hold.id, reason: '机壳漏电，漏电流超标', since: r.data.placedAt } });
    const list = await dispatcher.get('/api/v1/devices?status=safety_hold&pageSize=200');
    expect(list.data.items.find((d: { id: string }) => d.id === unit).hold.reason).toBe('机壳漏电，漏电流超标');
    const portal = await renhe.get(`/api/v1/devices/${unit}`);
    expect(portal.data.device.hold.reason).toBe('机壳漏电，漏电流超标');
    const held = await renhe.get('/api/v1/device-holds?state=open');
    expect(held.data.items.map((h: { id: string }) => h.id)).toContain(hold.id);
    // The device export carries the hold's reason beside the status.
    const x = await dispatcher.get('/api/v1/devices/export?status=safety_hold');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).indexOf('停用原因');
    expect(header).toBeGreaterThan(0);
    const cells: string[] = [];
    ws.eachRow((row) => cells.push(String(row.getCell(header).value ?? '')));
    expect(cells.some((c) => c.includes('机壳漏电'))).toBe(true);
    // Audited: the hold created, the device's status changed, in one transaction.
    const audit = await env.database.query<{ entity: string }>(
      `select entity from audit_log where (entity = 'device_hold' and entity_id = '${hold.id}') or (entity = 'device' and entity_id = '${unit}' and after->>'status' = 'safety_hold')`,
    );
    expect(audit.rows.map((a) => a.entity).sort()).toEqual(['device', 'device_hold']);
  });

  it("the hospital's users and the service manager are told", async () => {
    const to = await notified(env, 'device_hold_placed', unit);
    expect(to).toContain('renhe');
    expect(to).toContain('manager');
    expect(to).not.toContain('ruikang');
  });

  it('a second hold on the same unit is a 409; bad input is a translated 400/422', async () => {
    const again = await engineer.post('/api/v1/device-holds', { deviceId: unit, reason: '再次停用' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data).toMatchObject({ code: 'hold_already_open', detail: expect.stringContaining('already on safety hold') });
    const noReason = await engineer.post('/api/v1/device-holds', { deviceId: units[1], reason: '  ' }, EN);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.fields.map((f: { field: string }) => f.field)).toContain('reason');
    const unknown = await engineer.post('/api/v1/device-holds', { deviceId: '00000000-0000-4000-8000-000000000000', reason: '漏电' }, EN);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'not_found' });
  });

  it('a resolved repair does not return a held unit to service; its work order, a new request and the dispatch board carry the hold', async () => {
    const wo = await resolvedRepair(unit, '漏电流 0.05 mA，合格');
    expect(await status(unit)).toBe('safety_hold');
    expect((await dispatcher.get(`/api/v1/work-orders/${wo}`)).data.deviceHold).toMatchObject({ id: hold.id, reason: '机壳漏电，漏电流超标' });
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: unit,
      faultDescription: '复查',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    // Intake: a request raised on the held unit carries the warning.
    expect(r.data.flags.safetyHold).toBe(true);
    const customerId = (await dispatcher.get(`/api/v1/devices/${unit}`)).data.device.customerId;
    const board = await dispatcher.get(`/api/v1/dispatch/board?customerId=${customerId}&limit=100`);
    const card = board.data.unassigned.find((c: { workOrderId: string }) => c.workOrderId === r.data.workOrderId);
    expect(card.deviceHold.reason).toBe('机壳漏电，漏电流超标');
  });

  it('an edit cannot change the status of a held unit (only release or retire can), naming the field', async () => {
    const d = (await dispatcher.get(`/api/v1/devices/${unit}`)).data.device;
    const r = await dispatcher.patch(`/api/v1/devices/${unit}`, { version: d.version, status: 'in_service' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.fields[0]).toMatchObject({ field: 'status', code: 'status_set_by_hold' });
    expect(await status(unit)).toBe('safety_hold');
  });

  it('release is refused without a reviewed verification work order, naming why (422, translated)', async () => {
    const noTests = await resolvedRepair(unit, null).catch(() => null);
    const unreviewed = await resolvedRepair(unit, '接地电阻 0.08 Ω，漏电流 0.05 mA，均合格');
    const body = (workOrderId: string, password = DEMO_PASSWORD) => ({ version: hold.version, workOrderId, password });
    const r1 = await quality.post(`/api/v1/device-holds/${hold.id}/release`, body(unreviewed), EN);
    expect(r1.statusCode).toBe(422);
    expect(r1.data).toMatchObject({ code: 'hold_wo_not_reviewed', detail: expect.stringContaining('not been reviewed') });
    const zh = await quality.post(`/api/v1/device-holds/${hold.id}/release`, body(unreviewed));
    expect(zh.data.detail).toContain('尚未审核');
    if (noTests) {
      const r2 = await quality.post(`/api/v1/device-holds/${hold.id}/release`, body(noTests), EN);
      expect(r2.statusCode).toBe(422);
      expect(['hold_wo_no_tests', 'hold_wo_not_reviewed']).toContain(r2.data.code);
    }
    // A reviewed work order of another unit proves nothing about this one.
    const other = await resolvedRepair(units[1], '合格');
    await signAndReview(other);
    const r3 = await quality.post(`/api/v1/device-holds/${hold.id}/release`, body(other), EN);
    expect(r3.data.code).toBe('hold_wo_other_device');
    expect(await status(unit)).toBe('safety_hold');
    (hold as { wo?: string }).wo = unreviewed;
  });

  it('release is refused with the wrong password (R-AU-1) and for anyone but quality', async () => {
    const wo = (hold as { wo?: string }).wo as string;
    await signAndReview(wo);
    const wrong = await quality.post(`/api/v1/device-holds/${hold.id}/release`, { version: hold.version, workOrderId: wo, password: 'not-my-password-1' }, EN);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.data).toMatchObject({ code: 'signature_password_invalid', fields: [{ field: 'password' }] });
    for (const who of [engineer, manager, renhe]) {
      const r = await who.post(`/api/v1/device-holds/${hold.id}/release`, { version: hold.version, workOrderId: wo, password: DEMO_PASSWORD });
      expect(r.statusCode).toBe(403);
    }
    expect(await status(unit)).toBe('safety_hold');
  });

  it('quality releases on the reviewed verification: who, when, the evidence and the signed hash are recorded; the unit is back in service', async () => {
    const wo = (hold as { wo?: string }).wo as string;
    const detail = await quality.get(`/api/v1/device-holds/${hold.id}`);
    expect(detail.data.abilities).toEqual({ release: true, retire: true });
    expect(detail.data.verifications.find((w: { id: string }) => w.id === wo)).toMatchObject({ refusal: null });
    const r = await quality.post(`/api/v1/device-holds/${hold.id}/release`, {
      version: hold.version,
      workOrderId: wo,
      password: DEMO_PASSWORD,
      note: '复测合格',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({
      open: false,
      outcome: 'released',
      closedByName: expect.any(String),
      closedAt: expect.any(String),
      releaseWorkOrderId: wo,
      releaseEvidence: '接地电阻 0.08 Ω，漏电流 0.05 mA，均合格',
      signatureMeaning: expect.stringContaining('解除停用'),
      signatureHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      abilities: { release: false, retire: false },
    });
    expect(await status(unit)).toBe('in_service');
    // R-AU-1: the signature is its own insert-only record, bound to the same hash, and cannot be edited.
    const sig = await env.database.query<{ signer_name: string; meaning: string; content_hash: string }>(
      `select signer_name, meaning, content_hash from e_signatures where entity = 'device_hold' and entity_id = '${hold.id}'`,
    );
    expect(sig.rows).toEqual([{ signer_name: r.data.closedByName, meaning: 'hold_release', content_hash: r.data.signatureHash }]);
    await expect(env.database.query(`update e_signatures set signer_name = 'x' where entity_id = '${hold.id}'`)).rejects.toThrow();
    expect((await dispatcher.get(`/api/v1/devices/${unit}`)).data.device.hold).toBeNull();
    const again = await quality.post(`/api/v1/device-holds/${hold.id}/release`, { version: r.data.version, workOrderId: wo, password: DEMO_PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(await notified(env, 'device_hold_closed', unit)).toContain('renhe');
  });
});

describe('retiring a unit that cannot be made safe (不得继续使用)', () => {
  it('quality retires the held unit with a reason: status retired, hold closed; a retired unit cannot be held again', async () => {
    const unit = units[2];
    const placed = await dispatcher.post('/api/v1/device-holds', { deviceId: unit, reason: '主板烧毁，无法修复' });
    expect(placed.statusCode, placed.body).toBe(201);
    const noReason = await quality.post(`/api/v1/device-holds/${placed.data.id}/retire`, { version: placed.data.version }, EN);
    expect(noReason.statusCode).toBe(400);
    const r = await quality.post(`/api/v1/device-holds/${placed.data.id}/retire`, { version: placed.data.version, reason: '厂家确认无法修复，报废' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ outcome: 'retired', closingNote: '厂家确认无法修复，报废', open: false });
    expect(await status(unit)).toBe('retired');
    const again = await dispatcher.post('/api/v1/device-holds', { deviceId: unit, reason: '再次' }, EN);
    expect(again.statusCode).toBe(422);
    expect(again.data.code).toBe('hold_device_retired');
  });
});

describe('hospital isolation', () => {
  it("another hospital's user gets 404 on the hold and sees none of it; hospital users cannot place holds", async () => {
    const [{ id }] = (await env.database.query<{ id: string }>(`select id from device_holds limit 1`)).rows;
    expect((await ruikang.get(`/api/v1/device-holds/${id}`)).statusCode).toBe(404);
    expect((await ruikang.get('/api/v1/device-holds')).data.items).toEqual([]);
    expect((await renhe.get(`/api/v1/device-holds/${id}`)).statusCode).toBe(200);
    const place = await renhe.post('/api/v1/device-holds', { deviceId: units[1], reason: '漏电' });
    expect(place.statusCode).toBe(403);
    const retire = await renhe.post(`/api/v1/device-holds/${id}/retire`, { version: 1, reason: 'x' });
    expect(retire.statusCode).toBe(403);
  });

  it('the holds export is the filtered register in the reader’s language', async () => {
    const x = await quality.get('/api/v1/device-holds/export', EN);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getRow(1).values as string[];
    expect(values).toContain('Hazard');
    expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(3);
  });
});

describe('demo data', () => {
  it('the demo install has the linear accelerator with the MLC alarm on hold, shown in the register', async () => {
    await seedHoldsDemo(env.database.db);
    const r = await quality.get('/api/v1/device-holds?state=open&q=VB-H192201');
    expect(r.data.items).toHaveLength(1);
    expect(r.data.items[0]).toMatchObject({ serialNumber: 'VB-H192201', open: true, reason: expect.stringContaining('MLC') });
  });
});
