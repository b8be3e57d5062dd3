// Browser story of issue 14's leftovers: quality uploads a .csv of serials into a campaign's
// selection (R-REG-3) — the matched serial fills the list and the preview, the unknown serial and
// the repeat are listed with their rows — and changes a quality number on 质量跟踪 (R-REG-6),
// which the settings then hold.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('issue 14 leftovers', () => {
  it('a file of serials fills the selection; the lines not matched are listed with their rows', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'quality');
    await page.goto(`${BASE_URL}/campaigns`);
    const units = await call<{ items: { serialNumber: string }[] }>(page, 'GET', '/api/v1/devices?q=MT2255&pageSize=5');
    const serial = units.items[0].serialNumber;
    const c = await call<{ id: string }>(page, 'POST', '/api/v1/campaigns', {
      type: 'field_safety_notice',
      title: '按清单通知的现场安全通知',
      reason: '按厂家提供的序列号清单',
      noticeContent: '尊敬的客户：请按现场安全通知检查设备。',
    });
    await page.goto(`${BASE_URL}/campaigns/${c.id}`);
    await page.getByTestId('campaign-detail').waitFor();
    const csv = `序列号\n${serial}\nNO-SUCH-SERIAL\n${serial.toLowerCase()}\n`;
    await page
      .getByTestId('campaign-serials-upload')
      .locator('xpath=ancestor::span[contains(@class,"ant-upload")]//input[@type="file"]')
      .setInputFiles({ name: '清单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('campaign-serials-read').getByText('文件 3 行：匹配 1 台，未匹配 2 行').waitFor();
    await page.getByTestId('campaign-serials-unmatched').getByText('序列号不存在').waitFor();
    await page.getByTestId('campaign-serials-unmatched').getByText('与第 2 行重复').waitFor();
    await page.getByTestId('campaign-preview-total').getByText('共 1 台设备', { exact: false }).waitFor();
    await page.getByTestId('campaign-freeze').click();
    await page.getByText('已锁定', { exact: false }).first().waitFor();
    const frozen = await call<{ units: number }>(page, 'GET', `/api/v1/campaigns/${c.id}`);
    assert.equal(frozen.units, 1);
    await ctx.close();
  });

  it('quality changes the trend length on 质量跟踪; an engineer only reads it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'quality');
    await page.goto(`${BASE_URL}/quality-tracking`);
    await page.getByTestId('quality-settings-open').click();
    const months = page.getByTestId('quality-settings').locator('#trendMonths');
    await months.fill('18');
    await page.getByTestId('quality-settings-save').click();
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    const s = await call<{ trendMonths: number; version: number }>(page, 'GET', '/api/v1/quality-tracking/settings');
    assert.equal(s.trendMonths, 18);
    await ctx.close();

    const ectx = await newContext(browser);
    const epage = await ectx.newPage();
    await login(epage, 'engineer');
    await epage.goto(`${BASE_URL}/quality-tracking`);
    await epage.getByTestId('quality-settings-open').click();
    await epage.getByText('仅质量部和管理层可以修改。').waitFor();
    assert.equal(await epage.getByTestId('quality-settings').locator('#trendMonths').isDisabled(), true);
    await ectx.close();
  });
});
