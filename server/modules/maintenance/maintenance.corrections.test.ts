// Corrections of a signed maintenance record (issue 13 §2; R-PM-2 "corrections after sign-off are
// new versions, like service reports", R-WO-5): a visit recorded with its evidence and signed is
// read-only (409 on a plain edit); a correction with a reason makes v2, v1 stays readable exactly
// as signed, the versions table is insert-only, and the monthly inspection report shows v2 marked
// 已更正 (v2). Bad input (no reason, an unknown check, nothing changed, a stale version, a
// correction before sign-off, a hospital user, another engineer) is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, count, deviceId, one, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let manager: Client;
let engineer: Client;
let technician: Client;
let dispatcher: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const SERIAL = 'ST5020-21-0031';
const put = (c: Client, url: string, body: unknown, headers?: Record<string, string>) => c.raw({ method: 'PUT', url, payload: body as object, headers });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
let photoSeq = 0;
async function photo(workOrderId: string, takenAt: string) {
  photoSeq += 1;
  await env.database.db.execute(
    `insert into attachments (owner_kind, owner_id, owner_part, sha256, mime, size, file_name, taken_at)
     values ('work_order', '${workOrderId}', 'maintenance:photo', '${photoSeq.toString(16).padStart(64, 'c')}', 'image/jpeg', 1000, 'c${photoSeq}.jpg', '${takenAt}')` as never,
  );
}

/** A maintenance work order of the stainer taken on site by the engineer, its record opened and filled with every piece of evidence. */
async function recordedVisit() {
  const created = await dispatcher.post('/api/v1/work-orders', {
    kind: 'maintenance',
    deviceId: await deviceId(env, SERIAL),
    description: '染色机月度保养',
    plannedDate: businessDate(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.data.id as string;
  let v = (await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: created.data.version, leadEngineerId: await userId(env, 'engineer') })).data
    .version;
  for (const to of ['accepted', 'on_site']) v = (await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: v, to })).data.version;
  const url = `/api/v1/work-orders/${id}/maintenance-record`;
  let rv = (await engineer.post(url)).data.record.version;
  rv = (await engineer.post(`${url}/arrival`, { version: rv, at: minutesAgo(90) })).data.record.version;
  const inst = (await one<{ id: string }>(env, `select id from instruments where code = 'YQ-C01'`)).id;
  for (const [checkKey, value] of [
    ['oven_temp', '60.5'],
    ['room_temp', '22'],
    ['reagent_volume', '7.2'],
    ['reagent_leak', '无渗漏'],
  ]) {
    const r = await engineer.post(`${url}/readings`, { checkKey, value, instrumentId: inst });
    expect(r.statusCode, r.body).toBe(200);
  }
  rv = (await engineer.get(url)).data.record.version;
  for (const key of ['clean_tanks', 'lube_arm', 'tighten_tubes', 'pump_check']) {
    const r = await put(engineer, `${url}/tasks/${key}`, { version: rv, done: true });
    expect(r.statusCode, r.body).toBe(200);
    rv = r.data.record.version;
  }
  const f = await engineer.post(`${url}/findings`, { description: '废液管轻微老化，已更换', fixedOnSpot: true });
  expect(f.statusCode, f.body).toBe(200);
  await photo(id, minutesAgo(60));
  await photo(id, minutesAgo(40));
  const left = await engineer.post(`${url}/departure`, { version: rv, at: minutesAgo(5) });
  expect(left.statusCode, left.body).toBe(200);
  expect(left.data.missing).toEqual([]);
  return id;
}

async function sign(id: string) {
  const wv = (await engineer.get(`/api/v1/work-orders/${id}`)).data.version;
  const resolved = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: wv, to: 'resolved' });
  expect(resolved.statusCode, resolved.body).toBe(200);
  const signed = await engineer.post(`/api/v1/work-orders/${id}/sign`, {
    version: resolved.data.version,
    signerName: '王红',
    meaning: '确认保养已完成',
    signaturePng: PNG_DATA_URL,
  });
  expect(signed.statusCode, signed.body).toBe(200);
}

beforeAll(async () => {
  env = await createTestEnv();
  [manager, engineer, technician, dispatcher, renhe] = await Promise.all(['manager', 'engineer', 'technician', 'dispatcher', 'renhe'].map((u) => env.as(u)));
  const r = await manager.post('/api/v1/instruments', {
    code: 'YQ-C01',
    name: '温度计',
    kind: 'thermometer',
    holderKind: 'engineer',
    holderUserId: await userId(env, 'engineer'),
    calibrationIntervalMonths: 12,
    lastCalibratedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(r.statusCode, r.body).toBe(201);
});
afterAll(() => env?.close());

describe('R-PM-2 a signed maintenance record is corrected by new versions', () => {
  let id: string;
  const url = () => `/api/v1/work-orders/${id}/maintenance-record`;
  const versions = () => engineer.get(`${url()}/versions`);

  it('before sign-off a correction is refused (409): the record is still edited directly; one version, the live one', async () => {
    id = await recordedVisit();
    const rv = (await engineer.get(url())).data.record.version;
    const early = await engineer.post(`${url()}/corrections`, { version: rv, reason: '读数抄错', readings: [{ checkKey: 'reagent_volume', value: '4.8' }] });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.data.code).toBe('maintenance_correction_not_signed');
    const v = await versions();
    expect(v.statusCode, v.body).toBe(200);
    expect(v.data).toMatchObject({ contentVersion: 1, corrected: false, canCorrect: false });
    expect(v.data.items.map((x: { n: number }) => x.n)).toEqual([1]);
  });

  it('signed, the record is read-only: a plain edit is refused 409 and changes nothing', async () => {
    await sign(id);
    const rv = (await engineer.get(url())).data.record.version;
    const edit = await put(engineer, `${url()}/tasks/clean_tanks`, { version: rv, done: false, note: '补记' });
    expect(edit.statusCode).toBe(409);
    expect(edit.data.code).toBe('work_order_frozen');
    const reading = await engineer.post(`${url()}/readings`, {
      checkKey: 'reagent_volume',
      value: '4.8',
      instrumentId: (await one<{ id: string }>(env, `select id from instruments where code = 'YQ-C01'`)).id,
    });
    expect(reading.statusCode).toBe(409);
    expect((await engineer.get(url())).data.record.version).toBe(rv);
    expect((await versions()).data.canCorrect).toBe(true);
  });

  it('bad input is refused with a translated error naming the field, and nothing changes', async () => {
    const rv = (await engineer.get(url())).data.record.version;
    const noReason = await engineer.post(`${url()}/corrections`, { version: rv, readings: [{ checkKey: 'reagent_volume', value: '4.8' }] }, EN);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.fields.map((f: { field: string }) => f.field)).toContain('reason');
    const unknown = await engineer.post(`${url()}/corrections`, { version: rv, reason: '读数抄错', readings: [{ checkKey: 'helium', value: '1' }] }, EN);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.data.fields.map((f: { field: string }) => f.field)).toEqual(['readings.0.checkKey']);
    const noNote = await engineer.post(`${url()}/corrections`, { version: rv, reason: '补记', tasks: [{ key: 'pump_check', done: false }] }, EN);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.data.fields[0]).toMatchObject({ field: 'tasks.0.note', code: 'note_required_not_done', message: 'Say why the task was not done' });
    const same = await engineer.post(`${url()}/corrections`, { version: rv, reason: '核对', readings: [{ checkKey: 'reagent_volume', value: '7.2' }] });
    expect(same.statusCode).toBe(422);
    expect(same.data.code).toBe('maintenance_correction_no_changes');
    expect(same.data.detail).toBe('更正内容与当前版本相同，未生成新版本');
    const stale = await engineer.post(`${url()}/corrections`, {
      version: rv - 1,
      reason: '读数抄错',
      readings: [{ checkKey: 'reagent_volume', value: '4.8' }],
    });
    expect(stale.statusCode).toBe(409);
    // The hospital reads its record but may not correct it; another engineer (not on the visit) may not either.
    expect((await renhe.post(`${url()}/corrections`, { version: rv, reason: 'x', readings: [{ checkKey: 'reagent_volume', value: '4.8' }] })).statusCode).toBe(
      403,
    );
    expect(
      (await technician.post(`${url()}/corrections`, { version: rv, reason: 'x', readings: [{ checkKey: 'reagent_volume', value: '4.8' }] })).statusCode,
    ).toBe(403);
    expect(await count(env, `select count(*) n from maintenance_record_versions where work_order_id = '${id}'`)).toBe(0);
    const r = await engineer.get(url());
    expect(r.data.record).toMatchObject({ version: rv, contentVersion: 1 });
    expect(r.data.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume').value).toBe('7.2');
  });

  it('the engineer who did it corrects a reading with a reason: v2, the record says corrected; v1 stays readable as signed', async () => {
    const rv = (await engineer.get(url())).data.record.version;
    const c = await engineer.post(`${url()}/corrections`, {
      version: rv,
      reason: '试剂加注量读数抄错，原始记录为 4.8%',
      readings: [{ checkKey: 'reagent_volume', value: '4.8' }],
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.data.record.contentVersion).toBe(2);
    const corrected = c.data.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume');
    expect(corrected).toMatchObject({ value: '4.8', status: 'in_range', outOfRange: false });
    const v = await versions();
    expect(v.data).toMatchObject({ contentVersion: 2, corrected: true });
    const [v1, v2] = v.data.items;
    expect(v1).toMatchObject({ n: 1, current: false, reason: null });
    expect(v1.content.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume')).toMatchObject({ value: '7.2', outOfRange: true });
    expect(v2).toMatchObject({ n: 2, current: true, reason: '试剂加注量读数抄错，原始记录为 4.8%', byName: expect.any(String) });
    expect(v2.content.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume').value).toBe('4.8');
    expect(v2.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    // The hospital reads the versions of its own record.
    expect((await renhe.get(`${url()}/versions`)).data.items).toHaveLength(2);
  });

  it('the service manager corrects a task and a finding: v3; every correction is audited; the versions are insert-only', async () => {
    const rv = (await manager.get(url())).data.record.version;
    const findingId = (await manager.get(url())).data.findings[0].id;
    const c = await manager.post(`${url()}/corrections`, {
      version: rv,
      reason: '计量泵实际未检查，补记原因',
      tasks: [{ key: 'pump_check', done: false, note: '备件未到，下次检查' }],
      findings: [{ id: findingId, description: '废液管老化，已更换新管' }],
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.data.record.contentVersion).toBe(3);
    expect(c.data.record.tasks.find((t: { key: string }) => t.key === 'pump_check')).toMatchObject({ done: false, note: '备件未到，下次检查' });
    expect((await versions()).data.items.map((x: { n: number }) => x.n)).toEqual([1, 2, 3]);
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_record_version'`)).toBe(2);
    await expect(env.database.db.execute(`update maintenance_record_versions set reason = 'x' where work_order_id = '${id}'` as never)).rejects.toThrow();
    await expect(env.database.db.execute(`delete from maintenance_record_versions where work_order_id = '${id}'` as never)).rejects.toThrow();
  });

  it('the monthly inspection report uses the latest version and says 已更正 (v3)', async () => {
    const customerId = (await one<{ id: string }>(env, `select customer_id id from work_orders where id = '${id}'`)).id;
    const month = (await one<{ m: string }>(env, `select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM') m`)).m;
    const r = await manager.get(`/api/v1/maintenance-reports/monthly/summary?customerId=${customerId}&month=${month}`);
    expect(r.statusCode, r.body).toBe(200);
    const visit = r.data.devices.flatMap((d: { visits: { workOrderId: string }[] }) => d.visits).find((x: { workOrderId: string }) => x.workOrderId === id);
    expect(visit.contentVersion).toBe(3);
    expect(visit.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume').value).toBe('4.8');
    const pdf = await manager.raw({ method: 'GET', url: `/api/v1/maintenance-reports/monthly?customerId=${customerId}&month=${month}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });
});
