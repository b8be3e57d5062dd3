// Browser story of the engineer's phone without a signal (issue 16 §1, §3): the office dispatches
// a maintenance job to the engineer; on a 390×844 phone he opens it once with a connection (the
// offline pack is on the phone), loses the signal, accepts the job and marks his arrival — both steps are
// kept on the phone, the banner says so and the order shows them as not yet synced; the signal
// comes back, the steps replay in order, the banner goes and the order reads 已全部同步; the
// server has the order 现场服务中. The two phone screenshots in README come from here.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, SCREENSHOTS, userIdOf } from './browser.ts';

let browser: Browser;

/** The screenshots show the page, not the passing toasts over it. */
const noToasts = (page: Page) => page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: 15_000 });
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('the engineer works without a signal (issue 16 §1)', () => {
  it('steps taken offline wait on the phone under the banner, then sync once the signal is back', async () => {
    const office = await newContext(browser);
    const op = await office.newPage();
    await login(op, 'dispatcher');
    const devices = await call<{ items: { id: string }[] }>(op, 'GET', '/api/v1/devices?q=ST5020-21-0031');
    const wo = await call<{ id: string; version: number; number: string }>(op, 'POST', '/api/v1/work-orders', {
      kind: 'maintenance',
      deviceId: devices.items[0].id,
      description: '染色机季度保养（离线测试）',
      plannedDate: new Date().toISOString().slice(0, 10),
    });
    const engineerId = await userIdOf(op, 'engineer');
    await call(op, 'POST', `/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: engineerId, helperIds: [] });
    await office.close();

    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/work-orders/${wo.id}`);
    await page.getByTestId('wo-page').waitFor();
    // The offline pack holds this order once it has been downloaded with a connection.
    await page.getByTestId('wo-synced').waitFor();

    await phone.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.getByTestId('step-accepted').click();
    // The step is kept on the phone, and the phone says so (not "done").
    await page.getByText('已记录在手机上').first().waitFor();
    await page.getByTestId('step-on_site').click();
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-unsynced'), '2');
    assert.match(await page.getByTestId('offline-unsynced').innerText(), /2 项操作尚未同步/);
    assert.match(await page.getByTestId('wo-unsynced').innerText(), /未同步（2）/);
    assert.equal(await page.getByTestId('offline-steps').locator('[data-testid=offline-step-queued]').count(), 2);
    await noToasts(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'work-order-offline-phone.png'), scale: 'css' });

    await phone.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('wo-synced').waitFor();
    assert.equal(await page.getByTestId('wo-unsynced').count(), 0);
    const server = await call<{ status: string }>(page, 'GET', `/api/v1/work-orders/${wo.id}`);
    assert.equal(server.status, 'on_site');
    await noToasts(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'work-order-synced-phone.png'), scale: 'css' });
    await phone.close();
  });
});
