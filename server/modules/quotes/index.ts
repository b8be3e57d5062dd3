// The quotes module's public face (报价单 and 保修除外, issue 15 §4; R-FE-1, R-WX-1): everything other
// modules, server/http, the job catalogue and the seed use from it. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts.
export { quotesJobs } from './quotes.jobs.ts';
export { quotesRoutes } from './quotes.routes.ts';
export { acceptQuote, createQuote, decideExclusion, expireQuotes, proposeExclusion, rejectQuote, sendQuote } from './quotes.service.ts';
