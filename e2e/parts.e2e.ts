// Browser stories for spare parts (SPEC §6): an engineer draws a part from the van onto a
// work order (the job is set up through the API), and the parts administrator runs a
// stocktake with a variance that the service manager approves into an adjustment.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, pick, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

/** A JSON call with the page's session (and CSRF token on writes). */

function numberInput(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** Picks an option and waits until the select shows it (a click during the dropdown's animation can be lost). */

type Row = { partCode: string; qty: number; lot: string; condition: string };

describe('spare parts in the browser', () => {
  it('an engineer adds a part to a work order from the van stock', async () => {
    // The job: registered and dispatched to the engineer through the API.
    const setup = await (await newContext(browser)).newPage();
    await login(setup, 'dispatcher');
    const devices = await call<{ items: { id: string }[] }>(setup, 'GET', '/api/v1/devices?q=ST5020-24-0376');
    const req = await call<{ workOrderId: string }>(setup, 'POST', '/api/v1/requests', {
      deviceId: devices.items[0].id,
      faultDescription: '染色机试剂泵不出液',
      deviceDown: false,
      reporterName: '李医生',
      reporterPhone: '13900000001',
    });
    const engineers = await call<{ id: string; username: string }[]>(setup, 'GET', '/api/v1/parts/engineers');
    const wo = await call<{ version: number; number: string }>(setup, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    await call(setup, 'POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, {
      version: wo.version,
      leadEngineerId: engineers.find((e) => e.username === 'engineer')?.id,
    });
    await setup.context().close();

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    const before = await call<{ items: Row[] }>(page, 'GET', '/api/v1/parts/stock?q=BJ-ST-PUMP&pageSize=100');
    const vanBefore =
      before.items.find((r) => r.condition === 'good' && (r as unknown as { warehouseCode: string }).warehouseCode === 'VAN-engineer')?.qty ?? 0;
    assert.ok(vanBefore >= 1, 'the van holds a pump');

    await page.getByTestId('nav').getByText('工单领用', { exact: true }).click();
    await page.getByTestId('issue-form').waitFor();
    await page.getByTestId('van-stock').getByText('BJ-ST-PUMP').waitFor();
    await pick(page, 'issue-workorder', wo.number);
    // The engineer's own van is preselected.
    await page.getByTestId('issue-warehouse').getByText('VAN-engineer').waitFor();
    await pick(page, 'issue-part', 'BJ-ST-PUMP');
    await numberInput(page, 'issue-qty').fill('1');
    await page.getByTestId('issue-removed').fill('PUMP-OLD-0376');
    await page.getByTestId('issue-submit').click();
    await page.getByText('已领用，台账与工单备件已记录').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'parts-issue.png'), fullPage: true });

    const after = await call<{ items: (Row & { warehouseCode: string })[] }>(page, 'GET', '/api/v1/parts/stock?q=BJ-ST-PUMP&pageSize=100&nonZero=false');
    assert.equal(after.items.find((r) => r.condition === 'good' && r.warehouseCode === 'VAN-engineer')?.qty, vanBefore - 1);
    // The work order shows the part, with the unit taken out.
    await page.goto(`${BASE_URL}/work-orders/${req.workOrderId}`);
    await page.getByText('染色机蠕动泵').first().waitFor();
    assert.match(await page.locator('body').innerText(), /PUMP-OLD-0376/);
    // The movement is on the ledger, signed by the engineer, against the work order.
    const ledger = await call<{ items: { kind: string; workOrderNumber: string; signedByName: string }[] }>(page, 'GET', '/api/v1/parts/ledger?kind=issue');
    assert.ok(ledger.items.some((e) => e.workOrderNumber === wo.number && /张伟/.test(e.signedByName)));
    await ctx.close();
  });

  it('the parts administrator runs a stocktake with a variance; the service manager approves it into an adjustment', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'parts');
    await page.getByTestId('nav').getByText('盘点', { exact: true }).click();
    await page.getByTestId('stocktake-create').click();
    await pick(page, 'stocktake-warehouse', 'VAN-technician');
    await page.getByTestId('stocktake-create-ok').click();
    await page.getByTestId('stocktake-lines').waitFor();
    await page.waitForURL(/\/parts\/stocktakes\/[0-9a-f-]{36}$/);
    const url = page.url();
    const lines = page.getByTestId('stocktake-lines');
    assert.match(await lines.innerText(), /BJ-PM-SPO2/);
    // Two probes booked, one on the shelf.
    await numberInput(page, 'count-BJ-PM-SPO2-x-good').fill('1');
    await page.getByTestId('reason-BJ-PM-SPO2-x-good').fill('探头遗失在瑞康医院，已报告');
    await page.getByTestId('stocktake-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByTestId('stocktake-submit').click();
    await page.getByText('等待服务经理审批', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'parts-stocktake.png'), fullPage: true });
    await ctx.close();

    const mctx = await newContext(browser);
    const mpage = await mctx.newPage();
    await login(mpage, 'manager');
    await mpage.goto(url);
    await mpage.getByTestId('stocktake-approve').click();
    await mpage.getByText('已批准').first().waitFor();
    const adj = await call<{ items: { qty: number; note: string; warehouseCode: string }[] }>(mpage, 'GET', '/api/v1/parts/ledger?kind=adjustment');
    assert.ok(adj.items.some((e) => e.qty === -1 && e.warehouseCode === 'VAN-technician' && /探头遗失/.test(e.note)));
    const verify = await call<{ ok: boolean }>(mpage, 'GET', '/api/v1/parts/ledger/verify');
    assert.equal(verify.ok, true);
    await mctx.close();
  });

  it('every parts screen opens for the service manager, in both languages, without a script error', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await login(page, 'manager');
    for (const [path_, testId] of [
      ['/parts/stock', 'stock-table'],
      ['/parts/ledger', 'ledger-table'],
      ['/parts/catalog', 'parts-catalog-table'],
      ['/parts/warehouses', 'warehouses-table'],
      ['/parts/suppliers', 'suppliers-table'],
      ['/parts/stocktakes', 'stocktakes-table'],
    ] as const) {
      await page.goto(`${BASE_URL}${path_}`);
      await page.getByTestId(testId).locator('tbody tr.ant-table-row').first().waitFor();
    }
    await page.goto(`${BASE_URL}/parts/purchasing`);
    await page.getByText('BJ-PM-BATT').first().waitFor();
    await page.goto(`${BASE_URL}/parts/reports`);
    await page.getByText('北京中心备件库').first().waitFor();
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Stock by warehouse').first().waitFor();
    await page.getByTestId('lang-switch').getByText('中文').click();
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
