// Maintenance visit story (issue 13 §1 recording, §2; R-PM-1, R-PM-2; seed 002 虚假巡检报告): a
// maintenance work order on the pathology stainer. Without its record, and then without each piece
// of evidence, it cannot be resolved (a translated 422 naming what is missing, the ability false
// with it). Readings need a calibrated instrument; out of range is flagged; a finding not fixed on
// the spot opens its repair request; photos count only inside the on-site window. Done, signed,
// the record is frozen; the hospital sees its own record only; the manager's exception list shows
// a short visit and a reused photo; the trend and the instrument's "affected" list read it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, count, deviceId, one, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let manager: Client;
let engineer: Client;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
const SERIAL = 'ST5020-21-0031';
const put = (c: Client, url: string, body: unknown, headers?: Record<string, string>) => c.raw({ method: 'PUT', url, payload: body as object, headers });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const instrument = async (code: string) => (await one<{ id: string }>(env, `select id from instruments where code = '${code}'`)).id;
let photoSeq = 0;
/** A visit photo as the attachments upload leaves it: owner part maintenance:photo, EXIF capture time. */
async function photo(workOrderId: string, takenAt: string | null, sha?: string) {
  photoSeq += 1;
  const sha256 = sha ?? photoSeq.toString(16).padStart(64, 'a');
  await env.database.db.execute(
    `insert into attachments (owner_kind, owner_id, owner_part, sha256, mime, size, file_name, taken_at)
     values ('work_order', '${workOrderId}', 'maintenance:photo', '${sha256}', 'image/jpeg', 1000, 'p${photoSeq}.jpg', ${takenAt ? `'${takenAt}'` : 'null'})` as never,
  );
  return sha256;
}

async function maintenanceOrderOnSite() {
  const created = await dispatcher.post('/api/v1/work-orders', {
    kind: 'maintenance',
    deviceId: await deviceId(env, SERIAL),
    description: '染色机月度保养',
    plannedDate: businessDate(),
  });
  expect(created.statusCode, created.body).toBe(201);
  let v = (
    await dispatcher.post(`/api/v1/work-orders/${created.data.id}/dispatch`, { version: created.data.version, leadEngineerId: await userId(env, 'engineer') })
  ).data.version;
  for (const to of ['accepted', 'on_site']) {
    const r = await engineer.post(`/api/v1/work-orders/${created.data.id}/transition`, { version: v, to });
    expect(r.statusCode, r.body).toBe(200);
    v = r.data.version;
  }
  return created.data.id as string;
}
const versionOf = async (id: string) => (await engineer.get(`/api/v1/work-orders/${id}`)).data.version as number;
const resolve = async (id: string, headers?: Record<string, string>) =>
  engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await versionOf(id), to: 'resolved' }, headers);

beforeAll(async () => {
  env = await createTestEnv();
  [manager, engineer, dispatcher, renhe, ruikang] = await Promise.all(['manager', 'engineer', 'dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

beforeAll(async () => {
  // Three instruments: calibrated last month; overdue (calibrated 13 months ago, 12-month interval); out of tolerance.
  const day = (n: number) => businessDate(n);
  const make = async (code: string, lastCalibratedOn: string) => {
    const r = await manager.post('/api/v1/instruments', {
      code,
      name: '温度计',
      kind: 'thermometer',
      holderKind: 'engineer',
      holderUserId: await userId(env, 'engineer'),
      calibrationIntervalMonths: 12,
      lastCalibratedOn,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.data;
  };
  await make('YQ-M01', day(-30));
  await make('YQ-M02', day(-400));
  const bad = await make('YQ-M03', day(-30));
  const failed = await manager.post(`/api/v1/instruments/${bad.id}/calibrations`, {
    version: bad.version,
    calibratedOn: day(0),
    result: 'fail',
    note: '示值超差',
  });
  expect(failed.statusCode, failed.body).toBe(201);
});

describe('R-PM-1 / R-PM-2 a maintenance visit is recorded with its evidence', () => {
  let id: string;
  let recordVersion: number;
  const url = () => `/api/v1/work-orders/${id}/maintenance-record`;

  it('a maintenance work order without a record cannot be resolved: 422 naming the record, in both languages; resolve is not offered', async () => {
    id = await maintenanceOrderOnSite();
    const wo = (await engineer.get(`/api/v1/work-orders/${id}`)).data;
    expect(wo.abilities.resolve).toBe(false);
    expect(wo.nextSteps).not.toContain('resolved');
    const zh = await resolve(id);
    expect(zh.statusCode, zh.body).toBe(422);
    expect(zh.data.code).toBe('maintenance_evidence_missing');
    expect(zh.data.fields.map((f: { code: string }) => f.code)).toEqual(['evidence_record']);
    expect(zh.data.fields[0].message).toBe('尚未打开保养记录');
    const en = await resolve(id, EN);
    expect(en.data.detail).toMatch(/lacks evidence/);
    expect(en.data.fields[0].message).toBe('no maintenance record opened');
    expect((await engineer.get(url())).data.missing).toEqual([{ code: 'evidence_record' }]);
  });

  it("opening the record copies the stainer's template; everything is then missing, each item named", async () => {
    const r = await engineer.post(url());
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.record).toMatchObject({ templateName: '染色机月度保养', minOnSiteMinutes: 45, photosRequired: 2 });
    expect(r.data.record.tasks).toHaveLength(4);
    expect(r.data.record.checks.map((c: { key: string }) => c.key)).toEqual(['oven_temp', 'room_temp', 'reagent_volume', 'reagent_leak']);
    recordVersion = r.data.record.version;
    // Opening again is a no-op.
    expect((await engineer.post(url())).data.record.id).toBe(r.data.record.id);
    const refused = await resolve(id, EN);
    expect(refused.statusCode).toBe(422);
    const codes = refused.data.fields.map((f: { code: string }) => f.code);
    expect(codes).toEqual([
      'evidence_arrival',
      'evidence_departure',
      ...Array(4).fill('evidence_task'),
      ...Array(4).fill('evidence_reading'),
      'evidence_photos',
    ]);
    expect(refused.data.fields.map((f: { message: string }) => f.message)).toContain('reading missing: 烘干温度');
    expect(refused.data.missing).toHaveLength(codes.length);
    const zh = await resolve(id);
    expect(zh.data.fields.map((f: { message: string }) => f.message)).toContain('在场时间内拍摄的照片不足：需 2 张，现 0 张');
  });

  it('a reading with an out-of-calibration or overdue instrument is refused (translated 422), nothing saved', async () => {
    await engineer.post(`${url()}/arrival`, { version: recordVersion, at: minutesAgo(100) });
    for (const code of ['YQ-M03', 'YQ-M02']) {
      const r = await engineer.post(`${url()}/readings`, { checkKey: 'oven_temp', value: '60', instrumentId: await instrument(code) }, EN);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.data.fields.map((f: { field: string }) => f.field)).toEqual(['instrumentId']);
      expect(r.data.detail).toContain(code);
    }
    expect(await count(env, `select count(*) n from maintenance_readings where work_order_id = '${id}'`)).toBe(0);
    // Without an instrument: the schema refuses it (400 naming the field).
    const none = await engineer.post(`${url()}/readings`, { checkKey: 'oven_temp', value: '60' });
    expect(none.statusCode).toBe(400);
    expect(none.data.fields.map((f: { field: string }) => f.field)).toContain('instrumentId');
  });

  it('readings with a calibrated instrument: out of range is flagged, a pass/fail check is not on a scale, an unknown check is refused', async () => {
    const yq1 = await instrument('YQ-M01');
    const take = (checkKey: string, value: string) => engineer.post(`${url()}/readings`, { checkKey, value, instrumentId: yq1 });
    expect((await take('oven_temp', '61.5')).statusCode).toBe(200);
    await take('room_temp', '22');
    await take('reagent_volume', '7.2');
    const r = await take('reagent_leak', '无渗漏');
    const byKey = Object.fromEntries(r.data.readings.map((x: { checkKey: string }) => [x.checkKey, x]));
    expect(byKey.oven_temp).toMatchObject({ status: 'in_range', outOfRange: false, instrumentCode: 'YQ-M01', unit: '°C', min: 58, max: 62 });
    expect(byKey.reagent_volume).toMatchObject({ status: 'high', outOfRange: true });
    expect(byKey.reagent_leak).toMatchObject({ status: 'not_applicable', outOfRange: false, numericValue: null });
    const bad = await take('helium', '1');
    expect(bad.statusCode).toBe(422);
    expect(bad.data.code).toBe('maintenance_unknown_check');
    // Taken again: replaced, still one reading per check.
    await take('oven_temp', '60.2');
    expect(await count(env, `select count(*) n from maintenance_readings where work_order_id = '${id}'`)).toBe(4);
  });

  it('tasks: not done needs a note; done and not-done-with-a-note both count as marked', async () => {
    recordVersion = (await engineer.get(url())).data.record.version;
    const noNote = await put(engineer, `${url()}/tasks/pump_check`, { version: recordVersion, done: false }, EN);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.data.fields[0]).toMatchObject({ field: 'note', code: 'note_required_not_done' });
    const stale = await put(engineer, `${url()}/tasks/clean_tanks`, { version: recordVersion - 1, done: true });
    expect(stale.statusCode).toBe(409);
    for (const key of ['clean_tanks', 'lube_arm', 'tighten_tubes']) {
      const r = await put(engineer, `${url()}/tasks/${key}`, { version: recordVersion, done: true });
      expect(r.statusCode, r.body).toBe(200);
      recordVersion = r.data.record.version;
    }
    const r = await put(engineer, `${url()}/tasks/pump_check`, { version: recordVersion, done: false, note: '泵管无磨损，本次不更换' });
    recordVersion = r.data.record.version;
    expect(r.data.record.tasks.find((t: { key: string }) => t.key === 'pump_check')).toMatchObject({ done: false, note: '泵管无磨损，本次不更换' });
  });

  it('a finding not fixed on the spot opens a linked repair request in the same transaction (R-PM-1); one fixed on the spot does not', async () => {
    const before = await count(env, 'select count(*) n from service_requests');
    const fixed = await engineer.post(`${url()}/findings`, { description: '废液管轻微老化，已更换', fixedOnSpot: true });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(await count(env, 'select count(*) n from service_requests')).toBe(before);
    const open = await engineer.post(`${url()}/findings`, { description: '试剂加注量偏高 7.2%，需更换计量泵', fixedOnSpot: false });
    expect(open.statusCode, open.body).toBe(200);
    const finding = open.data.findings.find((f: { fixedOnSpot: boolean }) => !f.fixedOnSpot);
    expect(finding.requestNumber).toMatch(/^BX/);
    const req = await one<{ device: string; fault: string }>(
      env,
      `select d.serial_number device, r.fault_description fault from service_requests r join devices d on d.id = r.device_id where r.id = '${finding.requestId}'`,
    );
    expect(req.device).toBe(SERIAL);
    expect(req.fault).toContain('需更换计量泵');
    expect(await count(env, 'select count(*) n from service_requests')).toBe(before + 1);
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_finding'`)).toBeGreaterThanOrEqual(2);
  });

  it('photos count only when captured inside the on-site window (EXIF, else upload time)', async () => {
    await photo(id, minutesAgo(300)); // taken hours before the arrival: not evidence of this visit
    await photo(id, minutesAgo(50));
    recordVersion = (await engineer.get(url())).data.record.version;
    const left = await engineer.post(`${url()}/departure`, { version: recordVersion });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.data.record.onSiteMinutes).toBeGreaterThanOrEqual(99);
    expect(left.data.photos.map((p: { inWindow: boolean }) => p.inWindow)).toEqual([false, true]);
    expect(left.data.missing).toEqual([{ code: 'evidence_photos', required: 2, inWindow: 1 }]);
    expect((await engineer.get(`/api/v1/work-orders/${id}`)).data.abilities.resolve).toBe(false);
    await photo(id, null); // no EXIF: its upload time (now) is after the departure
    expect((await resolve(id)).statusCode).toBe(422);
    await photo(id, minutesAgo(30));
    expect((await engineer.get(url())).data.missing).toEqual([]);
    expect((await engineer.get(`/api/v1/work-orders/${id}`)).data.abilities.resolve).toBe(true);
  });

  it('with its evidence the visit is resolved and signed; the signed record is frozen (409)', async () => {
    const resolved = await resolve(id);
    expect(resolved.statusCode, resolved.body).toBe(200);
    const signed = await engineer.post(`/api/v1/work-orders/${id}/sign`, {
      version: resolved.data.version,
      signerName: '王红',
      meaning: '确认保养已完成',
      signaturePng: PNG_DATA_URL,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    // The customer signed the visit record too: its readings are in the signed snapshot (kept by a later correction).
    const snap = await one<{ snapshot: { maintenance: { readings: { checkKey: string; value: string }[] } } }>(
      env,
      `select snapshot from work_order_signatures where work_order_id = '${id}'`,
    );
    expect(snap.snapshot.maintenance.readings.find((x) => x.checkKey === 'reagent_volume')?.value).toBe('7.2');
    const late = await engineer.post(`${url()}/findings`, { description: '补记', fixedOnSpot: true });
    expect(late.statusCode).toBe(409);
    expect(late.data.code).toBe('work_order_frozen');
  });

  it('the hospital reads its own visit record; another hospital gets 404 and may not write', async () => {
    expect((await renhe.get(url())).statusCode).toBe(200);
    expect((await ruikang.get(url())).statusCode).toBe(404);
    expect([403, 404]).toContain((await ruikang.post(url())).statusCode);
    expect((await ruikang.get(`/api/v1/devices/${await deviceId(env, SERIAL)}/maintenance-readings`)).statusCode).toBe(403);
  });

  it("the device's readings over time per check (trend) and the instrument's affected readings and devices", async () => {
    const dev = await deviceId(env, SERIAL);
    const trend = await engineer.get(`/api/v1/devices/${dev}/maintenance-readings?checkKey=reagent_volume`);
    expect(trend.statusCode, trend.body).toBe(200);
    expect(trend.data.items.at(-1)).toMatchObject({ value: '7.2', outOfRange: true, min: -5, max: 5 });
    const aff = await engineer.get(`/api/v1/instruments/${await instrument('YQ-M01')}/maintenance-readings`);
    expect(aff.statusCode).toBe(200);
    expect(aff.data.devices.map((d: { serialNumber: string }) => d.serialNumber)).toContain(SERIAL);
  });

  it('the manager sees a short visit and a photo reused across visits in 巡检证据异常; an engineer may not', async () => {
    const other = await maintenanceOrderOnSite();
    const rec = (await engineer.post(`/api/v1/work-orders/${other}/maintenance-record`)).data.record;
    const arrived = (await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/arrival`, { version: rec.version, at: minutesAgo(10) })).data.record;
    await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/departure`, { version: arrived.version });
    const reused = (await one<{ sha256: string }>(env, `select sha256 from attachments where owner_id = '${id}' order by uploaded_at desc limit 1`)).sha256;
    await photo(other, minutesAgo(5), reused);
    const r = await manager.get('/api/v1/maintenance-evidence-exceptions');
    expect(r.statusCode, r.body).toBe(200);
    const mine = r.data.items.filter((e: { workOrderId: string }) => e.workOrderId === other).map((e: { kind: string }) => e.kind);
    expect(mine).toEqual(expect.arrayContaining(['short_visit', 'photo_reused']));
    const short = r.data.items.find((e: { workOrderId: string; kind: string }) => e.workOrderId === other && e.kind === 'short_visit');
    expect(short.params).toMatchObject({ minimum: 45 });
    expect(short.serialNumber).toBe(SERIAL);
    expect(
      (await manager.get('/api/v1/maintenance-evidence-exceptions?kind=photo_reused')).data.items.every((e: { kind: string }) => e.kind === 'photo_reused'),
    ).toBe(true);
    expect((await engineer.get('/api/v1/maintenance-evidence-exceptions')).statusCode).toBe(403);
  });

  it('bad input: a departure before the arrival, a time in the future, a record on a repair work order', async () => {
    const other = await maintenanceOrderOnSite();
    const rec = (await engineer.post(`/api/v1/work-orders/${other}/maintenance-record`)).data.record;
    const future = await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/arrival`, {
      version: rec.version,
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(422);
    const noArrival = await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/departure`, { version: rec.version });
    expect(noArrival.statusCode).toBe(409);
    const a = (await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/arrival`, { version: rec.version, at: minutesAgo(10) })).data.record;
    const before = await engineer.post(`/api/v1/work-orders/${other}/maintenance-record/departure`, { version: a.version, at: minutesAgo(20) }, EN);
    expect(before.statusCode).toBe(422);
    expect(before.data.fields[0].message).toBe('Departure cannot be before arrival');
    const repair = await one<{ id: string }>(env, `select id from work_orders where kind = 'repair' and status not in ('closed','cancelled') limit 1`);
    const notMaint = await manager.get(`/api/v1/work-orders/${repair.id}/maintenance-record`);
    expect(notMaint.statusCode).toBe(422);
    expect(notMaint.data.code).toBe('maintenance_not_maintenance');
  });
});
