// Stories of the daily reports (R-WO-7): repairs are walked through the API, then their
// recorded times are placed on chosen days (Asia/Shanghai) so the day boundaries can be tested.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { type Flow, idOf, runFlow } from './reports.fixtures.ts';

let env: TestEnv;
let dispatcher: Client;
let manager: Client;
let engineer: Client;
let ids: { engineer: string; engineer2: string; technician: string };
let contractJob: Flow; // 张伟, 2026-03-10 morning: resolved
let emergency: Flow; // 刘洋, 2026-03-10 afternoon: still on the way at midnight
let afterMidnight: Flow; // 张伟, 2026-03-11 00:10–00:50 Shanghai (still 03-10 in UTC)

const D = '2026-03-10';
const sh = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** Put the order's events (oldest first) at the given Shanghai times, and its record and parts with them. */
async function place(flow: Flow, day: string, times: string[], partsAt?: string) {
  const events = (await env.database.query<{ id: string }>(`select id from work_order_events where work_order_id = '${flow.workOrderId}' order by id`)).rows;
  expect(events.length).toBe(times.length);
  for (const [i, e] of events.entries()) await env.database.query(`update work_order_events set at = '${sh(day, times[i])}' where id = ${e.id}`);
  await env.database.query(
    `update work_orders w set created_at = r.received_at from service_requests r where r.id = w.request_id and w.id = '${flow.workOrderId}'`,
  );
  if (partsAt) await env.database.query(`update work_order_parts set created_at = '${sh(day, partsAt)}' where work_order_id = '${flow.workOrderId}'`);
}

async function sheets(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
}

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  manager = await env.as('manager');
  engineer = await env.as('engineer');
  ids = {
    engineer: await idOf(env, `select id from users where username = 'engineer'`),
    engineer2: await idOf(env, `select id from users where username = 'engineer2'`),
    technician: await idOf(env, `select id from users where username = 'technician'`),
  };

  // ST5020-21-0031 is under maintenance contract HT-2025-001 on 2026-03-10.
  contractJob = await runFlow(env, dispatcher, {
    serial: 'ST5020-21-0031',
    receivedAt: sh(D, '08:30'),
    lead: 'engineer',
    until: 'resolved',
    content: { phenomenon: '染色不均', cause: '泵管老化', actions: '更换泵管', testResults: '运行正常', labourMinutes: 80, travelMinutes: 50 },
    parts: [{ name: '蠕动泵管', partNo: 'PT-01', quantity: 2 }],
  });
  // events: dispatched, accepted, on_the_way, on_site, resolved
  await place(contractJob, D, ['09:00', '09:05', '09:10', '10:00', '11:30'], '11:00');

  // A ventilator down: emergency (R-REQ-3). Dispatched and on the way, never arrives that day.
  emergency = await runFlow(env, dispatcher, { serial: 'SV600-25-2201', receivedAt: sh(D, '14:00'), deviceDown: true, lead: 'engineer2', until: 'on_the_way' });
  await place(emergency, D, ['14:10', '14:15', '14:20']);
  // Its arrival clock was breached at 16:00 (the timer's breach event).
  await env.database.query(`insert into sla_events (clock_id, request_id, kind, at)
    select id, request_id, 'breach', '${sh(D, '16:20')}' from sla_clocks where request_id = '${emergency.requestId}' and kind = 'arrive'`);
  await env.database.query(`insert into sla_events (clock_id, request_id, kind, at)
    select id, request_id, 'warning', '${sh(D, '15:35')}' from sla_clocks where request_id = '${emergency.requestId}' and kind = 'arrive'`);

  afterMidnight = await runFlow(env, dispatcher, { serial: 'ST5020-25-0412', receivedAt: sh('2026-03-11', '00:05'), lead: 'engineer', until: 'resolved' });
  await place(afterMidnight, '2026-03-11', ['00:10', '00:12', '00:15', '00:30', '00:50']);
}, 90_000);
afterAll(() => env?.close());

describe('技术员工作日报表', () => {
  it('an engineer reads their own day: the orders touched, steps with times, travel and on-site time, recorded labour, parts', async () => {
    const r = await engineer.get(`/api/v1/reports/technician-daily?date=${D}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ date: D, timeZone: 'Asia/Shanghai', from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T16:00:00.000Z' });
    expect(r.data.user.name).toBe('张伟（工程师）');
    expect(r.data.orders.map((o: { number: string }) => o.number)).toEqual([contractJob.number]); // not the one after midnight
    const o = r.data.orders[0];
    expect(o).toMatchObject({
      customerName: '北京仁和医院',
      departmentName: '病理科',
      serialNumber: 'ST5020-21-0031',
      category: 'contract',
      statusAtEnd: 'resolved',
      travelMinutes: 50,
      onSiteMinutes: 90,
      resolved: true,
      recordedLabourMinutes: 80,
      recordedTravelMinutes: 50,
      parts: [{ partNo: 'PT-01', name: '蠕动泵管', quantity: '2.000' }],
    });
    expect(o.steps.map((s: { toStatus: string; own: boolean }) => [s.toStatus, s.own])).toEqual([
      ['dispatched', false],
      ['accepted', true],
      ['on_the_way', true],
      ['on_site', true],
      ['resolved', true],
    ]);
    expect(o.steps[0].at).toBe('2026-03-10T01:00:00.000Z');
    expect(r.data.totals).toMatchObject({
      orders: 1,
      steps: 4,
      travelMinutes: 50,
      onSiteMinutes: 90,
      resolved: 1,
      recordedLabourMinutes: 80,
      partLines: 1,
      byCategory: { contract: { orders: 1, minutes: 140 }, paid: { orders: 0, minutes: 0 } },
    });
  });

  it('the next Shanghai day holds the order worked just after midnight', async () => {
    const r = await manager.get(`/api/v1/reports/technician-daily?date=2026-03-11&userId=${ids.engineer}`);
    expect(r.data.orders.map((o: { number: string }) => o.number)).toEqual([afterMidnight.number]);
    expect(r.data.totals).toMatchObject({ travelMinutes: 15, onSiteMinutes: 20, resolved: 1 });
  });

  it('a manager reads anyone’s; an engineer may not read a colleague’s; bad dates and unknown people are refused in the user’s language', async () => {
    const other = await manager.get(`/api/v1/reports/technician-daily?date=${D}&userId=${ids.engineer2}`);
    expect(other.data.orders[0]).toMatchObject({ number: emergency.number, urgency: 'emergency', statusAtEnd: 'on_the_way', travelMinutes: 580 }); // 14:20 to midnight: never marked arrived;
    const idle = await dispatcher.get(`/api/v1/reports/technician-daily?date=${D}&userId=${ids.technician}`);
    expect(idle.data).toMatchObject({ orders: [], totals: { orders: 0, steps: 0 } });

    const peek = await engineer.get(`/api/v1/reports/technician-daily?date=${D}&userId=${ids.engineer2}`);
    expect(peek.statusCode).toBe(403);
    expect(peek.data.detail).toBe('只能查看本人的技术员工作日报表。');
    const feb30 = await manager.get('/api/v1/reports/technician-daily?date=2026-02-30', { 'accept-language': 'en-US' });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.data.fields[0].field).toMatch(/date$/);
    expect((await manager.get('/api/v1/reports/technician-daily')).statusCode).toBe(400);
    expect((await manager.get(`/api/v1/reports/technician-daily?date=${D}&format=pdf`)).statusCode).toBe(400);
    const nobody = await manager.get(`/api/v1/reports/technician-daily?date=${D}&userId=00000000-0000-4000-8000-000000000009`, { 'accept-language': 'en-US' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.data.fields[0].field).toBe('userId');
    expect(nobody.data.detail).toContain('user');
    const hospitalUser = await idOf(env, `select id from users where username = 'renhe'`);
    expect((await manager.get(`/api/v1/reports/technician-daily?date=${D}&userId=${hospitalUser}`)).statusCode).toBe(422);
    for (const who of ['renhe', 'executive', 'finance']) {
      expect((await (await env.as(who)).get(`/api/v1/reports/technician-daily?date=${D}`)).statusCode, who).toBe(403);
    }
  });

  it('exports to Excel with the orders, a total line and time by category', async () => {
    const r = await engineer.raw({ method: 'GET', url: `/api/v1/reports/technician-daily?date=${D}&format=xlsx` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('技术员工作日报表'));
    const [main, byCat] = await sheets(r.rawPayload);
    expect(main.name).toBe('技术员工作日报表');
    expect(main.rows[0].slice(0, 2)).toEqual(['工单号', '客户']);
    expect(main.rows[1][0]).toBe(contractJob.number);
    expect(String(main.rows[1][5])).toContain('09:05 已接单（张伟（工程师））');
    expect(main.rows[2][0]).toBe('合计：1 单');
    expect(byCat.rows.find((row) => row[0] === '合同服务')?.slice(1, 3)).toEqual([1, 140]);
    const en = await engineer.raw({ method: 'GET', url: `/api/v1/reports/technician-daily?date=${D}&format=xlsx`, headers: { 'accept-language': 'en-US' } });
    expect((await sheets(en.rawPayload))[0].rows[0][0]).toBe('Work order');
  });
});

describe('服务主任日报表', () => {
  it('per engineer totals, requests of the day, open emergencies, SLA warnings and breaches, same-day misses', async () => {
    const r = await manager.get(`/api/v1/reports/supervisor-daily?date=${D}`);
    expect(r.statusCode, r.body).toBe(200);
    const byName = Object.fromEntries(r.data.engineers.map((e: { name: string }) => [e.name, e]));
    expect(byName['张伟（工程师）']).toMatchObject({ orders: 1, resolved: 1, travelMinutes: 50, onSiteMinutes: 90, orderNumbers: [contractJob.number] });
    expect(byName['刘洋（工程师）']).toMatchObject({ orders: 1, resolved: 0, travelMinutes: 580, onSiteMinutes: 0 });
    expect(byName['陈磊（维修技师）']).toMatchObject({ orders: 0 });
    expect(byName['赵敏（技术支持专家）']).toMatchObject({ orders: 0 });
    expect(r.data.requests).toEqual({
      received: 2,
      receivedByUrgency: { emergency: 1, urgent: 0, normal: 1, low: 0 },
      receivedByCategory: expect.objectContaining({ contract: 1 }),
      dispatched: 2,
      reassigned: 0,
      resolved: 1,
    });
    expect(r.data.openEmergencies.map((o: { number: string; status: string }) => [o.number, o.status])).toEqual([[emergency.number, 'on_the_way']]);
    expect(r.data.sameDayMisses.map((o: { number: string }) => o.number)).toEqual([emergency.number]);
    expect(r.data.sla).toMatchObject({ warnings: 1, breaches: 1 });
    expect(r.data.sla.events.filter((e: { requestNumber: string }) => e.requestNumber !== emergency.number.replace('WO', 'BX'))).toEqual([]);
    expect(r.data.sla.events.map((e: { kind: string; clock: string }) => `${e.kind}/${e.clock}`)).toEqual(['warning/arrive', 'breach/arrive']);
    expect(r.data.totals).toMatchObject({ orders: 2, travelMinutes: 630, onSiteMinutes: 90 });
  });

  it('a helper dispatched with the lead has the job, the travel and the time on site in their own line (the team read from each dispatch)', async () => {
    const day = '2026-03-12';
    const team = await runFlow(env, dispatcher, {
      serial: 'ST5020-26-0588',
      receivedAt: sh(day, '08:00'),
      lead: 'engineer',
      helpers: ['technician'],
      until: 'resolved',
    });
    await place(team, day, ['08:30', '08:35', '09:00', '09:40', '11:10']);
    const r = await manager.get(`/api/v1/reports/supervisor-daily?date=${day}`);
    expect(r.statusCode, r.body).toBe(200);
    const byName = Object.fromEntries(r.data.engineers.map((e: { name: string }) => [e.name, e]));
    // Each: dispatched 08:30 (with the helper), on the way 09:00–09:40, on site 09:40–11:10, resolved.
    expect(byName['陈磊（维修技师）']).toMatchObject({ orders: 1, steps: 0, resolved: 1, travelMinutes: 40, onSiteMinutes: 90, orderNumbers: [team.number] });
    expect(byName['张伟（工程师）']).toMatchObject({ orders: 1, steps: 4, resolved: 1, travelMinutes: 40, onSiteMinutes: 90 });
    const helperDay = await manager.get(`/api/v1/reports/technician-daily?date=${day}&userId=${ids.technician}`);
    expect(
      helperDay.data.orders.map((o: { number: string; steps: { at: string; own: boolean }[] }) => [o.number, o.steps.length, o.steps.some((s) => s.own)]),
    ).toEqual([[team.number, 5, false]]);
    expect(helperDay.data.orders[0].steps[0].at).toBe(new Date(sh(day, '08:30')).toISOString());
  });

  it('the day after holds only the order after midnight; the emergency is still open', async () => {
    const r = await manager.get('/api/v1/reports/supervisor-daily?date=2026-03-11');
    expect(r.data.requests).toMatchObject({ received: 1, dispatched: 1, resolved: 1 });
    expect(r.data.openEmergencies.map((o: { number: string }) => o.number)).toEqual([emergency.number]);
    expect(r.data.sameDayMisses).toEqual([]);
  });

  it('the executive reads it and exports Excel; engineers and hospitals may not', async () => {
    const exec = await env.as('executive');
    const r = await exec.raw({ method: 'GET', url: `/api/v1/reports/supervisor-daily?date=${D}&format=xlsx` });
    expect(r.statusCode).toBe(200);
    const [byEngineer, summary, open] = await sheets(r.rawPayload);
    expect(byEngineer.name).toBe('人员汇总');
    expect(byEngineer.rows[0][0]).toBe('人员');
    expect(byEngineer.rows.slice(1).map((row) => row[0])).toContain('刘洋（工程师）');
    expect(summary.rows.find((row) => row[0] === '受理报修')?.[1]).toBe(2);
    expect(summary.rows.find((row) => row[0] === '当天未解决')?.[1]).toBe(1);
    expect(open.rows.slice(1).map((row) => row[1])).toEqual([emergency.number, emergency.number]);
    expect((await engineer.get(`/api/v1/reports/supervisor-daily?date=${D}`)).statusCode).toBe(403);
    expect((await (await env.as('renhe')).get(`/api/v1/reports/supervisor-daily?date=${D}`)).statusCode).toBe(403);
    expect((await manager.get('/api/v1/reports/supervisor-daily?date=10-03-2026')).statusCode).toBe(400);
  });
});
