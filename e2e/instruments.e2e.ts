// Browser story of the instrument register (issue 13 §5; ISO 13485 §7.6): the service manager
// sees the overdue tile and the overdue instrument in the list, opens the one due soon and
// records a passing calibration, which makes it valid; an engineer on a phone sees the list as
// cards with their due tags.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('instruments and calibration (issue 13 §5)', () => {
  it('the manager finds the overdue instrument and calibrates the one due soon', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.getByTestId('tile-instrumentsOverdue').waitFor();
    await page.goto(`${BASE_URL}/instruments?due=overdue`);
    await page.getByTestId('instruments-search').waitFor();
    await page.getByText('YQ-0002').first().waitFor();
    assert.equal(await page.getByText('YQ-0001').count(), 0);
    await page.goto(`${BASE_URL}/instruments`);
    await page.getByText('YQ-0003').first().click();
    await page.getByTestId('instrument-detail').waitFor();
    await page.getByTestId('due-due_soon').waitFor();
    await page.getByTestId('instrument-calibrate').click();
    await page.getByTestId('cal-date').fill(today());
    await page.getByTestId('instrument-action-save').click();
    await page.getByTestId('due-valid').waitFor();
    await page.getByText('合格', { exact: true }).first().waitFor();
    await ctx.close();
  });

  it('an engineer on a phone sees the register as cards with due tags', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer2');
    await page.goto(`${BASE_URL}/instruments`);
    await page.getByTestId('instruments-search').waitFor();
    await page.getByTestId('instruments-card').first().waitFor();
    await page.getByText('YQ-0002 数字万用表').first().waitFor();
    await page.getByTestId('due-overdue').first().waitFor();
    await ctx.close();
  });
});
