// Service handbook stories (售后服务手册, issue 15 §5, R-KB-1; seed 002 每月底; 办法§17): suggestions
// by model + Chinese fault text reach the right entry (recall@3 measured on the demo handbook);
// a draft written from a reviewed work order goes to review and is published by an expert —
// never by its author — then revised as version 2 (both readable, diff-able) and listed in the
// month's what's new; the month-end digest tells engineers once; bad input changes nothing;
// hospital users download only the model documents offered for the models they own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHandbookDemo } from '../../seed/handbook.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one } from '../../test/service.ts';
import { sendMonthlyDigest } from './index.ts';

let env: TestEnv;
let engineer: Client;
let expert: Client;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const models = new Map<string, string>();

beforeAll(async () => {
  env = await createTestEnv();
  await seedHandbookDemo(env.database.db);
  [engineer, expert, dispatcher, renhe, ruikang] = await Promise.all(['engineer', 'expert', 'dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)));
  const rows = await env.database.query<{ id: string; code: string }>('select id, code from device_models');
  for (const r of rows.rows) models.set(r.code, r.id);
}, 300_000);
afterAll(() => env?.close());

// Fault descriptions as a caller or an engineer would type them, and the entry that solves each.
const QUERIES: [string, string, string][] = [
  ['ST-5020', '染色机染色偏浅，泵有异响', '染色机试剂泵报警，试剂加注不足'],
  ['ST-5020', '试剂加满了还是提示缺液', '试剂液位误报缺液'],
  ['ST-5020', '烘干温度太高把玻片烤焦了', '烘干温度过高报警，玻片烤焦'],
  ['ST-5020', '机械臂抓不到玻片架，报定位失败', '机械臂抓取玻片架失败'],
  ['TP-8000', '脱水机抽不了真空，试剂吸不进去', '脱水机反应缸抽真空失败'],
  ['TP-8000', '换试剂时程序中断，旋转阀咔哒响', '旋转阀换位超时，程序中断'],
  ['TP-8000', '石蜡化不开', '石蜡不熔化，浸蜡温度低'],
  ['MT-2255', '切出来的片子厚薄不均有条纹', '切片机刀架松动，切片厚薄不均'],
  ['CT-760', '扫描时打火，图像有条状伪影', 'CT 扫描中球管打火，图像出现伪影'],
  ['CT-760', '机器过热锁定不能扫描', 'CT 机架过热，扫描被锁定'],
  ['CT-760', '图像上有一圈一圈的环', 'CT 图像环状伪影，探测器通道丢失'],
  ['SV-600', '呼吸机氧浓度偏低报警', '呼吸机氧浓度报警，实测值偏低'],
  ['SV-600', '潮气量不够，提示漏气', '呼吸机潮气量不足，呼气阀漏气报警'],
  ['PM-9000', '血氧没有波形，数值乱跳', '监护仪血氧无波形或读数跳变'],
  ['PM-9000', '拔了电源就关机，电池不充电', '监护仪电池不充电，断电后立即关机'],
  ['PM-9000', '血压测不出来，袖带一直重复充气', '无创血压测不出，袖带充气后反复重测'],
  ['SV-600', 'V-40', '呼吸机涡轮风机噪音大并报警'],
];

describe('suggestions by model + fault text (R-KB-1)', () => {
  it('finds the solving entry in the top three for realistic Chinese fault descriptions: recall@3 ≥ 0.9', async () => {
    let hits = 0;
    const misses: string[] = [];
    for (const [model, q, expected] of QUERIES) {
      const res = await dispatcher.get(`/api/v1/handbook/suggest?modelId=${models.get(model)}&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      const titles = (res.data.items as { title: string }[]).slice(0, 3).map((s) => s.title);
      if (titles.includes(expected)) hits++;
      else misses.push(`${q} → ${titles.join(' | ')}`);
    }
    const recall = hits / QUERIES.length;
    console.log(`handbook suggestion recall@3 = ${hits}/${QUERIES.length} = ${recall.toFixed(3)}${misses.length ? `; misses: ${misses.join('; ')}` : ''}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('suggests only the model’s (or its category’s) entries, never entries in review; no model searches all', async () => {
    const pm = await dispatcher.get(`/api/v1/handbook/suggest?modelId=${models.get('PM-9000')}&q=${encodeURIComponent('屏幕黑屏无显示')}`);
    expect(pm.data.items.map((s: { title: string }) => s.title)).not.toContain('监护仪屏幕无显示但指示灯亮');
    const any = await dispatcher.get(`/api/v1/handbook/suggest?q=${encodeURIComponent('球管打火')}`);
    expect(any.data.items[0].title).toBe('CT 扫描中球管打火，图像出现伪影');
    const bad = await dispatcher.get('/api/v1/handbook/suggest?q=');
    expect(bad.statusCode).toBe(400);
    expect((await renhe.get(`/api/v1/handbook/suggest?q=${encodeURIComponent('血氧')}`)).statusCode).toBe(403);
  });
});

describe('from a reviewed work order to a published entry, version 2 and what’s new (R-KB-1)', () => {
  let woId: string;
  let entry: { id: string; version: number };

  beforeAll(async () => {
    const unit = await one<{ id: string }>(env, `select id from devices where serial_number = 'ST5020-21-0031'`);
    const req = await dispatcher.post('/api/v1/requests', {
      deviceId: unit.id,
      faultDescription: '染色机加热后玻片烤焦',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(req.statusCode, req.body).toBe(201);
    woId = req.data.workOrderId;
  });

  it('a work order not yet reviewed cannot be written into the handbook (422, nothing written)', async () => {
    const before = await count(env, 'select count(*) n from handbook_entries');
    const res = await engineer.post('/api/v1/handbook/entries/from-work-order', { workOrderId: woId }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(422);
    expect(res.data.code).toBe('handbook_work_order_not_reviewed');
    expect(await count(env, 'select count(*) n from handbook_entries')).toBe(before);
  });

  it('写入售后服务手册 from the reviewed work order prefills model, fault, cause, fix and parts, linked back', async () => {
    // Fixture shortcut: the work order's report as review leaves it (the review flow is workorders' own story).
    await env.database.query(
      `update work_orders set status = 'reviewed', lead_engineer_id = (select id from users where username = 'engineer'), phenomenon = '烘干工位温度过高，玻片边缘烤焦，报 E-205', cause = '温控继电器粘连', actions = '更换烘干加热模块并校准温度' where id = $1`,
      [woId],
    );
    await env.database.query(
      `insert into work_order_parts (work_order_id, part_no, name, quantity) values ($1, 'BJ-ST-HEAT', '染色机加热模块', 1), ($1, 'X-UNKNOWN', '扎带', 2)`,
      [woId],
    );
    const res = await engineer.post('/api/v1/handbook/entries/from-work-order', { workOrderId: woId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({
      modelId: models.get('ST-5020'),
      state: 'draft',
      symptoms: '烘干工位温度过高，玻片边缘烤焦，报 E-205',
      cause: '温控继电器粘连',
      fix: '更换烘干加热模块并校准温度',
      partCodes: ['BJ-ST-HEAT'],
      sourceWorkOrderId: woId,
      publishedRevision: 0,
      abilities: { edit: true, submit: true, publish: false },
    });
    expect(res.data.number).toMatch(/^SC-\d{4}-\d{6}$/);
    entry = res.data;
    const linked = await engineer.get(`/api/v1/handbook/entries?workOrderId=${woId}`);
    expect(linked.data.items.map((e: { id: string }) => e.id)).toEqual([entry.id]);
  });

  it('bad input is refused and changes nothing: both model and category 422, unknown fault code 422, unknown part 422, empty title 400', async () => {
    const base = { version: entry.version, title: '烘干过热', symptoms: '玻片烤焦' };
    const both = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, { ...base, modelId: models.get('ST-5020'), category: 'pathology_stainer' });
    expect(both.statusCode).toBe(422);
    expect(both.data.code).toBe('handbook_subject');
    const code = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, { ...base, modelId: models.get('ST-5020'), faultCode: 'E-999' });
    expect(code.statusCode).toBe(422);
    expect(code.data.code).toBe('handbook_fault_code_unknown');
    const part = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, { ...base, modelId: models.get('ST-5020'), partCodes: ['NOPE-1'] });
    expect(part.data.code).toBe('handbook_part_unknown');
    const empty = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, { ...base, modelId: models.get('ST-5020'), title: '  ' });
    expect(empty.statusCode).toBe(400);
    const now = await engineer.get(`/api/v1/handbook/entries/${entry.id}`);
    expect(now.data.version).toBe(entry.version);
  });

  it('the author edits, adds the fault code and submits; the author cannot publish his own entry', async () => {
    const edit = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, {
      version: entry.version,
      modelId: models.get('ST-5020'),
      faultCode: 'E-205',
      title: '加热模块温控失灵导致玻片烤焦',
      symptoms: '烘干工位温度过高，玻片边缘烤焦，报 E-205',
      cause: '温控继电器粘连',
      fix: '更换烘干加热模块并校准温度',
      partCodes: ['BJ-ST-HEAT'],
      tags: ['烘干'],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const sub = await engineer.post(`/api/v1/handbook/entries/${entry.id}/submit`, { version: edit.data.version });
    expect(sub.data.state).toBe('in_review');
    // An engineer is not a reviewer (403); an expert who wrote an entry cannot publish it (422).
    expect((await engineer.post(`/api/v1/handbook/entries/${entry.id}/publish`, { version: sub.data.version })).statusCode).toBe(403);
    const own = await expert.post('/api/v1/handbook/entries', { modelId: models.get('CT-760'), title: '自写条目', symptoms: '测试' });
    const ownSub = await expert.post(`/api/v1/handbook/entries/${own.data.id}/submit`, { version: own.data.version });
    expect(ownSub.data.abilities.publish).toBe(false);
    const selfPublish = await expert.post(`/api/v1/handbook/entries/${own.data.id}/publish`, { version: ownSub.data.version });
    expect(selfPublish.statusCode).toBe(422);
    expect(selfPublish.data.code).toBe('handbook_own_entry');
    entry = sub.data;
  });

  it('the expert publishes version 1; a revision becomes version 2; both stay readable and the diff names the changed field', async () => {
    const d = await expert.get(`/api/v1/handbook/entries/${entry.id}`);
    expect(d.data.abilities).toMatchObject({ publish: true, reject: true });
    const pub = await expert.post(`/api/v1/handbook/entries/${entry.id}/publish`, { version: entry.version, note: '已核实' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.data).toMatchObject({ state: 'published', publishedRevision: 1 });
    const rev = await engineer.patch(`/api/v1/handbook/entries/${entry.id}`, {
      version: pub.data.version,
      modelId: models.get('ST-5020'),
      faultCode: 'E-205',
      title: '加热模块温控失灵导致玻片烤焦',
      symptoms: '烘干工位温度过高，玻片边缘烤焦，报 E-205',
      cause: '温控继电器粘连',
      fix: '更换烘干加热模块并校准温度；检查温度传感器接线',
      partCodes: ['BJ-ST-HEAT'],
      tags: ['烘干'],
    });
    expect(rev.data).toMatchObject({ state: 'draft', publishedRevision: 1 });
    // While revised, version 1 is still what suggestions show.
    const during = await dispatcher.get(`/api/v1/handbook/suggest?modelId=${models.get('ST-5020')}&q=${encodeURIComponent('温控失灵 玻片烤焦')}`);
    expect(during.data.items.find((s: { entryId: string }) => s.entryId === entry.id)?.revision).toBe(1);
    const sub = await engineer.post(`/api/v1/handbook/entries/${entry.id}/submit`, { version: rev.data.version });
    const pub2 = await expert.post(`/api/v1/handbook/entries/${entry.id}/publish`, { version: sub.data.version });
    expect(pub2.data.publishedRevision).toBe(2);
    expect(pub2.data.versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
    const v1 = await engineer.get(`/api/v1/handbook/entries/${entry.id}/versions/1`);
    expect(v1.data.fix).toBe('更换烘干加热模块并校准温度');
    const diff = await engineer.get(`/api/v1/handbook/entries/${entry.id}/diff?from=1&to=2`);
    expect(diff.data.changes).toEqual([{ field: 'fix', before: '更换烘干加热模块并校准温度', after: '更换烘干加热模块并校准温度；检查温度传感器接线' }]);
    expect(await count(env, `select count(*) n from audit_log where entity = 'handbook_entry' and entity_id = '${entry.id}'`)).toBeGreaterThanOrEqual(8);
  });

  it('what’s new lists it as revised this month; the month-end digest tells the engineers once', async () => {
    const news = await engineer.get('/api/v1/handbook/whats-new');
    expect(news.statusCode).toBe(200);
    const mine = news.data.items.filter((i: { entryId: string }) => i.entryId === entry.id);
    expect(mine.map((i: { change: string }) => i.change)).toEqual(['revised', 'new']);
    expect((await engineer.get('/api/v1/handbook/whats-new?month=2026-13')).statusCode).toBe(400);
    const now = new Date();
    const [a, b] = await Promise.all([
      sendMonthlyDigest(env.database.db, now, 'Asia/Shanghai', { force: true }),
      sendMonthlyDigest(env.database.db, now, 'Asia/Shanghai', { force: true }),
    ]);
    expect([a.sent, b.sent].filter(Boolean)).toHaveLength(1);
    const told = await count(
      env,
      `select count(*) n from notifications n join users u on u.id = n.user_id where n.kind = 'handbook_digest' and u.username = 'engineer'`,
    );
    expect(told).toBe(1);
    const again = await sendMonthlyDigest(env.database.db, now, 'Asia/Shanghai', { force: true });
    expect(again.sent).toBe(false);
  });
});

describe('model documents (办法§17): offered ones reach the hospitals owning the model, others never', () => {
  it('仁和 (owns ST-5020 and PM-9000) sees the offered documents only; 瑞康 without PM-9000 gets 404 for its manual', async () => {
    const staff = await expert.get(`/api/v1/model-documents?modelId=${models.get('ST-5020')}`);
    expect(staff.data.items).toHaveLength(4);
    expect(staff.data.canManage).toBe(true);
    const mine = await renhe.get('/api/v1/model-documents');
    expect(mine.statusCode).toBe(200);
    expect(mine.data.canManage).toBe(false);
    expect(mine.data.items.every((d: { offeredToCustomer: boolean }) => d.offeredToCustomer)).toBe(true);
    expect(mine.data.items.map((d: { title: string }) => d.title)).toEqual(
      expect.arrayContaining(['ST-5020 全自动染色机维护手册', 'PM-9000 多参数监护仪维护手册']),
    );
    const pmManual = staff.data.items.length && (await expert.get(`/api/v1/model-documents?modelId=${models.get('PM-9000')}`)).data.items[0];
    expect((await renhe.get(`/api/v1/model-documents/${pmManual.id}`)).statusCode).toBe(200);
    expect((await ruikang.get(`/api/v1/model-documents/${pmManual.id}`)).statusCode).toBe(404);
    const hidden = staff.data.items.find((d: { offeredToCustomer: boolean }) => !d.offeredToCustomer);
    expect((await renhe.get(`/api/v1/model-documents/${hidden.id}`)).statusCode).toBe(404);
    // Its attachments: the same rule through the attachments module.
    expect((await renhe.get(`/api/v1/attachments?ownerKind=model_document&ownerId=${hidden.id}`)).statusCode).toBe(404);
    expect((await renhe.get(`/api/v1/attachments?ownerKind=model_document&ownerId=${pmManual.id}`)).statusCode).toBe(200);
    expect((await ruikang.get(`/api/v1/attachments?ownerKind=model_document&ownerId=${pmManual.id}`)).statusCode).toBe(404);
    // A hospital user cannot register documents or read the handbook.
    expect(
      (
        await renhe.post('/api/v1/model-documents', {
          modelId: models.get('PM-9000'),
          kind: 'service_manual',
          title: 'x',
          docVersion: '1',
          offeredToCustomer: true,
        })
      ).statusCode,
    ).toBe(403);
    expect((await renhe.get('/api/v1/handbook/entries')).statusCode).toBe(403);
  });

  it('the expert flags a document as offered; then the hospital sees it', async () => {
    const staff = await expert.get(`/api/v1/model-documents?modelId=${models.get('ST-5020')}`);
    const hidden = staff.data.items.find((d: { kind: string }) => d.kind === 'service_manual');
    const res = await expert.patch(`/api/v1/model-documents/${hidden.id}`, { version: hidden.version, offeredToCustomer: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((await renhe.get(`/api/v1/model-documents/${hidden.id}`)).statusCode).toBe(200);
  });
});
