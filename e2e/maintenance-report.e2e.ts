// Browser story of the monthly inspection report (月度巡检报告, issue 13 §1; seed 002): the service
// manager picks 北京仁和医院 — the screen opens on the month just finished, where a demo stainer visit
// lies (the demo's visits are 28, 56 and 84 days back) — sees the summary and the stainer, opens
// its visit and downloads the PDF; the hospital user reaches its own report from the portal menu
// on a phone and downloads it too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, pick } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('monthly inspection report (issue 13 §1, seed 002)', () => {
  it('the manager picks a customer and month, reads the summary and downloads the PDF', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/maintenance-reports`);
    const screen = page.getByTestId('monthly-report');
    await screen.getByText('请选择客户和月份').waitFor();
    await pick(page, 'report-customer', '北京仁和医院');
    await page.getByTestId('report-summary').getByText('维护期内系统').waitFor();
    const devices = page.getByTestId('report-devices');
    await devices.getByText('ST5020-21-0031').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    assert.match(download.suggestedFilename(), /月度巡检报告\.pdf$/);
    await ctx.close();
  });

  it('the hospital opens its own report from the portal menu on a phone', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/maintenance-reports`);
    const screen = page.getByTestId('monthly-report');
    assert.equal(await screen.getByTestId('report-customer').count(), 0); // its own organisation, no picker
    await page.getByTestId('report-devices').getByText('ST5020-21-0031').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await ctx.close();
  });
});
