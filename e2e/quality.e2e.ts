// Browser story of quality tracking (质量跟踪, issue 14 §5, R-REG-6): quality opens the tracked
// models (class III models are there on their own, with the trend sparkline), finds the tissue
// processor TP-8000 among all models, flags it 质量不稳定 with the reason on its page, and the
// model is then tracked — listed with the 质量不稳定 reason — with the flag's author shown.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('quality tracking (R-REG-6)', () => {
  it('quality opens the view and flags a model unstable', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'quality');
    await page.goto(`${BASE_URL}/quality-tracking`);
    const table = page.getByTestId('quality-table');
    await table.getByText('CT-760').first().waitFor();
    assert.ok((await table.getByTestId('quality-sparkline').count()) > 0);
    assert.equal(await table.getByText('TP-8000').count(), 0);

    await page.goto(`${BASE_URL}/quality-tracking?scope=all&q=TP-8000`);
    await table.getByText('TP-8000').first().waitFor();
    await table.getByRole('link').first().click();
    await page.getByTestId('quality-detail').waitFor();
    await page.getByTestId('quality-chart').waitFor();
    await page.getByRole('tab', { name: '跟踪标记' }).click();
    await page.getByTestId('quality-toggle-unstable').click();
    await page.getByTestId('quality-unstable-reason').fill('连续出现脱水不彻底，疑似新批次加热模块问题');
    await page.getByTestId('quality-flag-save').click();
    await page.getByTestId('quality-unstable-reason').waitFor({ state: 'hidden' });
    await page.getByTestId('quality-unstable-state').getByText('连续出现脱水不彻底', { exact: false }).waitFor();
    await page.getByTestId('quality-reasons').getByText('质量不稳定').waitFor();

    await page.goto(`${BASE_URL}/quality-tracking?q=TP-8000`);
    await table.getByText('TP-8000').first().waitFor();
    await table.getByText('质量不稳定').first().waitFor();
    await ctx.close();
  });
});
