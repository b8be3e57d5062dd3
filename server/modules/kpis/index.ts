// The KPI module's public face (R-RP-1, issue 15 §3): KPI definitions, the daily rollup and
// its job, the dashboard and drill-down routes. Import from here, never from a file inside the
// folder; its tables come from server/db/schema.ts.
export { kpisJobs } from './kpis.jobs.ts';
export { addDays, rollupKpis, rollupRecent, todayIn } from './kpis.rollup.ts';
export { kpisRoutes } from './kpis.routes.ts';
export { KPI_DEFINITIONS, type KpiKey, kpiValues, sumCounters } from './kpis.rules.ts';
export { dashboard as kpiDashboard, drill as kpiDrill, engineerKpis } from './kpis.service.ts';
