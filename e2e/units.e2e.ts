// Browser story of the organisation (issue 15 §1, R-ORG-1; seed 002 §12): the admin creates a
// branch with its manager in the 组织单元 screen, a customer is assigned to it and the unit page
// counts it; 华南分公司's manager reviews yesterday's branch daily report and signs it with his
// password (分公司日报审核签字), after which head office's inbox lists it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, PASSWORD, pick } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('units and branch daily reports (R-ORG-1)', () => {
  it('create a unit, assign a customer, sign a daily report', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'admin');
    await page.goto(`${BASE_URL}/units`);
    await page.getByTestId('unit-new').click();
    await page.getByTestId('unit-code').fill('E2E-HB');
    await page.getByTestId('unit-name').fill('华北分公司');
    await pick(page, 'unit-manager', '王建国');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-save').waitFor({ state: 'hidden' });
    await page.getByText('E2E-HB').click();
    await page.getByTestId('unit-detail').waitFor();
    const unitId = page.url().split('/').pop() as string;
    const customers = await call<{ items: { id: string; version: number }[] }>(page, 'GET', '/api/v1/customers?q=承德');
    const c = customers.items[0];
    await call(page, 'PATCH', `/api/v1/customers/${c.id}`, { version: c.version, unitId });
    await page.reload();
    await page.getByTestId('unit-customers').filter({ hasText: '1' }).waitFor();
    await ctx.close();

    const bctx = await newContext(browser);
    const bpage = await bctx.newPage();
    await login(bpage, 'huanan');
    await bpage.goto(`${BASE_URL}/branch-reports?status=draft`);
    await bpage.getByText('华南分公司').first().waitFor();
    await bpage.locator('[data-testid="branch-reports-table"] a').first().click();
    await bpage.getByTestId('branch-report-detail').waitFor();
    await bpage.getByTestId('branch-report-sign').click();
    await bpage.getByTestId('branch-report-password').fill('wrong-password');
    await bpage.getByTestId('branch-report-sign-ok').click();
    await bpage.getByTestId('branch-report-password').waitFor(); // refused: the dialog stays open
    await bpage.getByTestId('branch-report-password').fill(PASSWORD);
    await bpage.getByTestId('branch-report-sign-ok').click();
    await bpage.getByTestId('branch-report-signature').filter({ hasText: '分公司日报审核签字' }).waitFor();
    assert.equal(await bpage.getByTestId('branch-report-sign').count(), 0);
    await bctx.close();

    const hctx = await newContext(browser);
    const hpage = await hctx.newPage();
    await login(hpage, 'manager');
    await hpage.goto(`${BASE_URL}/branch-reports?status=signed`);
    await hpage.getByText('华南分公司').first().waitFor();
    await hctx.close();
  });
});
