// Browser story of a warranty exclusion and its quote (保修除外 + 报价单, R-WX-1, R-FE-1, issue 15 §4):
// 张伟 finds a contract unit of 仁和医院 struck by lightning (雷击, force majeure) and proposes the
// exclusion with its reason and evidence; the service manager confirms it; the job becomes chargeable
// at cost and cannot be resolved — the refusal is said in Chinese; 张伟 draws up the quote (labour and
// a part at its cost price) and sends it; the hospital user accepts it in 我的报价 on a phone; the job
// is then resolved.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, pick } from './browser.ts';

// 仁和医院's tissue processor under maintenance contract HT-2026-014.
const SERIAL = 'TP8000-24-0107';
const REASON = '雷雨夜病理科配电箱遭雷击，设备电源模块与温控板烧毁';
const REFUSAL = '该工单已确认为保修除外（人为或不可抗力）有偿服务：客户确认报价单之前不能完成维修。';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function resolveRefusal(page: Page, id: string): Promise<string> {
  const wo = await call<{ version: number }>(page, 'GET', `/api/v1/work-orders/${id}`);
  try {
    await call(page, 'POST', `/api/v1/work-orders/${id}/transition`, { version: wo.version, to: 'resolved' });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('warranty exclusion → quote at cost → accepted in the portal → resolved (R-WX-1)', () => {
  it('lightning damage on a contract unit is charged at cost only after the hospital accepts the quote', async () => {
    // Customer service registers the fault and dispatches it to 张伟 (set-up through the API).
    const dctx = await newContext(browser);
    const dp = await dctx.newPage();
    await login(dp, 'dispatcher');
    const devices = await call<{ items: { id: string; serialNumber: string }[] }>(dp, 'GET', `/api/v1/devices?q=${SERIAL}`);
    const device = devices.items.find((d) => d.serialNumber === SERIAL);
    assert.ok(device);
    const req = await call<{ workOrderId: string; category: string }>(dp, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '雷雨后脱水机无法开机，温控面板无显示',
      deviceDown: true,
      reporterName: '王红',
      reporterPhone: '010-65295001',
    });
    assert.ok(['warranty', 'contract'].includes(req.category), `a covered job, not ${req.category}`);
    const people = await call<{ items: { userId: string; username: string }[] }>(dp, 'GET', '/api/v1/engineer-profiles?pageSize=100');
    const engineer = people.items.find((p) => p.username === 'engineer');
    assert.ok(engineer);
    const wo0 = await call<{ version: number; number: string }>(dp, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    await call(dp, 'POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, { version: wo0.version, leadEngineerId: engineer.userId, helperIds: [] });
    const part = (await call<{ items: { id: string; code: string; unitCost: string | null }[] }>(dp, 'GET', '/api/v1/parts/catalog?pageSize=100')).items.find(
      (p) => p.unitCost && Number(p.unitCost) > 0,
    );
    assert.ok(part, 'a catalogue part with a cost price');
    await dctx.close();
    const woUrl = `${BASE_URL}/work-orders/${req.workOrderId}`;

    // 张伟 on site proposes the exclusion: lightning (force majeure) with reason and evidence.
    const ectx = await newContext(browser);
    const ep = await ectx.newPage();
    await login(ep, 'engineer');
    await ep.goto(woUrl);
    await ep.getByTestId('wo-page').waitFor();
    for (const step of ['accepted', 'on_the_way', 'on_site']) {
      await ep.getByTestId(`step-${step}`).click();
      await ep.getByTestId(`step-${step}`).waitFor({ state: 'detached' });
    }
    await ep.getByTestId('exclusion-propose').click();
    await ep.getByTestId('exclusion-category').click();
    await ep.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '雷击' }).click();
    await ep.getByTestId('exclusion-reason').fill(REASON);
    await ep.getByTestId('exclusion-evidence').fill('烧蚀电源模块照片已上传附件；医院设备科确认当晚雷击停电');
    await ep.getByTestId('exclusion-ok').click();
    await ep.getByTestId('exclusion-status').filter({ hasText: '待经理确认' }).waitFor();
    await ep.getByTestId('exclusion').getByText('雷击（不可抗力）').waitFor();
    assert.equal(await ep.getByTestId('exclusion-confirm').count(), 0, 'the engineer does not confirm his own proposal');

    // The service manager confirms it.
    const mctx = await newContext(browser);
    const mp = await mctx.newPage();
    await login(mp, 'manager');
    await mp.goto(woUrl);
    await mp.getByTestId('exclusion-confirm').click();
    await mp.getByTestId('exclusion-status').filter({ hasText: '已确认' }).waitFor();
    await mctx.close();

    // Now chargeable: resolving is refused (in Chinese) until the customer accepts a quote.
    await ep.reload();
    await ep.getByTestId('wo-awaiting-quote').waitFor();
    assert.equal(await ep.getByTestId('step-resolved').count(), 0, 'no resolve button while the quote is not accepted');
    const refused = await resolveRefusal(ep, req.workOrderId);
    assert.match(refused, /: 409 /);
    assert.ok(refused.includes(REFUSAL), refused);

    // 张伟 draws up the quote: 90 minutes of labour and one part at its cost price; then sends it.
    await ep.getByTestId('quote-new').click();
    await ep.getByTestId('quote-labour').fill('90');
    await ep.getByTestId('quote-add-part').click();
    await pick(ep, 'quote-part-0', part.code);
    await ep.getByTestId('quote-create-ok').click();
    await ep.getByTestId('quote-create-ok').waitFor({ state: 'hidden' });
    const quoteLink = ep.getByTestId('wo-quotes').locator('a[href^="/quotes/"]').first();
    const quoteNumber = (await quoteLink.innerText()).trim();
    await quoteLink.click();
    await ep.getByTestId('quote-detail').waitFor();
    await ep.getByText('保修除外').first().waitFor();
    const partRow = ep
      .getByTestId('quote-lines')
      .locator('tr')
      .filter({ hasText: Number(part.unitCost).toFixed(2) });
    await partRow.first().waitFor(); // the part at its cost price
    await ep.getByTestId('quote-send').click();
    await ep.getByText('待客户确认').first().waitFor();
    const total = (await ep.getByTestId('quote-total').innerText()).trim();
    assert.ok(Number(total) > Number(part.unitCost), `labour and part: ${total}`);

    // The hospital user accepts it in 我的报价 on a phone.
    const hctx = await newContext(browser, true);
    const hp = await hctx.newPage();
    await login(hp, 'renhe');
    await hp.getByTestId('nav-toggle').click();
    await hp.getByTestId('nav').getByText('我的报价', { exact: true }).click();
    const card = hp.getByTestId('quotes-card').filter({ hasText: quoteNumber });
    await card.getByText('待客户确认').waitFor();
    await card.click();
    await hp.getByTestId('quote-detail').waitFor();
    await hp.getByTestId('quote-total').filter({ hasText: total }).waitFor();
    await hp.getByTestId('quote-accept').click();
    // Under CI load the OK click can land while the dialog is still opening and go unheard:
    // clicked again (at most three times) while the dialog stays open.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await hp.getByTestId('quote-accept-ok').click();
      const closed = await hp
        .getByTestId('quote-accept-ok')
        .waitFor({ state: 'hidden', timeout: 8_000 })
        .then(
          () => true,
          () => false,
        );
      if (closed) break;
    }
    await hp.getByTestId('quote-decision').filter({ hasText: '客户门户确认' }).waitFor();
    await hp.getByText('已接受').first().waitFor();
    await hctx.close();

    // Accepted: the job may now be resolved, from the work order's own button.
    await ep.goto(woUrl);
    await ep.getByTestId('wo-page').waitFor();
    assert.equal(await ep.getByTestId('wo-awaiting-quote').count(), 0);
    await ep.getByTestId('step-resolved').click();
    await ep.getByTestId('step-resolved').waitFor({ state: 'detached' });
    const done = await call<{ status: string; fee: { chargeable: boolean } }>(ep, 'GET', `/api/v1/work-orders/${req.workOrderId}`);
    assert.equal(done.status, 'resolved');
    assert.equal(done.fee.chargeable, true);
    await ectx.close();
  });
});
