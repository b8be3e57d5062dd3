// Phone polish (issue 16 §3): on a 390×844 phone the engineer's screens never scroll sideways —
// 我的工单, a repair work order, the maintenance record section, the van parts dialog — and the
// work order's step bar is on the screen without scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, userIdOf } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const PHONE_WIDTH = 390;

/**
 * No sideways scrolling. An emulated phone widens its layout viewport to what overflows, so
 * innerWidth is checked against the phone's width as well as the page's scroll width against it.
 */
async function fitsPhone(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement?.scrollWidth ?? 0, inner: window.innerWidth }));
  assert.ok(inner <= PHONE_WIDTH + 1 && scroll <= inner + 1, `${what}: ${scroll} px of content, ${inner} px viewport on a ${PHONE_WIDTH} px phone`);
}

describe('the engineer’s screens fit a phone (issue 16 §3)', () => {
  it('我的工单, a work order with its step bar in sight, the maintenance record and the van parts fit 390 px', async () => {
    const office = await newContext(browser);
    const op = await office.newPage();
    await login(op, 'dispatcher');
    const engineerId = await userIdOf(op, 'engineer');
    const dev = async (serial: string) => (await call<{ items: { id: string }[] }>(op, 'GET', `/api/v1/devices?q=${serial}`)).items[0].id;
    const reg = await call<{ workOrderId: string }>(op, 'POST', '/api/v1/requests', {
      deviceId: await dev('TP8000-24-0107'),
      faultDescription: '脱水机报警 E21（手机界面检查）',
      deviceDown: false,
      channel: 'phone',
      reporterName: '病理科 王老师',
      reporterPhone: '010-65550101',
    });
    const repair = await call<{ id: string; number: string; version: number }>(op, 'GET', `/api/v1/work-orders/${reg.workOrderId}`);
    await call(op, 'POST', `/api/v1/work-orders/${repair.id}/dispatch`, { version: repair.version, leadEngineerId: engineerId, helperIds: [] });
    const pm = await call<{ id: string; version: number }>(op, 'POST', '/api/v1/work-orders', {
      kind: 'maintenance',
      deviceId: await dev('ST5020-21-0031'),
      description: '染色机月度保养（手机界面检查）',
      plannedDate: new Date().toISOString().slice(0, 10),
    });
    await call(op, 'POST', `/api/v1/work-orders/${pm.id}/dispatch`, { version: pm.version, leadEngineerId: engineerId, helperIds: [] });
    await office.close();

    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/my-work`);
    await page.getByTestId(`my-wo-${repair.number}`).waitFor();
    await fitsPhone(page, '我的工单');

    await page.getByTestId(`my-wo-${repair.number}`).click();
    await page.getByTestId('wo-page').waitFor();
    const bar = page.getByTestId('wo-actions');
    await bar.getByTestId('step-accepted').waitFor();
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const box = await bar.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 844 + 1, `the step bar is on the screen (${JSON.stringify(box)})`);
    assert.ok(await bar.getByTestId('step-accepted').isVisible());
    await fitsPhone(page, 'repair work order');
    await page.getByTestId('step-accepted').click();
    await page.getByTestId('step-on_the_way').click();
    await page.getByTestId('step-on_site').click();
    await page.getByTestId('part-from-stock').waitFor();
    await page.getByTestId('part-from-stock').click();
    await page.getByTestId('van-dialog').locator('[data-testid^=van-part-]').first().waitFor();
    await fitsPhone(page, 'van parts');
    await page.keyboard.press('Escape');
    await page.getByTestId('van-dialog').waitFor({ state: 'hidden' });

    let v = (await call<{ version: number }>(page, 'GET', `/api/v1/work-orders/${pm.id}`)).version;
    for (const to of ['accepted', 'on_site'])
      v = (await call<{ version: number }>(page, 'POST', `/api/v1/work-orders/${pm.id}/transition`, { version: v, to })).version;
    await page.goto(`${BASE_URL}/work-orders/${pm.id}`);
    await page.getByTestId('maintenance-visit').waitFor();
    await page.getByTestId('visit-open').click();
    await page.getByTestId('visit-arrive').waitFor();
    await fitsPhone(page, 'maintenance record');
    await phone.close();
  });
});

describe('input survives the app going to the background (issue 16 §3)', () => {
  it('typed and not saved comes back after the tab was closed; saving drops the kept copy; discard goes back to the record', async () => {
    const office = await newContext(browser);
    const op = await office.newPage();
    await login(op, 'dispatcher');
    const engineerId = await userIdOf(op, 'engineer');
    const device = (await call<{ items: { id: string }[] }>(op, 'GET', '/api/v1/devices?q=TP8000-24-0107')).items[0].id;
    const reg = await call<{ workOrderId: string }>(op, 'POST', '/api/v1/requests', {
      deviceId: device,
      faultDescription: '脱水机加热慢（输入保留检查）',
      deviceDown: false,
      channel: 'phone',
      reporterName: '病理科 王老师',
      reporterPhone: '010-65550101',
    });
    const wo = await call<{ id: string; version: number }>(op, 'GET', `/api/v1/work-orders/${reg.workOrderId}`);
    await call(op, 'POST', `/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: engineerId, helperIds: [] });
    await office.close();

    const phone = await newContext(browser, true);
    let page = await phone.newPage();
    await login(page, 'engineer');
    let v = (await call<{ version: number }>(page, 'GET', `/api/v1/work-orders/${wo.id}`)).version;
    for (const to of ['accepted', 'on_the_way', 'on_site'])
      v = (await call<{ version: number }>(page, 'POST', `/api/v1/work-orders/${wo.id}/transition`, { version: v, to })).version;
    const url = `${BASE_URL}/work-orders/${wo.id}`;
    await page.goto(url);
    await page.getByTestId('wo-phenomenon').fill('加热管断路，温控器读数偏低');
    await page.getByTestId('wo-cause').fill('加热管老化');
    // The phone closes the tab while the engineer is on a call: nothing was saved.
    await page.close();
    page = await phone.newPage();
    await page.goto(url);
    await page.getByTestId('form-draft').waitFor();
    assert.equal(await page.getByTestId('form-draft').getAttribute('data-state'), 'restored');
    assert.equal(await page.getByTestId('wo-phenomenon').inputValue(), '加热管断路，温控器读数偏低');
    assert.equal(await page.getByTestId('wo-cause').inputValue(), '加热管老化');
    const before = await call<{ phenomenon: string | null }>(page, 'GET', `/api/v1/work-orders/${wo.id}`);
    assert.notEqual(before.phenomenon, '加热管断路，温控器读数偏低', 'the draft stays on the phone until saved');

    await page.getByTestId('wo-save').click();
    await page.getByTestId('form-draft').waitFor({ state: 'detached' });
    await page.waitForFunction(async (id) => (await (await fetch(`/api/v1/work-orders/${id}`)).json()).phenomenon === '加热管断路，温控器读数偏低', wo.id);
    await page.reload();
    await page.getByTestId('wo-phenomenon').waitFor();
    assert.equal(await page.getByTestId('form-draft').count(), 0, 'a saved form leaves no kept copy');

    // Typed again, the tab closed, then the engineer discards what came back: the record's value returns.
    await page.getByTestId('wo-phenomenon').fill('临时输入，不要');
    await page.close();
    page = await phone.newPage();
    await page.goto(url);
    await page.getByTestId('form-draft-discard').click();
    await page.getByTestId('form-draft').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('wo-phenomenon').inputValue(), '加热管断路，温控器读数偏低');
    await page.reload();
    await page.getByTestId('wo-phenomenon').waitFor();
    assert.equal(await page.getByTestId('form-draft').count(), 0);
    await phone.close();
  });
});
