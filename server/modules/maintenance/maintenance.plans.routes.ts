// Yearly maintenance plans (issue 13 §1, R-PM-1). Thin: the rules are in maintenance.plans.service.ts /
// maintenance.plans.rules.ts.
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  generatePlanBody,
  generateResultDto,
  maintenanceVisitDto,
  moveVisitBody,
  planReportQuery,
  planReportRowDto,
  planSettingsBody,
  planSettingsDto,
  respondVisitBody,
  visitListQuery,
} from './maintenance.plans.dto.ts';
import { maintenancePlansPolicy } from './maintenance.plans.policy.ts';
import * as svc from './maintenance.plans.service.ts';

registerConstraintFields({
  maintenance_visits_engineer_id_users_id_fk: 'engineerId',
  maintenance_plans_contract_id_contracts_id_fk: 'contractId',
});

type ReportRow = Awaited<ReturnType<typeof svc.planReport>>[number];

export function maintenancePlansRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['maintenance'];

  app.post(
    '/maintenance-plans/generate',
    {
      schema: {
        tags,
        summary:
          "Generate (or regenerate for the rest of the year) a contract's yearly maintenance plan for all its devices: visits per year from the contract, else the template interval, on working days and the least loaded engineers; done and ordered visits are kept (R-PM-1)",
        body: generatePlanBody,
        response: { 200: generateResultDto },
      },
    },
    async (req) => svc.generatePlan(db, authorize(req, maintenancePlansPolicy, 'plan'), req.body, tz),
  );

  app.get(
    '/maintenance-visits',
    {
      schema: {
        tags,
        summary:
          'Planned maintenance visits (保养计划): filter by year, month, engineer, customer, contract, device, status or overdue; search, sort, page. Hospital users see their own only',
        querystring: visitListQuery,
        response: { 200: pageOf(maintenanceVisitDto) },
      },
    },
    async (req) => {
      const user = authorize(req, maintenancePlansPolicy, 'read');
      const q = req.query;
      return svc.listVisits(db, user, { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' }, tz);
    },
  );

  app.get('/maintenance-visits/:id', { schema: { tags, params: idParams, response: { 200: maintenanceVisitDto } } }, async (req) =>
    svc.getVisit(db, authorize(req, maintenancePlansPolicy, 'read'), req.params.id, tz),
  );

  app.patch(
    '/maintenance-visits/:id',
    {
      schema: {
        tags,
        summary: 'Move a planned visit to another working day and/or engineer (a non-working day is a 422; with its work order, done or cancelled a 409)',
        params: idParams,
        body: moveVisitBody,
        response: { 200: maintenanceVisitDto },
      },
    },
    async (req) => svc.moveVisit(db, authorize(req, maintenancePlansPolicy, 'plan'), req.params.id, req.body, tz),
  );

  app.post(
    '/maintenance-visits/:id/respond',
    {
      schema: {
        tags,
        summary: "The hospital's answer to the advance notice: confirm, or ask another date with a reason (another hospital's visit: 404)",
        params: idParams,
        body: respondVisitBody,
        response: { 200: maintenanceVisitDto },
      },
    },
    async (req) => svc.respondToVisit(db, authorize(req, maintenancePlansPolicy, 'respond'), req.params.id, req.body, tz),
  );

  app.get(
    '/maintenance-plans/report',
    {
      schema: {
        tags,
        summary: 'Plan vs done of a year per month, engineer or customer; ?format=xlsx exports it',
        querystring: planReportQuery,
        response: { 200: z.array(planReportRowDto) },
      },
    },
    async (req, reply) => {
      const user = authorize(req, maintenancePlansPolicy, 'read');
      const rows = await svc.planReport(db, user, req.query, tz);
      if (req.query.format === 'xlsx') {
        const en = req.locale === 'en-US';
        const head = { month: ['月份', 'Month'], engineer: ['工程师', 'Engineer'], customer: ['客户', 'Customer'] }[req.query.by];
        const columns: ExportColumn<ReportRow>[] = [
          { key: 'label', zh: head[0], en: head[1], width: 24, value: (r) => r.label },
          { key: 'planned', zh: '计划次数', en: 'Planned', value: (r) => r.planned },
          { key: 'done', zh: '完成次数', en: 'Done', value: (r) => r.done },
          { key: 'overdue', zh: '逾期次数', en: 'Overdue', value: (r) => r.overdue },
          { key: 'rate', zh: '完成率（%）', en: 'Done (%)', value: (r) => r.rate },
        ];
        return sendXlsx(
          reply,
          `maintenance-plan-${req.query.year}-${req.query.by}`,
          await xlsxBuffer(en ? 'Plan vs done' : '保养计划完成情况', columns, rows, req.locale),
        );
      }
      return rows;
    },
  );

  app.get(
    '/maintenance-settings',
    { schema: { tags, summary: 'Advance notice and work-order lead days', response: { 200: planSettingsDto } } },
    async (req) => {
      authorize(req, maintenancePlansPolicy, 'read');
      return svc.planSettings(db);
    },
  );

  app.put(
    '/maintenance-settings',
    {
      schema: {
        tags,
        summary: 'Set how many days ahead the hospital is told (default 7) and the work order opens (service manager)',
        body: planSettingsBody,
        response: { 200: planSettingsDto },
      },
    },
    async (req) => svc.updatePlanSettings(db, authorize(req, maintenancePlansPolicy, 'settings'), req.body),
  );
}
