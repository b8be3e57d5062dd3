// Web (issue 6, benchmark 6): the JavaScript a browser loads for the login page and for the
// work-order list (raw and gzip-compressed bytes), and the time from navigation to a rendered
// list of 50 rows in headless Debian Chromium, against a server on the given database.
//
//   node bench/web.ts [--database-url URL] [--append]
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launch, newContext } from '../e2e/browser.ts';
import { appendResults, arg, DEFAULT_BENCH_URL, DEMO_PASSWORD, flag, machine, ms, percentile, root, startServer, today } from './lib/common.ts';

interface Js {
  url: string;
  raw: number;
  gzip: number;
  /** Body bytes on the wire as the server sent them (its pre-compressed variant, or plain). */
  sent: number;
  encoding: string;
}

/**
 * Every script the page fetched while fn ran, with its size raw, gzip-compressed here, and as
 * transferred (Content-Encoding chosen by the server from Chromium's Accept-Encoding).
 */
async function scriptsDuring(page: Page, fn: () => Promise<void>): Promise<Js[]> {
  const seen = new Map<string, Promise<Js | null>>();
  const onResponse = (res: import('playwright-core').Response) => {
    if (res.request().resourceType() !== 'script' || seen.has(res.url())) return;
    seen.set(
      res.url(),
      (async () => {
        const b = await res.body();
        await res.finished();
        const { responseBodySize } = await res.request().sizes();
        const encoding = (await res.headerValue('content-encoding')) ?? 'identity';
        return { url: res.url(), raw: b.length, gzip: gzipSync(b).length, sent: responseBodySize, encoding };
      })().catch(() => null),
    );
  };
  page.on('response', onResponse);
  await fn();
  page.off('response', onResponse);
  return (await Promise.all(seen.values())).filter((x): x is Js => x !== null);
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const sum = (xs: Js[], k: 'raw' | 'gzip' | 'sent') => xs.reduce((a, x) => a + x[k], 0);
const encodings = (xs: Js[]) => [...new Set(xs.map((x) => x.encoding))].sort().join(', ');
const row = (name: string, xs: Js[]) =>
  `| ${name} | ${xs.length} | ${kb(sum(xs, 'raw'))} | ${kb(sum(xs, 'gzip'))} | ${kb(sum(xs, 'sent'))} (${encodings(xs)}) |`;

export async function runWeb(databaseUrl: string): Promise<string> {
  const build = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const server = await startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'never' });
  const browser = await launch();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    const loginJs = await scriptsDuring(page, async () => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-submit').waitFor();
    });
    await page.getByTestId('login-username').fill('dispatcher');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    const listUrl = `${server.url}/work-orders?pageSize=50`;
    const rowsShown = () =>
      page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length >= 50, undefined, { timeout: 60_000 });
    const afterLogin = await scriptsDuring(page, async () => {
      await page.getByTestId('login-submit').click();
      await page.getByTestId('user-menu').waitFor();
      await page.goto(listUrl);
      await rowsShown();
    });
    // Time to 50 rendered rows: a full navigation (HTML, JS from cache, API, render), 7 times.
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await page.goto(listUrl);
      await rowsShown();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const listJs = [...loginJs, ...afterLogin.filter((x) => !loginJs.some((l) => l.url === x.url))];
    // The list opened directly (a bookmark, a link in a message) by a signed-in user with an
    // empty cache: what the list page itself needs, without the login screen and the dashboard
    // the login lands on (issue 17 item 6).
    const direct = await newContext(browser);
    await direct.addCookies(await context.cookies());
    const directPage = await direct.newPage();
    const directJs = await scriptsDuring(directPage, async () => {
      await directPage.goto(listUrl);
      await directPage.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length >= 50, undefined, { timeout: 60_000 });
    });
    await direct.close();
    return [
      `### Web (bench/web.ts), ${today()}`,
      '',
      `Machine: ${machine()}. Production build (dist/web), server on PostgreSQL; sizes are what a browser fetched: raw = decoded, gzip = those bytes gzip-compressed here (level 6), sent = body bytes transferred (the build's pre-compressed .br/.gz as the server chose them from Chromium's Accept-Encoding).`,
      '',
      '| page | JS files | JS raw | JS gzip | JS sent (encoding) |',
      '|---|---|---|---|---|',
      row('login', loginJs),
      row('work-order list (login + list)', listJs),
      row('work-order list opened directly, signed in, empty cache', directJs),
      '',
      `Time to a rendered list of 50 work orders (navigation → 50 table rows), 7 runs, headless Chromium: p50 ${ms(percentile(times, 50))}, max ${ms(times[times.length - 1])}.`,
    ].join('\n');
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.main) {
  const md = await runWeb(arg('database-url', process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL) as string);
  console.log(md);
  if (flag('append')) appendResults(md);
}
