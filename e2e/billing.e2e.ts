// Browser story of the money side (费用管理, R-FE-1, R-FE-2, issue 15 §4): finance invoices a paid job
// of 承德市中心医院 due at once, records a partial payment; the ageing view shows the rest in the
// 0–30 天 bucket (list, invoice and the per-customer summary) and the Excel export downloads; 张伟
// records the cash he collected on another paid job and hands it to finance in 现金交接, where the
// accountant confirms it; the budget-vs-actual chart renders.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, pick } from './browser.ts';

// 承德市中心医院's tissue processor under the paid-service agreement FW-2026-003.
const SERIAL = 'TP8000-22-0046';
const HOSPITAL = '承德市中心医院';
const RUN = Date.now().toString(36).toUpperCase();

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** A paid job registered, dispatched, worked and resolved by 张伟 (set-up through the API). */
async function paidJob(dp: Page, ep: Page, fault: string, minutes: number): Promise<{ id: string; number: string }> {
  const devices = await call<{ items: { id: string; serialNumber: string }[] }>(dp, 'GET', `/api/v1/devices?q=${SERIAL}`);
  const device = devices.items.find((d) => d.serialNumber === SERIAL);
  assert.ok(device);
  const req = await call<{ workOrderId: string; category: string }>(dp, 'POST', '/api/v1/requests', {
    deviceId: device.id,
    faultDescription: fault,
    deviceDown: false,
    reporterName: '孙主任',
    reporterPhone: '0314-5550188',
  });
  assert.equal(req.category, 'paid');
  const id = req.workOrderId;
  const people = await call<{ items: { userId: string; username: string }[] }>(dp, 'GET', '/api/v1/engineer-profiles?pageSize=100');
  const engineer = people.items.find((p) => p.username === 'engineer');
  assert.ok(engineer);
  const version = async () => (await call<{ version: number }>(ep, 'GET', `/api/v1/work-orders/${id}`)).version;
  await call(dp, 'POST', `/api/v1/work-orders/${id}/dispatch`, { version: await version(), leadEngineerId: engineer.userId, helperIds: [] });
  for (const to of ['accepted', 'on_site']) await call(ep, 'POST', `/api/v1/work-orders/${id}/transition`, { version: await version(), to });
  await call(ep, 'PATCH', `/api/v1/work-orders/${id}`, {
    version: await version(),
    phenomenon: fault,
    cause: '脱水缸密封圈老化漏液',
    actions: '更换密封圈，清洁缸体',
    testResults: '试运行三个程序正常',
    labourMinutes: minutes,
    travelKm: '12',
  });
  await call(ep, 'POST', `/api/v1/work-orders/${id}/transition`, { version: await version(), to: 'resolved' });
  const wo = await call<{ number: string; fee: { chargeable: boolean; final: boolean; balance: string } }>(ep, 'GET', `/api/v1/work-orders/${id}`);
  assert.ok(wo.fee.chargeable && wo.fee.final && Number(wo.fee.balance) > 0, 'a final fee is owed');
  return { id, number: wo.number };
}

type Receivables = { customers: { customerName: string; buckets: Record<string, string>; total: string }[] };
const cents = (s: string) => Math.round(Number(s) * 100);

describe('receivables, cash hand-over and budget (R-FE-1, R-FE-2)', () => {
  it('invoice, partial payment, ageing, Excel; cash handed over and confirmed; budget chart', async () => {
    const dctx = await newContext(browser);
    const dp = await dctx.newPage();
    await login(dp, 'dispatcher');
    const ectx = await newContext(browser, true);
    const ep = await ectx.newPage();
    await login(ep, 'engineer');
    const invoiced = await paidJob(dp, ep, `脱水机漏液（开票 ${RUN}）`, 120);
    const cashJob = await paidJob(dp, ep, `脱水机漏液（现金 ${RUN}）`, 60);
    await dctx.close();

    // Finance invoices the first job, due at once (terms 0 days).
    const fctx = await newContext(browser);
    const fp = await fctx.newPage();
    await login(fp, 'finance');
    const before = await call<Receivables>(fp, 'GET', '/api/v1/receivables');
    const bucketBefore = cents(before.customers.find((c) => c.customerName === HOSPITAL)?.buckets.d0_30 ?? '0');
    await fp.getByTestId('nav').getByText('应收账款', { exact: true }).click();
    await fp.getByTestId('invoice-new').click();
    await pick(fp, 'invoice-customer', HOSPITAL);
    const candidates = fp.getByTestId('invoice-work-orders');
    await candidates.getByText(invoiced.number).click();
    await fp.getByTestId('invoice-terms').fill('0');
    await fp.getByTestId('invoice-save').click();
    await fp.getByTestId('invoice-detail').waitFor();
    const total = (await fp.getByTestId('invoice-open').innerText()).trim();
    const invoiceNumber = (await fp.locator('h1, h2, h3, h4').filter({ hasText: /FP-/ }).first().innerText()).match(/FP-[\d-]+/)?.[0];
    assert.ok(invoiceNumber, 'the invoice number is shown');

    // A partial payment: 40 % received by bank transfer.
    const part = (Math.floor(cents(total) * 0.4) / 100).toFixed(2);
    const rest = ((cents(total) - cents(part)) / 100).toFixed(2);
    await fp.getByTestId('invoice-pay').click();
    await fp.getByTestId('invoice-entry-amount').fill(part);
    await fp.getByTestId('invoice-entry-reference').fill(`YH-${RUN}`);
    await fp.getByTestId('invoice-entry-save').click();
    await fp.getByTestId('invoice-open').filter({ hasText: rest }).waitFor();
    await fp.getByTestId('invoice-entries').getByText(`YH-${RUN}`).waitFor();
    await fp.getByTestId('invoice-detail').getByText('0–30 天').first().waitFor();

    // The ageing view: the row and the customer's 0–30 天 bucket carry the rest.
    await fp.goto(`${BASE_URL}/invoices?open=true`);
    const row = fp.getByTestId('invoices-table').locator('tr').filter({ hasText: invoiceNumber });
    await row.getByText('0–30 天').waitFor();
    await row.getByText(rest, { exact: true }).waitFor();
    const summaryRow = fp.getByTestId('receivables-summary').locator('tr').filter({ hasText: HOSPITAL });
    const expected = ((bucketBefore + cents(rest)) / 100).toFixed(2);
    await summaryRow.locator('td').nth(3).filter({ hasText: expected }).waitFor();

    // Excel export of the receivables.
    const [download] = await Promise.all([fp.waitForEvent('download'), fp.getByTestId('invoices-export').click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');

    // 张伟 records the cash he collected on the second job (on his phone) and hands it to finance.
    await ep.goto(`${BASE_URL}/work-orders/${cashJob.id}`);
    await ep.getByTestId('fee-pay').click();
    await ep.getByTestId('fee-reference').fill(`SK-${RUN}`);
    await ep.getByTestId('fee-save').click();
    await ep.getByTestId('fee-payments').getByText(`SK-${RUN}`).waitFor();
    await ep.getByTestId('fee-balance').filter({ hasText: '0.00' }).waitFor();
    await ep.goto(`${BASE_URL}/cash-handovers`);
    const onHand = ep
      .getByTestId('cash-on-hand')
      .locator('tr')
      .filter({ hasText: `SK-${RUN}` });
    await onHand.locator('input[type="checkbox"]').check();
    await ep.getByTestId('cash-handover').click();
    await onHand.waitFor({ state: 'detached' });
    // On the phone the hand-overs are cards: his shows as waiting for finance.
    const mine = await call<{ items: { number: string; status: string; items: { workOrderNumber: string }[] }[] }>(ep, 'GET', '/api/v1/cash-handovers');
    const handover = mine.items.find((h) => h.items.some((i) => i.workOrderNumber === cashJob.number));
    assert.ok(handover, 'one hand-over lists the job');
    await ep.getByTestId('cash-handovers-card').filter({ hasText: handover.number }).getByText('待确认').waitFor();
    await ectx.close();

    // The accountant confirms receipt.
    await fp.goto(`${BASE_URL}/cash-handovers`);
    const pending = fp.getByTestId('cash-handovers-table').locator('tr').filter({ hasText: cashJob.number });
    await pending.getByText('张伟').first().waitFor();
    await pending.getByTestId('cash-confirm').click();
    await pending.getByText('财务已确认').waitFor();
    await pending.getByText('郑芳').waitFor();

    // Budget vs actual: the chart draws.
    await fp.getByTestId('nav').getByText('预算', { exact: true }).click();
    const chart = fp.getByTestId('budget-chart');
    await chart.locator('canvas').waitFor();
    const box = await chart.locator('canvas').first().boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, 'the chart has a drawing surface');
    await fp.getByTestId('budget-vs-actual').getByText('维修保养').first().waitFor();
    await fctx.close();
  });
});
