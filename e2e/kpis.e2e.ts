// Browser story of the management dashboard (管理驾驶舱, R-RP-1, issue 15 §3): the service
// manager opens it on the demo month, reads a KPI's definition, clicks the first-time-fix number
// and lands on the list of work orders behind it; the count matches the number's denominator;
// one order opens; a hospital user has no dashboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('management dashboard drill-down (R-RP-1)', () => {
  it('open the dashboard, click a number, land on the work orders behind it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/kpis`);
    await page.getByTestId('kpi-dashboard').waitFor();
    await page.getByTestId('kpi-trend').waitFor();
    await page.getByTestId('kpi-heatmap').waitFor();
    const value = page.getByTestId('kpi-value-firstTimeFixRate');
    await value.waitFor();
    assert.match((await value.textContent()) ?? '', /%$/);
    const url = new URL(page.url());
    const from = url.searchParams.get('from');
    await value.click();
    await page.waitForURL(/\/kpis\/drill\?/);
    const drillUrl = new URL(page.url());
    assert.equal(drillUrl.searchParams.get('kpi'), 'firstTimeFixRate');
    if (from) assert.equal(drillUrl.searchParams.get('from'), from);
    await page.getByTestId('kpi-drill-table').waitFor();
    // The list's count is the repairs the rate is computed over (the API says the same).
    const api = await call<{ count: number; items: { workOrderNumber: string | null }[] }>(
      page,
      'GET',
      `/api/v1/kpis/drill?${drillUrl.searchParams.toString()}`,
    );
    assert.ok(api.count > 0);
    await page.getByText(String(api.count), { exact: false }).first().waitFor();
    const first = api.items[0].workOrderNumber as string;
    await page.getByRole('link', { name: first }).first().click();
    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}/);
    await page.getByText(first).first().waitFor();
    await ctx.close();

    const hctx = await newContext(browser);
    const hpage = await hctx.newPage();
    await login(hpage, 'renhe');
    const res = await hpage.request.get(`${BASE_URL}/api/v1/kpis/dashboard?from=2026-01-01&to=2026-01-31`);
    assert.equal(res.status(), 403);
    await hctx.close();
  });
});
