// Stories of the device registry: registering units, their computed coverage, the one-screen
// device page, and the rules that keep the records consistent (SPEC §2, R-REG-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let ids: { rh: string; rk: string; rhPathology: string; rkPathology: string; rhSite: string; stainer: string; ventilator: string };

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  const one = async (sql: string) => (await env.database.query<{ id: string }>(sql)).rows[0].id;
  ids = {
    rh: await one(`select id from customers where code = 'BJ-RH'`),
    rk: await one(`select id from customers where code = 'SH-RK'`),
    rhPathology: await one(`select d.id from departments d join customers c on c.id = d.customer_id where c.code = 'BJ-RH' and d.name = '病理科'`),
    rkPathology: await one(`select d.id from departments d join customers c on c.id = d.customer_id where c.code = 'SH-RK' and d.name = '病理科'`),
    rhSite: await one(`select s.id from sites s join customers c on c.id = s.customer_id where c.code = 'BJ-RH' and s.name = '顺义院区'`),
    stainer: await one(`select id from device_models where code = 'ST-5020'`),
    ventilator: await one(`select id from device_models where code = 'SV-600'`),
  };
});
afterAll(() => env?.close());

const deviceCount = async () => Number((await env.database.query<{ n: number }>('select count(*)::int as n from devices')).rows[0].n);

describe('registering devices', () => {
  it('a unit accepted today is under factory warranty until the model term ends, proposed by the server', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const r = await dispatcher.post('/api/v1/devices', {
      serialNumber: 'SV600-NEW-0001',
      modelId: ids.ventilator,
      customerId: ids.rh,
      departmentId: ids.rhPathology,
      siteId: ids.rhSite,
      installDate: today,
      acceptanceDate: today,
    });
    expect(r.statusCode).toBe(201);
    expect(r.data.warrantyEnd > today).toBe(true); // SV-600 carries an 18-month term
    const page = await dispatcher.get(`/api/v1/devices/${r.data.id}`);
    expect(page.data.device.coverage).toMatchObject({ category: 'warranty', basis: 'factory_warranty', until: r.data.warrantyEnd });
    expect(page.data.device).toMatchObject({
      modelCode: 'SV-600',
      criticality: 'life_support',
      customerName: '北京仁和医院',
      siteName: '顺义院区',
      regionClass: 'suburban',
    });
    expect(page.data.timeline.map((e: { kind: string }) => e.kind)).toContain('device.create');
  });

  it('a unit without an acceptance date is paid and says why', async () => {
    const r = await dispatcher.post('/api/v1/devices', { serialNumber: 'ST-NOACC-1', modelId: ids.stainer, customerId: ids.rh });
    const cov = await dispatcher.get(`/api/v1/devices/${r.data.id}/coverage`);
    expect(cov.data).toMatchObject({ category: 'paid', basis: 'none', note: 'not_accepted' });
  });

  it('a serial is unique within a model (any case), but the same serial may exist for another model', async () => {
    const before = await deviceCount();
    const dup = await dispatcher.post('/api/v1/devices', { serialNumber: 'st5020-21-0031', modelId: ids.stainer, customerId: ids.rh });
    expect(dup.statusCode).toBe(409);
    expect(dup.data.fields[0].field).toBe('serialNumber');
    expect(dup.data.detail).toContain('序列号');
    expect(await deviceCount()).toBe(before);
    const other = await dispatcher.post('/api/v1/devices', { serialNumber: 'ST5020-21-0031', modelId: ids.ventilator, customerId: ids.rh });
    expect(other.statusCode).toBe(201);
  });

  it('a UDI is unique', async () => {
    const a = await dispatcher.post('/api/v1/devices', { serialNumber: 'UDI-A', udi: '(01)069999(21)X', modelId: ids.stainer, customerId: ids.rh });
    const b = await dispatcher.post('/api/v1/devices', { serialNumber: 'UDI-B', udi: '(01)069999(21)X', modelId: ids.stainer, customerId: ids.rh });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(409);
    expect(b.data.fields[0].field).toBe('udi');
  });

  it('a department of another hospital, a missing model, impossible dates and reversed dates are refused and nothing is written', async () => {
    const before = await deviceCount();
    const mismatch = await dispatcher.post('/api/v1/devices', { serialNumber: 'X-1', modelId: ids.stainer, customerId: ids.rh, departmentId: ids.rkPathology });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.data.code).toBe('customer_mismatch');
    const noModel = await dispatcher.post('/api/v1/devices', { serialNumber: 'X-2', modelId: '00000000-0000-4000-8000-000000000001', customerId: ids.rh });
    expect(noModel.statusCode).toBe(422);
    expect(noModel.data.fields[0].field).toBe('modelId');
    const feb30 = await dispatcher.post('/api/v1/devices', { serialNumber: 'X-3', modelId: ids.stainer, customerId: ids.rh, installDate: '2026-02-30' });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.data.fields[0].field).toBe('installDate');
    const reversed = await dispatcher.post(
      '/api/v1/devices',
      {
        serialNumber: 'X-4',
        modelId: ids.stainer,
        customerId: ids.rh,
        installDate: '2026-05-10',
        acceptanceDate: '2026-05-01',
      },
      { 'accept-language': 'en-US' },
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.detail).toBe('acceptance date cannot be before install date.');
    const badStatus = await dispatcher.post('/api/v1/devices', { serialNumber: 'X-5', modelId: ids.stainer, customerId: ids.rh, status: 'broken' });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.data.fields[0]).toMatchObject({ field: 'status', code: 'invalid_value' });
    expect(await deviceCount()).toBe(before);
  });

  it('an engineer updates the software version on site; the page history shows before and after', async () => {
    const engineer = await env.as('engineer');
    const list = await engineer.get('/api/v1/devices?q=UCT760-23-1009');
    const d = list.data.items[0];
    const r = await engineer.patch(`/api/v1/devices/${d.id}`, { version: d.version, softwareVersion: 'R003.3' });
    expect(r.statusCode).toBe(200);
    expect(r.data.version).toBe(d.version + 1);
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=device&entityId=${d.id}`);
    expect(trail.data.items[0]).toMatchObject({ action: 'update', before: { softwareVersion: 'R003.2' }, after: { softwareVersion: 'R003.3' } });
    const stale = await engineer.patch(`/api/v1/devices/${d.id}`, { version: d.version, softwareVersion: 'R009' });
    expect(stale.statusCode).toBe(409);
  });

  it('the device page timeline shows a repair request and its work order next to the record history (issue 3 §9)', async () => {
    const dispatcher = await env.as('dispatcher');
    const d = (await dispatcher.get('/api/v1/devices?q=ST5020-23-0220')).data.items[0];
    const req = await dispatcher.post('/api/v1/requests', {
      deviceId: d.id,
      faultDescription: '染色缸液位报警，无法开始程序',
      deviceDown: true,
      reporterName: '王红',
      reporterPhone: '010-66668888',
    });
    expect(req.statusCode).toBe(201);
    const page = await dispatcher.get(`/api/v1/devices/${d.id}`);
    const kinds = page.data.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('request.received');
    expect(kinds.some((k: string) => k.startsWith('workorder.'))).toBe(true);
    const received = page.data.timeline.find((e: { kind: string }) => e.kind === 'request.received');
    expect(received.title).toContain('染色缸液位报警');
    expect(received.actorName).toBe('王红');
  });

  it('a device covered by a contract cannot be deleted', async () => {
    const manager = await env.as('manager');
    const d = (await manager.get('/api/v1/devices?q=ST5020-23-0220')).data.items[0];
    const r = await manager.delete(`/api/v1/devices/${d.id}?version=${d.version}`);
    expect(r.statusCode).toBe(409);
    expect(r.data.code).toBe('in_use');
  });
});

describe('the warranty end is derived from acceptance and the model term unless overridden with a reason (issue 10 item 2)', () => {
  const EN = { 'accept-language': 'en-US' };
  let manager: Client;
  let unit: { id: string; version: number };
  const reload = async () => {
    const d = (await dispatcher.get(`/api/v1/devices/${unit.id}`)).data.device;
    unit = { id: d.id, version: d.version };
    return d;
  };
  beforeAll(async () => {
    manager = await env.as('manager');
  });

  it('correcting the acceptance date 2025-11-20 → 2025-11-23 moves the end of a 12-month warranty, so a request on 2026-11-22 is warranty', async () => {
    const r = await dispatcher.post('/api/v1/devices', {
      serialNumber: 'ST-ACC-FIX-1',
      modelId: ids.stainer,
      customerId: ids.rh,
      acceptanceDate: '2025-11-20',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ warrantyEnd: '2026-11-19', warrantyEndOverride: false, warrantyOverrideReason: null });
    unit = { id: r.data.id, version: r.data.version };
    const fix = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, acceptanceDate: '2025-11-23' });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.data).toMatchObject({ acceptanceDate: '2025-11-23', warrantyEnd: '2026-11-22', warrantyEndOverride: false });
    // The audit entry shows both fields before and after.
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=device&entityId=${unit.id}`);
    expect(trail.data.items[0]).toMatchObject({
      action: 'update',
      before: { acceptanceDate: '2025-11-20', warrantyEnd: '2026-11-19' },
      after: { acceptanceDate: '2025-11-23', warrantyEnd: '2026-11-22' },
    });
    const req = await dispatcher.post('/api/v1/requests', {
      deviceId: unit.id,
      faultDescription: '染色不均匀',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
      receivedAt: '2026-11-22T10:00:00+08:00',
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.data.category).toBe('warranty');
    const dayAfter = await dispatcher.get(`/api/v1/devices/${unit.id}/coverage?at=${encodeURIComponent('2026-11-23T00:00:00+08:00')}`);
    expect(dayAfter.data).toMatchObject({ category: 'paid' });
    await reload();
  });

  it('sending back a stale derived date is refused with a translated field error and changes nothing', async () => {
    const before = await reload();
    const stale = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, acceptanceDate: '2025-11-25', warrantyEnd: '2026-11-22' }, EN);
    expect(stale.statusCode).toBe(422);
    expect(stale.data.fields).toEqual([expect.objectContaining({ field: 'warrantyEnd', code: 'warranty_end_derived' })]);
    expect(stale.data.fields[0].message).toContain('derived from the acceptance date');
    const zh = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, warrantyEnd: '2027-01-31' });
    expect(zh.data.fields[0].message).toContain('自动推算');
    expect(await reload()).toMatchObject({ acceptanceDate: before.acceptanceDate, warrantyEnd: before.warrantyEnd, version: before.version });
    // The derived date itself may be sent (an old client sending the form back unchanged).
    const same = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, warrantyEnd: '2026-11-22', location: '2楼' });
    expect(same.statusCode).toBe(200);
    await reload();
  });

  it('an override with a reason is kept through corrections; a blank reason is refused; clearing it derives again', async () => {
    const blank = await dispatcher.patch(
      `/api/v1/devices/${unit.id}`,
      { version: unit.version, warrantyEnd: '2027-11-22', warrantyOverride: { reason: '  ' } },
      EN,
    );
    expect(blank.statusCode).toBe(400);
    expect(blank.data.fields[0].field).toBe('warrantyOverride.reason');
    const ov = await dispatcher.patch(`/api/v1/devices/${unit.id}`, {
      version: unit.version,
      warrantyEnd: '2027-11-22',
      warrantyOverride: { reason: '采购合同约定延保至2027年' },
    });
    expect(ov.statusCode, ov.body).toBe(200);
    expect(ov.data).toMatchObject({ warrantyEnd: '2027-11-22', warrantyEndOverride: true, warrantyOverrideReason: '采购合同约定延保至2027年' });
    await reload();
    // Correcting the acceptance date does not move an override.
    const acc = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, acceptanceDate: '2025-11-24' });
    expect(acc.data).toMatchObject({ acceptanceDate: '2025-11-24', warrantyEnd: '2027-11-22', warrantyEndOverride: true });
    await reload();
    // Another date needs the override (and a reason) again.
    const bare = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, warrantyEnd: '2028-01-01' });
    expect(bare.statusCode).toBe(422);
    expect(bare.data.fields[0]).toMatchObject({ field: 'warrantyEnd', code: 'warranty_end_derived' });
    const cleared = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, warrantyOverride: null });
    expect(cleared.data).toMatchObject({ warrantyEnd: '2026-11-23', warrantyEndOverride: false, warrantyOverrideReason: null });
    await reload();
    // The database refuses an override without a reason whatever the path.
    await expect(env.database.exec(`update devices set warranty_end_override = true where id = '${unit.id}'`)).rejects.toThrow(/devices_warranty_override_ck/);
  });

  it('a new unit: an explicit end needs the override; with one it is kept', async () => {
    const bare = await dispatcher.post(
      '/api/v1/devices',
      { serialNumber: 'ST-OV-1', modelId: ids.stainer, customerId: ids.rh, acceptanceDate: '2026-01-10', warrantyEnd: '2028-01-09' },
      EN,
    );
    expect(bare.statusCode).toBe(422);
    expect(bare.data.fields[0]).toMatchObject({ field: 'warrantyEnd', code: 'warranty_end_derived' });
    const ok = await dispatcher.post('/api/v1/devices', {
      serialNumber: 'ST-OV-1',
      modelId: ids.stainer,
      customerId: ids.rh,
      acceptanceDate: '2026-01-10',
      warrantyEnd: '2028-01-09',
      warrantyOverride: { reason: '两年质保（招标文件）' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.data).toMatchObject({ warrantyEnd: '2028-01-09', warrantyEndOverride: true });
  });

  it('changing the unit to another model, or the model term, derives the end again; overridden units keep theirs (audited)', async () => {
    // Another model for this unit: SV-600 carries 18 months.
    const moved = await dispatcher.patch(`/api/v1/devices/${unit.id}`, { version: unit.version, modelId: ids.ventilator });
    expect(moved.data).toMatchObject({ warrantyEnd: '2027-05-23' });
    // A model of its own, so the demo units keep their terms.
    const m = await manager.post('/api/v1/device-models', {
      code: 'WT-12',
      name: '保修测试机',
      category: 'laboratory',
      regulatoryClass: 'II',
      warrantyMonths: 12,
    });
    expect(m.statusCode, m.body).toBe(201);
    const mk = async (serialNumber: string, extra: Record<string, unknown> = {}) =>
      (await dispatcher.post('/api/v1/devices', { serialNumber, modelId: m.data.id, customerId: ids.rh, ...extra })).data;
    const derived = await mk('WT-A', { acceptanceDate: '2026-03-01' });
    const overridden = await mk('WT-B', { acceptanceDate: '2026-03-01', warrantyEnd: '2026-12-31', warrantyOverride: { reason: '按合同' } });
    const notAccepted = await mk('WT-C');
    expect(derived.warrantyEnd).toBe('2027-02-28');
    const longer = await manager.patch(`/api/v1/device-models/${m.data.id}`, { version: m.data.version, warrantyMonths: 36 });
    expect(longer.statusCode, longer.body).toBe(200);
    const ends = async () =>
      Object.fromEntries(
        (
          await env.database.query<{ serial_number: string; warranty_end: string | null }>(
            `select serial_number, warranty_end from devices where model_id = '${m.data.id}' order by serial_number`,
          )
        ).rows.map((r) => [r.serial_number, r.warranty_end]),
      );
    expect(await ends()).toEqual({ 'WT-A': '2029-02-28', 'WT-B': '2026-12-31', 'WT-C': null });
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=device&entityId=${derived.id}`);
    expect(trail.data.items[0]).toMatchObject({
      action: 'update',
      actorName: '王建国（售后服务经理）',
      before: { warrantyEnd: '2027-02-28' },
      after: { warrantyEnd: '2029-02-28' },
    });
    expect((await admin.get(`/api/v1/audit?entity=device&entityId=${overridden.id}`)).data.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(notAccepted.warrantyEnd).toBeNull();
  });
});

describe('finding devices', () => {
  it('filters by status, category, region and customer, searches serial, model and hospital name', async () => {
    const down = await dispatcher.get('/api/v1/devices?status=down');
    // Reported down by the timeline story's request above (issue 10 item 3: down only through a request).
    expect(down.data.items.map((d: { serialNumber: string }) => d.serialNumber)).toContain('ST5020-23-0220');
    expect(down.data.items.every((d: { status: string }) => d.status === 'down')).toBe(true);
    const linacs = await dispatcher.get('/api/v1/devices?category=linac');
    expect(linacs.data.total).toBe(2);
    const remote = await dispatcher.get('/api/v1/devices?regionClass=remote');
    expect(remote.data.items.every((d: { regionClass: string }) => d.regionClass === 'remote')).toBe(true);
    expect((await dispatcher.get('/api/v1/devices?q=瑞康')).data.items.every((d: { customerName: string }) => d.customerName === '上海瑞康医院')).toBe(true);
    expect((await dispatcher.get('/api/v1/devices?q=0815')).data.items[0].serialNumber).toBe('SV600-22-0815');
    expect((await dispatcher.get('/api/v1/devices?q=磁共振')).data.total).toBe(1);
    const byCustomer = await dispatcher.get(`/api/v1/devices?customerId=${ids.rk}&sort=serialNumber`);
    const serials = byCustomer.data.items.map((d: { serialNumber: string }) => d.serialNumber);
    expect(serials).toEqual([...serials].sort());
  });

  it('every listed unit carries its coverage today', async () => {
    const r = await dispatcher.get('/api/v1/devices?pageSize=200');
    const byserial = Object.fromEntries(r.data.items.map((d: { serialNumber: string; coverage: unknown }) => [d.serialNumber, d.coverage]));
    // Extended warranty contract YB-2024-002 runs to 2027-04-24.
    expect(byserial['UCT760-22-0508']).toMatchObject({ category: 'warranty', basis: 'warranty_contract', contractNumber: 'YB-2024-002' });
    // Accepted 2022-09-09, no maintenance contract: a paid-service agreement for 2026.
    expect(byserial['ST5020-22-0145'].category).toBe('paid');
  });

  it("a listed unit's coverage is the one its own page shows (the list reads contracts with its rows, issue 17 item 3)", async () => {
    const r = await dispatcher.get('/api/v1/devices?pageSize=30');
    for (const d of r.data.items) expect(d.coverage, d.serialNumber).toEqual((await dispatcher.get(`/api/v1/devices/${d.id}`)).data.device.coverage);
  });

  it('coverage is judged on the Shanghai calendar day when one contract hands over to the next', async () => {
    const d = (await dispatcher.get(`/api/v1/devices?q=ST5020-21-0031&modelId=${ids.stainer}`)).data.items[0];
    const lastEvening = await dispatcher.get(`/api/v1/devices/${d.id}/coverage?at=${encodeURIComponent('2026-06-30T23:59:59+08:00')}`);
    const nextMidnight = await dispatcher.get(`/api/v1/devices/${d.id}/coverage?at=${encodeURIComponent('2026-06-30T16:00:00Z')}`);
    expect(lastEvening.data).toMatchObject({ category: 'contract', contractNumber: 'HT-2025-001', until: '2026-06-30' });
    expect(nextMidnight.data).toMatchObject({ category: 'contract', contractNumber: 'HT-2026-014' });
    const beforeAny = await dispatcher.get(`/api/v1/devices/${d.id}/coverage?at=2024-01-01T00:00:00Z`);
    expect(beforeAny.data).toMatchObject({ category: 'paid', basis: 'none' });
    const bad = await dispatcher.get(`/api/v1/devices/${d.id}/coverage?at=yesterday`);
    expect(bad.statusCode).toBe(400);
  });
});

describe('exporting the device list', () => {
  it('a manager exports the filtered list to Excel with Chinese headers; a hospital user exports only their own units', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const read = async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as never);
      const ws = wb.worksheets[0];
      const rows: unknown[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      return rows;
    };
    const manager = await env.as('manager');
    const r = await manager.raw({ method: 'GET', url: '/api/v1/devices/export?category=ventilator' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const rows = await read(r.rawPayload);
    expect(rows[0].slice(0, 3)).toEqual(['序列号', 'UDI', '型号']);
    const api = await manager.get('/api/v1/devices?category=ventilator&pageSize=200');
    expect(rows.length - 1).toBe(api.data.total);
    expect(rows.slice(1).every((row) => row[3] === '呼吸机')).toBe(true);
    const renhe = await env.as('renhe');
    const own = await read((await renhe.raw({ method: 'GET', url: '/api/v1/devices/export', headers: { 'accept-language': 'en-US' } })).rawPayload);
    expect(own[0][0]).toBe('Serial number');
    expect(new Set(own.slice(1).map((row) => row[5]))).toEqual(new Set(['北京仁和医院']));
    expect((await manager.raw({ method: 'GET', url: '/api/v1/devices/export?page=2' })).statusCode).toBe(400);
  });
});

describe('the device timeline shows every kind of contact with the unit (issue 12 items 1, 5; R-IN-1, R-TR-1, R-CL-1)', () => {
  type Entry = { kind: string; title: string; actorName: string | null; ref: string | null; at: string };
  let unit: { id: string; customerId: string; modelId: string };
  let installationId: string;
  let consultationId: string;
  let named: string; // a session naming the unit
  let forModel: string; // a session on the unit's model at its hospital, naming no unit

  beforeAll(async () => {
    const [sales, engineer] = await Promise.all([env.as('sales'), env.as('engineer')]);
    const n = await sales.post('/api/v1/installations', {
      device: { serialNumber: 'ST5020-26-9401', udi: '(01)06940000009401(21)ST5020-26-9401', modelId: ids.stainer },
      customerId: ids.rh,
      siteAddress: '北京市东城区帅府园1号 病理科',
      plannedDate: '2026-12-10',
      salesContact: '吴刚 13900000000',
    });
    expect(n.statusCode, n.body).toBe(201);
    installationId = n.data.id;
    unit = { id: n.data.deviceId, customerId: ids.rh, modelId: ids.stainer };
    // The notice opened its installation job; the engineer is sent before the site check (issue 12).
    const job = (await dispatcher.get(`/api/v1/work-orders/${n.data.workOrder.id}`)).data;
    const sent = await dispatcher.post(`/api/v1/work-orders/${job.id}/dispatch`, {
      version: job.version,
      leadEngineerId: await userId(env, 'engineer'),
      helperIds: [],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const items = ['power', 'water', 'ventilation', 'space', 'environment'].map((key) => ({ key, result: 'pass', note: null }));
    const checked = await engineer.post(`/api/v1/installations/${installationId}/site-check`, { version: n.data.version, items });
    expect(checked.statusCode, checked.body).toBe(200);

    const call = await dispatcher.post('/api/v1/calls', {
      direction: 'inbound',
      callerName: '王红',
      phone: '13801010001',
      deviceId: unit.id,
      topic: '新机何时安装？',
    });
    expect(call.statusCode, call.body).toBe(201);
    const question = await dispatcher.post('/api/v1/calls', { direction: 'inbound', phone: '13801010001', deviceId: unit.id, topic: '染色机对电源有何要求？' });
    const conv = await dispatcher.post(`/api/v1/calls/${question.data.id}/convert`, { version: question.data.version, kind: 'consultation' });
    expect(conv.statusCode, conv.body).toBe(200);
    consultationId = conv.data.linkedId;

    const session = (extra: Record<string, unknown>) =>
      engineer.post('/api/v1/training/sessions', {
        title: '操作培训',
        heldOn: '2026-12-12',
        place: '病理科',
        trainerId: extra.trainerId,
        syllabus: '开关机',
        ...extra,
      });
    const trainerId = await userId(env, 'engineer');
    const a = await session({ customerId: ids.rh, deviceIds: [unit.id], title: '新机操作培训', trainerId });
    expect(a.statusCode, a.body).toBe(201);
    named = a.data.id;
    const b = await session({ customerId: ids.rh, modelId: ids.stainer, title: '染色机日常保养培训', trainerId });
    expect(b.statusCode, b.body).toBe(201);
    forModel = b.data.id;
    // Not this unit's: the same model at another hospital.
    expect((await session({ customerId: ids.rk, modelId: ids.stainer, title: '瑞康培训', trainerId })).statusCode).toBe(201);
  });

  it('staff see the call, the consultation, the installation milestones and the training sessions, newest first', async () => {
    const page = await dispatcher.get(`/api/v1/devices/${unit.id}`);
    expect(page.statusCode).toBe(200);
    const t: Entry[] = page.data.timeline;
    const kinds = t.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['call.inbound', 'consultation.asked', 'installation.notice', 'installation.site_checked', 'training.session']),
    );
    expect(t.find((e) => e.kind === 'call.inbound' && e.title === '新机何时安装？')?.actorName).toBe('李晓梅（客服）');
    expect(t.find((e) => e.kind === 'consultation.asked')).toMatchObject({
      ref: consultationId,
      title: expect.stringMatching(/^ZX-.* 染色机对电源有何要求？$/),
    });
    expect(t.filter((e) => e.kind.startsWith('installation.')).map((e) => [e.kind, e.ref])).toEqual([
      ['installation.site_checked', installationId],
      ['installation.notice', installationId],
    ]);
    expect(t.find((e) => e.kind === 'installation.notice')?.actorName).toEqual(expect.any(String));
    // The session naming the unit and the one on its model at its hospital; not another hospital's.
    expect(
      t
        .filter((e) => e.kind === 'training.session')
        .map((e) => e.ref)
        .sort(),
    ).toEqual([named, forModel].sort());
    const ats = t.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('the hospital sees its consultation, installation and training but not the call log (staff only); another hospital gets 404', async () => {
    const renhe = await env.as('renhe');
    const page = await renhe.get(`/api/v1/devices/${unit.id}`);
    expect(page.statusCode).toBe(200);
    const kinds = (page.data.timeline as Entry[]).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['consultation.asked', 'installation.notice', 'training.session']));
    expect(kinds.filter((k) => k.startsWith('call.'))).toEqual([]);
    expect((await (await env.as('ruikang')).get(`/api/v1/devices/${unit.id}`)).statusCode).toBe(404);
  });
});
