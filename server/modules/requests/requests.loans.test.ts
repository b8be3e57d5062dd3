// Stories of loaner units (SPEC R-SLA-3, 备用机) at fixed instants: the loaner task raised at
// the 12-hour mark is fulfilled by lending a unit of the loaner pool — a device of its own,
// owned by the service company — within 24 h of the request (met) or later (breached); a unit
// lent out is not available until it comes back; both devices' pages show the loan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../jobs/sweeps.ts';
import type { Principal } from '../../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, iso, one, principal } from '../../test/service.ts';
import { dispatch, transition } from '../workorders/index.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let p: Record<'dispatcher' | 'engineer', Principal>;
let loaner: string;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer] = await Promise.all(['dispatcher', 'engineer'].map((u) => env.as(u)));
  p = { dispatcher: await principal(env, 'dispatcher'), engineer: await principal(env, 'engineer') };
  loaner = await deviceId(env, 'PM9000-LOANER-01');
});
afterAll(() => env?.close());

const db = () => env.database.db;
const woVersion = async (id: string) => (await one<{ version: number }>(env, `select version from work_orders where id = '${id}'`)).version;

/** Registered at `received`, dispatched, and the engineer on site at `arrived` (Shanghai wall-clock). */
async function onSite(serial: string, received: string, arrived: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '监护仪黑屏',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    receivedAt: iso(received),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const wo = r.data.workOrderId as string;
  await dispatch(db(), p.dispatcher, wo, { version: await woVersion(wo), leadEngineerId: p.engineer.id, helperIds: [] }, at(received));
  for (const to of ['accepted', 'on_site'] as const) await transition(db(), p.engineer, wo, { version: await woVersion(wo), to }, at(arrived));
  return { id: r.data.id as string, workOrderId: wo };
}
const lend = (requestId: string, lentLocal: string, client = engineer, device = loaner) =>
  client.post(`/api/v1/requests/${requestId}/loaner`, { deviceId: device, lentAt: iso(lentLocal) }, EN);
const pool = async () => (await dispatcher.get('/api/v1/loaner-units')).data as { deviceId: string; available: boolean; openLoanId: string | null }[];
const unit = async () => (await pool()).find((u) => u.deviceId === loaner);
const detail = async (requestId: string, client: Client = engineer) => (await client.get(`/api/v1/requests/${requestId}`)).data;

describe('lending a loaner unit (R-SLA-3)', () => {
  let first: { id: string; workOrderId: string };
  let loanId: string;

  it('the loaner pool holds the service company’s own units, available', async () => {
    const units = (await dispatcher.get('/api/v1/loaner-units')).data;
    expect(units).toEqual([
      expect.objectContaining({ deviceId: loaner, serialNumber: 'PM9000-LOANER-01', ownerName: '杭州康德医疗器械有限公司', available: true, openLoanId: null }),
      expect.objectContaining({ serialNumber: 'PM9000-LOANER-02', ownerName: '杭州康德医疗器械有限公司', available: true, openLoanId: null }),
    ]);
    expect((await (await env.as('renhe')).get('/api/v1/loaner-units')).statusCode).toBe(403);
  });

  it('the task raised at the 12-hour mark is met by a loan within 24 h of the request', async () => {
    first = await onSite('PM9000-26-0301', '2026-11-17 09:00', '2026-11-17 10:00');
    expect((await sweep(db(), at('2026-11-17 22:00'))).loanersRaised).toBe(1);
    expect((await detail(first.id)).abilities.lend).toBe(true);
    const r = await lend(first.id, '2026-11-18 08:30');
    expect(r.statusCode, r.body).toBe(201);
    loanId = r.data.id;
    expect(r.data).toMatchObject({
      status: 'open',
      outcome: 'met',
      dueAt: iso('2026-11-18 09:00'),
      lentAt: iso('2026-11-18 08:30'),
      loanerSerial: 'PM9000-LOANER-01',
      servedSerial: 'PM9000-26-0301',
      lentByName: p.engineer.displayName,
      version: 1,
    });
    const clock = await one(env, `select outcome, stopped_at from sla_clocks where request_id = '${first.id}' and kind = 'loaner'`);
    expect(clock).toMatchObject({ outcome: 'met' });
    expect(await unit()).toMatchObject({ available: false, openLoanId: loanId });
  });

  it('a unit lent out cannot be lent again; bad input is refused in the reader’s language', async () => {
    const other = await onSite('SV600-25-2201', '2026-11-18 09:00', '2026-11-18 10:00');
    const busy = await lend(other.id, '2026-11-18 11:00');
    expect(busy.statusCode).toBe(409);
    expect(busy.data).toMatchObject({ code: 'loaner_unavailable', detail: 'This loaner unit is lent out or not available.' });
    const notLoaner = await lend(other.id, '2026-11-18 11:00', engineer, await deviceId(env, 'TP8000-24-0107'));
    expect(notLoaner.statusCode).toBe(422);
    expect(notLoaner.data).toMatchObject({ code: 'not_a_loaner', fields: [expect.objectContaining({ field: 'deviceId' })] });
    const before = await lend(other.id, '2026-11-18 08:00');
    expect(before.statusCode).toBe(422);
    expect(before.data.fields[0].field).toBe('lentAt');
    expect((await engineer.post(`/api/v1/requests/${other.id}/loaner`, { deviceId: loaner, lentAt: 'tomorrow' })).statusCode).toBe(400);
    expect((await engineer.post(`/api/v1/requests/${other.id}/loaner`, { deviceId: 'x', lentAt: iso('2026-11-18 11:00') })).statusCode).toBe(400);
    expect((await lend(other.id, '2026-11-18 11:00', await env.as('renhe'))).statusCode).toBe(403);
    expect((await lend(other.id, '2026-11-18 11:00', await env.as('finance'))).statusCode).toBe(403);
    expect(await count(env, `select count(*)::int as n from loans`)).toBe(1);
  });

  it('a loan is offered exactly where lending would be accepted: an open request with none out, to those who lend', async () => {
    // One loan out for this request: no second is offered, and a second is refused (409).
    const lent = await detail(first.id);
    expect(lent).toMatchObject({ open: true, abilities: { lend: false } });
    const second = await lend(first.id, '2026-11-18 09:00', engineer, await deviceId(env, 'PM9000-LOANER-02'));
    expect(second.statusCode).toBe(409);
    expect(second.data.code).toBe('loan_already_open');
    // An open request with none out: offered to staff who lend, not to the hospital or finance (403 above).
    const r = await onSite('UCT760-23-1009', '2026-11-21 09:00', '2026-11-21 10:00');
    expect((await detail(r.id)).abilities.lend).toBe(true);
    expect((await detail(r.id, dispatcher)).abilities.lend).toBe(true);
    expect((await detail(r.id, await env.as('renhe'))).abilities.lend).toBe(false);
    expect((await detail(r.id, await env.as('finance'))).abilities.lend).toBe(false);
    // Resolved: the request is no longer open, nothing is offered and a loan is refused (409).
    await transition(db(), p.engineer, r.workOrderId, { version: await woVersion(r.workOrderId), to: 'resolved' }, at('2026-11-21 11:00'));
    expect(await detail(r.id)).toMatchObject({ status: 'resolved', open: false, abilities: { lend: false } });
    const late = await lend(r.id, '2026-11-21 12:00', engineer, await deviceId(env, 'PM9000-LOANER-02'));
    expect(late.statusCode).toBe(409);
    expect(late.data.code).toBe('request_not_open');
    expect(await count(env, `select count(*)::int as n from loans`)).toBe(1);
  });

  it('the unit comes back: stale version 409, return before lending 422, then returned once; it is available again', async () => {
    const ret = (body: Record<string, unknown>) => engineer.post(`/api/v1/loans/${loanId}/return`, body, EN);
    expect((await ret({ version: 1, returnedAt: iso('2026-11-20 10:00') })).statusCode).toBe(400); // no condition
    expect((await ret({ version: 9, returnedAt: iso('2026-11-20 10:00'), condition: '完好' })).statusCode).toBe(409);
    const early = await ret({ version: 1, returnedAt: iso('2026-11-18 08:00'), condition: '完好' });
    expect(early.statusCode).toBe(422);
    expect(early.data.fields[0].field).toBe('returnedAt');
    const ok = await ret({ version: 1, returnedAt: iso('2026-11-20 10:00'), condition: '外观完好，附件齐全' });
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toMatchObject({ status: 'returned', returnedAt: iso('2026-11-20 10:00'), returnCondition: '外观完好，附件齐全', version: 2 });
    const again = await ret({ version: 2, returnedAt: iso('2026-11-20 11:00'), condition: '完好' });
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('loan_already_returned');
    expect(await unit()).toMatchObject({ available: true, openLoanId: null });
  });

  it('two people lending the same unit at once: one gets it, the other 409', async () => {
    const a = await onSite('ST5020-23-0220', '2026-11-19 09:00', '2026-11-19 10:00');
    const b = await onSite('TP8000-24-0107', '2026-11-19 09:00', '2026-11-19 10:00');
    const [x, y] = await Promise.all([lend(a.id, '2026-11-20 11:00'), lend(b.id, '2026-11-20 11:00', dispatcher)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    expect(await count(env, `select count(*)::int as n from loans where status = 'open'`)).toBe(1);
    // The one that got it: lent more than 24 h after the call and before any task was raised → breached.
    const won = x.statusCode === 201 ? x : y;
    expect(won.data).toMatchObject({ outcome: 'breached', dueAt: iso('2026-11-20 09:00') });
    // A loaner already in place: the sweep raises no task for that request.
    await sweep(db(), at('2026-11-20 12:00'));
    expect(await count(env, `select count(*)::int as n from sla_clocks where request_id = '${won.data.requestId}' and kind = 'loaner'`)).toBe(0);
  });

  it('loans are listed by open/returned, device and customer; a hospital sees only its own', async () => {
    const all = (await dispatcher.get('/api/v1/loans')).data;
    expect(all.total).toBe(2);
    expect((await dispatcher.get('/api/v1/loans?open=true')).data.items).toHaveLength(1);
    expect((await dispatcher.get('/api/v1/loans?open=false')).data.items.map((l: { id: string }) => l.id)).toEqual([loanId]);
    expect((await dispatcher.get(`/api/v1/loans?deviceId=${loaner}`)).data.total).toBe(2);
    const served = await deviceId(env, 'PM9000-26-0301');
    expect((await dispatcher.get(`/api/v1/loans?deviceId=${served}`)).data.items.map((l: { id: string }) => l.id)).toEqual([loanId]);
    const renheCustomer = (await one<{ customer_id: string }>(env, `select customer_id from devices where id = '${served}'`)).customer_id;
    expect((await dispatcher.get(`/api/v1/loans?customerId=${renheCustomer}`)).data.total).toBeGreaterThanOrEqual(1);
    expect((await dispatcher.get('/api/v1/loans?open=maybe')).statusCode).toBe(400);
    const renhe = await env.as('renhe');
    const own = (await renhe.get('/api/v1/loans')).data.items as { customerId: string }[];
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own.every((l) => l.customerId === renheCustomer)).toBe(true);
    const ruikang = await env.as('ruikang');
    expect((await ruikang.get(`/api/v1/loans/${loanId}`)).statusCode).toBe(404);
  });

  it('the loaner’s device page shows where it went and when it came back; the served unit shows the loaner', async () => {
    const loanerPage = (await dispatcher.get(`/api/v1/devices/${loaner}`)).data.timeline as { kind: string; at: string; ref: string }[];
    expect(loanerPage.filter((e) => e.kind === 'loan.lent')).toHaveLength(2);
    expect(loanerPage).toContainEqual(expect.objectContaining({ kind: 'loan.returned', at: iso('2026-11-20 10:00'), ref: loanId }));
    const servedPage = (await dispatcher.get(`/api/v1/devices/${await deviceId(env, 'PM9000-26-0301')}`)).data.timeline as { kind: string; title: string }[];
    expect(servedPage).toContainEqual(expect.objectContaining({ kind: 'loan.lent', title: expect.stringContaining('PM9000-LOANER-01') }));
    expect(servedPage.some((e) => e.kind === 'loan.returned')).toBe(true);
  });

  it('the search box finds a loan by loaner or served serial, customer or request number; % and _ are literal', async () => {
    type L = { id: string; loanerSerial: string; servedSerial: string; customerName: string; customerId: string; requestNumber: string };
    const find = async (q: string, client = dispatcher, extra = '') => {
      const r = await client.get(`/api/v1/loans?q=${encodeURIComponent(q)}${extra}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.data.items as L[]).map((l) => l.id).sort();
    };
    const all = (await dispatcher.get('/api/v1/loans')).data.items as L[];
    const first = all.find((l) => l.id === loanId) as L;
    const other = all.find((l) => l.id !== loanId) as L;
    expect(first.servedSerial).toBe('PM9000-26-0301');
    // The served unit's serial (a part of it), the request number: that loan only.
    expect(await find('PM9000-26-0301')).toEqual([loanId]);
    expect(await find('26-0301')).toEqual([loanId]);
    expect(await find(first.requestNumber)).toEqual([loanId]);
    expect(await find(other.requestNumber)).toEqual([other.id]);
    expect(await find(other.servedSerial.toLowerCase())).toEqual([other.id]);
    // The loaner's serial: every loan of that unit; with a filter, the filter still applies.
    expect(await find('LOANER-01')).toEqual([loanId, other.id].sort());
    expect(await find('LOANER-01', dispatcher, '&open=false')).toEqual([loanId]);
    // The customer's name.
    const sameCustomer = all.filter((l) => l.customerName === first.customerName).map((l) => l.id);
    expect(await find(first.customerName)).toEqual(sameCustomer.sort());
    // Wildcards are literal, and a search for nothing finds nothing.
    expect(await find('PM9000_26')).toEqual([]);
    expect(await find('%')).toEqual([]);
    expect(await find('zq-no-such-loan')).toEqual([]);
    // A hospital searches within its own loans only.
    const renhe = await env.as('renhe');
    const own = (await renhe.get(`/api/v1/loans?q=${encodeURIComponent('LOANER-01')}`)).data.items as L[];
    expect(own.map((l) => l.id)).toContain(loanId);
    expect(own.every((l) => l.customerId === first.customerId)).toBe(true);
  });

  it('every loan and return is audited and the chain verifies', async () => {
    const admin = await env.as('admin');
    const trail = (await admin.get(`/api/v1/audit?entity=loan&entityId=${loanId}`)).data.items as { action: string }[];
    expect(trail.map((e) => e.action).sort()).toEqual(['create', 'update']);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
