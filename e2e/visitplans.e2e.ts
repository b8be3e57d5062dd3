// Browser story of the quarterly visit plans (回访计划, issue 13 §4; seed 002 part 2 客户回访以季度为单位，
// 分解到月，按计划执行): the service manager opens 回访计划 from the care menu, finds the demo key
// account 中山 (GZ-ZS) with its month cells, opens its planned visits, looks at plan vs done by person;
// sales flag 承德 (HB-CD) key account on its customer page; on a
// 390 px phone the screen still shows the quarter. Not run by the helper that wrote it (shared machine).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('visit plans kept (issue 13 §4)', () => {
  it('the manager reads the quarter, a key account and its lines; plan vs done by person', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/visit-plans`);
    const table = page.getByTestId('visit-plans-table');
    await table.getByText('重点客户').first().waitFor();
    await table.getByText('重点客户').first().locator('xpath=ancestor::tr').click();
    await page.getByTestId('visit-lines').getByText('上门回访').first().waitFor();
    // Close the drawer with its button and wait until it is gone (its mask would take the next click).
    await page.locator('.ant-drawer-open .ant-drawer-close').first().click();
    await page.getByTestId('visit-lines').waitFor({ state: 'hidden' });
    await page.getByText('计划与完成 · 按责任人').click();
    await page.getByTestId('visit-vs-done').getByText('季度合计').first().waitFor();
    await ctx.close();
  });

  it('sales flag a key account on the customer page', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'sales');
    await page.goto(`${BASE_URL}/customers`);
    await page.getByText('承德市中心医院').click();
    const card = page.getByTestId('key-account');
    await card.waitFor();
    await page.getByTestId('key-account-switch').click();
    await page.getByTestId('key-account-visits').fill('2');
    await page.getByTestId('key-account-save').click();
    await card.getByText('重点客户').first().waitFor();
    await ctx.close();
  });

  it('on a 390 px phone the quarter screen shows the months', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/visit-plans`);
    await page.getByTestId('visit-plans-table').waitFor();
    assert.ok(await page.getByTestId('visit-quarter').isVisible());
    await ctx.close();
  });
});
