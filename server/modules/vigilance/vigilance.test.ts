// Adverse-event stories (不良事件, issue 14 §2, R-REG-2; signatures R-AU-1): a complaint decided
// reportable opens its adverse event in the same transaction and the two stay linked; an event's
// reporting clock runs from the awareness date (serious injury 20 days) and warns quality and the
// executive once per level; quality decides, submits the national form signed with the password
// again (a wrong password changes nothing), files follow-ups and closes with an evaluation; the
// form prints as a Chinese PDF with the signature line, the register exports to Excel; the cluster
// watch flags the same model and fault from three hospitals once; the supplier is notified with a
// tracked reply, and an unanswered one past its day is chased once (quality and the sender);
// hospital users see nothing; bad input is a translated 400/422 that changes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAt } from '../../lib/clock.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { seedVigilanceDemo } from '../../seed/vigilance.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, count, notified } from '../../test/service.ts';
import { chaseOverdueNotices } from '../returns/index.ts';
import { sendClockWarnings, watchClusters } from './index.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let quality: Client;
let executive: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const DAY = 86_400_000;
let cluster: { modelId: string; devices: { id: string; customerId: string }[] };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, quality, executive, renhe] = await Promise.all(['dispatcher', 'engineer', 'quality', 'executive', 'renhe'].map((u) => env.as(u)));
  const rows = await env.database.query<{ id: string; customer_id: string; model_id: string }>(
    `select distinct on (d.model_id, d.customer_id) d.id, d.customer_id, d.model_id from devices d
      where d.model_id = (select model_id from devices group by model_id having count(distinct customer_id) >= 3 order by model_id limit 1)
      order by d.model_id, d.customer_id, d.serial_number`,
  );
  cluster = { modelId: rows.rows[0].model_id, devices: rows.rows.slice(0, 3).map((r) => ({ id: r.id, customerId: r.customer_id })) };
});
afterAll(() => env?.close());

const FORM = {
  reporterType: 'mah',
  reportingUnit: 'MedService 医疗器械售后服务中心',
  contactName: '李静',
  contactPhone: '010-88886666',
  registrationNumber: '国械注准20193060001',
  useSite: 'hospital',
  useProcess: '术中使用时设备报警后停止输出',
  causeAnalysis: '初步判断为电源模块故障',
  reporterName: '李静',
};

describe('a complaint decided reportable opens its adverse event (issue 14 §2)', () => {
  it('in the same transaction, once, and the two stay linked', async () => {
    const d = cluster.devices[0];
    const c = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      customerId: d.customerId,
      complainantName: '王红',
      deviceId: d.id,
      matter: '使用中设备突然断电，患者治疗中断',
      cause: 'product_quality',
      severity: 'major',
    });
    expect(c.statusCode, c.body).toBe(201);
    const decided = await quality.patch(`/api/v1/complaints/${c.data.id}`, {
      version: c.data.version,
      reportable: true,
      reportabilityReason: '可能导致严重伤害',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.data.adverseEventNumber).toMatch(/^AE-\d{4}-\d{6}$/);
    const ae = await quality.get(`/api/v1/adverse-events/${decided.data.adverseEventId}`);
    expect(ae.data).toMatchObject({
      complaintId: c.data.id,
      complaintNumber: c.data.number,
      deviceId: d.id,
      state: 'draft',
      description: '使用中设备突然断电，患者治疗中断',
    });
    expect(ae.data.reportDueAt).not.toBeNull();
    // Saving the complaint again opens no second event.
    const again = await quality.patch(`/api/v1/complaints/${c.data.id}`, { version: decided.data.version, reportabilityReason: '可能导致严重伤害（复核）' });
    expect(again.data.adverseEventId).toBe(decided.data.adverseEventId);
    expect(await count(env, `select count(*)::int as n from adverse_events where complaint_id = '${c.data.id}'`)).toBe(1);
    expect(await notified(env, 'adverse_event_created', ae.data.id)).toEqual(expect.arrayContaining(['quality', 'executive']));
  });
});

describe('from draft to closed with a running 20-day clock (R-REG-2, R-AU-1)', () => {
  let ae: { id: string; version: number; awareAt: string; reportDueAt: string };
  const aware = new Date(Date.now() - 5 * DAY);

  it('an engineer records a serious injury learned of 5 days ago: the clock runs 20 days from then', async () => {
    const r = await engineer.post('/api/v1/adverse-events', {
      deviceId: cluster.devices[1].id,
      eventDate: aware.toISOString().slice(0, 10),
      awareAt: aware.toISOString(),
      patientImpact: 'serious_injury',
      description: '输出能量异常导致患者皮肤灼伤',
      deviceProblem: '输出能量异常',
    });
    expect(r.statusCode, r.body).toBe(201);
    ae = r.data;
    expect(new Date(r.data.reportDueAt).getTime()).toBe(aware.getTime() + 20 * DAY);
    expect(r.data.clock.state).toBe('running');
    expect(r.data.abilities).toMatchObject({ edit: true, decide: false, submit: false });
    expect(r.data.reportForm.serialNumber).toBeTruthy();
  });

  it('the clock warning job warns quality and the executive once per level', async () => {
    const halfway = new Date(aware.getTime() + 11 * DAY);
    expect(await sendClockWarnings(env.database.db, halfway)).toBeGreaterThanOrEqual(1);
    expect(await sendClockWarnings(env.database.db, halfway)).toBe(0);
    expect((await notified(env, 'adverse_event_clock', ae.id)).sort()).toEqual(expect.arrayContaining(['executive', 'quality']));
    expect(await count(env, `select count(*)::int as n from adverse_event_warnings where adverse_event_id = '${ae.id}'`)).toBe(1);
    const breached = new Date(aware.getTime() + 21 * DAY);
    await sendClockWarnings(env.database.db, breached);
    await sendClockWarnings(env.database.db, breached);
    expect(await count(env, `select count(*)::int as n from adverse_event_warnings where adverse_event_id = '${ae.id}'`)).toBe(3);
  });

  it('submission is refused before the decision, with a wrong password, or an incomplete form — nothing changes', async () => {
    const early = await quality.post(
      `/api/v1/adverse-events/${ae.id}/submit`,
      { version: ae.version, reportNumber: 'R-1', reportedOn: '2026-03-01', password: DEMO_PASSWORD },
      EN,
    );
    expect(early.statusCode).toBe(422);
    expect(early.data.code).toBe('ae_not_decided');
    const decided = await quality.post(`/api/v1/adverse-events/${ae.id}/decide`, { version: ae.version, reportable: true, reason: '导致严重伤害' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.data.abilities.submit).toBe(true);
    const wrong = await quality.post(
      `/api/v1/adverse-events/${ae.id}/submit`,
      { version: decided.data.version, reportNumber: 'R-1', reportedOn: '2026-03-01', password: 'nope' },
      EN,
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.data.code).toBe('signature_password_invalid');
    expect(wrong.data.fields[0].field).toBe('password');
    const incomplete = await quality.post(
      `/api/v1/adverse-events/${ae.id}/submit`,
      { version: decided.data.version, reportNumber: 'R-1', reportedOn: '2026-03-01', password: DEMO_PASSWORD },
      EN,
    );
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.data.code).toBe('ae_form_incomplete');
    expect(incomplete.data.detail).toContain('Registration certificate no.');
    expect(incomplete.data.fields.map((f: { field: string }) => f.field)).toContain('reportForm.registrationNumber');
    const after = await quality.get(`/api/v1/adverse-events/${ae.id}`);
    expect(after.data).toMatchObject({ state: 'draft', version: decided.data.version, reportNumber: null, submittedAt: null });
    expect(await count(env, `select count(*)::int as n from e_signatures where entity_id = '${ae.id}'`)).toBe(0);
    ae = after.data;
  });

  it('quality fills the form and submits it signed: reported, the initial report filed, the clock met', async () => {
    const filled = await quality.patch(`/api/v1/adverse-events/${ae.id}`, { version: ae.version, reportForm: FORM, actionsTaken: '设备停用，更换电源模块' });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.data.missingFormFields).toEqual([]);
    const r = await quality.post(`/api/v1/adverse-events/${ae.id}/submit`, {
      version: filled.data.version,
      reportNumber: 'QX-2026-0001',
      reportedOn: businessDate(),
      password: DEMO_PASSWORD,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ state: 'reported', reportNumber: 'QX-2026-0001', submittedByName: expect.any(String), clock: { state: 'met' } });
    expect(r.data.reports).toHaveLength(1);
    expect(r.data.reports[0].kind).toBe('initial');
    expect(r.data.signatures).toHaveLength(1);
    expect(r.data.signatures[0].line).toContain('不良事件报告');
    ae = r.data;
  });

  it('follow-up and final reports, then closed with the evaluation', async () => {
    const bad = await quality.post(
      `/api/v1/adverse-events/${ae.id}/follow-ups`,
      { version: ae.version, kind: 'interim', reportDate: '2026-13-01', content: '' },
      EN,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['kind', 'reportDate', 'content']));
    const today = businessDate();
    const f = await quality.post(`/api/v1/adverse-events/${ae.id}/follow-ups`, {
      version: ae.version,
      kind: 'follow_up',
      reportDate: today,
      content: '厂家分析确认电源模块批次缺陷',
    });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.data.state).toBe('follow_up');
    const fin = await quality.post(`/api/v1/adverse-events/${ae.id}/follow-ups`, {
      version: f.data.version,
      kind: 'final',
      reportDate: today,
      reportNumber: 'QX-2026-0001-F',
      content: '已召回同批次电源模块',
    });
    expect(fin.data.reports.map((x: { kind: string }) => x.kind)).toEqual(['initial', 'follow_up', 'final']);
    const engineerClose = await engineer.post(`/api/v1/adverse-events/${ae.id}/close`, { version: fin.data.version, evaluation: 'x' });
    expect(engineerClose.statusCode).toBe(403);
    const closed = await quality.post(`/api/v1/adverse-events/${ae.id}/close`, { version: fin.data.version, evaluation: '原因明确，措施有效，关闭' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.data).toMatchObject({ state: 'closed', evaluation: '原因明确，措施有效，关闭' });
    const again = await quality.patch(`/api/v1/adverse-events/${ae.id}`, { version: closed.data.version, description: '改' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('ae_closed');
    ae = closed.data;
  });

  it('the report prints as a PDF with the signature; the register exports to Excel', async () => {
    const pdf = await executive.get(`/api/v1/adverse-events/${ae.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const x = await executive.get('/api/v1/adverse-events/export');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['事件编号', '报告时限', '报告编号']));
    expect(ws.rowCount).toBeGreaterThanOrEqual(2);
    const numbers: string[] = [];
    ws.eachRow((row) => numbers.push(String(row.getCell(1).value)));
    expect(numbers).toContain((await quality.get(`/api/v1/adverse-events/${ae.id}`)).data.number);
  });
});

describe('access and bad input', () => {
  it('hospital users see no adverse events; the executive reads but cannot decide', async () => {
    expect((await renhe.get('/api/v1/adverse-events')).statusCode).toBe(403);
    const any = (await quality.get('/api/v1/adverse-events')).data.items[0];
    expect((await renhe.get(`/api/v1/adverse-events/${any.id}`)).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/adverse-events/${any.id}/report.pdf`)).statusCode).toBe(403);
    expect((await executive.get(`/api/v1/adverse-events/${any.id}`)).statusCode).toBe(200);
    expect((await executive.post(`/api/v1/adverse-events/${any.id}/decide`, { version: any.version, reportable: false, reason: 'x' })).statusCode).toBe(403);
    expect((await quality.get('/api/v1/adverse-events/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('bad input is a translated 400/422 naming the field, and changes nothing', async () => {
    const before = await count(env, 'select count(*)::int as n from adverse_events');
    const r = await engineer.post(
      '/api/v1/adverse-events',
      { deviceId: cluster.devices[0].id, eventDate: '2026-02-30', awareAt: 'yesterday', patientImpact: 'bad', description: ' ' },
      EN,
    );
    expect(r.statusCode).toBe(400);
    expect(r.data.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['eventDate', 'awareAt', 'patientImpact', 'description']));
    const form = await engineer.post(
      '/api/v1/adverse-events',
      {
        deviceId: cluster.devices[0].id,
        eventDate: '2026-03-01',
        awareAt: '2026-03-01T08:00:00+08:00',
        patientImpact: 'none',
        description: 'x',
        reportForm: { useSite: 'moon' },
      },
      EN,
    );
    expect(form.statusCode).toBe(400);
    const unknown = await engineer.post(
      '/api/v1/adverse-events',
      {
        deviceId: '00000000-0000-4000-8000-000000000000',
        eventDate: '2026-03-01',
        awareAt: '2026-03-01T08:00:00+08:00',
        patientImpact: 'none',
        description: 'x',
      },
      EN,
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'not_found' });
    const zh = await engineer.post('/api/v1/adverse-events', {
      eventDate: '2026-03-01',
      awareAt: '2026-03-01T08:00:00+08:00',
      patientImpact: 'none',
      description: 'x',
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.data.fields[0].field).toBe('customerId');
    expect(await count(env, 'select count(*)::int as n from adverse_events')).toBe(before);
  });
});

describe('cluster watch, settings and supplier notices', () => {
  it('the same model and fault from three hospitals within 30 days flags a possible group event once', async () => {
    const now = new Date();
    for (const [i, d] of cluster.devices.entries()) {
      const r = await engineer.post('/api/v1/adverse-events', {
        deviceId: d.id,
        eventDate: now.toISOString().slice(0, 10),
        awareAt: new Date(now.getTime() - i * 3600_000).toISOString(),
        patientImpact: 'none',
        description: `报警后停机 ${i}`,
        deviceProblem: i === 0 ? '主板 过热！' : '主板过热',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect(await watchClusters(env.database.db, now)).toBe(1);
    expect(await watchClusters(env.database.db, now)).toBe(0);
    const flags = await quality.get('/api/v1/adverse-event-clusters?state=open');
    const flag = flags.data.items.find((c: { modelId: string }) => c.modelId === cluster.modelId);
    expect(flag).toMatchObject({ customerCount: 3, state: 'open' });
    expect(flag.events).toHaveLength(3);
    expect(await notified(env, 'adverse_event_cluster', flag.id)).toEqual(['quality']);
    const reviewed = await quality.post(`/api/v1/adverse-event-clusters/${flag.id}/review`, { version: flag.version, note: '已确认为群体事件，启动召回评估' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((await quality.post(`/api/v1/adverse-event-clusters/${flag.id}/review`, { version: reviewed.data.version, note: 'x' })).statusCode).toBe(409);
  });

  it('changing the clocks moves every deadline not yet met; bad settings are refused', async () => {
    const s = await quality.get('/api/v1/adverse-event-settings');
    expect(s.data).toMatchObject({ deathDays: 7, seriousInjuryDays: 20, groupEventHours: 12, clusterMinCustomers: 3, clusterWindowDays: 30, canEdit: true });
    const r = await engineer.post('/api/v1/adverse-events', {
      deviceId: cluster.devices[2].id,
      eventDate: '2026-03-01',
      awareAt: '2026-03-01T08:00:00+08:00',
      patientImpact: 'death',
      description: '患者死亡，怀疑与设备有关',
    });
    expect(new Date(r.data.reportDueAt).toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect((await engineer.patch('/api/v1/adverse-event-settings', { ...s.data, canEdit: undefined })).statusCode).toBe(403);
    const bad = await quality.patch(
      '/api/v1/adverse-event-settings',
      { version: s.data.version, deathDays: 0, seriousInjuryDays: 20, otherDays: 30, groupEventHours: 12, clusterMinCustomers: 3, clusterWindowDays: 30 },
      EN,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields[0].field).toBe('deathDays');
    const ok = await quality.patch('/api/v1/adverse-event-settings', {
      version: s.data.version,
      deathDays: 5,
      seriousInjuryDays: 20,
      otherDays: 30,
      groupEventHours: 12,
      clusterMinCustomers: 3,
      clusterWindowDays: 30,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await quality.get(`/api/v1/adverse-events/${r.data.id}`)).data.reportDueAt).toBe('2026-03-06T00:00:00.000Z');
  });

  it('quality notifies the manufacturer and records the reply; an unanswered notice past its date is overdue', async () => {
    const ev = (await quality.get('/api/v1/adverse-events?state=draft')).data.items[0];
    const today = businessDate();
    const past = await quality.post(
      `/api/v1/adverse-events/${ev.id}/notices`,
      { version: ev.version, recipient: '厂家质量部', content: '请分析', replyDue: '2020-01-01' },
      EN,
    );
    expect(past.statusCode).toBe(422);
    expect(past.data.fields[0].field).toBe('replyDue');
    const n = await quality.post(`/api/v1/adverse-events/${ev.id}/notices`, {
      version: ev.version,
      recipient: '厂家质量部',
      content: '请分析故障原因并回复',
      replyDue: today,
    });
    expect(n.statusCode, n.body).toBe(200);
    expect(n.data.notices).toHaveLength(1);
    expect(n.data.notices[0]).toMatchObject({ recipient: '厂家质量部', overdue: false, repliedOn: null });
    await env.database.query(`update supplier_notices set reply_due_on = '2020-01-01' where id = '${n.data.notices[0].id}'`);
    const late = await quality.get(`/api/v1/adverse-events/${ev.id}`);
    expect(late.data.notices[0].overdue).toBe(true);
    const reply = await quality.post(`/api/v1/adverse-events/${ev.id}/notices/${n.data.notices[0].id}/reply`, {
      version: 1,
      replyText: '已确认批次问题',
      repliedOn: today,
    });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.data.notices[0]).toMatchObject({ replyText: '已确认批次问题', overdue: false });
  });
});

describe('经营办法§38: an unanswered notice past its reply day is chased once', () => {
  it('the daily job tells quality and the sender once, across concurrent and repeated sweeps; one still due waits for the day after its day', async () => {
    const ev = (await quality.get('/api/v1/adverse-events?state=draft')).data.items[0];
    const today = businessDate();
    let version = ev.version;
    const send = async (recipient: string) => {
      const r = await quality.post(`/api/v1/adverse-events/${ev.id}/notices`, { version, recipient, content: '请分析故障原因并回复', replyDue: today });
      expect(r.statusCode, r.body).toBe(200);
      version = r.data.version;
      return r.data.notices.find((n: { recipient: string }) => n.recipient === recipient) as { id: string };
    };
    const late = await send('生产企业甲');
    const stillDue = await send('生产企业乙');
    expect(
      await count(
        env,
        `select count(*) n from supplier_notices where id = '${late.id}' and subject = 'adverse_event' and subject_id = '${ev.id}' and sent_by = (select id from users where username = 'quality')`,
      ),
    ).toBe(1);
    await env.database.query(`update supplier_notices set reply_due_on = '2026-01-10' where id = '${late.id}'`);
    // An old notice without a sender (sent before migration 0072, as 0073 carried it over) is chased too: quality is told.
    await env.database.query(
      `insert into supplier_notices (subject, subject_id, manufacturer, recipient_name, sent_on, sent_at, channel, content, reply_due_on, sent_by_name)
       values ('adverse_event', '${ev.id}', '生产企业丙', '生产企业丙', '2026-01-01', '2026-01-01T02:00:00Z', 'other', '请回复', '2026-01-08', '旧记录')`,
    );
    const old = (await env.database.query<{ id: string }>(`select id from supplier_notices where recipient_name = '生产企业丙'`)).rows[0];

    const [a, b] = await Promise.all([
      chaseOverdueNotices(env.database.db, 'Asia/Shanghai', new Date()),
      chaseOverdueNotices(env.database.db, 'Asia/Shanghai', new Date()),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    expect(await chaseOverdueNotices(env.database.db, 'Asia/Shanghai', new Date())).toBe(0);
    const told = await env.database.query<{ username: string; recipient: string }>(
      `select u.username, n.params->>'recipient' as recipient from notifications n join users u on u.id = n.user_id
        where n.kind = 'ae_notice_overdue' and n.ref_id = '${ev.id}' order by n.params->>'recipient' collate "C", 1`,
    );
    expect(told.rows).toEqual([
      { username: 'quality', recipient: '生产企业丙' },
      { username: 'quality', recipient: '生产企业甲' },
    ]);
    expect(await count(env, `select count(*) n from supplier_notices where overdue_notified_at is not null and id in ('${late.id}', '${old.id}')`)).toBe(2);
    expect(await count(env, `select count(*) n from supplier_notices where overdue_notified_at is not null and id = '${stillDue.id}'`)).toBe(0);
    // A day later the notice due today has passed its day: it alone is chased.
    expect(await chaseOverdueNotices(env.database.db, 'Asia/Shanghai', new Date(Date.now() + 86_400_000))).toBe(1);
    expect(await count(env, `select count(*) n from supplier_notices where overdue_notified_at is not null and id = '${stillDue.id}'`)).toBe(1);
    const inbox = await quality.get('/api/v1/notifications?limit=50', EN);
    const mine = inbox.data.items.find((n: { kind: string; body: string }) => n.kind === 'ae_notice_overdue' && n.body.includes('生产企业甲'));
    expect(mine).toMatchObject({ link: `/adverse-events/${ev.id}` });
    expect(mine.body).toMatch(/was due a reply by 2026-01-10/);
  });
});

describe('demo data', () => {
  it('a serious injury learned of 5 days ago runs its 20-day clock; a second event is reported, signed and closed', async () => {
    const now = new Date();
    await seedVigilanceDemo(env.database.db, now);
    const list = await quality.get('/api/v1/adverse-events?q=潮气量&pageSize=5');
    expect(list.data.items[0]).toMatchObject({ state: 'draft', patientImpact: 'serious_injury', clock: { state: 'running' } });
    expect(Math.round(list.data.items[0].clock.remainingMs / DAY)).toBe(15);
    const closed = await quality.get('/api/v1/adverse-events?q=无创血压&state=closed');
    const detail = await quality.get(`/api/v1/adverse-events/${closed.data.items[0].id}`);
    expect(detail.data).toMatchObject({ state: 'closed', reportNumber: 'JC-2026-000318', clock: { state: 'met' } });
    expect(detail.data.reports.map((r: { kind: string }) => r.kind)).toEqual(['initial', 'final']);
    expect(detail.data.signatures).toHaveLength(1);
  });
});

describe("the company's own calendar day (TZ_COMPANY), not a fixed zone's", () => {
  // 20:00 UTC on 10 March: already 11 March in Shanghai, still 10 March in London.
  const evening = new Date('2026-03-10T20:00:00Z');

  it('a company in London: the complaint turned adverse event is dated 10 March, and a reply due 10 March is not in the past', async () => {
    const london = await createTestEnv({ timeZone: 'Europe/London' });
    try {
      const [desk, qa] = await Promise.all(['dispatcher', 'quality'].map((u) => london.as(u)));
      const d = cluster.devices[0];
      const c = await runAt(evening, () =>
        desk.post('/api/v1/complaints', {
          channel: 'hotline',
          customerId: d.customerId,
          complainantName: '王红',
          deviceId: d.id,
          matter: '设备冒烟',
          receivedAt: evening.toISOString(),
          severity: 'major',
        }),
      );
      expect(c.statusCode, c.body).toBe(201);
      const decided = await runAt(evening, () =>
        qa.patch(`/api/v1/complaints/${c.data.id}`, { version: c.data.version, reportable: true, reportabilityReason: '可能导致严重伤害' }),
      );
      expect(decided.statusCode, decided.body).toBe(200);
      const ae = await qa.get(`/api/v1/adverse-events/${decided.data.adverseEventId}`);
      expect(ae.data.eventDate).toBe('2026-03-10');
      const n = await runAt(evening, () =>
        qa.post(`/api/v1/adverse-events/${ae.data.id}/notices`, {
          version: ae.data.version,
          recipient: '厂家质量部',
          content: '请分析',
          replyDue: '2026-03-10',
        }),
      );
      expect(n.statusCode, n.body).toBe(200);
      const past = await runAt(evening, () =>
        qa.post(
          `/api/v1/adverse-events/${ae.data.id}/notices`,
          { version: n.data.version, recipient: '厂家质量部', content: '请分析', replyDue: '2026-03-09' },
          EN,
        ),
      );
      expect(past.statusCode).toBe(422);
      expect(past.data.fields[0]).toMatchObject({ field: 'replyDue' });
    } finally {
      await london.close();
    }
  }, 120_000); // A second test database.
});
