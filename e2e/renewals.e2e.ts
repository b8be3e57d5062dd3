// Browser story of a renewal won (续约, issue 13 §3, R-CT-1; seed 002 §15 销售跟进续约): the sales
// director opens the 续约 pipeline, finds the demo's quoted renewal, tries to mark another one lost
// without a reason (the dialog insists), then moves the quoted one to won — the dialog holds the
// quote — and the card lands in the won column with its gap-free successor contract, which the
// contract list shows as a renewal. The hospital finds its 保养到期通知书 in the portal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** The card's "move to" select: open it and choose a stage (the select resets after a move). */
async function moveTo(page: Page, contract: string, stage: string) {
  await page.getByTestId(`renewal-move-to-${contract}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: stage }).first().click();
}

describe('renewals (R-CT-1)', () => {
  it('sales wins a quoted renewal: the new contract starts the day after the old one ends', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'sales');
    await page.goto(`${BASE_URL}/renewals`);
    const quoted = page.getByTestId('renewal-column-quoted');
    await quoted.getByTestId('renewal-card-HT-DEMO-RN-05').waitFor();
    await page.getByTestId('renewal-column-notice_sent').getByTestId('renewal-card-HT-DEMO-RN-03').waitFor();

    // Lost needs a reason: the dialog does not close without one.
    await moveTo(page, 'HT-DEMO-RN-04', '已流失');
    await page.getByTestId('renewal-move-ok').click();
    await page.getByTestId('renewal-lost-reason').waitFor();
    assert.equal(await page.getByTestId('renewal-column-lost').getByTestId('renewal-card-HT-DEMO-RN-04').count(), 0);
    // Cancel, and wait for the dialog to be gone before the next card's select is clicked.
    await page.locator('.ant-modal-wrap:visible').locator('.ant-modal-footer button').first().click();
    await page.getByTestId('renewal-lost-reason').waitFor({ state: 'hidden' });

    // Won: the quote is filled in from the card; confirm.
    await moveTo(page, 'HT-DEMO-RN-05', '已续约');
    const quote = page.getByTestId('renewal-quote');
    assert.notEqual(await quote.inputValue(), '');
    await page.getByTestId('renewal-move-ok').click();
    const won = page.getByTestId('renewal-column-won').getByTestId('renewal-card-HT-DEMO-RN-05');
    await won.waitFor();
    await won.getByText(/HT-DEMO-RN-05-R\d{4}/).waitFor();

    await page.goto(`${BASE_URL}/contracts?q=HT-DEMO-RN-05`);
    const list = page.getByTestId('contracts-table');
    await list.getByText(/HT-DEMO-RN-05-R\d{4}/).waitFor();
    await list.getByText('续约合同').first().waitFor();

    await page.goto(`${BASE_URL}/renewals/rate`);
    await page.getByTestId('renewal-rate-overall').waitFor();
    await ctx.close();
  });

  it('the hospital downloads its expiry notice letter in the portal', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/renewal-notices`);
    const notices = page.getByTestId('renewal-notices');
    await notices.getByText('HT-DEMO-RN-03').waitFor();
    assert.equal(await notices.getByText('HT-DEMO-RN-04').count(), 0); // another hospital's contract
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-letter-HT-DEMO-RN-03').click()]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await ctx.close();
  });
});
