// Browser story for the call log (R-CL-1; seed 003 §11): a dispatcher takes a call, types the
// number first — the caller's hospital is recognised — logs it, and turns it into a repair request
// with one click; the call shows the request it became, which opens. Then the phone layout shows
// the log as cards. Uses the demo data (server/seed/calls.ts, week.ts).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, pick, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

describe('the call log in the browser', () => {
  it('a dispatcher logs a call and turns it into a repair request', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('呼叫记录', { exact: true }).click();
    await page.getByTestId('calls').waitFor();
    await page.getByTestId('on-duty').waitFor();
    await page.getByTestId('call-new').click();
    await page.getByTestId('call-phone').fill('13801010001');
    // The number belongs to a contact of 北京仁和医院: recognised as it is typed.
    await page.getByText('已识别：王红（北京仁和医院）').waitFor({ timeout: 15_000 });
    await pick(page, 'call-device', 'ST5020-21-0031');
    await page.getByTestId('call-topic').fill('浏览器测试：脱水机报警，无法启动');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'call-log-form.png'), fullPage: true });
    await page.getByTestId('call-save').click();
    const row = page.locator('tr', { hasText: '浏览器测试：脱水机报警' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('to-request').click();
    await page.getByTestId('convert-ok').click();
    const linked = row.getByTestId('call-linked');
    await linked.waitFor({ timeout: 15_000 });
    const text = await linked.innerText();
    assert.match(text, /报修\s*BX-\d{4}-\d{6}/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'call-log.png'), fullPage: true });
    await linked.click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page
      .getByText(text.replace(/^报修\s*/, ''))
      .first()
      .waitFor({ timeout: 15_000 });
    await ctx.close();
  });

  it('on a phone the log is a list of cards with the number to call', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.goto(`${BASE_URL}/calls`);
    await page.getByTestId('calls').waitFor();
    await page.getByTestId('call-row').first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator('[data-testid="call-row"] a[href^="tel:"]').count()) > 0);
    await ctx.close();
  });
});
