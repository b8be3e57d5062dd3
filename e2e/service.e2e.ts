// Browser stories for the service loop (SPEC §3): a hospital user reports a fault in the
// portal; the dispatcher (after registering a phoned-in call) dispatches it from the board;
// the engineer works it on a phone — accept, go, arrive, diagnose, resolve, the customer signs
// on the pad; customer service approves the report; the hospital sees it archived.
// Screenshots go to docs/screenshots.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, login, newContext, PASSWORD, pick, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

const SERIAL = 'ST5020-21-0031';
let woId = '';
let woNumber = '';

async function statusIs(page: Page, text: string) {
  await page.getByTestId('wo-status-now').filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

/** Picks an option of a non-searchable antd Select. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('service loop in the browser', () => {
  it('a hospital user reports a fault of its own unit in the portal on a phone', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/requests/new`);
    await page.getByTestId('request-form').waitFor();
    await pick(page, 'request-device', SERIAL);
    await page.getByTestId('request-fault').fill('染色结果偏淡，试剂泵疑似流量不足');
    await page.getByTestId('request-phone').fill('010-65550101');
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-created').waitFor();
    woNumber = (await page.getByTestId('created-wo').innerText()).trim();
    woId = (await page.getByTestId('created-wo').getAttribute('data-id')) ?? '';
    assert.ok(woNumber && woId, 'the portal report opened a work order');
    await page.getByTestId('request-open').click();
    await page.getByTestId('request-detail').waitFor();
    assert.match(await page.getByTestId('request-clocks').innerText(), /响应/);
    // On a phone the hospital's lists are cards with the status in sight, not squeezed tables (issue 10 item 15).
    await page.goto(`${BASE_URL}/requests`);
    const card = page.getByTestId('requests-card').filter({ hasText: woNumber });
    await card.waitFor();
    assert.equal(await page.getByTestId('requests-table').count(), 0);
    assert.match(await card.innerText(), new RegExp(SERIAL));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hospital-requests-phone.png'), scale: 'css' });
    await page.goto(`${BASE_URL}/devices`);
    await page.getByTestId('devices-card').filter({ hasText: SERIAL }).waitFor();
    await ctx.close();
  });

  it('a dispatcher registers a phoned-in request, then dispatches the portal report to the engineer from the board', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('报修/叫修登记', { exact: true }).click();
    await page.getByTestId('request-form').waitFor();
    await pick(page, 'request-device', 'TP8000-24-0107');
    await page.getByTestId('request-device-info').waitFor();
    // A standard unit still working: the proposal is "normal" (R-REQ-3).
    assert.match(await page.getByTestId('request-proposed').innerText(), /一般/);
    await page.getByTestId('request-fault').fill('脱水机报警 E21，无法启动程序');
    await page.getByTestId('request-reporter').fill('王红');
    await page.getByTestId('request-phone').fill('010-65550101');
    // Overriding the urgency without a reason is refused on the form.
    await choose(page, 'request-urgency', '较急');
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-urgency-reason').waitFor();
    assert.match(await page.getByTestId('request-form').innerText(), /必须填写原因/);
    await page.getByTestId('request-urgency-reason').fill('科室当天有大批标本待染色');
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-created').waitFor();
    assert.match(await page.getByTestId('created-urgency').innerText(), /较急/);

    await page.getByTestId('nav').getByText('派工看板', { exact: true }).click();
    await page.getByTestId('dispatch-board').waitFor();
    const card = page.getByTestId(`board-card-${woNumber}`).first();
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(SERIAL));
    // docs/screenshots/dispatch-board.png is taken by e2e/dispatch.e2e.ts (the board with its lanes and timeline).
    await card.getByTestId('board-assign').click();
    await pick(page, 'dispatch-lead', '张伟');
    await page.getByTestId('dispatch-ok').click();
    await page.locator('.ant-message').getByText(`工单 ${woNumber} 已派工`).waitFor();
    await page.getByTestId('dispatch-form').waitFor({ state: 'detached' });
    await ctx.close();
  });

  it('the engineer works the order on a phone and the customer signs on the pad', async () => {
    assert.ok(woId, 'needs the dispatched work order');
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/my-work`);
    await page.getByTestId('my-work').waitFor();
    const mine = page.getByTestId(`my-wo-${woNumber}`);
    await mine.waitFor();
    await mine.click();
    await page.getByTestId('wo-page').waitFor();
    await statusIs(page, '已派工');
    await page.getByTestId('step-accepted').click();
    await statusIs(page, '已接单');
    await page.getByTestId('step-on_the_way').click();
    await statusIs(page, '在途');
    await page.getByTestId('step-on_site').click();
    await statusIs(page, '现场服务中');
    // Where to go and whom to call, one tap each (issue 10 item 15).
    assert.match(await page.getByTestId('wo-address').innerText(), /北京市东城区仁和路1号/);
    assert.match((await page.getByTestId('wo-map').getAttribute('href')) ?? '', /^https:\/\/uri\.amap\.com\/search\?keyword=/);
    assert.equal(await page.getByTestId('wo-call-reporter').getAttribute('href'), 'tel:01065550101');
    assert.match((await page.getByTestId('wo-call-hospital').getAttribute('href')) ?? '', /^tel:\d+$/);

    // Parts from the van: own van first with quantities, the stainer's pump on top (issue 10 item 9).
    await page.getByTestId('part-from-stock').click();
    const dialog = page.getByTestId('van-dialog');
    await dialog.getByTestId('van-part-BJ-ST-PUMP').waitFor();
    assert.match(await dialog.getByTestId('van-name').innerText(), /VAN|车载/);
    const first = dialog.locator('[data-testid^=van-part-]').first();
    assert.match((await first.getAttribute('data-testid')) ?? '', /BJ-ST-(PUMP|HEAT)/);
    assert.doesNotMatch(await dialog.innerText(), /刘洋|VAN-engineer2/);
    const pump = dialog.getByTestId('van-part-BJ-ST-PUMP');
    assert.match(await pump.getByTestId('van-qty').innerText(), /车载库 \d/);
    await pump.getByTestId('van-take').click();
    await page.getByTestId('van-take-ok').click();
    await page.locator('.ant-message').getByText('已领用并记入工单').waitFor();
    await page.getByTestId('wo-parts').getByText('BJ-ST-PUMP').waitFor();
    // The heater is not in the van: ask the central store for it.
    await page.getByTestId('part-from-stock').click();
    const heater = page.getByTestId('van-dialog').getByTestId('van-part-BJ-ST-HEAT');
    await heater.waitFor();
    await heater.getByTestId('van-request').click();
    await page.getByTestId('van-request-ok').click();
    await page.locator('.ant-message').getByText('调拨申请已提交', { exact: false }).waitFor();
    await heater.getByText('已申请 1').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'van-parts-phone.png'), scale: 'css' });
    await page.keyboard.press('Escape');
    await page.getByTestId('van-dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('wo-phenomenon').fill('染色偏淡，苏木素通道流量低');
    await page.getByTestId('wo-cause').fill('试剂泵管老化导致流量不足');
    await page.getByTestId('wo-actions-text').fill('更换苏木素通道泵管，校准流量');
    await page.getByTestId('wo-tests').fill('试染 10 张切片，着色均匀，符合科室标准');
    await page.locator('input[data-testid=wo-labour], [data-testid=wo-labour] input').first().fill('90');
    await page.getByTestId('wo-save').click();
    await page.locator('.ant-message').getByText('已保存').first().waitFor();

    await page.getByTestId('step-resolved').click();
    await statusIs(page, '已修复');
    // After 维修完成 the first, primary action is the customer's signature; reopening comes after it (issue 10 item 10).
    const firstAction = page.getByTestId('wo-actions').locator('button').first();
    assert.equal(await firstAction.getAttribute('data-testid'), 'step-sign');
    assert.equal(await firstAction.getAttribute('data-emphasis'), 'primary');
    assert.equal(await page.getByTestId('step-on_site').getAttribute('data-emphasis'), 'back');
    await firstAction.click();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid=wo-sign]')?.getBoundingClientRect();
      return !!r && r.top < window.innerHeight && r.bottom > 0;
    });
    await page.getByTestId('wo-sign').waitFor();
    await page.getByTestId('sign-name').fill('王红');
    await page.waitForLoadState('networkidle'); // the header settles (clocks stopped) before we draw
    const canvas = page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 30, box.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 30 + i * 11, box.y + 120 - Math.sin(i / 3) * 50, { steps: 2 });
    await page.mouse.up();
    await page.mouse.move(box.x + 120, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 150, { steps: 8 });
    await page.mouse.up();
    const enabled = () =>
      page.waitForFunction(() => !document.querySelector('[data-testid=sign-submit]')?.hasAttribute('disabled'), undefined, { timeout: 5_000 });
    await enabled();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'work-order-phone.png'), fullPage: true });
    await enabled();
    await page.getByTestId('sign-submit').click();
    await page.getByTestId('wo-signed').waitFor();
    await statusIs(page, '客户已签字');
    assert.match(await page.getByTestId('signed-name').innerText(), /王红/);
    await page.getByTestId('wo-frozen').waitFor();
    // Frozen: the record shows as text, no longer as a form.
    assert.equal(await page.getByTestId('wo-content-form').count(), 0);
    assert.match(await page.getByTestId('wo-view-cause').innerText(), /泵管老化/);
    await ctx.close();
  });

  it('customer service approves the signed report from the review queue', async () => {
    assert.ok(woId);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('服务报告审核', { exact: true }).click();
    await page.getByTestId('review-queue').waitFor();
    await page.getByTestId('review-table').getByText(woNumber).click();
    await page.getByTestId('review-panel').waitFor();
    // The reviewer's big button is 审核通过并归档, not 维修完成 (issue 10 item 10).
    assert.equal(await page.getByTestId('step-resolved').count(), 0);
    await page.getByTestId('review-complete').waitFor();
    // R-AU-1 (issue 14 §6): the approval is an electronic signature — without the password nothing is sent,
    // a wrong one is refused, the right one archives and shows the 电子签名.
    await page.getByTestId('review-approve').click();
    await page.getByText('请输入密码以确认签名').waitFor();
    await page.getByTestId('review-password').fill('not-my-password-1');
    await page.getByTestId('review-approve').click();
    await page.getByTestId('review-error').waitFor();
    assert.match(await page.getByTestId('review-error').innerText(), /密码不正确/);
    await page.getByTestId('review-password').fill(PASSWORD);
    await page.getByTestId('review-approve').click();
    await statusIs(page, '已归档');
    assert.match(await page.getByTestId('wo-signed').innerText(), /审核通过/);
    assert.match(await page.getByTestId('wo-e-signatures').innerText(), /审核签字/);
    await ctx.close();
  });

  it('the hospital follows its portal report to the archived work order', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/work-orders/${woId}`);
    await statusIs(page, '已归档');
    await ctx.close();
  });
});
