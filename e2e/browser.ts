// Shared browser set-up for the flows: Debian's Chromium (never a downloaded one), with the
// flags this closed network needs, and a login helper that uses the real login form.
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = 'MedService2026';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../docs/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// Reduced motion: the app then turns antd's animations off (AntShell), so under a loaded CI
// machine a click never lands on a dialog or a drop-down option that is still moving in.
export async function newContext(browser: Browser, phone = false): Promise<BrowserContext> {
  return browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', reducedMotion: 'reduce' }
      : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' },
  );
}

export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/**
 * Picks an option in an antd Select by typing and choosing the first match. A remote search can
 * re-render the options under the click, so the choice is checked and tried again (up to three
 * times); a select whose chosen label does not contain the typed text keeps the last try.
 */
export async function pick(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let i = 0; i < 3; i++) {
    await select.click();
    await select.locator('input').fill(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor();
    await option.click();
    try {
      await select.locator('.ant-select-selection-item, .ant-select-content').filter({ hasText: text }).first().waitFor({ timeout: 3000 });
      return;
    } catch {
      // the option list moved under the click; type and choose again
    }
  }
}

/** Waits until a locator matches exactly n elements (lists refetch after a search). */
export async function waitForCount(locator: import('playwright-core').Locator, n: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < until) {
    last = await locator.count();
    if (last === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${n} elements, found ${last}`);
}

/** An API call from inside the page, with its session cookie and CSRF token; throws on a non-2xx answer. */
export async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)ms_csrf=([^;]+)/)?.[1] ?? '');
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await r.json();
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    },
    { method, url, body },
  ) as Promise<T>;
}

/**
 * An engineer's user id, read by a signed-in office page (the dispatcher's) from the engineer
 * profiles; no extra login, so the stories stay under the 10-logins-a-minute limit per account.
 */
export async function userIdOf(page: Page, username: string): Promise<string> {
  const people = await call<{ items: { userId: string; username: string }[] }>(page, 'GET', '/api/v1/engineer-profiles?pageSize=100');
  const found = people.items.find((p) => p.username === username);
  if (!found) throw new Error(`no engineer profile for ${username}`);
  return found.userId;
}
