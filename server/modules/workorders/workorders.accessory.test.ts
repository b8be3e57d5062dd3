// Stories of the per-accessory warranty on a job (issue 12 item 2; seed 003: 穿刺器…2年质保…可免费
// 更换新品(质保不延长), consumables excluded): a parts line whose part code is an accessory term of
// the device's model is free while the term runs from the device's acceptance — judged on the day
// the request was received, the boundary day included — and says so on the line (配件保修至 …);
// otherwise it follows the job's category. The intake's coverage panel lists the running terms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, iso, one, userId } from '../../test/service.ts';
import { accessoryWarrantyEnd } from '../installations/installations.rules.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let manager: Client;
let renhe: Client;
const SERIAL = 'ST5020-25-0412'; // out of warranty, no contract: a paid job
let device: string;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, manager, renhe] = await Promise.all(['dispatcher', 'engineer', 'manager', 'renhe'].map((u) => env.as(u)));
  device = await deviceId(env, SERIAL);
  const { model_id: modelId } = await one<{ model_id: string }>(env, `select model_id from devices where id = '${device}'`);
  // Accepted 2024-10-01: the two-year trocar term runs to 2026-09-30; the unit's own warranty is long over.
  await env.database.query(
    `update devices set install_date = '2024-09-20', acceptance_date = '2024-10-01', warranty_end = '2025-09-30' where id = '${device}'`,
  );
  for (const t of [
    { modelId, name: '穿刺器', partNumber: 'TRO-5', months: 24 },
    { modelId, name: '染色刷', partNumber: 'BRU-2', months: 24, consumable: true },
    { modelId, name: '密封圈', partNumber: 'BJ-TP-SEAL', months: 24 },
  ]) {
    const r = await manager.post('/api/v1/accessory-terms', t);
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(() => env?.close());

async function job(receivedAt: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: device,
    faultDescription: '穿刺器损坏',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    receivedAt,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  const d = await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  if (d.statusCode !== 200) throw new Error(d.body);
  for (const to of ['accepted', 'on_site']) await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
  return id;
}
const wo = async (id: string) => (await engineer.get(`/api/v1/work-orders/${id}`)).data;
const v = async (id: string) => (await wo(id)).version as number;
const addLine = (id: string, partNo: string, unitPrice: string) =>
  engineer.post(`/api/v1/work-orders/${id}/parts`, { partNo, name: partNo, quantity: '1', unitPrice, source: 'non_stock', sourceNote: '厂家直发' });
type Line = { partNo: string; accessoryWarrantyUntil: string | null; accessoryTermId: string | null };
const line = (w: { parts: Line[] }, partNo: string) => w.parts.find((p) => p.partNo === partNo);

describe('issue 12 item 2: parts lines under an accessory warranty (seed 003 穿刺器…2年质保…质保不延长)', () => {
  it('reported on the last covered day (2026-09-30): the trocar line is free and says 配件保修至 2026-09-30; the consumable and other parts are billed', async () => {
    const id = await job(iso('2026-09-30 18:00'));
    expect((await wo(id)).category).toBe('paid');
    for (const [p, price] of [
      ['TRO-5', '800.00'],
      ['BRU-2', '50.00'],
      ['PUMP-X', '100.00'],
    ] as const)
      expect((await addLine(id, p, price)).statusCode).toBe(200);
    const w = await wo(id);
    expect(line(w, 'TRO-5')).toMatchObject({ accessoryWarrantyUntil: '2026-09-30', accessoryTermId: expect.any(String) });
    expect(line(w, 'BRU-2')).toMatchObject({ accessoryWarrantyUntil: null, accessoryTermId: null });
    expect(line(w, 'PUMP-X')).toMatchObject({ accessoryWarrantyUntil: null });
    expect(w.fee).toMatchObject({ chargeable: true, parts: '150.00' });
  });

  it('reported the day after (2026-10-01): the same part follows the job’s category and is billed', async () => {
    const id = await job(iso('2026-10-01 08:30'));
    expect((await addLine(id, 'tro-5', '800.00')).statusCode).toBe(200);
    const w = await wo(id);
    expect(line(w, 'tro-5')).toMatchObject({ accessoryWarrantyUntil: null, accessoryTermId: null });
    expect(w.fee).toMatchObject({ chargeable: true, parts: '800.00' });
  });

  it('a replacement does not extend the term: a second trocar inside the term ends on the same day (counted from acceptance)', async () => {
    const id = await job(iso('2026-06-01 09:00'));
    expect((await addLine(id, 'TRO-5', '800.00')).statusCode).toBe(200);
    expect((await addLine(id, 'TRO-5', '800.00')).statusCode).toBe(200);
    const w = await wo(id);
    expect(w.parts.filter((p: Line) => p.partNo === 'TRO-5').map((p: Line) => p.accessoryWarrantyUntil)).toEqual(['2026-09-30', '2026-09-30']);
    expect(w.fee.parts).toBe('0.00');
  });

  it('a part drawn from the van through the ledger is covered the same way (by the catalogue code)', async () => {
    const id = await job(iso('2026-09-01 09:00'));
    const [{ id: seal }] = (await env.database.query<{ id: string }>(`select id from parts where code = 'BJ-TP-SEAL'`)).rows;
    const [{ id: van }] = (await env.database.query<{ id: string }>(`select id from warehouses where code = 'VAN-engineer'`)).rows;
    const r = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: id, warehouseId: van, partId: seal, qty: 1, lot: 'L2026-09' });
    expect(r.statusCode, r.body).toBe(201);
    expect(line(await wo(id), 'BJ-TP-SEAL')).toMatchObject({ accessoryWarrantyUntil: '2026-09-30' });
  });
});

describe('issue 12 item 2: the intake’s coverage panel lists the accessory warranties still running', () => {
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const shift = (day: string, months: number, days: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + months);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const items = async () =>
    (await renhe.get(`/api/v1/devices/${device}/accessory-warranty`)).data.items as { name: string; warrantyEnd: string | null; coveredToday: boolean }[];

  it('the boundary day: a term ending today is still running, one that ended yesterday is not; a consumable never is', async () => {
    const acceptance = shift(today(), -24, 1);
    expect(accessoryWarrantyEnd(acceptance, 24)).toBe(today());
    await env.database.query(`update devices set acceptance_date = '${acceptance}' where id = '${device}'`);
    let a = await items();
    expect(a.find((x) => x.name === '穿刺器')).toMatchObject({ warrantyEnd: today(), coveredToday: true });
    expect(a.find((x) => x.name === '染色刷')).toMatchObject({ warrantyEnd: null, coveredToday: false });
    await env.database.query(`update devices set acceptance_date = '${shift(acceptance, 0, -1)}' where id = '${device}'`);
    a = await items();
    expect(a.find((x) => x.name === '穿刺器')).toMatchObject({ coveredToday: false });
  });
});
