// `npm run bench`: every benchmark in turn, results appended to bench/RESULTS.md with the date
// and the machine. Needs the local PostgreSQL server (127.0.0.1:5432, or BENCH_DATABASE_URL),
// pgbench (Debian postgresql-client) and Debian Chromium. The 1M-work-order data set is made by
// `npm run seed:large` on first use (minutes); `--quick` uses 10k devices / 100k work orders.
//
//   npm run bench [-- --quick] [-- --only write,reads,timers,web,embedded,startup,lists,grown,dossier,campaigns]
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { runCampaigns } from './campaigns.ts';
import { runDossier } from './dossier.ts';
import { runEmbedded } from './embedded.ts';
import { runGrown } from './grown.ts';
import { appendResults, arg, DEFAULT_BENCH_URL, flag, machine, root, today } from './lib/common.ts';
import { runLists } from './lists.ts';
import { runReads } from './reads.ts';
import { runTimers } from './timers.ts';
import { runWeb } from './web.ts';
import { runWrite } from './write.ts';

const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
const quick = flag('quick');
const devices = quick ? 10_000 : 100_000;
const workOrders = quick ? 100_000 : 1_000_000;
const only = arg('only')?.split(',');
const want = (name: string) => !only || only.includes(name);

async function workOrderCount(): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return Number((await client.query('select count(*)::int as n from work_orders')).rows[0].n);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

async function section(name: string, fn: () => Promise<string>) {
  if (!want(name)) return;
  const t0 = performance.now();
  console.error(`bench: ${name} …`);
  const md = await fn();
  appendResults(md);
  console.log(`${md}\n`);
  console.error(`bench: ${name} done in ${Math.round((performance.now() - t0) / 1000)} s`);
}

appendResults(`## Run of ${today()} (npm run bench${quick ? ' -- --quick' : ''})\n\nMachine: ${machine()}.`);

if (want('startup')) await import('./startup.ts');

if (want('write') || want('reads') || want('web')) {
  if ((await workOrderCount()) < workOrders * 0.9) {
    console.error(`bench: generating ${devices} devices / ${workOrders} work orders in ${url} (npm run seed:large) …`);
    const r = spawnSync(
      process.execPath,
      ['scripts/seed-large.ts', '--database-url', url, '--devices', String(devices), '--work-orders', String(workOrders), '--reset'],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('seed:large failed');
  }
}

await section('write', () => runWrite({ databaseUrl: url, duration: 20, connections: 64 }));
await section('reads', () => runReads({ databaseUrl: url }));
await section('timers', () => runTimers(url.replace(/\/[^/]+$/, '/medservice_timers')));
await section('web', () => runWeb(url));
await section('embedded', () => runEmbedded(10_000, 100_000));
await section('lists', () => runLists({ databaseUrl: url.replace(/\/[^/]+$/, '/medservice_lists') }));
await section('dossier', () => runDossier({ others: quick ? 5_000 : 20_000 }));
await section('campaigns', () => runCampaigns());
await section('grown', () => runGrown({ databaseUrl: url.replace(/\/[^/]+$/, '/medservice_grown'), requests: quick ? 200 : 800 }));
