// Stories of the same-day rule (SPEC R-WO-6, seed 002 part 1) at fixed instants: a job taken
// on a working day and not solved by that day's close of business is flagged by the sweep and
// reported to the sales director; the lead writes a reason and a promised date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../jobs/sweeps.ts';
import type { Principal } from '../../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, iso, notified, one, principal } from '../../test/service.ts';
import { dispatch, transition } from './index.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let p: Record<'dispatcher' | 'engineer', Principal>;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer] = await Promise.all(['dispatcher', 'engineer'].map((u) => env.as(u)));
  p = { dispatcher: await principal(env, 'dispatcher'), engineer: await principal(env, 'engineer') };
});
afterAll(() => env?.close());

const db = () => env.database.db;
const woVersion = async (id: string) => (await one<{ version: number }>(env, `select version from work_orders where id = '${id}'`)).version;

/** Registered at `received`, dispatched to the engineer and accepted at `accepted` (Shanghai wall-clock). */
async function taken(serial: string, received: string, accepted: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '报错停机',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    receivedAt: iso(received),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatch(db(), p.dispatcher, id, { version: await woVersion(id), leadEngineerId: p.engineer.id, helperIds: [] }, at(received));
  await transition(db(), p.engineer, id, { version: await woVersion(id), to: 'accepted' }, at(accepted));
  return id;
}
const sameDay = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data.sameDay;
const daysFromToday = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

describe('the same-day rule (R-WO-6)', () => {
  let missed: string;
  let solved: string;
  let evening: string;

  beforeAll(async () => {
    missed = await taken('ST5020-21-0031', '2026-11-17 09:00', '2026-11-17 09:30');
    solved = await taken('TP8000-24-0107', '2026-11-17 09:00', '2026-11-17 09:40');
    evening = await taken('PM9000-26-0301', '2026-11-17 18:30', '2026-11-17 19:00');
    await transition(db(), p.engineer, solved, { version: await woVersion(solved), to: 'on_site' }, at('2026-11-17 11:00'));
    await transition(db(), p.engineer, solved, { version: await woVersion(solved), to: 'resolved' }, at('2026-11-17 16:00'));
  });

  it('a job taken in the morning is not flagged before close of business', async () => {
    expect((await sweep(db(), at('2026-11-17 17:29'))).sameDayMissed).toBe(0);
    expect(await sameDay(missed)).toBeNull();
  });

  it('still unsolved at close of business: flagged once, the sales director, the lead and the owner are told', async () => {
    const r = await sweep(db(), at('2026-11-17 17:30'));
    expect(r.sameDayMissed).toBe(1);
    await sweep(db(), at('2026-11-17 17:31'));
    await Promise.all([sweep(db(), at('2026-11-17 18:00')), sweep(db(), at('2026-11-17 18:00'))]);
    expect(await sameDay(missed)).toEqual({
      acceptedAt: iso('2026-11-17 09:30'),
      dueAt: iso('2026-11-17 17:30'),
      missedAt: iso('2026-11-17 17:30'),
      reasonRequired: true,
      reason: null,
      promisedDate: null,
      reasonAt: null,
      reasonByName: null,
    });
    expect(await notified(env, 'same_day_missed', missed)).toEqual(['dispatcher', 'engineer', 'sales']);
    const sales = await env.as('sales');
    const inbox = await sales.get('/api/v1/notifications', EN);
    expect(inbox.data.items[0]).toMatchObject({ kind: 'same_day_missed', refId: missed });
    expect(inbox.data.items[0].title).toMatch(/^Not solved the same day: WO-2026-\d{6}$/);
  });

  it('a job solved the same day is not flagged; one taken after hours is due at the next close of business', async () => {
    expect(await sameDay(solved)).toBeNull();
    expect(await sameDay(evening)).toBeNull();
    await sweep(db(), at('2026-11-18 17:29'));
    expect(await sameDay(evening)).toBeNull();
    await sweep(db(), at('2026-11-18 17:30'));
    expect(await sameDay(evening)).toMatchObject({ dueAt: iso('2026-11-18 17:30'), reasonRequired: true });
  });

  it('the reason needs text and a date not in the past; only someone on the job or customer service may give it', async () => {
    const url = `/api/v1/work-orders/${missed}/delay-reason`;
    expect((await engineer.post(url, { reason: '  ', promisedDate: daysFromToday(2) })).statusCode).toBe(400);
    expect((await engineer.post(url, { reason: '等待配件', promisedDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await engineer.post(url, { reason: '等待配件' })).statusCode).toBe(400);
    const past = await engineer.post(url, { reason: '等待配件', promisedDate: '2026-11-01' }, EN);
    expect(past.statusCode).toBe(422);
    expect(past.data).toMatchObject({ code: 'promised_date_past', fields: [expect.objectContaining({ field: 'promisedDate' })] });
    expect((await (await env.as('engineer2')).post(url, { reason: '等待配件', promisedDate: daysFromToday(2) })).statusCode).toBe(403);
    expect((await (await env.as('renhe')).post(url, { reason: '等待配件', promisedDate: daysFromToday(2) })).statusCode).toBe(403);
    const notMissed = await engineer.post(`/api/v1/work-orders/${solved}/delay-reason`, { reason: 'x', promisedDate: daysFromToday(2) }, EN);
    expect(notMissed.statusCode).toBe(409);
    expect(notMissed.data.code).toBe('delay_reason_not_needed');
    expect((await sameDay(missed)).reasonRequired).toBe(true);
  });

  it('the lead writes the reason and the promised date; the sales director is told; a later revision is kept in the trail', async () => {
    const promised = daysFromToday(2);
    const r = await engineer.post(`/api/v1/work-orders/${missed}/delay-reason`, { reason: '主板需从上海调货，明日到货', promisedDate: promised });
    expect(r.statusCode).toBe(200);
    expect(r.data.sameDay).toMatchObject({
      reasonRequired: false,
      reason: '主板需从上海调货，明日到货',
      promisedDate: promised,
      reasonByName: '张伟（工程师）',
    });
    expect(await notified(env, 'delay_reason_recorded', missed)).toEqual(['sales']);
    const sales = await env.as('sales');
    const inbox = await sales.get('/api/v1/notifications');
    expect(inbox.data.items[0].body).toBe(`张伟（工程师）：主板需从上海调货，明日到货；承诺 ${promised} 前解决。`);

    const later = daysFromToday(5);
    const revised = await dispatcher.post(`/api/v1/work-orders/${missed}/delay-reason`, { reason: '配件延迟到货', promisedDate: later });
    expect(revised.statusCode).toBe(200);
    expect(revised.data.sameDay).toMatchObject({ reason: '配件延迟到货', promisedDate: later });
    expect(await count(env, `select count(*)::int as n from audit_log where entity = 'work_order_same_day'`)).toBe(4); // 2 flags + 2 reasons
    const admin = await env.as('admin');
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});

describe('the same-day misses report for the sales director (R-WO-6)', () => {
  const url = '/api/v1/work-orders/same-day-misses';

  it('lists the jobs that missed their close of business between two local dates, with reason and promised date', async () => {
    const sales = await env.as('sales');
    const r = await sales.get(`${url}?from=2026-11-17&to=2026-11-18`);
    expect(r.statusCode).toBe(200);
    expect(r.data.items).toHaveLength(2);
    const [first, second] = r.data.items;
    expect(first).toMatchObject({
      dueAt: iso('2026-11-17 17:30'),
      acceptedAt: iso('2026-11-17 09:30'),
      reason: '配件延迟到货',
      reasonByName: expect.any(String),
      serialNumber: 'ST5020-21-0031',
      leadName: '张伟（工程师）',
      status: 'accepted',
    });
    expect(first.promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(second).toMatchObject({ dueAt: iso('2026-11-18 17:30'), reason: null, promisedDate: null, serialNumber: 'PM9000-26-0301' });
    expect((await sales.get(`${url}?from=2026-11-18&to=2026-11-18`)).data.items).toHaveLength(1);
    expect((await sales.get(`${url}?from=2026-11-17&to=2026-11-18&unexplained=true`)).data.items.map((i: { serialNumber: string }) => i.serialNumber)).toEqual([
      'PM9000-26-0301',
    ]);
    expect((await sales.get(`${url}?from=2026-11-19&to=2026-11-30`)).data.items).toEqual([]);
  });

  it('the service manager may read it; engineers and hospitals may not; bad dates are refused', async () => {
    expect((await (await env.as('manager')).get(`${url}?from=2026-11-17&to=2026-11-18`)).statusCode).toBe(200);
    expect((await engineer.get(`${url}?from=2026-11-17&to=2026-11-18`)).statusCode).toBe(403);
    expect((await (await env.as('renhe')).get(`${url}?from=2026-11-17&to=2026-11-18`)).statusCode).toBe(403);
    const sales = await env.as('sales');
    expect((await sales.get(`${url}?from=2026-11-17`)).statusCode).toBe(400);
    expect((await sales.get(`${url}?from=2026-02-30&to=2026-03-01`)).statusCode).toBe(400);
    const reversed = await sales.get(`${url}?from=2026-11-18&to=2026-11-17`, EN);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.fields[0].field).toBe('to');
  });

  it('exports the same rows as an Excel file, headed in the reader’s language', async () => {
    const sales = await env.as('sales');
    const r = await sales.get(`${url}/export?from=2026-11-17&to=2026-11-18`);
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('未解决原因');
    expect(header).toContain('承诺完成日期');
    expect(ws.rowCount).toBe(3);
    const cells = (ws.getRow(2).values as unknown[]).map(String);
    expect(cells).toContain('配件延迟到货');
    expect((await engineer.get(`${url}/export?from=2026-11-17&to=2026-11-18`)).statusCode).toBe(403);
  });
});
