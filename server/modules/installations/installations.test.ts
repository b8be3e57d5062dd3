// Installation and acceptance story (issue 12 item 2, R-IN-1; seed 004 §3, seed 003, seed 002,
// seed 000): a notice from sales for an unregistered unit, the site check with a failed item that
// blocks until a manager waives it with a reason, commissioning that cannot complete without the
// customer's consent, three signatures that accept the device (acceptance date, warranty end,
// in_service, follow-ups at +24 h / +48 h, training due, handover due, the 验收报告 PDF), the
// acceptance-date correction moving the warranty end, the handover dossier, hospital isolation.
import { DateTime } from 'luxon';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one, PNG_DATA_URL, userId } from '../../test/service.ts';
import { SIGNATURE_MEANINGS, signedContentHash } from '../signatures/index.ts';
import { acceptanceContent } from './installations.rules.ts';

let env: TestEnv;
let sales: Client;
let engineer: Client;
let manager: Client;
let quality: Client;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';

beforeAll(async () => {
  env = await createTestEnv();
  [sales, engineer, manager, quality, dispatcher, renhe, ruikang] = await Promise.all(
    ['sales', 'engineer', 'manager', 'quality', 'dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)),
  );
});
afterAll(() => env?.close());

const ids = async () => {
  const c = await one<{ id: string }>(env, `select id from customers where code = 'BJ-RH'`);
  const m = await one<{ id: string }>(env, `select id from device_models where code = 'ST-5020'`);
  return { customerId: c.id, modelId: m.id };
};

/** The installation work order as the office sees it. */
const workOrderOf = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data;
/** The dispatcher sends the engineer (R-DSP-1): the installation record may move on site only then. */
async function sendEngineer(workOrderId: string) {
  const w = await workOrderOf(workOrderId);
  const r = await dispatcher.post(`/api/v1/work-orders/${workOrderId}/dispatch`, {
    version: w.version,
    leadEngineerId: await userId(env, 'engineer'),
    helperIds: [],
  });
  expect(r.statusCode).toBe(200);
  return r.data;
}
/** The lead engineer takes a plain step on the installation work order. */
async function woStep(workOrderId: string, to: string, who: Client = engineer) {
  const w = await workOrderOf(workOrderId);
  return who.post(`/api/v1/work-orders/${workOrderId}/transition`, { version: w.version, to }, EN);
}

describe('R-IN-1 from the installation notice to acceptance and handover', () => {
  let inst: {
    id: string;
    number: string;
    version: number;
    deviceId: string;
    modelId: string;
    customerId: string;
    acceptanceDate: string;
    trainingDueAt: string;
    trainingSessionId: string | null;
    workOrder: { id: string; number: string; status: string; leadName: string | null };
    commissioning: { key: string; label: string; expected: string | null; measured: string; passed: boolean }[];
    signatures: { party: string; signerName: string; signedAt: string; contentHash: string | null }[];
    eSignatures: { signerName: string; meaning: string; meaningText: string; contentHash: string }[];
  };
  const siteItems = (powerFails: boolean) =>
    ['power', 'water', 'ventilation', 'space', 'environment'].map((key) => ({
      key,
      result: key === 'power' && powerFails ? 'fail' : 'pass',
      note: key === 'power' && powerFails ? '未提供独立接地' : null,
    }));

  it('sales registers a notice for an unregistered unit: numbered, device created and held until acceptance', async () => {
    const { customerId, modelId } = await ids();
    const r = await sales.post('/api/v1/installations', {
      device: { serialNumber: 'ST5020-26-9001', udi: '(01)06940000009001(21)ST5020-26-9001', modelId },
      customerId,
      siteAddress: '北京市东城区帅府园1号 病理科 3 楼',
      plannedDate: '2026-12-10',
      salesContact: '吴刚 13900000000',
      notes: '随机附件：穿刺器 2 套',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ status: 'notified', number: expect.stringMatching(/^AZ-\d{4}-\d{6}$/), serialNumber: 'ST5020-26-9001' });
    expect(r.data.siteCheckTemplate.map((t: { key: string }) => t.key)).toEqual(['power', 'water', 'ventilation', 'space', 'environment']);
    expect((await one<{ status: string }>(env, `select status from devices where serial_number = 'ST5020-26-9001'`)).status).toBe('safety_hold');
    inst = r.data;
    // Issue 12 item 2: the notice opened its installation work order in the same transaction —
    // undispatched on the dispatch board, the installation clock (seed 003: 1–3 working days) running.
    expect(inst.workOrder).toMatchObject({ status: 'new', number: expect.stringMatching(/^WO/), leadName: null });
    const wo = await workOrderOf(inst.workOrder.id);
    expect(wo).toMatchObject({
      kind: 'installation',
      plannedDate: '2026-12-10',
      deviceId: inst.deviceId,
      installation: { id: inst.id, number: inst.number, status: 'notified' },
    });
    expect(wo.faultDescription).toContain(inst.number);
    expect(wo.reporterName).toBe('吴刚 13900000000');
    expect(await count(env, `select count(*) n from sla_clocks where request_id = '${wo.requestId}' and kind = 'restore'`)).toBe(1);
    const board = (await dispatcher.get('/api/v1/dispatch/board?limit=100')).data;
    expect(JSON.stringify(board)).toContain(inst.workOrder.id);
    // Only sales / customer service register notices.
    expect(
      (await engineer.post('/api/v1/installations', { deviceId: r.data.deviceId, customerId, siteAddress: 'x', plannedDate: '2026-12-10', salesContact: 'x' }))
        .statusCode,
    ).toBe(403);
    // One live installation per unit.
    const dup = await sales.post('/api/v1/installations', {
      deviceId: r.data.deviceId,
      customerId,
      siteAddress: 'x',
      plannedDate: '2026-12-10',
      salesContact: 'x',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('issue 12: no site check before the installation work order is dispatched — translated 409; then the engineer is sent', async () => {
    let r = await engineer.post(`/api/v1/installations/${inst.id}/site-check`, { version: inst.version, items: siteItems(false) }, EN);
    expect(r.statusCode).toBe(409);
    expect(r.data.code ?? r.data.type).toContain('installation_not_dispatched');
    expect(r.data.detail ?? r.data.title).toContain(inst.workOrder.number);
    expect((await engineer.get(`/api/v1/installations/${inst.id}`)).data.abilities).toMatchObject({ siteCheck: false });
    expect((await one<{ status: string }>(env, `select status from installations where id = '${inst.id}'`)).status).toBe('notified');
    await sendEngineer(inst.workOrder.id);
    r = await engineer.get(`/api/v1/installations/${inst.id}`);
    expect(r.data.workOrder).toMatchObject({ status: 'dispatched', leadName: expect.any(String) });
    expect(r.data.abilities).toMatchObject({ siteCheck: true });
    inst = r.data;
    // The engineer accepts the job and arrives (R-WO-1).
    expect((await woStep(inst.workOrder.id, 'accepted')).statusCode).toBe(200);
    expect((await woStep(inst.workOrder.id, 'on_site')).statusCode).toBe(200);
  });

  it('a failed site-check item blocks installation until a manager waives it with a reason (audited)', async () => {
    let r = await engineer.post(`/api/v1/installations/${inst.id}/site-check`, { version: inst.version, items: siteItems(true) });
    expect(r.statusCode).toBe(200);
    expect(r.data.status).toBe('site_check_failed');
    inst = r.data;
    r = await engineer.post(`/api/v1/installations/${inst.id}/start`, { version: inst.version });
    expect(r.statusCode).toBe(409);
    expect(r.data.code ?? r.data.type).toBeTruthy();
    expect(r.body).toContain('电源');
    // The engineer cannot waive; the manager must give a reason.
    expect(
      (await engineer.post(`/api/v1/installations/${inst.id}/site-check/waive`, { version: inst.version, key: 'power', reason: '院方承诺' })).statusCode,
    ).toBe(403);
    r = await manager.post(`/api/v1/installations/${inst.id}/site-check/waive`, { version: inst.version, key: 'power', reason: '  ' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    r = await manager.post(`/api/v1/installations/${inst.id}/site-check/waive`, { version: inst.version, key: 'power', reason: '院方承诺安装前完成接地改造' });
    expect(r.statusCode).toBe(200);
    expect(r.data.status).toBe('site_checked');
    expect(r.data.siteCheck.find((i: { key: string }) => i.key === 'power').waiver).toMatchObject({ reason: '院方承诺安装前完成接地改造' });
    expect(
      await count(env, `select count(*) n from audit_log where entity = 'installation' and entity_id = '${inst.id}' and action = 'waive_site_check'`),
    ).toBe(1);
    inst = r.data;
    r = await engineer.post(`/api/v1/installations/${inst.id}/start`, { version: inst.version });
    expect(r.statusCode).toBe(200);
    expect(r.data.status).toBe('installing');
    inst = r.data;
  });

  it('issue 12: the installation work order cannot be resolved before the installation is commissioned — 409, ability false', async () => {
    const wo = await workOrderOf(inst.workOrder.id);
    expect(wo.status).toBe('on_site');
    const mine = (await engineer.get(`/api/v1/work-orders/${inst.workOrder.id}`)).data;
    expect(mine.abilities.resolve).toBe(false);
    expect(mine.nextSteps).not.toContain('resolved');
    expect(mine.nextActions.map((a: { to: string }) => a.to)).not.toContain('resolved');
    const r = await woStep(inst.workOrder.id, 'resolved');
    expect(r.statusCode).toBe(409);
    expect(r.data.code ?? r.data.type).toContain('installation_not_commissioned');
    expect(r.data.detail ?? r.data.title).toMatch(/commissioned/);
    expect((await workOrderOf(inst.workOrder.id)).status).toBe('on_site');
  });

  it("seed 003: commissioning cannot complete without the customer's consent — translated 422 naming it, nothing saved", async () => {
    const items = ['power_on', 'functions', 'safety', 'performance'].map((key) => ({ key, measured: '合格', passed: true }));
    let r = await engineer.post(`/api/v1/installations/${inst.id}/commissioning`, { version: inst.version, items, consent: { name: '王红' } }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'consent.signaturePng', code: 'required' })]);
    expect(r.data.detail ?? r.data.title).toMatch(/signature/i);
    r = await engineer.post(`/api/v1/installations/${inst.id}/commissioning`, { version: inst.version, items, consent: { name: '王红' } });
    expect(r.body).toContain('签字');
    const still = await one<{ status: string; version: number }>(env, `select status, version from installations where id = '${inst.id}'`);
    expect(still).toEqual({ status: 'installing', version: inst.version });
    r = await engineer.post(`/api/v1/installations/${inst.id}/commissioning`, {
      version: inst.version,
      items,
      consent: { name: '王红', signaturePng: PNG_DATA_URL },
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'commissioned', consentName: '王红' });
    expect(r.data.signatures).toEqual([expect.objectContaining({ party: 'consent', signerName: '王红' })]);
    inst = r.data;
    // Issue 12: commissioned with consent — now the installation work order may be resolved.
    const mine = (await engineer.get(`/api/v1/work-orders/${inst.workOrder.id}`)).data;
    expect(mine.abilities.resolve).toBe(true);
    expect(mine.installation).toMatchObject({ id: inst.id, status: 'commissioned' });
    const resolved = await woStep(inst.workOrder.id, 'resolved');
    expect(resolved.statusCode).toBe(200);
    expect(resolved.data.status).toBe('resolved');
  });

  it('three signatures accept the device: acceptance date, warranty end, in_service, follow-ups +24 h/+48 h, training due, handover due', async () => {
    // R-AU-1 (issue 14 §6): the service party signs as itself — without or with a wrong password,
    // a translated 422 naming the password and nothing written.
    const sigs = () => count(env, `select count(*)::int n from installation_signatures where installation_id = '${inst.id}'`);
    const eSigs = () => count(env, `select count(*)::int n from e_signatures where entity = 'installation' and entity_id = '${inst.id}'`);
    const signedBefore = await sigs();
    for (const password of [undefined, 'not-my-password-1']) {
      const bad = await engineer.post(
        `/api/v1/installations/${inst.id}/sign`,
        { version: inst.version, party: 'service', signerName: '张伟', signaturePng: PNG_DATA_URL, ...(password ? { password } : {}) },
        EN,
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.data).toMatchObject({ code: 'signature_password_invalid', fields: [{ field: 'password' }] });
    }
    expect(await sigs()).toBe(signedBefore);
    expect(await eSigs()).toBe(0);
    let r = await engineer.post(`/api/v1/installations/${inst.id}/sign`, {
      version: inst.version,
      party: 'service',
      signerName: '张伟',
      signaturePng: PNG_DATA_URL,
      password: DEMO_PASSWORD,
    });
    expect(r.statusCode).toBe(200);
    inst = r.data;
    expect(inst.eSignatures).toEqual([expect.objectContaining({ meaning: 'acceptance', meaningText: SIGNATURE_MEANINGS.acceptance })]);
    // The service row carries the e-signature's hash: one signature, one bound content.
    expect(inst.signatures.find((s) => s.party === 'service')?.contentHash).toBe(inst.eSignatures[0].contentHash);
    // Another hospital's user does not even see it; the engineer cannot sign as QC.
    expect(
      (await ruikang.post(`/api/v1/installations/${inst.id}/sign`, { version: inst.version, party: 'customer', signerName: 'x', signaturePng: PNG_DATA_URL }))
        .statusCode,
    ).toBe(404);
    expect(
      (await engineer.post(`/api/v1/installations/${inst.id}/sign`, { version: inst.version, party: 'quality', signerName: 'x', signaturePng: PNG_DATA_URL }))
        .statusCode,
    ).toBe(403);
    // The hospital user signs as the customer, and only as the customer.
    expect(
      (await renhe.post(`/api/v1/installations/${inst.id}/sign`, { version: inst.version, party: 'service', signerName: 'x', signaturePng: PNG_DATA_URL }))
        .statusCode,
    ).toBe(403);
    // The customer signs with a drawn signature and a name, no password: its row is bound to the
    // hash of the same acceptance facts (it has no account, so no e_signatures row).
    r = await renhe.post(`/api/v1/installations/${inst.id}/sign`, { version: inst.version, party: 'customer', signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(r.statusCode).toBe(200);
    inst = r.data;
    const customer = inst.signatures.find((s) => s.party === 'customer') as (typeof inst.signatures)[number];
    const dev = await one<{ serial_number: string }>(env, `select serial_number from devices where id = '${inst.deviceId}'`);
    const facts = {
      number: inst.number,
      serialNumber: dev.serial_number,
      commissioning: inst.commissioning,
      acceptanceDate: DateTime.fromISO(customer.signedAt).setZone(TZ).toISODate() as string,
      party: 'customer' as const,
      signerName: '王红',
    };
    expect(customer.contentHash).toBe(signedContentHash({ ...acceptanceContent(facts), signedAt: customer.signedAt }));
    expect(inst.eSignatures).toHaveLength(1);
    // Quality with a wrong password: refused, nothing written.
    r = await quality.post(
      `/api/v1/installations/${inst.id}/sign`,
      { version: inst.version, party: 'quality', signerName: '周涛', signaturePng: PNG_DATA_URL, password: 'wrong-password-1' },
      EN,
    );
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('signature_password_invalid');
    // A missing QC signature: translated 422 naming it, nothing half-saved.
    r = await quality.post(
      `/api/v1/installations/${inst.id}/sign`,
      { version: inst.version, party: 'quality', signerName: '周涛', password: DEMO_PASSWORD },
      EN,
    );
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'signaturePng', code: 'required' })]);
    expect(await count(env, `select count(*) n from installation_signatures where installation_id = '${inst.id}'`)).toBe(3);
    expect(await eSigs()).toBe(1);
    const before = Date.now();
    r = await quality.post(`/api/v1/installations/${inst.id}/sign`, {
      version: inst.version,
      party: 'quality',
      signerName: '周涛',
      signaturePng: PNG_DATA_URL,
      password: DEMO_PASSWORD,
    });
    expect(r.statusCode).toBe(200);
    const today = DateTime.now().setZone(TZ).toISODate() as string;
    expect(r.data).toMatchObject({ status: 'accepted', acceptanceDate: today, handoverDueOn: DateTime.fromISO(today).plus({ days: 14 }).toISODate() });
    expect(new Date(r.data.trainingDueAt).getTime()).toBeGreaterThan(before + 6 * 86_400_000);
    expect(r.data.signatures.map((s: { party: string; meaning: string }) => `${s.party}:${s.meaning}`)).toEqual(
      expect.arrayContaining(['service:安装调试完成', 'customer:设备验收合格', 'quality:质量检验合格']),
    );
    expect(r.data.eSignatures.map((e: { signerName: string; meaning: string }) => `${e.meaning}:${e.signerName}`)).toEqual([
      'acceptance:张伟（工程师）',
      `acceptance:${r.data.eSignatures[1].signerName}`,
    ]);
    inst = r.data;
    const d = await one<{ acceptance_date: string; warranty_end: string; status: string }>(
      env,
      `select acceptance_date::text, warranty_end::text, status from devices where id = '${inst.deviceId}'`,
    );
    expect(d).toEqual({
      acceptance_date: today,
      warranty_end: DateTime.fromISO(today).plus({ months: 12 }).minus({ days: 1 }).toISODate(),
      status: 'in_service',
    });
    // Seed 000: the installation follow-up plan, first calls at +24 h and +48 h.
    const plan = await one<{ id: string; completed_at: Date; rules: { steps: { earliestHours: number }[] } }>(
      env,
      `select id, completed_at, rules from followup_plans where device_id = '${inst.deviceId}' and service_type = 'installation'`,
    );
    expect(plan).toBeTruthy();
    const fu = await env.database.query<{ earliest_at: Date }>(`select earliest_at from followups where plan_id = '${plan.id}' order by earliest_at`);
    const hours = fu.rows.map((f) => Math.round((new Date(f.earliest_at).getTime() - new Date(plan.completed_at).getTime()) / 3_600_000));
    expect(hours[0]).toBe(24);
    expect(plan.rules.steps.slice(0, 2).map((x) => x.earliestHours)).toEqual([24, 48]);
    // The standing warranty-period cadence is queued for the followups sweep by the new acceptance date.
    expect(await count(env, `select count(*) n from care_pending_devices where device_id = '${inst.deviceId}'`)).toBe(1);
    // R-TR-1 (issue 12 item 2): the operator training is planned for the model and the customer on
    // the day it falls due, given by the installing engineer.
    expect(inst.trainingSessionId).toEqual(expect.any(String));
    const session = await one<{ model_id: string; customer_id: string; held_on: string; trainer_id: string; device_ids: string[]; syllabus: string }>(
      env,
      `select model_id, customer_id, held_on::text, trainer_id, device_ids, syllabus from training_sessions where id = '${inst.trainingSessionId}'`,
    );
    expect(session).toMatchObject({
      model_id: inst.modelId,
      customer_id: inst.customerId,
      held_on: DateTime.fromISO(inst.trainingDueAt).setZone(TZ).toISODate(),
      trainer_id: await userId(env, 'engineer'),
      device_ids: [inst.deviceId],
    });
    expect(session.syllabus).toContain('操作培训：');
    expect((await manager.get(`/api/v1/training/sessions/${inst.trainingSessionId}`)).statusCode).toBe(200);
  });

  it('the 验收报告 PDF is available on the installation, to the hospital too, not to another hospital', async () => {
    let r = await engineer.get(`/api/v1/installations/${inst.id}/acceptance.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // R-AU-1: each acceptance signature printed as its manifestation (name, time, meaning, hash prefix).
    const text = (await extractText(await getDocumentProxy(new Uint8Array(r.rawPayload)), { mergePages: true })).text.replace(/\s+/g, ' ');
    for (const e of inst.eSignatures) {
      expect(text).toContain(e.signerName);
      expect(text).toContain(e.contentHash.slice(0, 16));
    }
    const customer = inst.signatures.find((s) => s.party === 'customer') as (typeof inst.signatures)[number];
    expect(text).toContain(customer.contentHash?.slice(0, 16));
    expect(text).toContain('验收签字');
    r = await renhe.get(`/api/v1/installations/${inst.id}/acceptance.pdf`);
    expect(r.statusCode).toBe(200);
    expect((await ruikang.get(`/api/v1/installations/${inst.id}/acceptance.pdf`)).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/installations/${inst.id}`)).statusCode).toBe(404);
    expect((await ruikang.get('/api/v1/installations')).data.items.map((i: { id: string }) => i.id)).not.toContain(inst.id);
    expect((await renhe.get('/api/v1/installations')).data.items.map((i: { id: string }) => i.id)).toContain(inst.id);
  });

  it('correcting the acceptance date (manager, with reason) moves the warranty end', async () => {
    const later = DateTime.now().setZone(TZ).plus({ days: 3 }).toISODate() as string;
    expect(
      (await engineer.post(`/api/v1/installations/${inst.id}/acceptance-date`, { version: inst.version, acceptanceDate: later, reason: '实际验收日' }))
        .statusCode,
    ).toBe(403);
    let r = await manager.post(`/api/v1/installations/${inst.id}/acceptance-date`, { version: inst.version, acceptanceDate: later, reason: ' ' });
    expect(r.statusCode).toBe(422);
    // Before the installation date: the devices module refuses it, naming the acceptance date; nothing changes.
    r = await manager.post(`/api/v1/installations/${inst.id}/acceptance-date`, { version: inst.version, acceptanceDate: '2020-01-01', reason: '录入错误' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'acceptanceDate' })]);
    r = await manager.post(`/api/v1/installations/${inst.id}/acceptance-date`, {
      version: inst.version,
      acceptanceDate: later,
      reason: '以用户签署的验收证明书日期为准',
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ acceptanceDate: later, handoverDueOn: DateTime.fromISO(later).plus({ days: 14 }).toISODate() });
    inst = r.data;
    const d = await one<{ acceptance_date: string; warranty_end: string }>(
      env,
      `select acceptance_date::text, warranty_end::text from devices where id = '${inst.deviceId}'`,
    );
    expect(d).toEqual({ acceptance_date: later, warranty_end: DateTime.fromISO(later).plus({ months: 12 }).minus({ days: 1 }).toISODate() });
    expect(await count(env, `select count(*) n from audit_log where entity = 'installation' and action = 'correct_acceptance_date'`)).toBe(1);
    // A later request's coverage follows: the day after the old end is still under warranty, the day after the new end is paid.
    const at = (day: string) => encodeURIComponent(`${day}T12:00:00+08:00`);
    const oldEndPlusOne = DateTime.fromISO(later).minus({ days: 3 }).plus({ months: 12 }).toISODate() as string;
    const newEndPlusOne = DateTime.fromISO(later).plus({ months: 12 }).toISODate() as string;
    expect((await manager.get(`/api/v1/devices/${inst.deviceId}/coverage?at=${at(oldEndPlusOne)}`)).data).toMatchObject({ category: 'warranty' });
    expect((await manager.get(`/api/v1/devices/${inst.deviceId}/coverage?at=${at(newEndPlusOne)}`)).data).toMatchObject({ category: 'paid' });
  });

  it('seed 003: accessory warranty on the device — replacement does not extend it, consumables excluded', async () => {
    const { modelId } = await ids();
    let r = await engineer.post('/api/v1/accessory-terms', { modelId, name: '穿刺器', months: 24 });
    expect(r.statusCode).toBe(403);
    r = await manager.post('/api/v1/accessory-terms', { modelId, name: '穿刺器', months: 24 });
    expect(r.statusCode).toBe(201);
    r = await manager.post('/api/v1/accessory-terms', { modelId, name: '染色刷', months: 12, consumable: true });
    expect(r.statusCode).toBe(201);
    r = await renhe.get(`/api/v1/devices/${inst.deviceId}/accessory-warranty`);
    expect(r.statusCode).toBe(200);
    expect(r.data.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '穿刺器',
          warrantyEnd: DateTime.fromISO(inst.acceptanceDate).plus({ months: 24 }).minus({ days: 1 }).toISODate(),
          coveredToday: false,
        }),
        expect.objectContaining({ name: '染色刷', warrantyEnd: null, coveredToday: false }),
      ]),
    );
    expect((await ruikang.get(`/api/v1/devices/${inst.deviceId}/accessory-warranty`)).statusCode).toBe(404);
  });

  it('seed 002: the handover dossier is due two weeks after acceptance; overdue is shown to the manager; all done → handed over', async () => {
    await env.database.query(`update installations set handover_due_on = '2020-01-01' where id = '${inst.id}'`);
    let r = await manager.get('/api/v1/installations?handoverOverdue=true');
    expect(r.data.items.map((i: { id: string }) => i.id)).toContain(inst.id);
    expect((await manager.get('/api/v1/installations/counts')).data.handoverOverdue).toBeGreaterThanOrEqual(1);
    r = await engineer.post(`/api/v1/installations/${inst.id}/handover`, {
      version: inst.version,
      items: [
        { key: 'documents', done: true, note: '说明书、维修手册已交' },
        { key: 'open_issues', done: false },
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.data.status).toBe('accepted');
    inst = r.data;
    r = await engineer.post(`/api/v1/installations/${inst.id}/handover`, {
      version: inst.version,
      items: ['documents', 'open_issues', 'boundaries', 'warranty', 'faq', 'contacts'].map((key) => ({ key, done: true })),
    });
    expect(r.statusCode).toBe(200);
    expect(r.data.status).toBe('handed_over');
    expect(r.data.handoverOverdue).toBe(false);
    r = await manager.get(`/api/v1/installations/${inst.id}/handover.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('templates, defects, cancel', () => {
  it('radiotherapy rooms get shielding and interlock; a manager edits a model template', async () => {
    const vb = await one<{ id: string; customer_id: string }>(env, `select id, customer_id from devices where serial_number = 'VB-H195530'`);
    let r = await sales.post('/api/v1/installations', {
      deviceId: vb.id,
      customerId: vb.customer_id,
      siteAddress: '放疗科机房',
      plannedDate: '2026-12-20',
      salesContact: '吴刚',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data.siteCheckTemplate.map((t: { key: string }) => t.key)).toEqual(expect.arrayContaining(['shielding', 'interlock']));
    const modelId = r.data.modelId;
    expect(
      (
        await engineer.raw({
          method: 'PUT',
          url: '/api/v1/installation-templates',
          payload: { kind: 'site_check', modelId, items: [{ key: 'power', label: '电源' }] },
        })
      ).statusCode,
    ).toBe(403);
    const put = await manager.raw({
      method: 'PUT',
      url: '/api/v1/installation-templates',
      payload: {
        kind: 'site_check',
        modelId,
        items: [
          { key: 'shielding', label: '屏蔽' },
          { key: 'power', label: '三相电源' },
        ],
      },
      headers: { 'content-type': 'application/json' },
    });
    expect(put.statusCode).toBe(200);
    r = await manager.get(`/api/v1/installations/${r.data.id}`);
    expect(r.data.siteCheckTemplate.map((t: { key: string }) => t.key)).toEqual(['shielding', 'power']);
    // A dead-on-arrival defect is recorded with its decision; the manager cancels with a reason.
    const d = await engineer.post(`/api/v1/installations/${r.data.id}/defect`, { version: r.data.version, defect: '开箱发现机架变形', decision: 'exchange' });
    expect(d.statusCode).toBe(200);
    expect(d.data.defectDecision).toBe('exchange');
    const c = await manager.post(`/api/v1/installations/${r.data.id}/cancel`, { version: d.data.version, reason: '整机换货' });
    expect(c.data.status).toBe('cancelled');
  });
});

describe('issue 12: the installation work order follows the record — cancel cascades, a DOA defect opens a return/exchange job', () => {
  const notice = async (serial: string) => {
    const { customerId, modelId } = await ids();
    const r = await sales.post('/api/v1/installations', {
      device: { serialNumber: serial, modelId },
      customerId,
      siteAddress: '北京仁和医院 病理科',
      plannedDate: '2026-12-12',
      salesContact: '吴刚',
    });
    expect(r.statusCode).toBe(201);
    return r.data;
  };

  it('cancelling the installation cancels its work order in the same transaction, with the same reason', async () => {
    const n = await notice('ST5020-26-9101');
    await sendEngineer(n.workOrder.id);
    const r = await manager.post(`/api/v1/installations/${n.id}/cancel`, { version: n.version, reason: '客户取消订单' });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'cancelled', workOrder: { id: n.workOrder.id, status: 'cancelled' } });
    const wo = await workOrderOf(n.workOrder.id);
    expect(wo.status).toBe('cancelled');
    expect(wo.events.at(-1)).toMatchObject({ toStatus: 'cancelled', reason: '客户取消订单' });
    expect(
      await count(env, `select count(*) n from audit_log where entity = 'work_order' and entity_id = '${n.workOrder.id}' and action = 'update'`),
    ).toBeGreaterThan(0);
    // The clocks stop with it.
    expect(await count(env, `select count(*) n from sla_clocks where request_id = '${wo.requestId}' and stopped_at is null`)).toBe(0);
  });

  it('moving the notice to another day moves its installation work order with it (audited); a wrong version moves neither', async () => {
    const n = await notice('ST5020-26-9110');
    expect((await workOrderOf(n.workOrder.id)).plannedDate).toBe('2026-12-12');
    const stale = await sales.patch(`/api/v1/installations/${n.id}`, { version: n.version + 3, plannedDate: '2026-12-20' });
    expect(stale.statusCode).toBe(409);
    expect((await workOrderOf(n.workOrder.id)).plannedDate).toBe('2026-12-12');
    const r = await sales.patch(`/api/v1/installations/${n.id}`, { version: n.version, plannedDate: '2026-12-15' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.plannedDate).toBe('2026-12-15');
    expect((await workOrderOf(n.workOrder.id)).plannedDate).toBe('2026-12-15');
    expect(await count(env, `select count(*) n from audit_log where entity = 'work_order' and entity_id = '${n.workOrder.id}' and action = 'update'`)).toBe(1);
  });

  it('a cancel that fails leaves the work order untouched (one transaction)', async () => {
    const n = await notice('ST5020-26-9102');
    const r = await manager.post(`/api/v1/installations/${n.id}/cancel`, { version: n.version + 5, reason: '客户取消订单' });
    expect(r.statusCode).toBe(409);
    expect((await workOrderOf(n.workOrder.id)).status).toBe('new');
  });

  it('seed 003 包换: a dead-on-arrival exchange opens a free return/exchange work order from the installation job', async () => {
    const n = await notice('ST5020-26-9103');
    await sendEngineer(n.workOrder.id);
    const r = await engineer.post(`/api/v1/installations/${n.id}/defect`, { version: n.version, defect: '开箱发现加热槽破裂', decision: 'exchange' });
    expect(r.statusCode).toBe(200);
    expect(r.data.defectWorkOrder).toMatchObject({ status: 'new', number: expect.stringMatching(/^WO/) });
    const job = await workOrderOf(r.data.defectWorkOrder.id);
    expect(job).toMatchObject({ kind: 'return_exchange', originWorkOrderId: n.workOrder.id, deviceId: n.deviceId, category: 'warranty', installation: null });
    expect(job.faultDescription).toContain('包换');
    expect(job.faultDescription).toContain('开箱发现加热槽破裂');
    // R-REG-4 (issue 14 §4): the DOA lands in returns and exchanges, linked to the installation and the job.
    const ret = await engineer.get(`/api/v1/returns?deviceId=${n.deviceId}`);
    expect(ret.data.items).toHaveLength(1);
    expect(ret.data.items[0]).toMatchObject({
      kind: 'exchange',
      item: 'device',
      status: 'registered',
      installationId: n.id,
      workOrderId: r.data.defectWorkOrder.id,
      number: expect.stringMatching(/^TH-/),
      reason: expect.stringContaining('开箱发现加热槽破裂'),
    });
    // A changed decision keeps the one job.
    const again = await engineer.post(`/api/v1/installations/${n.id}/defect`, { version: r.data.version, defect: '开箱发现加热槽破裂', decision: 'return' });
    expect(again.statusCode).toBe(200);
    expect(again.data.defectWorkOrder.id).toBe(r.data.defectWorkOrder.id);
    expect(await count(env, `select count(*) n from work_orders where origin_work_order_id = '${n.workOrder.id}'`)).toBe(1);
    // … and the one return, now 包退.
    const after = await engineer.get(`/api/v1/returns?deviceId=${n.deviceId}`);
    expect(after.data.items.map((x: { id: string; kind: string }) => [x.id, x.kind])).toEqual([[ret.data.items[0].id, 'return']]);
  });
});
