// Issue 16 §3: Lighthouse accessibility and best-practices on the engineer's phone screens, and
// the installability of the engineer app, checked in CI. `npm run test:lighthouse`.
//
// Like e2e/run.ts: builds the web UI if needed, starts the real server on a fresh embedded
// database with the demo data, logs in as the demo engineer and audits, at 390×844:
//   - 我的工单 /my-work, one of his work orders /work-orders/:id (navigation runs),
//   - the van-parts dialog over that work order (a snapshot after tapping 从车载库领用).
// Lighthouse 12+ has no PWA category, so installability is checked here through the Chrome
// DevTools Protocol in playwright-core: no installability errors, a manifest with name, icons,
// start_url and display standalone, a service worker controlling the page after a reload, and
// the app shell (and his work from the offline pack) opening with the connection cut.
// Everything runs in Debian's Chromium with background networking off and no throttling
// simulation: nothing is fetched beyond the local server. Scores go to stdout and to
// docs/lighthouse.md; the run fails when a score is under its target or a check fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch as launchChrome } from 'chrome-launcher';
import { type Flags, navigation, type Result, snapshot } from 'lighthouse';
import puppeteer, { type Page as PPage } from 'puppeteer-core';
import { startServer } from '../scripts/lib/server-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'MedService2026';
const ENGINEER = 'engineer';
/** Score targets (0–1), set after measuring the screens; a score below its target fails the run. */
export const TARGETS = { accessibility: 0.95, 'best-practices': 0.95 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];
const PHONE = { width: 390, height: 844, deviceScaleFactor: 3 };

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--metrics-recording-only',
];

const lhFlags: Flags = {
  onlyCategories: CATEGORIES,
  formFactor: 'mobile',
  screenEmulation: { mobile: true, ...PHONE, disabled: false },
  // No simulated slow network or CPU: only accessibility and best practices are scored.
  throttlingMethod: 'provided',
  // Keep the session cookie (the login happens before the audits).
  disableStorageReset: true,
  locale: 'zh',
  logLevel: 'error',
};

interface PageScore {
  name: string;
  url: string;
  scores: Record<Category, number>;
  failing: string[];
}

function summarize(name: string, lhr: Result): PageScore {
  const scores = {} as Record<Category, number>;
  const failing: string[] = [];
  for (const c of CATEGORIES) {
    const cat = lhr.categories[c];
    scores[c] = cat?.score ?? 0;
    for (const ref of cat?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
        const items = (a.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined)?.items ?? [];
        const where = items
          .slice(0, 3)
          .map((i) => i.node?.selector ?? i.node?.snippet ?? '')
          .filter(Boolean)
          .join(' | ');
        failing.push(`${c}/${a.id}: ${a.title}${where ? ` — ${where}` : ''}`);
      }
    }
  }
  return { name, url: lhr.finalDisplayedUrl, scores, failing };
}

async function apiLogin(page: PPage, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  const status = await page.evaluate(
    async (username, password) => {
      const r = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return r.status;
    },
    ENGINEER,
    PASSWORD,
  );
  if (status !== 200) throw new Error(`login as ${ENGINEER}: HTTP ${status}`);
}

/** One of his open work orders on site: its page carries the van-parts button. */
async function pickWorkOrder(page: PPage): Promise<{ id: string; number: string }> {
  const list = await page.evaluate(async () => {
    const r = await fetch('/api/v1/work-orders?mine=true&sort=deadline&pageSize=100');
    return (await r.json()) as { items: { id: string; number: string; status: string; kind: string }[] };
  });
  const wo =
    list.items.find((w) => w.status === 'on_site' && w.kind === 'repair') ??
    list.items.find((w) => ['accepted', 'on_the_way', 'waiting_parts'].includes(w.status));
  if (!wo) throw new Error(`the demo engineer has no open work order (${list.items.map((w) => w.status).join(', ')})`);
  return wo;
}

async function audits(baseUrl: string): Promise<{ pages: PageScore[]; wo: { id: string; number: string } }> {
  const chrome = await launchChrome({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    await apiLogin(page, baseUrl);
    const wo = await pickWorkOrder(page);
    const pages: PageScore[] = [];
    const run = async (name: string, url: string) => {
      const r = await navigation(page, url, { flags: lhFlags });
      if (!r) throw new Error(`Lighthouse gave no result for ${url}`);
      pages.push(summarize(name, r.lhr));
      console.log(
        `${name}: ${CATEGORIES.map((c) => `${c} ${r.lhr.categories[c]?.score}`).join(', ')} ${r.lhr.finalDisplayedUrl} ${JSON.stringify(r.lhr.runtimeError ?? '')}`,
      );
    };
    await run('我的工单 /my-work', `${baseUrl}/my-work`);
    await run('工单 /work-orders/:id', `${baseUrl}/work-orders/${wo.id}`);
    // The van-parts dialog: open it as the engineer does, then a snapshot of what is on screen.
    await page.goto(`${baseUrl}/work-orders/${wo.id}`);
    await page.waitForSelector('[data-testid=wo-page]');
    const button = await page.waitForSelector('[data-testid=part-from-stock]').catch(async (e) => {
      await page.screenshot({ path: path.join(tmpdir(), 'lighthouse-van.png') });
      throw e;
    });
    await button?.evaluate((b) => (b as HTMLElement).click());
    await page.waitForSelector('[data-testid=van-dialog] [data-testid^=van-part-]');
    const snap = await snapshot(page, { flags: lhFlags });
    if (!snap) throw new Error('Lighthouse gave no snapshot of the van-parts dialog');
    pages.push(summarize('车载库领用 (van parts dialog)', snap.lhr));
    return { pages, wo };
  } finally {
    await browser.disconnect().catch(() => {});
    chrome.kill();
  }
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Installability and offline start, through CDP in playwright-core (Lighthouse 12+ dropped its PWA category). */
async function installability(baseUrl: string): Promise<Check[]> {
  process.env.E2E_BASE_URL = baseUrl;
  const { login } = await import('./browser.ts');
  const { chromium } = await import('playwright-core');
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail = '') => checks.push({ name, ok, detail });
  // A persistent profile: Chromium never offers to install from an incognito context, which is
  // what browser.newContext() gives.
  const profile = mkdtempSync(path.join(tmpdir(), 'medservice-lighthouse-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    args: CHROME_FLAGS.filter((f) => f !== '--headless=new'),
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    const page = await ctx.newPage();
    await login(page, ENGINEER);
    await page.goto(`${baseUrl}/my-work`);
    await page.getByTestId('my-work').waitFor();
    const cdp = await ctx.newCDPSession(page);

    const errors = (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors ?? [];
    check('no installability errors (Page.getInstallabilityErrors)', errors.length === 0, errors.map((e) => e.errorId).join(', '));

    const m = await cdp.send('Page.getAppManifest');
    const manifest = JSON.parse(m.data || '{}') as { name?: string; icons?: { sizes?: string }[]; start_url?: string; display?: string };
    const sizes = (manifest.icons ?? []).map((i) => i.sizes ?? '');
    check(
      'manifest: name, icons 192 and 512, start_url, display standalone',
      !!manifest.name && sizes.includes('192x192') && sizes.includes('512x512') && !!manifest.start_url && manifest.display === 'standalone',
      `${m.url}: name=${manifest.name} icons=${sizes.join('/')} start_url=${manifest.start_url} display=${manifest.display}`,
    );

    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await page.getByTestId('my-work').waitFor();
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    check('a service worker controls the page after a reload', controller?.endsWith('/sw.js') === true, String(controller));

    // The offline pack is in IndexedDB once his list has been seen with a connection.
    await page.waitForFunction(async () => {
      if (!(await indexedDB.databases()).some((d) => d.name === 'medservice-offline')) return false;
      const db = await new Promise<IDBDatabase | null>((res) => {
        const r = indexedDB.open('medservice-offline');
        r.onsuccess = () => res(r.result);
        r.onerror = () => res(null);
      });
      if (!db?.objectStoreNames.contains('lists')) return false;
      return new Promise<boolean>((res) => {
        const g = db.transaction('lists').objectStore('lists').get('mine');
        g.onsuccess = () => res(Array.isArray(g.result) && g.result.length > 0);
        g.onerror = () => res(false);
      });
    });
    await ctx.setOffline(true);
    await page.goto(`${baseUrl}/my-work`);
    const shown = await page
      .getByTestId('offline-banner')
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    const cards = await page
      .locator('[data-testid^=my-wo-]')
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => page.locator('[data-testid^=my-wo-]').count())
      .catch(() => 0);
    const seen = `${cards} work orders from the offline pack; offline banner ${shown ? 'shown' : 'not shown'}`;
    check(
      'offline: the cached app shell opens /my-work with his work orders',
      cards > 0,
      cards ? seen : `${seen}: ${(await page.locator('body').innerText()).slice(0, 120)}`,
    );
    await ctx.setOffline(false);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return checks;
}

function report(pages: PageScore[], checks: Check[], seconds: number): string {
  const date = new Date().toISOString().slice(0, 10);
  const pct = (x: number) => String(Math.round(x * 100));
  const lines = [
    '# Lighthouse on the engineer screens',
    '',
    `Written by \`npm run test:lighthouse\` (e2e/lighthouse.ts) on ${date}, Lighthouse ${LH_VERSION}, Debian Chromium,`,
    `mobile form factor at ${PHONE.width}×${PHONE.height}, logged in as the demo engineer; ${seconds} s. Issue 16 §3.`,
    `Targets: ${CATEGORIES.map((c) => `${c} ≥ ${pct(TARGETS[c])}`).join(', ')}; installability checks must all pass.`,
    '',
    `| screen | ${CATEGORIES.join(' | ')} |`,
    `|---|${CATEGORIES.map(() => '---').join('|')}|`,
    ...pages.map((p) => `| ${p.name} | ${CATEGORIES.map((c) => pct(p.scores[c])).join(' | ')} |`),
    '',
    '| installability (CDP in playwright-core) | result |',
    '|---|---|',
    ...checks.map((c) => `| ${c.name} | ${c.ok ? 'pass' : `FAIL ${c.detail}`} |`),
    '',
  ];
  const failing = pages.flatMap((p) => p.failing.map((f) => `- ${p.name}: ${f}`));
  lines.push('Audits not at full score:', '', ...(failing.length ? failing : ['- none']), '');
  return lines.join('\n');
}

const LH_VERSION = (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version as string;

/** The audits and checks against a running server; the verdict is the exit code. */
async function check(baseUrl: string, t0: number): Promise<number> {
  const { pages, wo } = await audits(baseUrl);
  console.log(`Audited as ${ENGINEER}: /my-work, work order ${wo.number}, its van-parts dialog.`);
  const checks = await installability(baseUrl);
  const seconds = Math.round((performance.now() - t0) / 1000);
  const text = report(pages, checks, seconds);
  writeFileSync(path.join(root, 'docs/lighthouse.md'), text);
  console.log(`\n${text}`);
  const low = pages.flatMap((p) => CATEGORIES.filter((c) => p.scores[c] < TARGETS[c]).map((c) => `${p.name}: ${c} ${p.scores[c]} < ${TARGETS[c]}`));
  const broken = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
  for (const x of [...low, ...broken]) console.error(`FAIL ${x}`);
  return low.length + broken.length === 0 ? 0 : 1;
}

const t0 = performance.now();
let code = 1;
if (process.env.LIGHTHOUSE_BASE_URL) {
  // Against a server already running (with the demo data), e.g. while fixing what it finds.
  code = await check(process.env.LIGHTHOUSE_BASE_URL, t0);
} else {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medservice-lighthouse-'));
  try {
    const server = await startServer({ dataDir, databaseUrl: '', stdio: ['ignore', 'inherit', 'inherit'], timeoutMs: 300_000, pollMs: 300 });
    try {
      code = await check(server.baseUrl, t0);
    } finally {
      await server.stop();
    }
  } catch (e) {
    console.error(e);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.exit(code);
