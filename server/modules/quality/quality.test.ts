// Quality-tracking stories (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7): class III models are
// tracked on their own; quality flags a model unstable (who, when, why) and it is tracked too;
// the daily job creates each unit's tracking-visit line once across two runs and a recorded visit
// makes it done; on known repair history the trend reads the right faults per 100 units, repeats
// and MTBF, and the rate jump raises 质量异常 and tells quality once; hospital users have no
// access; bad input is a translated 400/422 that changes nothing; a stale version is a 409.
// The numbers are quality's settings (migration 0072): a changed minimum, trend length, default
// cadence or new-launch term is followed by the trend, the lines and the jump check.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, notified } from '../../test/service.ts';
import { checkRateJumps, generateTrackingLines } from './index.ts';

let env: TestEnv;
let quality: Client;
let engineer: Client;
let dispatcher: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';
let modelId: string;
let unitIds: string[];
let tp8000: string;

const q = async <T>(s: string) => (await env.database.query<T>(s)).rows;

beforeAll(async () => {
  env = await createTestEnv();
  [quality, engineer, dispatcher, renhe] = await Promise.all(['quality', 'engineer', 'dispatcher', 'renhe'].map((u) => env.as(u)));
  tp8000 = (await q<{ id: string }>(`select id from device_models where code = 'TP-8000'`))[0].id;
  // Known history: a class III model with ten units of 仁和 in service for 400 days.
  const today = DateTime.now().setZone(TZ);
  const since = today.minus({ days: 400 }).toISODate();
  modelId = (
    await q<{ id: string }>(
      `insert into device_models (code, name, category, regulatory_class) select 'QT-1', '质量跟踪测试型号 QT-1', category, 'III' from device_models limit 1 returning id`,
    )
  )[0].id;
  unitIds = (
    await q<{ id: string }>(
      `insert into devices (serial_number, model_id, customer_id, department_id, site_id, acceptance_date)
       select 'QT1-' || lpad(g::text, 2, '0'), '${modelId}', d.customer_id, d.department_id, d.site_id, '${since}'
         from generate_series(1, 10) g, (select * from devices where customer_id = (select customer_id from users where username = 'renhe') limit 1) d
       order by g returning id`,
    )
  ).map((r) => r.id);
});
afterAll(() => env?.close());

/** A repair request registered on the unit, then dated to the given company-local instant (the history). */
async function fault(deviceId: string, local: DateTime) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId,
    faultDescription: '报警',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  await q(`update service_requests set received_at = '${local.toISO()}' where id = '${r.data.id}'`);
}

describe('who sees quality tracking (R-REG-6)', () => {
  it('hospital users have no access; staff read', async () => {
    expect((await renhe.get('/api/v1/quality-tracking/models')).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/quality-tracking/models/${modelId}`)).statusCode).toBe(403);
    expect((await engineer.get('/api/v1/quality-tracking/models')).statusCode).toBe(200);
    const me = await engineer.get('/api/v1/auth/me');
    expect(me.data.abilities['quality.read']).toBe(true);
    expect(me.data.abilities['quality.flag']).toBe(false);
  });

  it('class III models are tracked on their own; a class I model only with scope=all', async () => {
    const list = await quality.get('/api/v1/quality-tracking/models?pageSize=200');
    expect(list.statusCode, list.body).toBe(200);
    const codes = list.data.items.map((m: { code: string }) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['CT-760', 'QT-1']));
    expect(codes).not.toContain('TP-8000');
    expect(list.data.items.find((m: { code: string }) => m.code === 'QT-1').reasons).toEqual(['class_iii']);
    const all = await quality.get('/api/v1/quality-tracking/models?scope=all&q=TP-8000');
    expect(all.data.items).toMatchObject([{ code: 'TP-8000', reasons: [], flags: null }]);
  });
});

describe('quality flags a model (R-REG-6)', () => {
  it('an engineer cannot flag; quality flags TP-8000 unstable with the reason, who and when', async () => {
    expect((await engineer.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, { version: 0, unstable: true, reason: '脱水不彻底' })).statusCode).toBe(
      403,
    );
    const r = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, { version: 0, unstable: true, reason: '连续三台脱水不彻底' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({
      reasons: ['unstable'],
      abilities: { flag: true },
      flags: { version: 1, unstable: true, unstableReason: '连续三台脱水不彻底' },
    });
    expect(r.data.flags.unstableByName).toEqual(expect.any(String));
    expect(r.data.flags.unstableSince).toEqual(expect.any(String));
    expect(await count(env, `select count(*) as n from audit_log where entity = 'model_quality_flags' and after->>'modelId' = '${tp8000}'`)).toBe(1);
  });

  it('flagging again is a 409; a stale version is a 409; nothing changes', async () => {
    const again = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, { version: 1, unstable: true, reason: '再次标记' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('quality_already_unstable');
    expect(again.data.detail).toMatch(/already flagged unstable/);
    const stale = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/interval`, { version: 0, visitEveryMonths: 6 });
    expect(stale.statusCode).toBe(409);
    expect(
      (await q<{ v: number; e: number }>(`select version as v, visit_every_months as e from model_quality_flags where model_id = '${tp8000}'`))[0],
    ).toEqual({ v: 1, e: null }); // no cadence of its own: it follows the settings' default (migration 0072)
  });

  it('bad input is translated, names the field and changes nothing', async () => {
    const empty = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, { version: 1, unstable: false, reason: '  ' }, EN);
    expect(empty.statusCode).toBe(400);
    expect(empty.data.code).toBe('validation_failed');
    expect(empty.data.fields.map((f: { field: string }) => f.field)).toContain('reason');
    const interval = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/interval`, { version: 1, visitEveryMonths: 13 });
    expect(interval.statusCode).toBe(400);
    expect(interval.data.fields.map((f: { field: string }) => f.field)).toContain('visitEveryMonths');
    const until = await quality.post(
      `/api/v1/quality-tracking/models/${tp8000}/new-launch`,
      { version: 1, launchDate: '2026-06-01', trackUntil: '2026-05-31' },
      EN,
    );
    expect(until.statusCode).toBe(422);
    expect(until.data.code).toBe('quality_until_before_launch');
    expect(until.data.fields[0]).toMatchObject({ field: 'trackUntil', code: 'invalid' });
    expect(until.data.detail).toMatch(/cannot be before the launch date/);
    const zh = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/new-launch`, { version: 1, launchDate: '2026-06-01', trackUntil: '2026-05-31' });
    expect(zh.data.detail).toMatch(/跟踪截止日期不能早于上市日期/);
    const noModel = await quality.post('/api/v1/quality-tracking/models/00000000-0000-4000-8000-000000000000/interval', { version: 0, visitEveryMonths: 6 });
    expect(noModel.statusCode).toBe(404);
    expect(
      (
        await q<{ v: number; u: boolean; l: string | null }>(
          `select version as v, unstable as u, launch_date as l from model_quality_flags where model_id = '${tp8000}'`,
        )
      )[0],
    ).toEqual({
      v: 1,
      u: true,
      l: null,
    });
  });

  it('newly launched: tracked until launch + 2 years by default; clearing unstable keeps who cleared and why', async () => {
    const r = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/new-launch`, { version: 1, launchDate: '2026-06-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.flags).toMatchObject({ version: 2, launchDate: '2026-06-01', newUntil: '2028-06-01' });
    expect(r.data.reasons).toEqual(['new_launch', 'unstable']);
    const cleared = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, {
      version: 2,
      unstable: false,
      reason: '更换供应商后连续三个月无故障',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.data.reasons).toEqual(['new_launch']);
    expect(cleared.data.flags).toMatchObject({ unstable: false, clearedReason: '更换供应商后连续三个月无故障', clearedByName: expect.any(String) });
    const twice = await quality.post(`/api/v1/quality-tracking/models/${tp8000}/unstable`, { version: 3, unstable: false, reason: '再解除' });
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('quality_not_unstable');
  });
});

describe('tracking visits (R-REG-6)', () => {
  it('the job creates one line per unit of every tracked model for the period, once across two runs', async () => {
    const first = await generateTrackingLines(env.database.db, TZ);
    expect(first).toBeGreaterThan(0);
    const tpUnits = await count(env, `select count(*) as n from devices where model_id = '${tp8000}' and status <> 'retired'`);
    expect(await count(env, `select count(*) as n from quality_visit_lines where model_id = '${tp8000}'`)).toBe(tpUnits);
    expect(await count(env, `select count(*) as n from quality_visit_lines where model_id = '${modelId}'`)).toBe(10);
    expect(await count(env, `select count(*) as n from quality_visit_lines where model_id = (select id from device_models where code = 'PM-9000')`)).toBe(0);
    expect(await generateTrackingLines(env.database.db, TZ)).toBe(0);
    expect(await count(env, 'select count(*) as n from quality_visit_lines')).toBe(first);
  });

  it('a visit recorded on the unit in the period makes its line done; the others are due', async () => {
    // An on-site arrival of a work order on unit 1 this month.
    await fault(unitIds[0], DateTime.now().setZone(TZ).startOf('month').plus({ minutes: 1 }));
    await q(
      `update work_orders set arrived_at = '${DateTime.now().setZone(TZ).startOf('month').plus({ minutes: 30 }).toISO()}' where device_id = '${unitIds[0]}'`,
    );
    const d = await quality.get(`/api/v1/quality-tracking/models/${modelId}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.data.lines).toHaveLength(10);
    expect(d.data.lines.find((l: { deviceId: string }) => l.deviceId === unitIds[0])).toMatchObject({ state: 'done', visitedAt: expect.any(String) });
    expect(d.data.plan).toEqual({ planned: 0, due: 9, done: 1, missed: 0 });
    // Clean the history for the trend story below.
    await q(`update service_requests set status = 'cancelled' where device_id = '${unitIds[0]}'`);
  });
});

describe('quality trend and the rate-jump alert (R-REG-6)', () => {
  it('faults per 100 units per month, repeats and MTBF on known data; the jump raises 质量异常 once', async () => {
    const month = DateTime.now().setZone(TZ).startOf('month');
    await fault(unitIds[0], month.minus({ months: 2 }).plus({ days: 4 }));
    await fault(unitIds[1], month.plus({ minutes: 5 }));
    await fault(unitIds[1], month.plus({ minutes: 65 })); // the same unit again within 30 days: a repeat
    await fault(unitIds[2], month.plus({ minutes: 125 }));
    const d = (await quality.get(`/api/v1/quality-tracking/models/${modelId}`)).data;
    expect(d.months).toHaveLength(12);
    expect(d.months[11]).toEqual({ month: month.toFormat('yyyy-MM'), units: 10, faults: 3, rate: 30, repeats: 1 });
    expect(d.months[9]).toMatchObject({ units: 10, faults: 1, rate: 10, repeats: 0 });
    expect(d.months[10]).toMatchObject({ units: 10, faults: 0, rate: 0 });
    expect(d).toMatchObject({ units: 10, faults: 4, repeats: 1, rate: 30, failures: 4, operatingDays: 4000, mtbfDays: 1000, alert: null });

    expect(await checkRateJumps(env.database.db, TZ)).toBeGreaterThanOrEqual(1);
    expect(await checkRateJumps(env.database.db, TZ)).toBe(0);
    const alerts = await q<{ month: string; rate: string; baseline: string; faults: number }>(
      `select month, rate, baseline, faults from quality_alerts where model_id = '${modelId}'`,
    );
    // Trailing six months: 0, 0, 0, 0, 10, 0 → mean 1.7; 30 > 2 × 1.7 with 3 faults.
    expect(alerts).toEqual([{ month: month.toFormat('yyyy-MM'), rate: '30.0', baseline: '1.7', faults: 3 }]);
    expect(await notified(env, 'quality_rate_jump', modelId)).toContain('quality');
    const inbox = await quality.get('/api/v1/notifications?limit=50');
    const notice = inbox.data.items.find((n: { kind: string }) => n.kind === 'quality_rate_jump');
    expect(notice).toMatchObject({ link: `/quality-tracking/${modelId}` });
    const after = (await quality.get(`/api/v1/quality-tracking/models/${modelId}`)).data;
    expect(after.alert).toMatchObject({ month: month.toFormat('yyyy-MM'), rate: 30, baseline: 1.7 });
    const flagged = await quality.get('/api/v1/quality-tracking/models?alert=true');
    expect(flagged.data.items.map((m: { code: string }) => m.code)).toContain('QT-1');
  });

  it('the trend table exports to Excel with a column per month', async () => {
    const r = await quality.get('/api/v1/quality-tracking/models/export?q=QT-1');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['型号', '跟踪原因', 'MTBF（天）', '质量异常']));
    expect(ws.getRow(2).getCell(2).value).toBe('质量跟踪测试型号 QT-1');
    expect((await renhe.get('/api/v1/quality-tracking/models/export')).statusCode).toBe(403);
  });
});

/** PUT /quality-tracking/settings as that user. */
const putSettings = (c: Client, body: unknown, headers?: Record<string, string>) =>
  c.raw({ method: 'PUT', url: '/api/v1/quality-tracking/settings', payload: body as never, headers });

describe('the quality numbers are settings (R-REG-6)', () => {
  const DEFAULTS = { newLaunchYears: 2, visitEveryMonths: 3, repeatWindowDays: 30, trendMonths: 12, jumpFactor: 2, jumpTrailingMonths: 6, jumpMinFaults: 3 };
  let qt2: string;
  let qt2Units: string[];

  it("everyone on the staff reads today's numbers; quality and the executive may change them, an engineer may not", async () => {
    const s = await engineer.get('/api/v1/quality-tracking/settings');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.data).toMatchObject({ version: 1, ...DEFAULTS, canEdit: false });
    expect((await quality.get('/api/v1/quality-tracking/settings')).data.canEdit).toBe(true);
    const executive = await env.as('executive');
    expect((await executive.get('/api/v1/quality-tracking/settings')).data.canEdit).toBe(true);
    expect((await renhe.get('/api/v1/quality-tracking/settings')).statusCode).toBe(403);
    expect((await putSettings(engineer, { version: 1, ...DEFAULTS, jumpMinFaults: 4 })).statusCode).toBe(403);
    expect(await count(env, 'select count(*) as n from quality_settings where version = 1 and jump_min_faults = 3')).toBe(1);
  });

  it('bad values are refused per field, translated, and change nothing; a stale version is a 409', async () => {
    const range = await putSettings(quality, { version: 1, ...DEFAULTS, trendMonths: 2, jumpFactor: 1.15, jumpMinFaults: 0 }, EN);
    expect(range.statusCode).toBe(400);
    expect(range.data.code).toBe('validation_failed');
    expect(range.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['jumpFactor', 'jumpMinFaults', 'trendMonths']);
    const trailing = await putSettings(quality, { version: 1, ...DEFAULTS, trendMonths: 6, jumpTrailingMonths: 6 }, EN);
    expect(trailing.statusCode).toBe(422);
    expect(trailing.data.code).toBe('quality_settings_trailing_too_long');
    expect(trailing.data.fields).toEqual([expect.objectContaining({ field: 'jumpTrailingMonths', code: 'invalid' })]);
    expect(trailing.data.detail).toMatch(/fewer than the months of the trend/);
    const zh = await putSettings(quality, { version: 1, ...DEFAULTS, trendMonths: 6, jumpTrailingMonths: 6 });
    expect(zh.data.detail).toMatch(/必须少于趋势月数/);
    const stale = await putSettings(quality, { version: 7, ...DEFAULTS });
    expect(stale.statusCode).toBe(409);
    expect((await quality.get('/api/v1/quality-tracking/settings')).data).toMatchObject({ version: 1, ...DEFAULTS });
    expect(await count(env, "select count(*) as n from audit_log where entity = 'quality_settings'")).toBe(0);
  });

  it('a model jumping 0 → 30 per 100 units: with at least 4 faults required it raises nothing, back at 3 (with a factor of 2.5) it raises 质量异常 naming that factor', async () => {
    qt2 = (
      await q<{ id: string }>(
        `insert into device_models (code, name, category, regulatory_class) select 'QT-2', '质量跟踪测试型号 QT-2', category, 'III' from device_models limit 1 returning id`,
      )
    )[0].id;
    const since = DateTime.now().setZone(TZ).minus({ days: 400 }).toISODate();
    qt2Units = (
      await q<{ id: string }>(
        `insert into devices (serial_number, model_id, customer_id, department_id, site_id, acceptance_date)
         select 'QT2-' || lpad(g::text, 2, '0'), '${qt2}', d.customer_id, d.department_id, d.site_id, '${since}'
           from generate_series(1, 10) g, (select * from devices where customer_id = (select customer_id from users where username = 'renhe') limit 1) d
         order by g returning id`,
      )
    ).map((r) => r.id);
    const month = DateTime.now().setZone(TZ).startOf('month');
    for (const [i, u] of qt2Units.slice(0, 3).entries()) await fault(u, month.plus({ minutes: 5 + i }));

    const up = await putSettings(quality, { version: 1, ...DEFAULTS, jumpMinFaults: 4 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.data).toMatchObject({ version: 2, jumpMinFaults: 4, canEdit: true });
    expect(await count(env, "select count(*) as n from audit_log where entity = 'quality_settings' and after->>'jumpMinFaults' = '4'")).toBe(1);
    await checkRateJumps(env.database.db, TZ);
    expect(await count(env, `select count(*) as n from quality_alerts where model_id = '${qt2}'`)).toBe(0);

    const back = await putSettings(quality, { version: 2, ...DEFAULTS, jumpFactor: 2.5 });
    expect(back.statusCode, back.body).toBe(200);
    expect(await checkRateJumps(env.database.db, TZ)).toBeGreaterThanOrEqual(1);
    expect(await count(env, `select count(*) as n from quality_alerts where model_id = '${qt2}'`)).toBe(1);
    const inbox = await quality.get('/api/v1/notifications?limit=50');
    const told = inbox.data.items.find((n: { kind: string; link: string }) => n.kind === 'quality_rate_jump' && n.link === `/quality-tracking/${qt2}`);
    expect(`${told.title} ${told.body}`).toMatch(/2\.5倍/);
  });

  it('a shorter trend, another default cadence and new-launch term are followed by the view, the lines and the flags', async () => {
    const r = await putSettings(quality, { version: 3, ...DEFAULTS, trendMonths: 6, jumpTrailingMonths: 5, visitEveryMonths: 6, newLaunchYears: 3 });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await quality.get(`/api/v1/quality-tracking/models/${qt2}`)).data;
    expect(d.months).toHaveLength(6);
    expect(d.months[5]).toMatchObject({ faults: 3, units: 10, rate: 30 });
    // QT-2 has no cadence of its own: its first lines are for the half year.
    await generateTrackingLines(env.database.db, TZ);
    const month = DateTime.now().setZone(TZ).toFormat('yyyy-MM');
    const [y, m] = month.split('-').map(Number);
    const due = `${y}-${m <= 6 ? '06' : '12'}`;
    expect(await count(env, `select count(*) as n from quality_visit_lines where model_id = '${qt2}' and due_month = '${due}'`)).toBe(10);
    const launched = await quality.post(`/api/v1/quality-tracking/models/${qt2}/new-launch`, { version: 0, launchDate: '2026-06-01' });
    expect(launched.statusCode, launched.body).toBe(200);
    expect(launched.data.flags).toMatchObject({ newUntil: '2029-06-01', visitEveryMonths: 6 });
  });
});
