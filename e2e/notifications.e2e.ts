// The hospital's bell (issue 10 items 8 and 11, R-CN-1): after customer service dispatches the
// hospital's request, the hospital user's bell shows the notice under today, naming the request,
// the hospital and the device, with the time in the browser's own zone (a browser in Shanghai
// and one in Berlin show the same notice at their local hour), and a click opens the work order.
// `npm run test:e2e -- e2e/notifications.e2e.ts`
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, PASSWORD, SCREENSHOTS } from './browser.ts';

// biome-ignore lint/suspicious/noExplicitAny: the flow reads whatever JSON the endpoint answered.
type Json = Record<string, any>;

async function apiAs(username: string) {
  const r = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${BASE_URL}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
}

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('the hospital bell', () => {
  it('shows the dispatch notice with request, hospital and device, in local time, and opens the work order', async () => {
    const staff = await apiAs('dispatcher');
    const devices = await staff('GET', '/api/v1/devices?q=TP8000-24-0107');
    const device = devices.items.find((d: Json) => d.serialNumber === 'TP8000-24-0107');
    const req = await staff('POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '脱水机程序中断（通知流程）',
      deviceDown: false,
      channel: 'phone',
      reporterName: '病理科 王红',
      reporterPhone: '010-66668002',
    });
    const admin = await apiAs('admin');
    const users = await admin('GET', '/api/v1/users?q=engineer&pageSize=50');
    const engineerId = users.items.find((u: Json) => u.username === 'engineer')?.id;
    assert.ok(engineerId, 'an engineer to dispatch to');
    const wo = await staff('GET', `/api/v1/work-orders/${req.workOrderId}`);
    await staff('POST', `/api/v1/work-orders/${req.workOrderId}/dispatch`, { version: wo.version, leadEngineerId: engineerId, helperIds: [] });
    const hospital = await apiAs('renhe');
    const notice = (await hospital('GET', '/api/v1/notifications?limit=50')).items.find((n: Json) => n.refId === req.workOrderId);
    assert.equal(notice?.kind, 'customer_assigned');

    const shown: Record<string, string> = {};
    for (const timezoneId of ['Asia/Shanghai', 'Europe/Berlin']) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await login(page, 'renhe');
      await page.getByTestId('notifications-bell').click();
      const item = page.getByTestId('notification-record').filter({ hasText: req.number }).first();
      await item.waitFor();
      const text = await item.innerText();
      assert.match(text, /北京仁和医院/);
      assert.match(text, /TP8000-24-0107/);
      assert.match(text, new RegExp(`报修 ${req.number} 已派工程师`));
      shown[timezoneId] = (await item.getByTestId('notification-time').first().innerText()).trim();
      const expected = new Intl.DateTimeFormat('en-GB', { timeZone: timezoneId, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(notice.createdAt),
      );
      assert.equal(shown[timezoneId], expected, `local time in ${timezoneId}`);
      if (timezoneId === 'Asia/Shanghai') {
        await page.waitForTimeout(500); // the popover's fade-in
        await page.screenshot({ path: `${SCREENSHOTS}/notifications-hospital.png` });
        await item.getByTestId('notification-item').first().click();
        await page.waitForURL(`**/work-orders/${req.workOrderId}`);
      }
      await context.close();
    }
    // Shanghai is 7 hours ahead of Berlin in December: the same instant, two local hours.
    assert.notEqual(shown['Asia/Shanghai'], shown['Europe/Berlin']);
  });
});
