// Browser story of customer training on a phone (issue 12 item 3, R-TR-1): the engineer opens the
// demo session (one passed, one failed attendee), adds an attendee with a passing score and sees
// the certificate number; the certificate's public page opens without a login and shows only
// its facts. A completed session is read-only; a planned one is edited in its dialog.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('customer training on a phone (R-TR-1)', () => {
  it('scores an attendee, gets a numbered certificate, and the public page verifies it', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/training/sessions`);
    await page.getByTestId('training-sessions').waitFor();
    await page.getByText('全自动染色机操作培训').first().click();
    await page.getByTestId('training-session').waitFor();
    await page.getByText('李明').first().waitFor();
    assert.equal(await page.getByText('不合格', { exact: true }).count(), 1);
    await page.getByTestId('attendee-name').fill('周敏');
    await page.locator('[data-testid="attendee-score"] input, input[data-testid="attendee-score"]').first().fill('75');
    await page.getByTestId('attendee-add').click();
    const card = page.locator('.ant-card', { hasText: '周敏' });
    await card.getByText(/^PX-\d{4}-\d{6}$/).waitFor();
    const number = (await card.getByText(/^PX-\d{4}-\d{6}$/).textContent()) ?? '';
    const href = (await card.getByRole('link', { name: /核验页/ }).getAttribute('href')) ?? '';
    assert.match(href, /^\/verify\/certificate\/.+/);

    const anon = await (await newContext(browser, true)).newPage();
    await anon.goto(`${BASE_URL}${href}`);
    await anon.getByTestId('certificate-verify').waitFor();
    await anon.getByText('证书有效').waitFor();
    await anon.getByText(number, { exact: true }).waitFor();
    await anon.getByText('周敏', { exact: true }).waitFor();
    await anon.goto(`${BASE_URL}/verify/certificate/not-a-real-token-123456`);
    await anon.getByText('未找到该证书，或链接有误。').waitFor();
    await ctx.close();
  });

  it('a completed session is read-only; a planned one is edited with its version (R-TR-1)', async () => {
    // A desktop: the whole edit form fits the dialog.
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/training/sessions`);
    await page.getByTestId('training-sessions').waitFor();
    await page.getByText('全自动染色机操作培训').first().click();
    await page.getByTestId('session-read-only').waitFor();
    assert.equal(await page.getByTestId('session-edit').count(), 0);

    type S = { id: string; title: string; customerId: string; modelId: string; trainerId: string };
    const list = await call<{ items: S[] }>(page, 'GET', '/api/v1/training/sessions?pageSize=100');
    const demo = list.items.find((x) => x.title === '全自动染色机操作培训');
    assert.ok(demo);
    const created = await call<S>(page, 'POST', '/api/v1/training/sessions', {
      customerId: demo.customerId,
      modelId: demo.modelId,
      trainerId: demo.trainerId,
      title: '新进人员操作培训',
      heldOn: '2027-01-15',
      place: '检验科示教室',
      syllabus: '开关机\n日常保养',
    });
    await page.goto(`${BASE_URL}/training/sessions/${created.id}`);
    await page.getByTestId('session-edit').click();
    await page.getByTestId('session-edit-place').fill('门诊楼三层会议室');
    await page.getByTestId('session-edit-save').click();
    await page.getByText('门诊楼三层会议室').waitFor();
    assert.equal(await page.getByTestId('session-read-only').count(), 0);
    await ctx.close();
  });
});
