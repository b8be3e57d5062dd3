// The returns module's public face (退货/换货, issue 14 §4, R-REG-4; supplier/manufacturer notices,
// 经营办法§38): everything other modules, server/http, main.ts and the seed use from it. Import
// from here, never from a file inside the folder; its tables come from server/db/schema.ts.

export { returnsJobs } from './returns.jobs.ts';
export { chaseOverdueNotices, insertNotice, isOverdue, noticesOf, recordReply, type SupplierNotice, sendNotice } from './returns.notices.ts';
export { returnsRoutes } from './returns.routes.ts';
export {
  cancelReturn,
  completeReturn,
  decideReturn,
  inspectReturn,
  receiveReturn,
  registerReturn,
  returnForDefect,
  returnsForDevice,
} from './returns.service.ts';
