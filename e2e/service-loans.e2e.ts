// Browser stories for loaner units and the same-day misses report (R-SLA-3, R-WO-6): a request
// registered 13 hours ago through the API (dispatcher), then the service manager lends the
// pool's PM9000-LOANER-02 from the request page and takes it back; the loans page shows it
// available again; the sales director opens the same-day misses report.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { APIRequestContext, Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, PASSWORD, pick, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

const SERIAL = 'MR560-24-0033';
const LOANER = 'PM9000-LOANER-02'; // the demo week has lent -01

async function apiCall<T>(req: APIRequestContext, csrf: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const r = await req.fetch(`${BASE_URL}${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok()) throw new Error(`${method} ${url}: ${r.status()} ${JSON.stringify(json)}`);
  return json as T;
}

describe('loaner units and same-day misses in the browser', () => {
  let requestId = '';

  it('the dispatcher registers a request 13 hours old through the API', async () => {
    const ctx = await newContext(browser);
    const r = await ctx.request.post(`${BASE_URL}/api/v1/auth/login`, { data: { username: 'dispatcher', password: PASSWORD } });
    assert.ok(r.ok(), `login: ${r.status()}`);
    const csrf = decodeURIComponent((await ctx.cookies()).find((c) => c.name === 'ms_csrf')?.value ?? '');
    const devices = await apiCall<{ items: { id: string; serialNumber: string }[] }>(ctx.request, csrf, 'GET', `/api/v1/devices?q=${SERIAL}`);
    const device = devices.items.find((d) => d.serialNumber === SERIAL);
    assert.ok(device, 'demo device');
    const created = await apiCall<{ id: string; number: string }>(ctx.request, csrf, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '磁体失超报警，设备无法扫描（e2e 备用机）',
      deviceDown: true,
      channel: 'phone',
      reporterName: '影像科 刘医生',
      reporterPhone: '021-5555-0101',
      receivedAt: new Date(Date.now() - 13 * 3600_000).toISOString(),
    });
    requestId = created.id;
    await ctx.close();
  });

  it('the service manager lends the loaner unit and takes it back', async () => {
    assert.ok(requestId);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/requests/${requestId}`);
    await page.getByTestId('request-loaner').waitFor();
    await page.getByTestId('loan-lend').click();
    await pick(page, 'loan-unit-select', LOANER);
    await page.getByTestId('loan-notes').fill('含电源线与血氧探头');
    await page.getByTestId('loan-lend-ok').click();
    const open = page.getByTestId('loan-open');
    await open.waitFor();
    assert.match(await open.innerText(), new RegExp(LOANER));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'loaner-lent.png'), fullPage: true });

    await page.getByTestId('loan-return').click();
    await page.getByTestId('loan-condition').fill('外观完好，功能正常');
    await page.getByTestId('loan-return-ok').click();
    const returned = page.getByTestId('loan-returned');
    await returned.waitFor();
    assert.match(await returned.innerText(), /外观完好/);

    await page.getByTestId('nav').getByText('备用机', { exact: true }).click();
    await page.getByTestId('loaner-pool').waitFor();
    await page.getByTestId(`pool-available-${LOANER}`).waitFor();
    await page.getByTestId('loans-open').getByText('已归还', { exact: true }).click();
    await page.getByTestId('loans-list').getByText(LOANER).first().waitFor();
    await ctx.close();
  });

  it('the sales director opens the same-day misses report on a phone', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'sales');
    await page.goto(`${BASE_URL}/same-day-misses`);
    await page.getByTestId('same-day-misses').waitFor();
    await page.getByTestId('misses-unexplained').click();
    await page.locator('[data-testid=same-day-misses] .ant-table').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'same-day-misses-phone.png'), fullPage: true });
    await ctx.close();
  });
});
