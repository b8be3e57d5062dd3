// Browser story of work-order kinds (issue 12 item 1): a dispatcher opens 新建工单, chooses
// 保养/巡检 (maintenance/inspection) for a tissue processor with a planned day, creates it and
// lands on the work order showing its kind; the list filtered by kind finds it, and the dispatch
// board's card carries the kind tag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, pick } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const WORK = '季度预防性维护保养（浏览器测试）：真空系统与加热系统检查';

describe('work-order kinds in the browser (issue 12)', () => {
  it('a dispatcher creates a maintenance work order from the form and finds it by kind on the list and the board', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.goto(`${BASE_URL}/work-orders/new`);
    await page.getByTestId('work-order-form').waitFor();
    // Maintenance is the form's default kind; the selector offers every kind but repair.
    await page.getByTestId('wo-kind-select').click();
    const options = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
    assert.ok(options.includes('保养/巡检') && options.includes('安装调试') && !options.includes('维修'), options.join(','));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '保养/巡检' }).click();
    await pick(page, 'wo-device', 'TP8000-22-0046');
    await page.getByTestId('wo-description').fill(WORK);
    // No planned day yet: the form refuses before anything is sent.
    await page.getByTestId('wo-create').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    assert.match(page.url(), /\/work-orders\/new$/);
    const date = page.locator('[data-testid="wo-planned-date"] input, input[data-testid="wo-planned-date"]').first();
    await date.click();
    await date.fill('2026-12-20');
    await date.press('Enter');
    await page.getByTestId('wo-create').click();
    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    await page.getByTestId('wo-header').waitFor();
    assert.equal((await page.getByTestId('wo-header').getByTestId('wo-kind').innerText()).trim(), '保养/巡检');
    const number = (await page.getByTestId('wo-number').innerText()).trim();
    assert.match(number, /^WO/);

    // The list by kind (searched by number: the demo's year plans put many maintenance jobs on it).
    await page.goto(`${BASE_URL}/work-orders?kind=maintenance&q=${number}`);
    await page.getByText(number).first().waitFor();
    // The board: a waiting card with its kind tag.
    await page.goto(`${BASE_URL}/dispatch`);
    const card = page.getByTestId('board-col-unassigned').getByTestId(`board-card-${number}`);
    await card.waitFor();
    assert.equal((await card.getByTestId('wo-kind').innerText()).trim(), '保养/巡检');
    await ctx.close();
  });
});
