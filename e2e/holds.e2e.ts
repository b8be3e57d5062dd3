// Browser story of the safety hold (停用, issue 14 §1, R-REG-1): an engineer puts a hospital's
// monitor on hold from its device page with the hazard; the page shows the red 停用：请勿使用
// banner at once; the hospital's user (仁和医院) sees the banner with "stop using it" in the portal
// and cannot place a hold; the register lists it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

const SERIAL = 'PM9000-26-0301';
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('safety hold (R-REG-1)', () => {
  it('an engineer puts a unit on hold; the device page and the hospital portal say do not use', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    const devices = await call<{ items: { id: string; hold: unknown }[] }>(page, 'GET', `/api/v1/devices?q=${SERIAL}`);
    const id = devices.items[0].id;
    assert.equal(devices.items[0].hold, null);
    await page.goto(`${BASE_URL}/devices/${id}`);
    await page.getByTestId('device-detail').waitFor();
    await page.getByTestId('hold-place').click();
    await page.getByTestId('hold-reason').fill('电源适配器外壳破裂，存在漏电风险');
    await page.getByTestId('hold-place-save').click();
    // At once, on the same page: the red banner with the reason, and no second hold button.
    await page.getByTestId('hold-banner').getByText('电源适配器外壳破裂').waitFor();
    await page.getByTestId('hold-banner').getByText('停用：请勿使用').waitFor();
    assert.equal(await page.getByTestId('hold-place').count(), 0);
    await page.goto(`${BASE_URL}/device-holds`);
    await page.getByTestId('holds-table').getByText(SERIAL).first().waitFor();
    await ctx.close();

    const hctx = await newContext(browser, true);
    const hpage = await hctx.newPage();
    await login(hpage, 'renhe');
    await hpage.goto(`${BASE_URL}/devices/${id}`);
    const banner = hpage.getByTestId('hold-banner');
    await banner.getByText('停用：请勿使用').waitFor();
    await banner.getByText('请立即停止使用', { exact: false }).waitFor();
    assert.equal(await hpage.getByTestId('hold-place').count(), 0);
    await hctx.close();
  });
});
