// Recalls at scale (issue 14 §3, R-REG-3): a campaign of 5,000 units across 500 customers is
// selected, frozen and notified in well under 10 s. Embedded PGlite (no server needed): the demo
// base for users and models, then 500 customers with a portal user each and 5,000 units of one
// model inserted set-based; timed: preview, freeze (INSERT … SELECT units + one notice per
// customer), start notifying (500 notices claimed once and told in-app), and a second sweep
// (nothing more to send).
//
//   npx node bench/campaigns.ts [--append]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Principal, Role } from '../server/lib/access.ts';
import { createCampaign, freeze, noticeSweep, preview, startNotifying } from '../server/modules/campaigns/index.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { appendResults, flag, machine, ms, today } from './lib/common.ts';

const CUSTOMERS = 500;
const UNITS = 5_000;

export async function runCampaigns(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ms-bench-campaigns-'));
  const database = await openPglite(path.join(dir, 'pgdata'));
  try {
    await migrate(database);
    const db = database.db;
    await seedDemo(db);
    const q = async <T>(sql: string) => (await database.query<T>(sql)).rows;
    const [model] = await q<{ id: string }>(`select id from device_models where code = 'ST-5020'`);
    await q(`insert into customers (code, name, province)
      select 'BC-' || g, '基准医院' || g, (array['北京','上海','广东','湖北','四川','浙江'])[1 + g % 6] from generate_series(1, ${CUSTOMERS}) g`);
    await q(`insert into users (username, display_name, roles, customer_id, password_hash)
      select 'bench-h' || c.code, c.name || '设备科', '{customer_user}', c.id, 'x' from customers c where c.code like 'BC-%'`);
    await q(`insert into devices (serial_number, model_id, customer_id, software_version, acceptance_date, warranty_end)
      select 'BX-' || lpad(g::text, 5, '0'), '${model.id}', c.id, 'V2.' || (g % 3), '2024-01-01', case when g % 2 = 0 then '2027-12-31'::date else '2025-01-01'::date end
      from generate_series(1, ${UNITS}) g join customers c on c.code = 'BC-' || (1 + g % ${CUSTOMERS})`);
    const [u] = await q<{ id: string; username: string; display_name: string; roles: Role[] }>(
      `select id, username, display_name, roles from users where username = 'quality'`,
    );
    const quality: Principal = { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, customerId: null, locale: 'zh-CN' };
    const c = await createCampaign(db, quality, { type: 'recall_1', title: '基准召回', reason: '基准', noticeContent: '基准通知' });
    const criteria = { serialFrom: 'BX-00001', serialTo: 'BX-99999' };

    const t0 = performance.now();
    const p = await preview(db, criteria);
    const t1 = performance.now();
    const frozen = await freeze(db, quality, c.id, { version: c.version, criteria }, 'Asia/Shanghai');
    const t2 = performance.now();
    await startNotifying(db, quality, c.id, frozen.version);
    const t3 = performance.now();
    const again = await noticeSweep(db);
    const t4 = performance.now();
    const [counts] = await q<{ units: number; notices: number; sent: number; told: number }>(`select
      (select count(*)::int from campaign_units where campaign_id = '${c.id}') as units,
      (select count(*)::int from campaign_notices where campaign_id = '${c.id}') as notices,
      (select count(*)::int from campaign_notices where campaign_id = '${c.id}' and sent_at is not null) as sent,
      (select count(*)::int from notifications where kind = 'campaign_notice') as told`);
    const total = t3 - t0;
    return [
      `### Campaigns (issue 14 §3, R-REG-3) — ${today()}, embedded PGlite`,
      '',
      `Machine: ${machine()}.`,
      '',
      `${UNITS} units across ${CUSTOMERS} customers (one portal user each), selected by serial range.`,
      '',
      '| step | time |',
      '| --- | --- |',
      `| preview (${p.total} units, ${p.customers} customers) | ${ms(t1 - t0)} |`,
      `| freeze (${counts.units} units, ${counts.notices} notices) | ${ms(t2 - t1)} |`,
      `| notify (${counts.sent} notices sent, ${counts.told} in-app notifications) | ${ms(t3 - t2)} |`,
      `| **select + freeze + notify** | **${ms(total)}** (${total < 10_000 ? 'under' : 'OVER'} 10 s) |`,
      `| second sweep (sent ${again.sent}, exactly once) | ${ms(t4 - t3)} |`,
    ].join('\n');
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const md = await runCampaigns();
  if (flag('append')) appendResults(md);
  console.log(md);
}
