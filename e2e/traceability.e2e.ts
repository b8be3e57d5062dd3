// Browser story of traceability (追溯, issue 14 §5, R-REG-5): a seal of lot L2026-09 is fitted on a
// repair of a stainer; quality searches the lot on 追溯查询, sees the unit and its hospital, and
// opens the unit's dossier, which lists the part with its lot and offers the PDF/Excel exports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

const SERIAL = 'TP8000-24-0107';
const LOT = 'L2026-09';
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

type Items<T> = { items: T[] };

describe('traceability (R-REG-5)', () => {
  it('quality finds who has a lot and opens the unit’s dossier', async () => {
    // The repair with the part, set up through the API as the office and the engineer work.
    const ectx = await newContext(browser);
    const epage = await ectx.newPage();
    await login(epage, 'engineer');
    const me = (await call<{ user: { id: string } }>(epage, 'GET', '/api/v1/auth/me')).user;
    const van = (await call<Items<{ id: string; code: string }>>(epage, 'GET', '/api/v1/parts/warehouses?q=VAN-engineer')).items.find(
      (w) => w.code === 'VAN-engineer',
    );
    const seal = (await call<Items<{ id: string; code: string }>>(epage, 'GET', '/api/v1/parts/catalog?q=BJ-TP-SEAL')).items.find(
      (p) => p.code === 'BJ-TP-SEAL',
    );
    assert.ok(van && seal);
    const dctx = await newContext(browser);
    const dpage = await dctx.newPage();
    await login(dpage, 'dispatcher');
    const device = (await call<Items<{ id: string }>>(dpage, 'GET', `/api/v1/devices?q=${SERIAL}`)).items[0];
    const req = await call<{ workOrderId: string }>(dpage, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '试剂泵渗漏',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    const wo = await call<{ version: number }>(dpage, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    await call(dpage, 'POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, { version: wo.version, leadEngineerId: me.id });
    await dctx.close();
    await call(epage, 'POST', '/api/v1/parts/issue-to-work-order', { workOrderId: req.workOrderId, warehouseId: van.id, partId: seal.id, qty: 1, lot: LOT });
    await ectx.close();

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'quality');
    await page.goto(`${BASE_URL}/traceability?tab=part`);
    await page.getByTestId('traceability-page').waitFor();
    await page.getByTestId('trace-code').fill(LOT);
    await page.getByTestId('trace-search').click();
    const table = page.getByTestId('trace-parts-table');
    await table.getByText(SERIAL).first().waitFor();
    await page.getByTestId('trace-found').waitFor();
    await table.getByTestId('trace-device-link').filter({ hasText: SERIAL }).first().click();
    await page.getByTestId('dossier-page').waitFor();
    await page.getByTestId('dossier-parts').getByText(LOT).first().waitFor();
    await page.getByTestId('dossier-pdf').waitFor();
    await page.getByTestId('dossier-section-holds').waitFor();
    await ctx.close();
  });
});
