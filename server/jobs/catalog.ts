// The job catalogue (issue 11 item 5): job name → payload schema, retry and timeout policy,
// schedule and handler, merged from the list each module declares in its `<m>.jobs.ts`.
// queue.ts registers every entry; `send` takes only a name listed here with its payload type.
import type { z } from 'zod';
import { billingJobs } from '../modules/billing/index.ts';
import { callsJobs } from '../modules/calls/index.ts';
import { campaignsJobs } from '../modules/campaigns/index.ts';
import { channelsJobs } from '../modules/channels/index.ts';
import { complaintsJobs } from '../modules/complaints/index.ts';
import { dispatchJobs } from '../modules/dispatch/index.ts';
import { escalationsJobs } from '../modules/escalations/index.ts';
import { followupsJobs } from '../modules/followups/index.ts';
import { handbookJobs } from '../modules/handbook/index.ts';
import { instrumentsJobs } from '../modules/instruments/index.ts';
import { kpisJobs } from '../modules/kpis/index.ts';
import { maintenancePlanJobs } from '../modules/maintenance/index.ts';
import { qualityJobs } from '../modules/quality/index.ts';
import { quotesJobs } from '../modules/quotes/index.ts';
import { renewalsJobs } from '../modules/renewals/index.ts';
import { returnsJobs } from '../modules/returns/index.ts';
import { slaJobs } from '../modules/sla/index.ts';
import { surveysJobs } from '../modules/surveys/index.ts';
import { maintenanceJobs, systemJobs } from '../modules/system/index.ts';
import { vigilanceJobs } from '../modules/vigilance/index.ts';
import { visitPlansJobs } from '../modules/visitplans/index.ts';
import { workOrdersJobs } from '../modules/workorders/index.ts';
import type { JobSpec } from './define.ts';

const lists = [
  systemJobs,
  maintenanceJobs,
  slaJobs,
  dispatchJobs,
  workOrdersJobs,
  followupsJobs,
  surveysJobs,
  complaintsJobs,
  channelsJobs,
  callsJobs,
  instrumentsJobs,
  visitPlansJobs,
  maintenancePlanJobs,
  renewalsJobs,
  quotesJobs,
  vigilanceJobs,
  kpisJobs,
  qualityJobs,
  returnsJobs,
  campaignsJobs,
  escalationsJobs,
  billingJobs,
  handbookJobs,
];

export const jobCatalog = {
  ...systemJobs,
  ...maintenanceJobs,
  ...slaJobs,
  ...dispatchJobs,
  ...workOrdersJobs,
  ...followupsJobs,
  ...surveysJobs,
  ...complaintsJobs,
  ...callsJobs,
  ...channelsJobs,
  ...instrumentsJobs,
  ...visitPlansJobs,
  ...maintenancePlanJobs,
  ...renewalsJobs,
  ...quotesJobs,
  ...vigilanceJobs,
  ...kpisJobs,
  ...qualityJobs,
  ...returnsJobs,
  ...campaignsJobs,
  ...escalationsJobs,
  ...billingJobs,
  ...handbookJobs,
} satisfies Record<string, JobSpec>;

// Two modules declaring one name would silently replace a job.
if (Object.keys(jobCatalog).length !== lists.reduce((n, l) => n + Object.keys(l).length, 0)) throw new Error('job catalogue: a job name is declared twice');

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.input<(typeof jobCatalog)[N]['payload']>;
export const JOB_NAMES = Object.keys(jobCatalog) as JobName[];

/**
 * Jobs earlier versions scheduled, unscheduled at start: the two minute sweeps (now one job per
 * concern) and the adverse-event notices' chase (now returns.overdueNotices for every subject, 0073).
 */
export const RETIRED_JOBS = ['sla.sweep', 'care.sweep', 'vigilance.overdueNotices'];
