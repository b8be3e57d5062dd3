// Browser stories for service administration (SPEC §3, R-SLA-1/4, R-WO-7): the service manager
// adds a company holiday to the business calendar and sees it saved (and the server's field
// error when the same day is also a make-up day), opens the at-risk list and the supervisor
// daily report; an engineer opens their own technician daily report on a phone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

const HOLIDAY = '2027-03-15';
const PAID_SERIAL = 'ST5020-22-0145';

/** A JSON call with the page's session (and CSRF token on writes). */

/** Fills an antd InputNumber by its test id (the id lands on the input or its wrapper). */
function numberInput(page: Page, testId: string) {
  return page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
}

async function addDate(page: Page, testId: string, date: string) {
  const input = page.locator(`input[data-testid=${testId}-add], [data-testid=${testId}-add] input`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.getByTestId(`${testId}-${date}`).waitFor();
}

describe('service administration in the browser', () => {
  it('the service manager adds a holiday to the business calendar and it stays saved', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.getByTestId('nav').getByText('SLA 时限与日历', { exact: true }).click();
    await page.getByTestId('calendar-form').waitFor();
    await page.getByTestId('calendar-day-1').waitFor();

    // The same day as holiday and make-up day: the server's field error is shown.
    await addDate(page, 'calendar-holidays', HOLIDAY);
    await addDate(page, 'calendar-makeup', HOLIDAY);
    await page.getByTestId('calendar-save').click();
    const error = page.getByTestId('calendar-error');
    await error.waitFor();
    assert.match(await error.innerText(), /调休上班日/);
    await page.getByTestId(`calendar-makeup-${HOLIDAY}`).locator('.ant-tag-close-icon').click();
    await page.getByTestId(`calendar-makeup-${HOLIDAY}`).waitFor({ state: 'detached' });

    await page.getByTestId('calendar-save').click();
    await page.locator('.ant-message').getByText('日历已保存').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sla-calendar.png'), fullPage: true });

    // Saved on the server: a fresh page shows it.
    await page.reload();
    await page.getByTestId('calendar-form').waitFor();
    await page.getByTestId(`calendar-holidays-${HOLIDAY}`).waitFor();
    assert.equal(await page.getByTestId(`calendar-makeup-${HOLIDAY}`).count(), 0);

    // The policies tab lists the versions of the default policy.
    await page.getByTestId('sla-tab-policies').click();
    await page.getByTestId('sla-policies').waitFor();
    assert.ok((await page.getByTestId('sla-policies').locator('.ant-table-row').count()) > 0);
    await ctx.close();
  });

  it('the service manager opens the at-risk list and the supervisor daily report', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.getByTestId('nav').getByText('时限预警', { exact: true }).click();
    await page.getByTestId('at-risk').waitFor();
    await page.getByTestId('at-risk-total').waitFor();
    await page.getByTestId('at-risk-table').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'at-risk.png'), fullPage: true });

    await page.getByTestId('nav').getByText('日报表', { exact: true }).click();
    await page.getByTestId('daily-reports').waitFor();
    await page.getByTestId('report-kind').getByText('服务主任日报表').click();
    await page.getByTestId('supervisor-report').waitFor();
    await page.getByTestId('supervisor-totals').waitFor();
    assert.match(await page.getByTestId('supervisor-summary').innerText(), /受理报修/);
    assert.match(page.url(), /kind=supervisor/);
    await page.getByTestId('report-download').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'supervisor-daily.png'), fullPage: true });
    await ctx.close();
  });

  it('an engineer opens their own daily report on a phone', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav').getByText('日报表', { exact: true }).click();
    await page.getByTestId('daily-reports').waitFor();
    await page.getByTestId('technician-report').waitFor();
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    assert.match(await page.getByTestId('report-person-name').innerText(), /张伟/);
    // Engineers read only their own report: no person picker, no supervisor report.
    assert.equal(await page.getByTestId('report-person').count(), 0);
    assert.equal(await page.getByTestId('report-kind').count(), 0);
    await page.getByTestId('technician-totals').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'technician-daily-phone.png'), fullPage: true });
    // The page never scrolls sideways on a phone; tables scroll inside their card.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await ctx.close();
  });

  it('finance sets prices; the engineer takes a paid unit back on a phone and returns it; finance records the fee', async () => {
    // Finance saves a price list version (R-FE-1).
    const fin = await newContext(browser);
    const fp = await fin.newPage();
    await login(fp, 'finance');
    await fp.getByTestId('nav').getByText('收费标准', { exact: true }).click();
    await fp.getByTestId('price-list').waitFor();
    await fp.getByTestId('price-edit').click();
    await fp.getByTestId('price-form').waitFor();
    await numberInput(fp, 'price-labour-input').fill('320');
    await fp.getByTestId('price-save').click();
    await fp
      .locator('.ant-message')
      .getByText(/已保存为第 \d+ 版/)
      .waitFor();
    await fp.getByTestId('price-labour').filter({ hasText: '320.00' }).waitFor();

    // Customer service registers a request for a paid unit and dispatches it to 张伟.
    const disp = await newContext(browser);
    const dp = await disp.newPage();
    await login(dp, 'dispatcher');
    const devices = await call<{ items: { id: string; serialNumber: string }[] }>(dp, 'GET', `/api/v1/devices?q=${PAID_SERIAL}`);
    const device = devices.items.find((d) => d.serialNumber === PAID_SERIAL);
    assert.ok(device, 'demo device');
    const req = await call<{ workOrderId: string; category: string }>(dp, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '染色机加热模块故障，需返厂维修',
      deviceDown: true,
      reporterName: '刘芳',
      reporterPhone: '0314-5550199',
      internal: false,
    });
    const people = await call<{ items: { userId: string; username: string }[] }>(dp, 'GET', '/api/v1/engineer-profiles?pageSize=100');
    const engineer = people.items.find((p) => p.username === 'engineer');
    assert.ok(engineer);
    const wo = await call<{ version: number; number: string }>(dp, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    await call(dp, 'POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, { version: wo.version, leadEngineerId: engineer.userId, helperIds: [] });

    // The engineer works it on a phone and takes the unit back (R-WO-3).
    const eng = await newContext(browser, true);
    const ep = await eng.newPage();
    await login(ep, 'engineer');
    await ep.goto(`${BASE_URL}/work-orders/${req.workOrderId}`);
    await ep.getByTestId('wo-page').waitFor();
    await ep.getByTestId('wo-lead').filter({ hasText: '张伟' }).waitFor();
    for (const step of ['accepted', 'on_the_way', 'on_site']) {
      await ep.getByTestId(`step-${step}`).click();
      await ep.getByTestId(`step-${step}`).waitFor({ state: 'detached' });
    }
    await ep.getByTestId('takeback-start').click();
    await ep.getByTestId('takeback-form').waitFor();
    await ep.getByTestId('takeback-condition').fill('外壳完好，加热模块不工作');
    await ep.getByTestId('takeback-ok').click();
    const receipt = ep.getByTestId('receipt-number');
    await receipt.waitFor();
    assert.ok((await receipt.innerText()).trim().length > 0);
    await ep.getByTestId('wo-status-now').filter({ hasText: '带回维修' }).waitFor();
    await ep.getByTestId('takeback-card').click();
    await ep.getByTestId('card-description').fill('更换加热模块，老化测试 2 小时');
    await ep.getByTestId('takeback-ok').click();
    await ep.getByTestId('repair-card').getByText('更换加热模块').waitFor();
    await ep.screenshot({ path: path.join(SCREENSHOTS, 'take-back-phone.png'), fullPage: true });
    await ep.getByTestId('takeback-return').click();
    await ep.getByTestId('return-condition').fill('维修完成，功能正常');
    await ep.getByTestId('takeback-ok').click();
    await ep.getByTestId('receipt-status').filter({ hasText: '已归还' }).waitFor();
    await ep.getByTestId('wo-status-now').filter({ hasText: '已修复' }).waitFor();

    // The goods register lists the unit in and out.
    await dp.goto(`${BASE_URL}/goods-register?q=${encodeURIComponent(wo.number)}`);
    await dp.getByTestId('goods-table').getByText(wo.number).first().waitFor();
    assert.equal(await dp.getByTestId('goods-table').locator('.ant-table-row').filter({ hasText: wo.number }).count(), 2);

    // Paid job: the fee shows, and finance records it collected (R-WO-4).
    assert.equal(req.category, 'paid', 'the unit is under a paid-service contract');
    await fp.goto(`${BASE_URL}/work-orders/${req.workOrderId}`);
    await fp.getByTestId('wo-fee').waitFor();
    assert.ok(Number((await fp.getByTestId('fee-total').innerText()).replace(/[^\d.]/g, '')) > 0, 'a fee was computed');
    await fp.getByTestId('fee-pay').click();
    await fp.getByTestId('fee-reference').fill('SK-2026-0001');
    await fp.getByTestId('fee-save').click();
    await fp.getByTestId('fee-payments').waitFor();
    assert.match(await fp.getByTestId('fee-balance').innerText(), /0\.00/);
    await Promise.all([fin.close(), disp.close(), eng.close()]);
  });
});
