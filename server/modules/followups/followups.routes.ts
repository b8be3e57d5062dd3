// Follow-ups (R-FU-1..4): my follow-ups by due date (overdue first), the questionnaire of each,
// the answer → escalate → approve → inform flow, the department head's review, rule sets.
import { asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams } from '../../lib/dto.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { insertAudited, updateAudited } from '../../lib/records.ts';
import { devices } from '../devices/devices.tables.ts';
import {
  answerBody,
  approveBody,
  createPlanBody,
  createPlanResponse,
  createRuleSetBody,
  followupDetailDto,
  type followupDto,
  followupListQuery,
  followupPageDto,
  informBody,
  questionnaireBody,
  questionnaireDto,
  questionnaireListDto,
  questionnairePatch,
  reviewBody,
  ruleSetDto,
  ruleSetListDto,
} from './followups.dto.ts';
import { followupsPolicy } from './followups.policy.ts';
import { DEFAULT_RULES, SERVICE_TYPES, versionInForce } from './followups.rules.ts';
import { answer, approve, createPlan, createRuleSetVersion, getFollowUp, inform, listFollowUps, questionnaireFor, review } from './followups.service.ts';
import { followupRuleSets, questionnaires } from './followups.tables.ts';

registerConstraintFields({
  followups_questionnaire_id_followup_questionnaires_id_fk: 'questionnaireId',
  followups_request_id_service_requests_id_fk: 'requestId',
  followup_plans_device_id_devices_id_fk: 'deviceId',
  followup_plans_owner_id_users_id_fk: 'ownerId',
  followup_questionnaires_code_uq: 'code',
});

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function followupView(r: Awaited<ReturnType<typeof getFollowUp>>, now = new Date()): z.infer<typeof followupDto> {
  const f = r.f;
  return {
    id: f.id,
    version: f.version,
    number: f.number,
    key: f.key,
    track: f.track,
    method: f.method,
    earliestAt: f.earliestAt.toISOString(),
    dueAt: f.dueAt.toISOString(),
    overdue: f.status === 'pending' && f.dueAt.getTime() < now.getTime(),
    status: f.status,
    assigneeId: f.assigneeId,
    planId: r.plan.id,
    serviceType: r.plan.serviceType,
    completedAt: r.plan.completedAt.toISOString(),
    ruleVersionNo: r.plan.ruleVersionNo,
    workOrderId: r.plan.workOrderId,
    deviceId: r.plan.deviceId,
    customerId: r.plan.customerId,
    customerName: r.customerName,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    deviceCategory: r.category,
    questionnaireId: f.questionnaireId,
    answers: f.answers,
    quality: f.quality,
    outcome: f.outcome,
    record: f.record,
    remarks: f.remarks,
    contactName: f.contactName,
    doneAt: iso(f.doneAt),
    visitorName: f.visitorName,
    problem: f.problem,
    proposedPlan: f.proposedPlan,
    approvedPlan: f.approvedPlan,
    approvedAt: iso(f.approvedAt),
    approvedByName: f.approvedByName,
    customerInformedAt: iso(f.customerInformedAt),
    requestId: f.requestId,
    guidance: f.guidance,
    reviewedAt: iso(f.reviewedAt),
    reviewedByName: f.reviewedByName,
  };
}

type QRow = typeof questionnaires.$inferSelect;
const questionnaireView = (q: QRow): z.infer<typeof questionnaireDto> => ({
  id: q.id,
  version: q.version,
  code: q.code,
  name: q.name,
  deviceCategories: q.deviceCategories,
  serviceTypes: q.serviceTypes,
  items: q.items,
  active: q.active,
});

export function followupsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['followups'];

  app.get(
    '/followups',
    {
      schema: {
        tags,
        summary: 'Follow-ups: mine (or all) by due date, overdue first (R-FU-2)',
        querystring: followupListQuery,
        response: { 200: followupPageDto },
      },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listFollowUps(db, user, {
        scope: q.scope,
        status: q.status,
        reviewed: q.reviewed === undefined ? undefined : q.reviewed === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map((r) => followupView(r)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  const detail = async (id: string) => {
    const r = await getFollowUp(db, id);
    const q = r.f.questionnaireId
      ? (await db.select().from(questionnaires).where(eq(questionnaires.id, r.f.questionnaireId)))[0]
      : await questionnaireFor(db, r.category, r.plan.serviceType);
    return { ...followupView(r), questionnaire: q ? questionnaireView(q) : null };
  };

  app.get(
    '/followups/:id',
    { schema: { tags, summary: 'One follow-up with the questionnaire for its device and service', params: idParams, response: { 200: followupDetailDto } } },
    async (req) => {
      authorize(req, followupsPolicy, 'read');
      return detail(req.params.id);
    },
  );

  app.post(
    '/followups/:id/answer',
    {
      schema: {
        tags,
        summary: 'Record the answers: no problem / solved by phone → done; otherwise escalated to the manager (R-FU-3)',
        params: idParams,
        body: answerBody,
        response: { 200: followupDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'answer');
      await answer(db, user, req.params.id, req.body);
      return detail(req.params.id);
    },
  );

  app.post(
    '/followups/:id/approve',
    {
      schema: { tags, summary: 'The manager approves the handling plan (R-FU-3)', params: idParams, body: approveBody, response: { 200: followupDetailDto } },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'approve');
      await approve(db, user, req.params.id, req.body);
      return detail(req.params.id);
    },
  );

  app.post(
    '/followups/:id/inform',
    {
      schema: {
        tags,
        summary: 'The customer was told the approved plan; optionally link the repair request opened for it (R-FU-3)',
        params: idParams,
        body: informBody,
        response: { 200: followupDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'answer');
      await inform(db, user, req.params.id, req.body);
      return detail(req.params.id);
    },
  );

  app.post(
    '/followups/:id/review',
    {
      schema: { tags, summary: "The department head's review and guidance (R-FU-4)", params: idParams, body: reviewBody, response: { 200: followupDetailDto } },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'review');
      await review(db, user, req.params.id, req.body);
      return detail(req.params.id);
    },
  );

  app.post(
    '/followups/plans',
    {
      schema: {
        tags,
        summary: 'Plan follow-ups for a completed service (installation, upgrade, …) or a standing cadence (R-FU-1)',
        body: createPlanBody,
        response: { 201: createPlanResponse },
      },
    },
    async (req, reply) => {
      const user = authorize(req, followupsPolicy, 'plan');
      const [device] = await db.select().from(devices).where(eq(devices.id, req.body.deviceId));
      if (!device) throw invalidField('deviceId', 'invalid_reference');
      const id = await db.transaction(async (tx) => {
        const planned = await createPlan(tx, actorOf(user), {
          deviceId: device.id,
          customerId: device.customerId,
          serviceType: req.body.serviceType,
          completedAt: new Date(req.body.completedAt),
          endsAt: req.body.endsAt ? new Date(req.body.endsAt) : null,
          ownerId: req.body.ownerId ?? user.id,
        });
        // A standing cadence exists once per device (the sweep may have planned it already).
        // Refused inside the transaction, so the refusal commits nothing.
        if (!planned) throw new AppError(409, 'followup_plan_exists');
        return planned;
      });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/followups/questionnaires',
    { schema: { tags, summary: 'Questionnaires per device category and service type (R-FU-2)', response: { 200: questionnaireListDto } } },
    async (req) => {
      authorize(req, followupsPolicy, 'read');
      const rows = await db.select().from(questionnaires).orderBy(asc(questionnaires.code));
      return { items: rows.map(questionnaireView) };
    },
  );

  app.post(
    '/followups/questionnaires',
    { schema: { tags, summary: 'Add a questionnaire (admin)', body: questionnaireBody, response: { 201: questionnaireDto } } },
    async (req, reply) => {
      const user = authorize(req, followupsPolicy, 'rules');
      const row = await db.transaction((tx) => insertAudited(tx, actorOf(user), 'followup_questionnaire', questionnaires, req.body));
      return reply.status(201).send(questionnaireView(row));
    },
  );

  app.patch(
    '/followups/questionnaires/:id',
    {
      schema: {
        tags,
        summary: 'Change a questionnaire (admin; send the version read)',
        params: idParams,
        body: questionnairePatch,
        response: { 200: questionnaireDto },
      },
    },
    async (req) => {
      const user = authorize(req, followupsPolicy, 'rules');
      const { version: v, ...patch } = req.body;
      const row = await db.transaction((tx) => updateAudited(tx, actorOf(user), 'followup_questionnaire', questionnaires, req.params.id, v, patch));
      return questionnaireView(row);
    },
  );

  app.get(
    '/followups/rule-sets',
    {
      schema: {
        tags,
        summary: 'Cadence rule sets: every version per service type, built-in defaults as version 0 (R-FU-1)',
        response: { 200: ruleSetListDto },
      },
    },
    async (req) => {
      authorize(req, followupsPolicy, 'read');
      const rows = await db.select().from(followupRuleSets).orderBy(asc(followupRuleSets.serviceType), desc(followupRuleSets.versionNo));
      const now = new Date();
      const items: z.infer<typeof ruleSetDto>[] = [];
      for (const type of SERVICE_TYPES) {
        const versions = rows.filter((r) => r.serviceType === type);
        const current = versionInForce(versions, now);
        for (const v of versions) {
          items.push({
            id: v.id,
            serviceType: type,
            versionNo: v.versionNo,
            effectiveFrom: v.effectiveFrom.toISOString(),
            inForce: current?.id === v.id,
            rules: v.rules,
            note: v.note,
            createdByName: v.createdByName,
          });
        }
        items.push({
          id: null,
          serviceType: type,
          versionNo: 0,
          effectiveFrom: null,
          inForce: !current,
          rules: DEFAULT_RULES[type],
          note: null,
          createdByName: null,
        });
      }
      return { items };
    },
  );

  app.post(
    '/followups/rule-sets',
    {
      schema: {
        tags,
        summary: "A new version of a service type's rule set; applies to services completed from effectiveFrom on",
        body: createRuleSetBody,
        response: { 201: ruleSetDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, followupsPolicy, 'rules');
      const b = req.body;
      const v = await createRuleSetVersion(db, user, b.serviceType, b.rules, b.effectiveFrom ? new Date(b.effectiveFrom) : null, b.note ?? null);
      return reply.status(201).send({
        id: v.id,
        serviceType: v.serviceType,
        versionNo: v.versionNo,
        effectiveFrom: v.effectiveFrom.toISOString(),
        inForce: v.effectiveFrom.getTime() <= Date.now(),
        rules: v.rules,
        note: v.note,
        createdByName: v.createdByName,
      });
    },
  );
}
