// Browser flow for installation and acceptance on a phone (issue 12 item 2, R-IN-1): a notice
// from sales (through the API), the engineer's site check with a failed item re-checked, the
// commissioning items with the customer's consent signature, the service and customer
// signatures on the engineer's phone, then quality control signs and the device is accepted.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE_URL, launch, login, newContext, PASSWORD, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

async function draw(page: Page, scope: Locator) {
  const canvas = scope.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + i * 12, box.y + box.height / 2 - Math.sin(i / 3) * 30, { steps: 2 });
  await page.mouse.up();
}

const statusIs = async (page: Page, text: string) => {
  await page.waitForFunction((t) => document.querySelector('[data-testid=installation-status]')?.textContent?.includes(t), text, { timeout: 10_000 });
};

const post = async (url: string, body: unknown, cookie = '', csrf = '') =>
  fetch(`${BASE_URL}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });

/** An API session: its cookie, CSRF token and own user id. */
async function apiLogin(username: string) {
  const r = await post('/api/v1/auth/login', { username, password: PASSWORD });
  assert.equal(r.status, 200);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken, user } = (await r.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken, userId: user.id };
}

/**
 * Issue 12 item 2: the notice opened its installation work order; the dispatcher sends the
 * engineer through the API (the board is covered by its own flow) — site work waits for it.
 */
async function dispatchInstallation(installationId: string) {
  const engineer = await apiLogin('engineer');
  const d = await apiLogin('dispatcher');
  const get = async (url: string) => (await fetch(`${BASE_URL}${url}`, { headers: { cookie: d.cookie } })).json();
  const inst = (await get(`/api/v1/installations/${installationId}`)) as { workOrder: { id: string } };
  const wo = (await get(`/api/v1/work-orders/${inst.workOrder.id}`)) as { version: number };
  const r = await post(
    `/api/v1/work-orders/${inst.workOrder.id}/dispatch`,
    { version: wo.version, leadEngineerId: engineer.userId, helperIds: [] },
    d.cookie,
    d.csrfToken,
  );
  assert.equal(r.status, 200, await r.clone().text());
}

/** Sales registers the notice through the API (the form is covered by the list screen). */
async function notice(): Promise<string> {
  const { cookie, csrfToken } = await apiLogin('sales');
  const get = async (url: string) => (await fetch(`${BASE_URL}${url}`, { headers: { cookie } })).json();
  const customers = (await get('/api/v1/customers?q=BJ-RH')) as { items: { id: string; code: string }[] };
  const models = (await get('/api/v1/device-models?q=ST-5020')) as { items: { id: string }[] };
  const customerId = customers.items.find((c) => c.code === 'BJ-RH')?.id;
  const n = await post(
    '/api/v1/installations',
    {
      device: { serialNumber: `ST5020-26-E2E${Date.now() % 100000}`, modelId: models.items[0].id },
      customerId,
      siteAddress: '北京仁和医院 病理科 3 楼',
      plannedDate: new Date().toISOString().slice(0, 10),
      salesContact: '吴刚',
    },
    cookie,
    csrfToken,
  );
  assert.equal(n.status, 201, await n.clone().text());
  const id = ((await n.json()) as { id: string }).id;
  await dispatchInstallation(id);
  return id;
}

describe('installation on a phone', () => {
  it('site check, commissioning with consent, service + customer signatures; QC accepts', async () => {
    const id = await notice();
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    await page.goto(`${BASE_URL}/installations/${id}`);
    await page.getByTestId('site-check').waitFor();
    await statusIs(page, '已通知');
    // The installation work order, dispatched to this engineer, is linked from the record.
    await page.getByTestId('installation-work-order').waitFor();
    // Power fails with a note: installation is blocked.
    for (const key of ['water', 'ventilation', 'space', 'environment']) await page.getByTestId(`check-${key}`).getByText('合格', { exact: true }).click();
    await page.getByTestId('check-power').getByText('不合格', { exact: true }).click();
    await page.getByTestId('note-power').fill('无独立接地');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'installation-site-check-phone.png'), fullPage: true });
    await page.getByTestId('site-check-save').click();
    await statusIs(page, '现场检查未通过');
    assert.equal(await page.getByTestId('install-start').count(), 0);
    // Re-checked after the hospital fixed it.
    await page.getByTestId('check-power').getByText('合格', { exact: true }).click();
    await page.getByTestId('site-check-save').click();
    await statusIs(page, '现场检查合格');
    await page.getByTestId('install-start').click();
    await statusIs(page, '安装中');
    // Commissioning: every item measured and passed, the customer's consent signed.
    await page.getByTestId('commissioning').waitFor();
    for (const key of ['power_on', 'functions', 'safety', 'performance']) {
      await page.getByTestId(`measured-${key}`).fill('合格');
      await page.getByTestId(`passed-${key}`).check();
    }
    await page.getByTestId('consent-name').fill('王红');
    await draw(page, page.getByTestId('commissioning'));
    await page.getByTestId('commission-submit').click();
    await statusIs(page, '调试完成');
    // The service's and the customer's signatures on the engineer's phone.
    for (const [party, name] of [
      ['service', '张伟'],
      ['customer', '王红'],
    ] as const) {
      const scope = page.getByTestId(`sign-${party}`);
      await scope.getByTestId(`signer-${party}`).fill(name);
      await draw(page, scope);
      // R-AU-1 (issue 14 §6): the engineer signs as itself, with the password again; the customer needs none.
      if (party === 'service') await scope.getByTestId('sign-password-service').fill(PASSWORD);
      else assert.equal(await scope.getByTestId('sign-password-customer').count(), 0);
      await scope.getByTestId(`sign-submit-${party}`).click();
      await page.getByTestId(`signed-${party}`).waitFor();
    }
    await page.getByTestId('installation-e-signatures').waitFor();
    assert.match(await page.getByTestId('installation-e-signatures').innerText(), /验收签字/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'installation-acceptance-phone.png'), fullPage: true });
    assert.equal(await page.getByTestId('sign-submit-quality').count(), 0);
    await ctx.close();

    // Quality control signs on its phone: the third signature accepts the device.
    const qctx = await newContext(browser, true);
    const q = await qctx.newPage();
    await login(q, 'quality');
    await q.goto(`${BASE_URL}/installations/${id}`);
    const scope = q.getByTestId('sign-quality');
    await scope.getByTestId('signer-quality').fill('周涛');
    await draw(q, scope);
    // A wrong password: refused with the translated message, nothing signed.
    await scope.getByTestId('sign-password-quality').fill('not-my-password-1');
    await scope.getByTestId('sign-submit-quality').click();
    await q.getByText('签名确认失败：密码不正确。').first().waitFor();
    assert.equal(await q.getByTestId('signed-quality').count(), 0);
    await scope.getByTestId('sign-password-quality').fill(PASSWORD);
    await scope.getByTestId('sign-submit-quality').click();
    await statusIs(q, '已验收');
    assert.equal(await q.getByTestId('installation-e-signatures-item').count(), 2);
    await q.getByTestId('handover').waitFor();
    assert.match(await q.getByTestId('installation').innerText(), /验收报告 PDF/);
    await qctx.close();
  });
});
