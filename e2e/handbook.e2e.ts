// Browser story of the service handbook (售后服务手册, R-KB-1, issue 15 §5): 张伟 writes the fix of his
// reviewed microtome job into the handbook (写入售后服务手册) and submits it; he cannot publish it,
// and neither can a reviewer his own entry; the technical expert reviews and publishes it; at intake
// the next caller's same fault on another MT-2255 brings the entry up as a suggestion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, PASSWORD, pick } from './browser.ts';

// Two rotary microtomes (MT-2255) no other browser story uses: the job's and the next caller's.
const JOB_SERIAL = 'MT2255-25-1120';
const INTAKE_SERIAL = 'MT2255-24-0901';
const RUN = Date.now().toString(36).toUpperCase();
const FAULT = `切片厚度忽厚忽薄，手轮转动有顿挫感（${RUN}）`;
const FIX = '拆下手轮侧盖，清洁并重新润滑进给丝杠，调整进给机构锁紧螺母间隙至 0.02 mm；试切 20 片厚度一致。';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** A repair of the microtome worked by 张伟, signed and reviewed by customer service (set-up through the API). */
async function reviewedJob(dp: Page, ep: Page): Promise<string> {
  const devices = await call<{ items: { id: string; serialNumber: string }[] }>(dp, 'GET', `/api/v1/devices?q=${JOB_SERIAL}`);
  const device = devices.items.find((d) => d.serialNumber === JOB_SERIAL);
  assert.ok(device);
  const req = await call<{ workOrderId: string }>(dp, 'POST', '/api/v1/requests', {
    deviceId: device.id,
    faultDescription: FAULT,
    deviceDown: false,
    reporterName: '何技师',
    reporterPhone: '028-85550166',
  });
  const id = req.workOrderId;
  const people = await call<{ items: { userId: string; username: string }[] }>(dp, 'GET', '/api/v1/engineer-profiles?pageSize=100');
  const engineer = people.items.find((p) => p.username === 'engineer');
  assert.ok(engineer);
  const version = async () => (await call<{ version: number }>(ep, 'GET', `/api/v1/work-orders/${id}`)).version;
  await call(dp, 'POST', `/api/v1/work-orders/${id}/dispatch`, { version: await version(), leadEngineerId: engineer.userId, helperIds: [] });
  for (const to of ['accepted', 'on_site']) await call(ep, 'POST', `/api/v1/work-orders/${id}/transition`, { version: await version(), to });
  await call(ep, 'PATCH', `/api/v1/work-orders/${id}`, {
    version: await version(),
    phenomenon: FAULT,
    cause: '进给丝杠缺油、锁紧螺母间隙过大',
    actions: FIX,
    testResults: '试切 20 片，厚度 4 μm 一致',
    labourMinutes: 90,
  });
  await call(ep, 'POST', `/api/v1/work-orders/${id}/transition`, { version: await version(), to: 'resolved' });
  await call(ep, 'POST', `/api/v1/work-orders/${id}/sign`, { version: await version(), signerName: '何技师', signaturePng: PNG });
  await call(dp, 'POST', `/api/v1/work-orders/${id}/review`, { version: await version(), verdict: 'approved', password: PASSWORD });
  return id;
}

describe('service handbook from a reviewed work order (R-KB-1)', () => {
  it('an engineer drafts, someone else publishes, intake suggests it for the same model and fault', async () => {
    const dctx = await newContext(browser);
    const dp = await dctx.newPage();
    await login(dp, 'dispatcher');
    const ectx = await newContext(browser);
    const ep = await ectx.newPage();
    await login(ep, 'engineer');
    const woId = await reviewedJob(dp, ep);

    // 张伟 writes it into the handbook from the work order: the draft comes prefilled.
    await ep.goto(`${BASE_URL}/work-orders/${woId}`);
    await ep.getByTestId('wo-to-handbook').click();
    await ep.waitForURL(/\/handbook\/[0-9a-f-]{36}\/edit/);
    await ep.getByTestId('handbook-form').waitFor();
    assert.equal(await ep.getByTestId('handbook-symptoms').inputValue(), FAULT);
    await ep.getByTestId('handbook-model').getByText('MT-2255').first().waitFor();
    await ep.getByTestId('handbook-title').fill(`切片厚度不均：进给丝杠润滑与间隙调整（${RUN}）`);
    await ep.getByTestId('handbook-save').click();
    await ep.getByTestId('handbook-entry').waitFor();
    await ep.getByText(FIX).first().waitFor(); // the fix came from the work order's actions
    await ep.getByTestId('handbook-submit').click();
    await ep.getByTestId('handbook-step-ok').click();
    await ep.getByTestId('handbook-step-ok').waitFor({ state: 'hidden' });
    await ep.getByTestId('handbook-entry').getByText('审核中').first().waitFor();
    assert.equal(await ep.getByTestId('handbook-publish').count(), 0, 'the author cannot publish his own entry');
    const entryUrl = ep.url();
    const entryId = entryUrl.split('/handbook/')[1];
    await ectx.close();

    // The author's own entry is never his to approve: the expert's own draft is refused to him too.
    const xctx = await newContext(browser);
    const xp = await xctx.newPage();
    await login(xp, 'expert');
    const own = await call<{ id: string; version: number }>(xp, 'POST', '/api/v1/handbook/entries', {
      modelId: null,
      category: 'microtome',
      faultCode: null,
      title: `切片机刀架松动（专家自拟 ${RUN}）`,
      symptoms: '刀架锁紧后仍有轻微晃动',
      cause: null,
      fix: '更换刀架锁紧偏心轮',
      partCodes: [],
      tags: [],
    });
    const submitted = await call<{ version: number }>(xp, 'POST', `/api/v1/handbook/entries/${own.id}/submit`, { version: own.version });
    await xp.goto(`${BASE_URL}/handbook/${own.id}`);
    await xp.getByTestId('handbook-entry').getByText('审核中').first().waitFor();
    assert.equal(await xp.getByTestId('handbook-publish').count(), 0);
    await assert.rejects(
      call(xp, 'POST', `/api/v1/handbook/entries/${own.id}/publish`, { version: submitted.version, note: null }),
      /不能审核或发布自己编写的手册条目/,
    );

    // 赵敏 reviews 张伟's entry and publishes it.
    await xp.goto(entryUrl);
    await xp.getByTestId('handbook-publish').click();
    await xp.getByTestId('handbook-step-ok').click();
    await xp.getByTestId('handbook-step-ok').waitFor({ state: 'hidden' });
    await xp.getByTestId('handbook-entry').getByText('已发布').first().waitFor();
    await xctx.close();

    // At intake, customer service types the next caller's fault on another MT-2255: the entry is suggested.
    await dp.goto(`${BASE_URL}/requests/new`);
    await dp.getByTestId('request-form').waitFor();
    await pick(dp, 'request-device', INTAKE_SERIAL);
    await dp.getByTestId('request-fault').fill(FAULT);
    const suggestion = dp.getByTestId('handbook-suggestions').locator(`a[href="/handbook/${entryId}"]`);
    await suggestion.waitFor();
    assert.match(await suggestion.innerText(), new RegExp(RUN));
    await dp.getByTestId('handbook-suggestions').getByText(FIX.slice(0, 20)).waitFor();
    await dctx.close();
  });
});
