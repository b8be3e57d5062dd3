// Instrument stories (issue 13 §5; seed 001 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查;
// ISO 13485 §7.6): register an instrument, calibrate it and watch the due date move; a failed
// calibration takes it out of tolerance and the usability check refuses it, as it refuses an
// overdue or retired one; engineers hand over only their own; the daily reminder is sent once
// per cycle even when two workers run it; hospital users see nothing; a stale edit is a 409.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { notified, userId } from '../../test/service.ts';
import { addMonths, assertInstrumentUsable, sendCalibrationReminders } from './index.ts';
import { addDays, dayIn } from './instruments.rules.ts';

let env: TestEnv;
let manager: Client;
let parts: Client;
let engineer: Client;
let engineer2: Client;
let dispatcher: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';
const today = dayIn(new Date(), TZ);

beforeAll(async () => {
  env = await createTestEnv();
  [manager, parts, engineer, engineer2, dispatcher, renhe] = await Promise.all(
    ['manager', 'parts', 'engineer', 'engineer2', 'dispatcher', 'renhe'].map((u) => env.as(u)),
  );
});
afterAll(() => env?.close());

const body = async (over: Record<string, unknown> = {}) => ({
  code: `YQ-T${Math.floor(Math.random() * 1e6)}`,
  name: '电气安全分析仪',
  kind: 'electrical_safety_analyser',
  maker: 'Fluke',
  model: 'ESA615',
  serialNumber: 'SN-1',
  holderKind: 'engineer',
  holderUserId: await userId(env, 'engineer'),
  calibrationIntervalMonths: 12,
  lastCalibratedOn: addDays(today, -30),
  ...over,
});

describe('the register and calibrations (issue 13 §5, ISO 13485 §7.6)', () => {
  let inst: { id: string; version: number; code: string; nextDueOn: string };

  it('the parts administrator registers an instrument: next due is the last calibration plus the interval', async () => {
    const r = await parts.post('/api/v1/instruments', await body({ code: 'YQ-T0001' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({
      status: 'in_use',
      nextDueOn: addMonths(addDays(today, -30), 12),
      dueState: 'valid',
      usable: true,
      holderUserName: expect.any(String),
    });
    inst = r.data;
    const audit = await env.database.query<{ n: number }>(`select count(*)::int as n from audit_log where entity = 'instrument' and entity_id = '${inst.id}'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('a duplicate code (any case) is refused naming the code; bad input names its fields and saves nothing', async () => {
    const dup = await manager.post('/api/v1/instruments', await body({ code: 'yq-t0001' }), EN);
    expect([409, 422]).toContain(dup.statusCode);
    expect(dup.data.fields?.[0]?.field ?? dup.data.detail).toMatch(/code/);
    const bad = await manager.post('/api/v1/instruments', await body({ holderUserId: null, calibrationIntervalMonths: 0 }), EN);
    // Shape errors are the project's 400 validation_failed, naming each field.
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields.map((f: { field: string }) => f.field)).toContain('calibrationIntervalMonths');
    const future = await manager.post('/api/v1/instruments', await body({ lastCalibratedOn: addDays(today, 3) }), EN);
    expect(future.statusCode).toBe(422);
    expect(future.data.fields[0]).toMatchObject({ field: 'lastCalibratedOn' });
    const noHolder = await manager.post('/api/v1/instruments', await body({ holderUserId: null }), EN);
    expect(noHolder.statusCode).toBe(422);
    expect(noHolder.data.fields[0]).toMatchObject({ field: 'holderUserId' });
    const n = await env.database.query<{ n: number }>(`select count(*)::int as n from instruments where code ilike 'yq-t0001'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('a passing calibration moves the next due date on from it and keeps the history', async () => {
    const r = await manager.post(`/api/v1/instruments/${inst.id}/calibrations`, {
      version: inst.version,
      calibratedOn: today,
      result: 'pass',
      certificateNumber: 'JL-2026-0001',
      lab: '北京市计量检测科学研究院',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ lastCalibratedOn: today, nextDueOn: addMonths(today, 12), status: 'in_use', usable: true });
    expect(r.data.calibrations).toHaveLength(1);
    expect(r.data.calibrations[0]).toMatchObject({ result: 'pass', certificateNumber: 'JL-2026-0001' });
    inst = r.data;
  });

  it('a calibration in the future, or valid until before it was done, is a 422 naming the field', async () => {
    const f = await manager.post(`/api/v1/instruments/${inst.id}/calibrations`, { version: inst.version, calibratedOn: addDays(today, 1), result: 'pass' }, EN);
    expect(f.statusCode).toBe(422);
    expect(f.data.fields[0]).toMatchObject({ field: 'calibratedOn' });
    const v = await manager.post(
      `/api/v1/instruments/${inst.id}/calibrations`,
      { version: inst.version, calibratedOn: today, result: 'pass', validUntil: today },
      EN,
    );
    expect(v.statusCode).toBe(422);
    expect(v.data.fields[0]).toMatchObject({ field: 'validUntil' });
  });

  it('a failed calibration takes it out of tolerance and assertInstrumentUsable refuses it (translated 422)', async () => {
    const r = await manager.post(`/api/v1/instruments/${inst.id}/calibrations`, {
      version: inst.version,
      calibratedOn: today,
      result: 'fail',
      note: '示值超差',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ status: 'out_of_tolerance', usable: false });
    inst = r.data;
    const err = await assertInstrumentUsable(env.database.db, inst.id, new Date()).catch((e) => e);
    expect(err).toMatchObject({ status: 422, code: 'instrument_out_of_calibration' });
    // Sent to the lab and brought back by hand does not lift it; only a calibration that passes does.
    const out = await manager.patch(`/api/v1/instruments/${inst.id}`, { version: inst.version, status: 'out_for_calibration' });
    expect(out.data.status).toBe('out_for_calibration');
    const byHand = await manager.patch(`/api/v1/instruments/${inst.id}`, { version: out.data.version, status: 'in_use' }, EN);
    expect(byHand.statusCode).toBe(422);
    expect(byHand.data.fields[0]).toMatchObject({ field: 'status' });
    inst = out.data;
    const back = await manager.post(`/api/v1/instruments/${inst.id}/calibrations`, { version: inst.version, calibratedOn: today, result: 'adjusted' });
    expect(back.data).toMatchObject({ status: 'in_use', usable: true });
    inst = back.data;
    await expect(assertInstrumentUsable(env.database.db, inst.id, new Date())).resolves.toMatchObject({ code: inst.code });
  });

  it('an overdue instrument is refused on the day it fell due, though usable the day before', async () => {
    await expect(assertInstrumentUsable(env.database.db, inst.id, addDays(inst.nextDueOn, -1))).resolves.toBeTruthy();
    const err = await assertInstrumentUsable(env.database.db, inst.id, inst.nextDueOn).catch((e) => e);
    expect(err).toMatchObject({ status: 422, code: 'instrument_out_of_calibration' });
    const unknown = await assertInstrumentUsable(env.database.db, '00000000-0000-0000-0000-000000000001', today).catch((e) => e);
    expect(unknown).toMatchObject({ status: 422 });
  });

  it('an edit with a stale version is a 409; the current one succeeds', async () => {
    const stale = await manager.patch(`/api/v1/instruments/${inst.id}`, { version: inst.version - 1, notes: '旧' });
    expect(stale.statusCode).toBe(409);
    const ok = await manager.patch(`/api/v1/instruments/${inst.id}`, { version: inst.version, notes: '随车携带', status: 'out_for_calibration' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data).toMatchObject({ notes: '随车携带', status: 'out_for_calibration', usable: false });
    const back = await manager.patch(`/api/v1/instruments/${inst.id}`, { version: ok.data.version, status: 'in_use' });
    expect(back.statusCode, back.body).toBe(200);
    inst = back.data;
  });

  it('engineers hand over only their own; the hand-over is kept as history and audited', async () => {
    const other = await engineer2.post(`/api/v1/instruments/${inst.id}/handover`, { version: inst.version, holderKind: 'store' }, EN);
    expect(other.statusCode).toBe(403);
    expect(other.data.code).toBe('instrument_not_holder');
    const r = await engineer.post(`/api/v1/instruments/${inst.id}/handover`, {
      version: inst.version,
      holderKind: 'engineer',
      holderUserId: await userId(env, 'engineer2'),
      note: '出差交接',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ holderKind: 'engineer', holderUserId: await userId(env, 'engineer2'), status: 'in_use' });
    expect(r.data.handovers[0]).toMatchObject({ fromKind: 'engineer', toKind: 'engineer', note: '出差交接' });
    const same = await engineer2.post(
      `/api/v1/instruments/${inst.id}/handover`,
      { version: r.data.version, holderKind: 'engineer', holderUserId: await userId(env, 'engineer2') },
      EN,
    );
    expect(same.statusCode).toBe(422);
    const store = await engineer2.post(`/api/v1/instruments/${inst.id}/handover`, { version: r.data.version, holderKind: 'store' });
    expect(store.data).toMatchObject({ holderKind: 'store', status: 'in_store', holderUserId: null });
    expect(store.data.handovers).toHaveLength(2);
    const audit = await env.database.query<{ n: number }>(`select count(*)::int as n from audit_log where entity = 'instrument_handover'`);
    expect(audit.rows[0].n).toBe(2);
    inst = store.data;
  });

  it('retiring needs a reason; a retired instrument is refused for readings and hidden from the default list', async () => {
    const none = await manager.post(`/api/v1/instruments/${inst.id}/retire`, { version: inst.version, reason: '' }, EN);
    expect(none.statusCode).toBe(400);
    expect(none.data.fields[0]).toMatchObject({ field: 'reason' });
    const r = await manager.post(`/api/v1/instruments/${inst.id}/retire`, { version: inst.version, reason: '跌落损坏，无法修复' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'retired', retiredReason: '跌落损坏，无法修复', usable: false });
    const err = await assertInstrumentUsable(env.database.db, inst.id, new Date()).catch((e) => e);
    expect(err).toMatchObject({ status: 422, code: 'instrument_retired' });
    const list = await dispatcher.get(`/api/v1/instruments?q=YQ-T0001`);
    expect(list.data.total).toBe(0);
    const retired = await dispatcher.get(`/api/v1/instruments?q=YQ-T0001&status=retired`);
    expect(retired.data.total).toBe(1);
    const cal = await manager.post(`/api/v1/instruments/${inst.id}/calibrations`, { version: r.data.version, calibratedOn: today, result: 'pass' }, EN);
    expect(cal.statusCode).toBe(422);
  });
});

describe('list, filters, export and access', () => {
  it('filters by due state, sorted by next due; the summary counts overdue and due soon; the export is a workbook', async () => {
    const overdue = await manager.post(
      '/api/v1/instruments',
      await body({ code: 'YQ-L0001', kind: 'multimeter', lastCalibratedOn: addMonths(addDays(today, -3), -12) }),
    );
    const soon = await manager.post(
      '/api/v1/instruments',
      await body({ code: 'YQ-L0002', kind: 'thermometer', holderKind: 'store', holderUserId: null, lastCalibratedOn: addMonths(addDays(today, 10), -12) }),
    );
    expect(overdue.data.dueState).toBe('overdue');
    expect(soon.data.dueState).toBe('due_soon');
    const o = await engineer.get('/api/v1/instruments?due=overdue&q=YQ-L');
    expect(o.data.items.map((i: { code: string }) => i.code)).toEqual(['YQ-L0001']);
    const all = await engineer.get('/api/v1/instruments?q=YQ-L');
    expect(all.data.items.map((i: { code: string }) => i.code)).toEqual(['YQ-L0001', 'YQ-L0002']);
    const k = await engineer.get('/api/v1/instruments?kind=thermometer&holderKind=store&q=YQ-L');
    expect(k.data.total).toBe(1);
    const s = await engineer.get('/api/v1/instruments/summary');
    expect(s.data.overdue).toBeGreaterThanOrEqual(1);
    expect(s.data.dueSoon).toBeGreaterThanOrEqual(1);
    const x = await dispatcher.raw({ method: 'GET', url: '/api/v1/instruments/export?q=YQ-L' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe('YQ-L0001');
  });

  it('hospital users get 403 everywhere; engineers may not register; certificates attach to the instrument', async () => {
    expect((await renhe.get('/api/v1/instruments')).statusCode).toBe(403);
    expect((await renhe.post('/api/v1/instruments', await body())).statusCode).toBe(403);
    expect((await engineer.post('/api/v1/instruments', await body())).statusCode).toBe(403);
    const one = (await manager.get('/api/v1/instruments?q=YQ-L0001')).data.items[0];
    expect((await renhe.get(`/api/v1/instruments/${one.id}`)).statusCode).toBe(403);
    expect((await engineer.get(`/api/v1/attachments?ownerKind=instrument&ownerId=${one.id}`)).statusCode).toBe(200);
    expect((await renhe.get(`/api/v1/attachments?ownerKind=instrument&ownerId=${one.id}`)).statusCode).toBe(404);
  });
});

describe('instruments in a van (a van is a warehouse)', () => {
  it('the van’s engineer may hand it over and is the one reminded; the holder picker lists people and vans', async () => {
    const van = (
      await env.database.query<{ id: string }>(
        `select w.id from warehouses w join users u on u.id = w.owner_id where u.username = 'engineer2' and w.kind = 'van'`,
      )
    ).rows[0];
    const r = await parts.post(
      '/api/v1/instruments',
      await body({
        code: 'YQ-V0001',
        kind: 'pressure_gauge',
        holderKind: 'warehouse',
        holderUserId: null,
        holderWarehouseId: van.id,
        lastCalibratedOn: addMonths(addDays(today, 5), -12),
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ holderKind: 'warehouse', status: 'in_store', holderWarehouseName: expect.any(String) });
    await sendCalibrationReminders(env.database.db, TZ, new Date());
    expect(await notified(env, 'instrument_due_soon', r.data.id)).toContain('engineer2');
    expect(await notified(env, 'instrument_due_soon', r.data.id)).not.toContain('engineer');
    const mine = await engineer2.post(`/api/v1/instruments/${r.data.id}/handover`, {
      version: r.data.version,
      holderKind: 'engineer',
      holderUserId: await userId(env, 'engineer2'),
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.data).toMatchObject({ holderKind: 'engineer', status: 'in_use', holderWarehouseId: null });
    const holders = await engineer.get('/api/v1/instruments/holders');
    expect(holders.data.people.length).toBeGreaterThan(0);
    expect(holders.data.warehouses.map((w: { id: string }) => w.id)).toContain(van.id);
  });
});

describe('daily calibration reminders (issue 13 §5)', () => {
  it('due soon, then overdue: the holder and the service managers are told once per cycle, even with two workers', async () => {
    const r = await manager.post('/api/v1/instruments', await body({ code: 'YQ-R0001', lastCalibratedOn: addMonths(addDays(today, 10), -12) }));
    const id = r.data.id;
    const now = new Date();
    await Promise.all([sendCalibrationReminders(env.database.db, TZ, now), sendCalibrationReminders(env.database.db, TZ, now)]);
    await sendCalibrationReminders(env.database.db, TZ, now);
    const soon = await notified(env, 'instrument_due_soon', id);
    expect(soon).toContain('engineer');
    expect(soon).toContain('manager');
    expect(soon.filter((u) => u === 'engineer')).toHaveLength(1);
    expect(await notified(env, 'instrument_overdue', id)).toEqual([]);
    // Fifteen days on it is overdue: told once more, and only once.
    const later = new Date(now.getTime() + 15 * 86_400_000);
    await Promise.all([sendCalibrationReminders(env.database.db, TZ, later), sendCalibrationReminders(env.database.db, TZ, later)]);
    await sendCalibrationReminders(env.database.db, TZ, new Date(later.getTime() + 86_400_000));
    const over = await notified(env, 'instrument_overdue', id);
    expect(over.filter((u) => u === 'engineer')).toHaveLength(1);
    expect(over).toContain('manager');
    expect((await notified(env, 'instrument_due_soon', id)).filter((u) => u === 'engineer')).toHaveLength(1);
    // The notice reads in the reader's language.
    const n = await engineer.get('/api/v1/notifications', EN);
    expect(JSON.stringify(n.data)).toMatch(/YQ-R0001/);
  });
});
