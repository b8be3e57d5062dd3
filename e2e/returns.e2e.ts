// Browser story of a return (退货/换货, issue 14 §4, R-REG-4): an engineer registers a ventilator
// coming back from 仁和医院 (the form prefilled with the unit, as from its work order) and receives
// it; quality checks the returned goods, decides 换货 and records the exchange unit sent; the
// register lists it as done.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

const SERIAL = 'SV600-25-2201';
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function step(page: Page, name: string, fill: () => Promise<void>) {
  await page.getByTestId(`return-${name}`).click();
  await fill();
  await page.getByTestId('return-step-save').click();
  await page.getByTestId('return-step-save').waitFor({ state: 'hidden' });
}

describe('returns and exchanges (R-REG-4)', () => {
  it('register, receive, inspect, decide, done', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    const devices = await call<{ items: { id: string }[] }>(page, 'GET', `/api/v1/devices?q=${SERIAL}`);
    const deviceId = devices.items[0].id;
    await page.goto(`${BASE_URL}/returns/new?deviceId=${deviceId}`);
    await page.getByTestId('return-reason').fill('呼吸机到货后潮气量偏差超标，科室要求换货');
    await page.getByTestId('return-save').click();
    await page.getByTestId('return-detail').waitFor();
    await page.getByText('已登记').first().waitFor();
    const url = page.url();
    await step(page, 'receive', async () => {
      await page.getByTestId('return-receivedByName').fill('张库管');
      await page.getByTestId('return-arrivalCondition').fill('原包装返回，外观完好');
    });
    await page.getByText('原包装返回，外观完好').waitFor();
    assert.equal(await page.getByTestId('return-inspect').count(), 0); // engineers do not inspect
    await ctx.close();

    const qctx = await newContext(browser);
    const qpage = await qctx.newPage();
    await login(qpage, 'quality');
    await qpage.goto(url);
    await qpage.getByTestId('return-detail').waitFor();
    await step(qpage, 'inspect', async () => {
      await qpage.getByTestId('return-findings').fill('流量传感器标定偏差 12%');
      await qpage.getByTestId('return-result').getByText('不合格').click();
    });
    await step(qpage, 'decide', async () => {
      await qpage.getByTestId('return-decision').click();
      await qpage.locator('.ant-select-item-option').getByText('换货').click();
      await qpage.getByTestId('return-decision-reason').fill('到货即不合格，按合同换新');
    });
    await step(qpage, 'complete', async () => {
      await qpage.getByTestId('return-exchangeSerial').fill('SV600-26-9001');
    });
    await qpage.getByText('SV600-26-9001').waitFor();
    await qpage.goto(`${BASE_URL}/returns?status=done`);
    await qpage.getByTestId('returns-table').getByText(SERIAL).first().waitFor();
    await qctx.close();
  });
});
