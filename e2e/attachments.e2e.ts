// Browser story for attachments (issue 12 item 0): on a phone, an engineer adds a photo to a unit's
// page — it appears as a thumbnail with the time the camera says it was taken; a hospital user of
// another hospital cannot fetch it; the manager withdraws it with a reason and it leaves the list
// but stays in the history. On an installation, a photo taken on a site-check row stays on that row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { BASE_URL, launch, login, newContext } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const photo = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#557799' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'e2e' }, IFD2: { DateTimeOriginal: '2026:12:03 08:45:00' } })
    .toBuffer();

describe('attachments in the browser', () => {
  it('an engineer photographs a unit on a phone; another hospital cannot see it; the manager withdraws it with a reason', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    const devices = await (await page.request.get(`${BASE_URL}/api/v1/devices?q=ST5020-21-0031`)).json();
    const deviceId = devices.items[0].id as string;
    await page.goto(`${BASE_URL}/devices/${deviceId}`);
    const panel = page.getByTestId('attachments-panel');
    await panel.waitFor();
    await panel.getByPlaceholder('说明（可选）').fill('E2E 铭牌照片');
    // The second picker is the file upload (the first is the camera, accept="image/*" capture).
    await panel
      .locator('input[type=file]')
      .nth(1)
      .setInputFiles({ name: 'nameplate.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    const card = panel.getByTestId('attachment-image').filter({ hasText: 'E2E 铭牌照片' });
    await card.waitFor();
    // EXIF 08:45 without a zone is company time (Asia/Shanghai) = 00:45 UTC, shown in the browser's zone.
    const shown = await page.evaluate(() => {
      const d = new Date('2026-12-03T00:45:00Z');
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    assert.ok((await card.innerText()).includes(`拍摄时间 ${shown}`), await card.innerText());
    const img = card.locator('img');
    await img.waitFor();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    const src = (await img.getAttribute('src')) as string;
    await ctx.close();

    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await login(otherPage, 'ruikang');
    assert.equal((await otherPage.request.get(`${BASE_URL}${src}`)).status(), 404);
    await other.close();

    const mctx = await newContext(browser);
    const mpage = await mctx.newPage();
    await login(mpage, 'manager');
    await mpage.goto(`${BASE_URL}/devices/${deviceId}`);
    const mcard = mpage.getByTestId('attachments-panel').getByTestId('attachment-image').filter({ hasText: 'E2E 铭牌照片' });
    await mcard.getByTestId('attachment-withdraw').click();
    await mpage.locator('.ant-modal:visible textarea').fill('拍错设备');
    await mpage.locator('.ant-modal:visible .ant-btn-dangerous').click();
    await mcard.waitFor({ state: 'detached' });
    await mpage.getByTestId('attachments-panel').getByText('显示已撤回/已替换').click();
    const withdrawn = mpage.getByTestId('attachments-panel').getByTestId('attachment-image').filter({ hasText: '拍错设备' });
    await withdrawn.waitFor();
    assert.match(await withdrawn.innerText(), /已撤回/);
    await mctx.close();
  });

  it('an engineer photographs a site-check item of an installation on a phone: the photo sits on that row only (issue 12 item 2)', async () => {
    const ctx = await newContext(browser, true);
    const page = await ctx.newPage();
    await login(page, 'engineer');
    const list = await (await page.request.get(`${BASE_URL}/api/v1/installations?pageSize=50`)).json();
    const inst = (list.items as { id: string; status: string }[]).find((i) => i.status !== 'cancelled');
    assert.ok(inst, 'demo data has an installation');
    await page.goto(`${BASE_URL}/installations/${inst.id}`);
    const row = page.locator('.ant-list-item', { has: page.getByTestId('check-power') });
    const strip = row.getByTestId('attachments-compact');
    await strip.getByTestId('attachment-camera').waitFor();
    await strip
      .locator('input[type=file]')
      .nth(1)
      .setInputFiles({ name: 'power.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await strip.getByTestId('attachment-image').first().waitFor();
    const items = await (await page.request.get(`${BASE_URL}/api/v1/attachments?ownerKind=installation&ownerId=${inst.id}&ownerPart=site_check:power`)).json();
    assert.equal(items.items.length, 1);
    // The record's own panel lists only files without an item.
    assert.equal(await page.getByTestId('attachments-panel').getByTestId('attachment-image').count(), 0);
    await ctx.close();
  });
});
