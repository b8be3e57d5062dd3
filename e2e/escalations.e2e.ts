// Browser story of the escalation ladder (技术支持升级, R-ESC-1, issue 15 §2): 张伟 escalates his
// emergency ventilator job to the L2 technical expert with a question from the work-order page; 赵敏
// finds it in 技术支持升级, answers and records the remote guidance (video); 张伟 reads the answer on
// the work order; the temporary measure (临时应急措施) shows as its own state beside the status while
// the restore clock keeps running; the list's 只看超时 filter shows the overdue question only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, waitForCount } from './browser.ts';

// 华东 ventilator of 沧州 (HB-CD), a unit no other browser story registers a request for.
const SERIAL = 'SV600-24-1733';
const QUESTION = '呼吸机开机自检 E31（流量传感器）反复失败，已更换传感器仍报警，是否需要标定主板？';
const ANSWER = '进入工程模式执行流量零点标定，再检查传感器接插件 J7；标定后仍报警则准备更换主控板。';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function ladderOk(page: Page) {
  await page.getByTestId('ladder-ok').click();
  await page.getByTestId('ladder-ok').waitFor({ state: 'hidden' });
}

describe('escalation ladder L1 → L2 (R-ESC-1)', () => {
  it('the engineer asks, the expert answers with remote guidance, a temporary measure runs, the list filters overdue', async () => {
    // Customer service registers the emergency and dispatches it to 张伟 (set-up through the API).
    const dctx = await newContext(browser);
    const dp = await dctx.newPage();
    await login(dp, 'dispatcher');
    const devices = await call<{ items: { id: string; serialNumber: string }[] }>(dp, 'GET', `/api/v1/devices?q=${SERIAL}`);
    const device = devices.items.find((d) => d.serialNumber === SERIAL);
    assert.ok(device, 'demo ventilator');
    const req = await call<{ workOrderId: string; requestId?: string; id?: string }>(dp, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '呼吸机开机自检失败，ICU 床旁停用',
      deviceDown: true,
      urgency: 'emergency',
      urgencyReason: 'ICU 患者依赖呼吸机，必须立即处理',
      reporterName: '赵护士长',
      reporterPhone: '0317-5550123',
    });
    const people = await call<{ items: { userId: string; username: string }[] }>(dp, 'GET', '/api/v1/engineer-profiles?pageSize=100');
    const engineer = people.items.find((p) => p.username === 'engineer');
    assert.ok(engineer);
    const wo = await call<{ version: number; number: string; urgency: string; requestId: string }>(dp, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    assert.equal(wo.urgency, 'emergency');
    await call(dp, 'POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, { version: wo.version, leadEngineerId: engineer.userId, helperIds: [] });
    await dctx.close();
    const woUrl = `${BASE_URL}/work-orders/${req.workOrderId}`;

    // 张伟 on site asks the L2 expert from the work order's 技术支持升级 section.
    const ectx = await newContext(browser);
    const ep = await ectx.newPage();
    await login(ep, 'engineer');
    await ep.goto(woUrl);
    await ep.getByTestId('wo-page').waitFor();
    for (const step of ['accepted', 'on_the_way', 'on_site']) {
      await ep.getByTestId(`step-${step}`).click();
      await ep.getByTestId(`step-${step}`).waitFor({ state: 'detached' });
    }
    const ladder = ep.getByTestId('wo-ladder');
    await ladder.getByText('暂无升级记录').waitFor();
    await ep.getByTestId('escalate').click();
    await ep.getByText('技术专家', { exact: true }).first().waitFor(); // L2 is the default tier
    await ep.getByTestId('escalation-question').fill(QUESTION);
    await ladderOk(ep);
    const asked = ladder.getByTestId('ladder-escalation').filter({ hasText: QUESTION });
    await asked.getByText('一线工程师 → 技术专家').waitFor();
    await asked.getByText('待答复').waitFor();
    assert.equal(await ep.getByTestId('escalation-answer').count(), 0, 'the asker does not answer his own question');

    // 赵敏 (L2 expert) finds it in 技术支持升级 and answers on the work order, then records the video guidance.
    const xctx = await newContext(browser);
    const xp = await xctx.newPage();
    await login(xp, 'expert');
    await xp.getByTestId('nav').getByText('技术支持升级', { exact: true }).click();
    const table = xp.getByTestId('escalations-table');
    const row = table
      .locator('tr')
      .filter({ hasText: wo.number })
      .filter({ hasText: QUESTION.slice(0, 12) });
    await row.getByText('待答复').waitFor();
    await row.getByRole('link', { name: wo.number }).click();
    await xp.waitForURL(/\/work-orders\/[0-9a-f-]{36}/);
    const xl = xp.getByTestId('wo-ladder').getByTestId('ladder-escalation').filter({ hasText: QUESTION });
    await xl.getByTestId('escalation-answer').click();
    await xp.getByTestId('escalation-answer-text').fill(ANSWER);
    await ladderOk(xp);
    await xl.getByTestId('ladder-answer').filter({ hasText: ANSWER }).waitFor();
    await xl.getByText('已答复').waitFor();
    await xl.getByTestId('escalation-guidance').click();
    await xp.locator('.ant-modal').getByText('视频', { exact: true }).click();
    await ladderOk(xp);
    await xl.getByTestId('ladder-guidance').filter({ hasText: '视频' }).waitFor();
    await xctx.close();

    // 张伟 reads the answer and the guidance on his work order.
    await ep.reload();
    const mine = ep.getByTestId('wo-ladder').getByTestId('ladder-escalation').filter({ hasText: QUESTION });
    await mine.getByTestId('ladder-answer').filter({ hasText: ANSWER }).waitFor();
    assert.match(await mine.getByTestId('ladder-answer').innerText(), /赵敏/);
    await mine.getByTestId('ladder-guidance').filter({ hasText: '远程技术指导：视频' }).waitFor();

    // A temporary measure: the unit runs degraded — its own state beside 现场, the job stays open and
    // the restore clock keeps running (not restored).
    await ep.getByTestId('record-degraded').click();
    await ep.getByTestId('degraded-measure').fill('外接备用流量传感器临时恢复通气，限用于非危重患者');
    await ladderOk(ep);
    const now = ep.getByTestId('wo-status-now');
    await now.getByTestId('degraded-tag').filter({ hasText: '临时措施运行' }).waitFor();
    assert.equal(await ep.getByTestId('record-degraded').count(), 0, 'recorded once');
    const after = await call<{ status: string; degradedAt: string | null }>(ep, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    assert.equal(after.status, 'on_site');
    assert.ok(after.degradedAt);
    await ep.getByTestId('wo-deadline').waitFor(); // the deadline still counts down
    const request = await call<{ clocks: { kind: string; stoppedAt: string | null; outcome: string | null }[] }>(ep, 'GET', `/api/v1/requests/${wo.requestId}`);
    const restore = request.clocks.find((c) => c.kind === 'restore');
    assert.ok(restore, 'an emergency has a restore clock');
    assert.equal(restore.stoppedAt, null, 'a temporary measure does not stop the restore clock');
    await ectx.close();

    // The service manager's list: 只看超时 shows the overdue question (seeded five hours ago), not ours.
    const mctx = await newContext(browser);
    const mp = await mctx.newPage();
    await login(mp, 'manager');
    const overdue = await call<{ items: { workOrderNumber: string; overdue: boolean }[]; total: number }>(mp, 'GET', '/api/v1/escalations?overdue=true');
    assert.ok(overdue.total >= 1, 'the demo has an overdue question');
    assert.ok(
      overdue.items.every((e) => e.overdue && e.workOrderNumber !== wo.number),
      'only overdue questions',
    );
    await mp.goto(`${BASE_URL}/escalations`);
    const list = mp.getByTestId('escalations-table');
    await list.getByText(wo.number).first().waitFor();
    await mp.getByTestId('filter-overdue').click();
    await mp.waitForURL(/overdue=true/);
    const rows = list.locator('tbody tr.ant-table-row');
    await waitForCount(rows, Math.min(overdue.total, 20));
    await list.getByText(overdue.items[0].workOrderNumber).first().waitFor();
    assert.equal(await list.getByText(wo.number).count(), 0, 'our answered question is not overdue');
    assert.equal(await rows.filter({ hasText: '超时未答复' }).count(), Math.min(overdue.total, 20));
    await mctx.close();
  });
});
