// The notifications module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { contextOf } from './notifications.context.ts';
export { CUSTOMER_KINDS, hospitalUsers, tellHospitalOfStep, tellHospitalSurvey } from './notifications.customer.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export { type MailOptions, mailOf, type NotificationKind, notify, render, staffWithRoles } from './notifications.service.ts';
