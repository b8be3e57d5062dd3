// Quarterly visit plans (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行) and key
// accounts (重点客户). Thin: parse, authorize, call visitplans.service.ts, present.
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { plain } from '../../lib/plain.ts';
import {
  assignBody,
  generateBody,
  generateDto,
  keyAccountBody,
  keyAccountDto,
  missedPageDto,
  missedQuery,
  planExportQuery,
  planListQuery,
  planVsDoneDto,
  quarterQuery,
  recordVisitBody,
  visitPlanDto,
  visitPlanPageDto,
} from './visitplans.dto.ts';
import { visitPlansPolicy } from './visitplans.policy.ts';
import { quarterMonths } from './visitplans.rules.ts';
import {
  assignPlan,
  cellsOf,
  generatePlan,
  generateQuarter,
  keyAccountOf,
  type PlanView,
  planById,
  planVsDone,
  quarterPlans,
  recordVisit,
  setKeyAccount,
} from './visitplans.service.ts';

registerConstraintFields({
  key_accounts_visits_ck: 'visits',
  key_accounts_customer_id_customers_id_fk: 'customerId',
  visit_plans_quarter_ck: 'quarter',
  visit_plans_customer_id_customers_id_fk: 'customerId',
  visit_plans_assignee_id_users_id_fk: 'assigneeId',
});

const planView = (p: PlanView) => ({
  ...plain({ ...p, lines: undefined, keyAccount: undefined }),
  keyAccount: p.keyAccount,
  ...cellsOf(p, p.lines),
  lines: p.lines.map((l) => plain(l)),
});

export function visitPlansRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['visitplans'];

  const keyAccountView = async (customerId: string) => {
    const k = await keyAccountOf(db, customerId);
    return {
      customerId,
      keyAccount: !!k,
      id: k?.id ?? null,
      version: k?.version ?? null,
      period: k?.period ?? null,
      visits: k?.visits ?? null,
      method: k?.method ?? null,
      note: k?.note ?? null,
      updatedAt: k ? k.updatedAt.toISOString() : null,
    };
  };

  app.get(
    '/customers/:id/key-account',
    {
      schema: {
        tags,
        summary: 'Whether the customer is a key account (重点客户) and its own visit frequency',
        params: idParams,
        response: { 200: keyAccountDto },
      },
    },
    async (req) => {
      authorize(req, visitPlansPolicy, 'read');
      return keyAccountView(req.params.id);
    },
  );

  app.put(
    '/customers/:id/key-account',
    {
      schema: {
        tags,
        summary: 'Flag or unflag a key account with its frequency: visits (1–10) per month or per quarter, on site or by phone; audited',
        params: idParams,
        body: keyAccountBody,
        response: { 200: keyAccountDto },
      },
    },
    async (req) => {
      const user = authorize(req, visitPlansPolicy, 'keyAccount');
      await setKeyAccount(db, actorOf(user), req.params.id, req.body);
      return keyAccountView(req.params.id);
    },
  );

  app.post(
    '/visit-plans/generate',
    {
      schema: {
        tags,
        summary:
          "Generate a quarter's visit plans, month by month, from the standing cadences and key accounts: one customer or all; regenerating keeps done lines",
        body: generateBody,
        response: { 200: generateDto },
      },
    },
    async (req) => {
      const user = authorize(req, visitPlansPolicy, 'plan');
      const { year, quarter, customerId, assigneeId } = req.body;
      if (customerId) {
        const plan = await generatePlan(db, actorOf(user), { customerId, year, quarter, assigneeId }, tz);
        return { plans: 1, planId: plan.id };
      }
      return { plans: await generateQuarter(db, actorOf(user), { year, quarter }, tz), planId: null };
    },
  );

  app.get(
    '/visit-plans',
    {
      schema: {
        tags,
        summary: "A quarter's plans: rows = customers, cells = the three months (planned/done/due/missed); filter by customer, person, key account, state",
        querystring: planListQuery,
        response: { 200: visitPlanPageDto },
      },
    },
    async (req) => {
      authorize(req, visitPlansPolicy, 'read');
      const { year, quarter, page, pageSize, sort, ...f } = req.query;
      const all = await quarterPlans(db, { year, quarter }, f, tz);
      if (sort === '-customerName') all.reverse();
      const items = all.slice((page - 1) * pageSize, page * pageSize).map(planView);
      return { items, total: all.length, page, pageSize, months: quarterMonths({ year, quarter }) };
    },
  );

  app.get(
    '/visit-plans/summary',
    {
      schema: {
        tags,
        summary: 'Plan vs done per month and for the quarter, by customer or by responsible person',
        querystring: quarterQuery,
        response: { 200: planVsDoneDto },
      },
    },
    async (req) => {
      authorize(req, visitPlansPolicy, 'read');
      return planVsDone(db, req.query, req.query.by, tz);
    },
  );

  app.get(
    '/visit-plans/missed',
    {
      schema: {
        tags,
        summary: 'Missed visits of a quarter: the month is over and no follow-up of the kind was recorded',
        querystring: missedQuery,
        response: { 200: missedPageDto },
      },
    },
    async (req) => {
      authorize(req, visitPlansPolicy, 'read');
      const { year, quarter, assigneeId, page, pageSize } = req.query;
      const plans = await quarterPlans(db, { year, quarter }, { state: 'missed' }, tz);
      const all = plans.flatMap((p) =>
        p.lines
          .filter((l) => l.state === 'missed' && (!assigneeId || l.assigneeId === assigneeId))
          .map((l) => ({
            id: l.id,
            planId: p.id,
            customerId: p.customerId,
            customerName: p.customerName,
            month: l.month,
            kind: l.kind,
            seq: l.seq,
            assigneeName: l.assigneeName,
            missedNotifiedAt: l.missedNotifiedAt ? l.missedNotifiedAt.toISOString() : null,
          })),
      );
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  );

  app.get(
    '/visit-plans/export',
    { schema: { tags, summary: "The quarter's plan as filtered, one row per planned visit, as an Excel workbook", querystring: planExportQuery } },
    async (req, reply) => {
      authorize(req, visitPlansPolicy, 'read');
      const { year, quarter, ...f } = req.query;
      const plans = await quarterPlans(db, { year, quarter }, f, tz);
      const rows = plans.flatMap((p) => p.lines.map((l) => ({ p, l }))).slice(0, EXPORT_MAX_ROWS);
      type R = (typeof rows)[number];
      const en = req.locale === 'en-US';
      const columns: ExportColumn<R>[] = [
        { key: 'code', zh: '客户编号', en: 'Customer code', value: (r) => r.p.customerCode },
        { key: 'customer', zh: '客户名称', en: 'Customer', width: 28, value: (r) => r.p.customerName },
        { key: 'key', zh: '重点客户', en: 'Key account', width: 10, value: (r) => (r.p.keyAccount ? (en ? 'Yes' : '是') : '') },
        { key: 'month', zh: '月份', en: 'Month', width: 10, value: (r) => r.l.month },
        { key: 'kind', zh: '回访方式', en: 'Method', width: 12, value: (r) => r.l.kind, term: 'visitKind' },
        { key: 'seq', zh: '序号', en: 'No.', width: 6, value: (r) => r.l.seq },
        { key: 'source', zh: '计划来源', en: 'Source', width: 12, value: (r) => r.l.source, term: 'visitLineSource' },
        { key: 'assignee', zh: '责任人', en: 'Responsible', width: 12, value: (r) => r.l.assigneeName },
        { key: 'state', zh: '执行情况', en: 'State', width: 10, value: (r) => r.l.state, term: 'visitLineState' },
        {
          key: 'doneAt',
          zh: '回访时间',
          en: 'Done at',
          width: 18,
          value: (r) => (r.l.doneAt ? r.l.doneAt.toISOString().slice(0, 16).replace('T', ' ') : null),
        },
      ];
      const name = en ? `Visit plan ${year} Q${quarter}` : `${year}年第${quarter}季度回访计划`;
      return sendXlsx(reply, `visit-plan-${year}-Q${quarter}`, await xlsxBuffer(name, columns, rows, req.locale));
    },
  );

  app.get(
    '/visit-plans/:id',
    { schema: { tags, summary: 'One plan with its lines and their states', params: idParams, response: { 200: visitPlanDto } } },
    async (req) => {
      authorize(req, visitPlansPolicy, 'read');
      return planView(await planById(db, req.params.id, tz));
    },
  );

  app.post(
    '/visit-plans/lines/:id/visit',
    {
      schema: {
        tags,
        summary:
          "Record this month's planned visit as made (a key account's extra visit): a done follow-up on the customer's standing plan; 409 when done, 422 when not this month",
        params: idParams,
        body: recordVisitBody,
        response: { 200: visitPlanDto },
      },
    },
    async (req) => {
      const user = authorize(req, visitPlansPolicy, 'record');
      const planId = await recordVisit(db, user, req.params.id, req.body, tz);
      return planView(await planById(db, planId, tz));
    },
  );

  app.patch(
    '/visit-plans/:id',
    {
      schema: {
        tags,
        summary: 'Change the responsible person (send the version read); the lines not done follow',
        params: idParams,
        body: assignBody,
        response: { 200: visitPlanDto },
      },
    },
    async (req) => {
      const user = authorize(req, visitPlansPolicy, 'plan');
      await assignPlan(db, actorOf(user), req.params.id, req.body.version, req.body.assigneeId, tz);
      return planView(await planById(db, req.params.id, tz));
    },
  );
}
