// Times the management dashboard (R-RP-1, issue 15 §3: < 2 s per view at 1M work orders). Run
// against a running server (BENCH_URL, default http://127.0.0.1:3000) holding whatever data it
// has — `npm run seed:large` for the 1M-order database, then `POST /api/v1/kpis/rollup` (or the
// hourly kpis.rollup job) — as the demo service manager:
//   npx node bench/kpis.ts [--days 30,90,365] [--runs 5] [--query unitId=<uuid>]
// (--query: filters added to every view, e.g. a branch's view).
// Each view reads the rollup, never the work orders: a month-trend view (> 62 days) its whole
// months from kpi_monthly and its edge days from kpi_daily (one row per day × engineer × customer ×
// model with activity), a shorter view the days — its time grows with the daily rows it reads.
const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3000';
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const spans = arg('days', '30,90,365').split(',').map(Number);
const runs = Number(arg('runs', '5'));
const extra = arg('query', '');

async function login(): Promise<{ cookie: string }> {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.BENCH_USER ?? 'manager', password: process.env.BENCH_PASSWORD ?? 'MedService2026' }),
  });
  if (!r.ok) throw new Error(`login: ${r.status} ${await r.text()}`);
  return {
    cookie: r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

const { cookie } = await login();
const to = new Date();
console.log(`dashboard at ${BASE}, ${runs} runs per range${extra ? `, ${extra}` : ''}`);
for (const span of spans) {
  const from = new Date(to.getTime() - (span - 1) * 86_400_000);
  const times: number[] = [];
  let orders = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fetch(`${BASE}/api/v1/kpis/dashboard?from=${day(from)}&to=${day(to)}${extra ? `&${extra}` : ''}`, { headers: { cookie } });
    const body = (await r.json()) as { totals?: { orders: number } };
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(`dashboard: ${r.status} ${JSON.stringify(body)}`);
    orders = body.totals?.orders ?? 0;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${span} days: ${orders} orders, median ${median.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms${median > 2000 ? '  ✗ over 2 s' : ''}`,
  );
}
