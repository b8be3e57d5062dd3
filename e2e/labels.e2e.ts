// Browser stories of device labels (issue 16 §2): the dispatcher prints a label sheet of the
// device list's filter (打印标签: a PDF with x-label-count); an anonymous visitor scans a label on a
// phone — model, status and the hotline, no customer — and reports a fault, which is held for a
// call-back and shows in the dispatcher's 扫码报修待回拨 queue; an engineer scanning the label of a
// device with his open work order lands on the device with that work order on top.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, userIdOf } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const MODEL_Q = 'TP8000';
const SERIAL = 'TP8000-24-0107';
/** A mobile number of this run (the call-back queue keeps earlier runs' reports on a reused server). */
const PHONE = `138${String(Date.now()).slice(-8)}`;

interface Device {
  id: string;
  serialNumber: string;
  modelName: string;
  customerName: string;
}

describe('device labels and the scan page (issue 16 §2)', () => {
  let office: BrowserContext;
  let op: Page;
  let device: Device;
  let scanPath = '';
  before(async () => {
    office = await newContext(browser);
    op = await office.newPage();
    await login(op, 'dispatcher');
    const found = await call<{ items: Device[] }>(op, 'GET', `/api/v1/devices?q=${SERIAL}`);
    device = found.items[0];
    assert.ok(device, 'the demo device exists');
  });
  after(() => office?.close());

  it('the dispatcher prints the label sheet of the device list’s filter (打印标签)', async () => {
    const listed = await call<{ total: number }>(op, 'GET', `/api/v1/devices?q=${MODEL_Q}&pageSize=1`);
    assert.ok(listed.total >= 1);
    await op.goto(`${BASE_URL}/devices?q=${MODEL_Q}`);
    await op.getByTestId('labels-print').click();
    const open = op.getByTestId('labels-print-open');
    await open.waitFor();
    const href = (await open.getAttribute('href')) ?? '';
    assert.match(href, /^\/api\/v1\/device-labels\.pdf\?/);
    assert.match(href, new RegExp(`q=${MODEL_Q}`));
    const answered = office.waitForEvent('response', (r) => r.url().includes('/api/v1/device-labels.pdf'));
    await open.click();
    const r = await answered;
    assert.equal(r.status(), 200);
    assert.equal(r.headers()['content-type'], 'application/pdf');
    assert.equal(r.headers()['x-label-count'], String(listed.total), 'one label per device the list shows');
    // The same sheet, read through the session: a real PDF.
    const again = await op.request.get(`${BASE_URL}${href}`);
    assert.equal(again.status(), 200);
    assert.equal((await again.body()).subarray(0, 5).toString(), '%PDF-');
    for (const p of office.pages()) if (p !== op) await p.close();
  });

  it('an anonymous visitor scans the label on a phone: model, status, hotline, no customer; the report is held for a call-back', async () => {
    // The label's address, as the device page's label card gets it.
    const label = await call<{ path: string; token: string }>(op, 'GET', `/api/v1/devices/${device.id}/label`);
    scanPath = label.path;
    assert.equal(scanPath, `/d/${label.token}`);
    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    await page.goto(`${BASE_URL}${scanPath}`);
    await page.getByTestId('scan-page').waitFor();
    assert.equal((await page.getByTestId('scan-model').innerText()).trim(), device.modelName);
    await page.getByTestId('scan-status').waitFor();
    assert.match((await page.getByTestId('scan-hotline').getAttribute('href')) ?? '', /^tel:[\d+]+$/);
    const text = await page.getByTestId('scan-page').innerText();
    assert.ok(!text.includes(device.customerName), 'the hospital is not shown to a visitor');
    assert.ok(!text.includes(device.serialNumber), 'only the serial’s tail is shown');
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement?.scrollWidth ?? 0, inner: window.innerWidth }));
    assert.ok(inner <= 391 && scroll <= inner + 1, `the scan page fits the phone (${scroll}/${inner})`);

    await page.getByTestId('scan-fault').fill('脱水机屏幕黑屏，按键无反应（扫码报修）');
    await page.getByTestId('scan-name').fill('夜班护士 李娜');
    await page.getByTestId('scan-phone').fill(PHONE);
    await page.getByTestId('scan-submit').click();
    await page.getByTestId('scan-held').waitFor();
    await phone.close();

    // The dispatcher sees it in the call-back queue.
    await op.goto(`${BASE_URL}/scan-reports`);
    const queue = op.getByTestId('scan-reports-table');
    await queue.getByText(PHONE).first().waitFor();
    assert.match(await queue.innerText(), /夜班护士 李娜/);
    const held = await call<{ items: { reporterPhone: string; status: string; deviceId: string }[] }>(op, 'GET', '/api/v1/scan-reports?status=held');
    const mine = held.items.filter((x) => x.reporterPhone === PHONE);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].deviceId, device.id);
  });

  it('an engineer scanning the label of a device with his open work order sees the device and that work order', async () => {
    assert.ok(scanPath);
    const reg = await call<{ workOrderId: string }>(op, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '脱水机加热异常（扫码测试）',
      deviceDown: false,
      channel: 'phone',
      reporterName: '病理科 王老师',
      reporterPhone: '010-65550101',
    });
    const wo = await call<{ id: string; number: string; version: number }>(op, 'GET', `/api/v1/work-orders/${reg.workOrderId}`);
    const engineerId = await userIdOf(op, 'engineer');
    await call(op, 'POST', `/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: engineerId, helperIds: [] });

    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}${scanPath}`);
    await page.waitForURL(`**/devices/${device.id}`);
    const mine = page.getByTestId('device-my-work');
    await mine.waitFor();
    const link = mine.getByTestId('device-my-work-link').filter({ hasText: wo.number });
    await link.waitFor();
    assert.match(await page.locator('body').innerText(), new RegExp(SERIAL));
    await link.click();
    await page.waitForURL(`**/work-orders/${wo.id}`);
    await page.getByTestId('wo-page').waitFor();
    await phone.close();
  });
});
