// Browser story of a maintenance visit on a phone (issue 13 §1 recording, §2; R-PM-1, R-PM-2): the
// office creates a maintenance job for the Renhe stainer and dispatches it; on a 390 px phone the
// engineer accepts, arrives, opens the record, sees what evidence is missing, marks the tasks,
// records a reading out of range with a calibrated instrument (flagged), adds a finding not fixed on
// the spot (a repair request opens), and leaves; the photos are still missing, so resolving is not
// offered. The manager finds 巡检证据异常 in the menu.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, pick, userIdOf } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('maintenance visit on a phone (R-PM-1, R-PM-2)', () => {
  it('the engineer records the visit; missing photos keep it from being resolved', async () => {
    const office = await newContext(browser);
    const op = await office.newPage();
    await login(op, 'dispatcher');
    const devices = await call<{ items: { id: string; serialNumber: string }[] }>(op, 'GET', '/api/v1/devices?q=ST5020-21-0031');
    const wo = await call<{ id: string; version: number }>(op, 'POST', '/api/v1/work-orders', {
      kind: 'maintenance',
      deviceId: devices.items[0].id,
      description: '染色机月度保养（浏览器测试）',
      plannedDate: new Date().toISOString().slice(0, 10),
    });
    const engineerId = await userIdOf(op, 'engineer');
    await call(op, 'POST', `/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: engineerId, helperIds: [] });
    await office.close();

    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    await login(page, 'engineer');
    const w = await call<{ version: number }>(page, 'GET', `/api/v1/work-orders/${wo.id}`);
    const acc = await call<{ version: number }>(page, 'POST', `/api/v1/work-orders/${wo.id}/transition`, { version: w.version, to: 'accepted' });
    await call(page, 'POST', `/api/v1/work-orders/${wo.id}/transition`, { version: acc.version, to: 'on_site' });
    await page.goto(`${BASE_URL}/work-orders/${wo.id}`);
    const visit = page.getByTestId('maintenance-visit');
    await visit.getByText('尚未打开保养记录').waitFor();
    await page.getByTestId('visit-open').click();
    await page.getByTestId('visit-arrive').click();
    for (const key of ['clean_tanks', 'lube_arm', 'tighten_tubes', 'pump_check']) await page.getByTestId(`task-done-${key}`).click();
    await pick(page, 'visit-instrument', 'YQ-0001');
    await page.getByTestId('reading-input-reagent_volume').fill('7.5');
    await page.getByTestId('reading-input-reagent_volume').locator('xpath=..').getByRole('button').click();
    await page.getByTestId('reading-reagent_volume').getByText('超出范围').waitFor();
    await page.getByTestId('finding-text').fill('试剂加注量偏高，需更换计量泵');
    await visit.getByText('现场已处理').click();
    await page.getByTestId('finding-add').click();
    await visit.getByText(/已生成维修申请 BX/).waitFor();
    await page.getByTestId('visit-depart').click();
    await page
      .getByTestId('visit-missing')
      .getByText(/照片不足/)
      .waitFor();
    const after = await call<{ abilities: { resolve: boolean } }>(page, 'GET', `/api/v1/work-orders/${wo.id}`);
    assert.equal(after.abilities.resolve, false);
    // The section fits the phone: no horizontal scroll.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false);
    await phone.close();

    const mctx = await newContext(browser);
    const mp = await mctx.newPage();
    await login(mp, 'manager');
    await mp.goto(`${BASE_URL}/maintenance-evidence`);
    await mp.getByTestId('evidence-exceptions').getByText('巡检证据异常').first().waitFor();
    await mctx.close();
  });
});
