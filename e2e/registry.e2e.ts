// Browser stories for the foundation: a dispatcher registers a hospital and a device and
// finds it; the UI switches language; a hospital user sees only its own units; the admin
// verifies the audit chain; a phone layout works. Screenshots go to docs/screenshots.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, PASSWORD, pick, SCREENSHOTS, waitForCount } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

describe('registry in the browser', () => {
  it('a wrong password gets the generic message and no session', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/devices`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('login-username').fill('dispatcher');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const err = page.getByTestId('login-error');
    await err.waitFor();
    assert.match(await err.innerText(), /用户名或密码/);
    await ctx.close();
  });

  it('a dispatcher registers a hospital with a remote site and a device, finds it by serial, and reads it in English', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('客户', { exact: true }).click();
    await page.getByTestId('customer-create').click();
    await page.getByTestId('customer-code').fill('E2E-HZ');
    await page.getByTestId('customer-name').fill('杭州江南医院');
    await page.getByTestId('customer-city').fill('杭州');
    await page.getByTestId('customer-save').click();
    await page.getByTestId('customer-detail').waitFor();
    assert.match(await page.getByTestId('customer-detail').innerText(), /杭州江南医院/);

    await page.getByRole('tab', { name: '院区/地点' }).click();
    await page.getByTestId('site-create').click();
    await page.getByTestId('site-form').getByLabel('名称').fill('千岛湖分院');
    await page.getByTestId('site-form').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '外地' }).click();
    await page.getByTestId('site-save').click();
    await page.getByTestId('site-table').getByText('千岛湖分院').waitFor();

    await page.getByTestId('nav').getByText('设备', { exact: true }).click();
    await page.getByTestId('device-create').click();
    await page.getByTestId('device-serial').fill('E2E-SN-0001');
    await pick(page, 'device-model', 'CT');
    await pick(page, 'device-customer', '杭州江南医院');
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-detail').waitFor();
    assert.match(await page.getByTestId('device-serial-title').innerText(), /E2E-SN-0001/);
    // Not accepted yet: warranty has not started, so the unit is paid service (SPEC §2).
    assert.match(await page.getByTestId('device-coverage').innerText(), /有费服务/);
    assert.match(await page.getByTestId('device-coverage').innerText(), /尚未验收/);
    assert.match(await page.getByTestId('device-timeline').innerText(), /设备建档/);

    await page.getByTestId('nav').getByText('设备', { exact: true }).click();
    await page.getByTestId('devices-search').locator('input').fill('E2E-SN-0001');
    await page.getByTestId('devices-search').locator('input').press('Enter');
    await page.waitForURL(/q=E2E-SN-0001/);
    const rows = page.getByTestId('devices-table').locator('tbody tr.ant-table-row');
    await waitForCount(rows, 1);
    assert.match(await rows.first().innerText(), /杭州江南医院/);

    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('nav').getByText('Devices', { exact: true }).waitFor();
    assert.match(await page.getByTestId('devices-table').innerText(), /Serial number/);
    await page.getByTestId('devices-search').locator('input').fill('');
    await page.getByTestId('devices-search').locator('input').press('Enter');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('nav').getByText('设备', { exact: true }).waitFor();
    await rows.nth(5).waitFor();
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => {});
    await page.screenshot({ path: path.join(SCREENSHOTS, 'devices.png') });
    await ctx.close();
  });

  it('correcting the acceptance date re-derives the warranty end; a different end is an override with a reason (issue 10 item 2)', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    // A unit of its own (a CT model, 24 months), registered through the API as the dispatcher.
    const csrf = (await ctx.cookies()).find((c) => c.name === 'ms_csrf')?.value ?? '';
    const get = async (url: string) => (await ctx.request.get(`${BASE_URL}${url}`)).json();
    const ct = (await get('/api/v1/device-models?q=CT-760&pageSize=1')).items[0];
    const rh = (await get(`/api/v1/customers?q=${encodeURIComponent('仁和')}&pageSize=1`)).items[0];
    const created = await ctx.request.post(`${BASE_URL}/api/v1/devices`, {
      headers: { 'x-csrf-token': csrf },
      data: { serialNumber: 'E2E-WARRANTY-1', modelId: ct.id, customerId: rh.id },
    });
    assert.equal(created.status(), 201, await created.text());
    await page.goto(`${BASE_URL}/devices/${(await created.json()).id}`);
    await page.getByTestId('device-detail').waitFor();
    const setDate = async (testId: string, date: string) => {
      const input = page.getByTestId(testId);
      await input.click();
      await input.fill(date);
      await input.press('Enter');
    };
    // The CT model carries 24 months: the form shows the derived end as the date is typed.
    await page.getByTestId('device-edit').click();
    await setDate('device-acceptance', '2025-11-20');
    await page.getByTestId('device-warranty-derived').getByText('2027-11-19').waitFor();
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-warranty-end-value').getByText('2027-11-19').waitFor();
    // The correction moves it; the old derived date is not sent back.
    await page.getByTestId('device-edit').click();
    await setDate('device-acceptance', '2025-11-23');
    await page.getByTestId('device-warranty-derived').getByText('2027-11-22').waitFor();
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-warranty-end-value').getByText('2027-11-22').waitFor();
    // An override needs its reason; the page shows both.
    await page.getByTestId('device-edit').click();
    await page.getByTestId('device-warranty-override').click();
    await setDate('device-warranty-end', '2028-11-22');
    await page.getByTestId('device-save').click();
    await page
      .getByTestId('device-form')
      .getByText('请输入指定原因')
      .or(page.getByTestId('device-form').locator('.ant-form-item-explain-error'))
      .first()
      .waitFor();
    await page.getByTestId('device-warranty-reason').fill('采购合同约定延保一年');
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-warranty-overridden').waitFor();
    assert.match(await page.getByTestId('device-warranty-end-value').innerText(), /2028-11-22/);
    assert.match(await page.getByTestId('device-warranty-reason-value').innerText(), /采购合同约定延保一年/);
    await page.getByTestId('device-form').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'device-warranty-override.png') });
    // Switching the override off derives the date again.
    await page.getByTestId('device-edit').click();
    await page.getByTestId('device-warranty-override').click();
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-warranty-end-value').getByText('2027-11-22').waitFor();
    assert.equal(await page.getByTestId('device-warranty-overridden').count(), 0);
    await ctx.close();
  });

  it('a hospital user sees only its own devices and gets "not found" for another hospital’s unit', async () => {
    const ctx = await newContext(browser);
    // Find a unit of another hospital through the API as staff.
    const staff = await ctx.request.post(`${BASE_URL}/api/v1/auth/login`, { data: { username: 'dispatcher', password: PASSWORD } });
    assert.equal(staff.status(), 200);
    const other = await (await ctx.request.get(`${BASE_URL}/api/v1/devices?q=${encodeURIComponent('瑞康')}&pageSize=1`)).json();
    const otherId = other.items[0].id as string;
    await ctx.clearCookies();

    const page = await ctx.newPage();
    await login(page, 'renhe');
    await page.goto(`${BASE_URL}/devices`);
    const table = page.getByTestId('devices-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const text = await table.innerText();
    assert.match(text, /仁和/);
    assert.doesNotMatch(text, /瑞康/);
    assert.equal(await page.getByTestId('device-create').count(), 0);
    await page.goto(`${BASE_URL}/devices/${otherId}`);
    await page.locator('.ant-result-404').waitFor();
    await ctx.close();
  });

  it('a dispatcher imports customers from a CSV: a bad row blocks the batch, the fixed file goes in whole', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.goto(`${BASE_URL}/imports`);
    const upload = (name: string, text: string) =>
      page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${text}`, 'utf8') });
    await upload('bad.csv', '客户编号,客户名称,类型,城市\nE2E-IMP-1,温州滨海医院,医院,温州\nE2E-IMP-2,,医院,温州\n');
    await page.getByTestId('import-validate').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /拒绝 1 行/);
    assert.match(await page.getByTestId('import-report').innerText(), /E2E-IMP-2/);
    assert.equal(await page.getByTestId('import-commit').isDisabled(), true);

    await upload('good.csv', '客户编号,客户名称,类型,城市\nE2E-IMP-1,温州滨海医院,医院,温州\nE2E-IMP-2,温州东海医院,医院,温州\n');
    await page.getByTestId('import-validate').click();
    await page
      .getByTestId('import-summary')
      .getByText(/通过 2 行/)
      .waitFor();
    await page.getByTestId('import-commit').click();
    await page
      .getByTestId('import-summary')
      .getByText(/已导入 2 条记录/)
      .waitFor();
    await page.goto(`${BASE_URL}/customers?q=${encodeURIComponent('温州')}`);
    await waitForCount(page.getByTestId('customers-table').locator('tbody tr.ant-table-row'), 2);
    await ctx.close();
  });

  it('the admin verifies the audit chain from the audit screen', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'admin');
    await page.goto(`${BASE_URL}/audit`);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    assert.match(await result.innerText(), /哈希链完整/);
    await ctx.close();
  });

  it('an engineer on a phone opens the device list from the drawer menu', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav').getByText('设备', { exact: true }).click();
    // On a phone the list is cards, not a squeezed table (issue 10 item 15).
    await page.getByTestId('devices-card').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 400, `page scrolls sideways on a phone (${width}px)`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'devices-phone.png') });
    await ctx.close();
  });
});
