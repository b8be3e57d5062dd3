// Browser story of the yearly maintenance plan (保养计划, issue 13 §1, R-PM-1; seed 002 事先告知客户):
// the service manager opens the demo year plan (the ventilator of 仁和 and the linac, visits
// coloured done / overdue / requested), sees the plan vs done chart, and opens 仁和's reschedule
// request to move the visit; the hospital user sees its own visits in 保养预约 on a phone and asks
// for another date with a reason. Not run by the helper that wrote it (shared machine).
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('maintenance plans (R-PM-1)', () => {
  it('the manager sees the year plan, the requests and plan vs done', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/maintenance-plans`);
    const screen = page.getByTestId('maintenance-plans');
    await screen.getByTestId('plan-grid').waitFor();
    await screen.getByText('客户申请改期', { exact: false }).first().waitFor();
    await page.getByRole('tab', { name: /客户改期申请/ }).click();
    await page.getByRole('button', { name: '调整日期' }).first().click();
    await page.getByTestId('visit-request').waitFor();
    // Close the dialog with its button and wait until it is gone (its mask would take the next click).
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').first().click();
    await page.getByTestId('visit-request').waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '计划完成情况' }).click();
    await page.getByTestId('plan-chart').waitFor();
    await ctx.close();
  });

  it('the hospital asks another date on a phone', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/my-maintenance`);
    await page.getByTestId('my-maintenance').waitFor();
    await page.getByTestId('portal-reschedule').first().click();
    await page.getByTestId('portal-reason').fill('当天手术安排较多');
    await ctx.close();
  });
});
