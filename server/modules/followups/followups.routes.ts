// Follow-ups (R-FU-1..4): my follow-ups by due date (overdue first), the questionnaire of each,
// the answer → escalate → approve → inform flow, the department head's review, rule sets.
// Thin: parse, authorize, call followups.service.ts, present with the views in followups.dto.ts.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import type { Principal } from '../../lib/access.ts';
import { idParams } from '../../lib/dto.ts';
import {
  answerBody,
  approveBody,
  createPlanBody,
  createPlanResponse,
  createRuleSetBody,
  followupDetailDto,
  followupListQuery,
  followupPageDto,
  followupView,
  informBody,
  questionnaireBody,
  questionnaireDto,
  questionnaireListDto,
  questionnairePatch,
  questionnaireView,
  reviewBody,
  ruleSetDto,
  ruleSetListDto,
  ruleSetView,
} from './followups.dto.ts';
import { followupsPolicy } from './followups.policy.ts';
import {
  addQuestionnaire,
  answer,
  approve,
  changeQuestionnaire,
  createRuleSetVersion,
  getFollowUp,
  inform,
  listFollowUps,
  listQuestionnaires,
  listRuleSets,
  planForDevice,
  questionnaireOf,
  review,
} from './followups.service.ts';

registerConstraintFields({
  followups_questionnaire_id_followup_questionnaires_id_fk: 'questionnaireId',
  followups_request_id_service_requests_id_fk: 'requestId',
  followup_plans_device_id_devices_id_fk: 'deviceId',
  followup_plans_owner_id_users_id_fk: 'ownerId',
  followup_questionnaires_code_uq: 'code',
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
      return { items: rows.map((r) => followupView(r, user)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  const detail = async (user: Principal, id: string) => {
    const r = await getFollowUp(db, id);
    const q = await questionnaireOf(db, r);
    return { ...followupView(r, user), questionnaire: q ? questionnaireView(q) : null };
  };

  app.get(
    '/followups/:id',
    { schema: { tags, summary: 'One follow-up with the questionnaire for its device and service', params: idParams, response: { 200: followupDetailDto } } },
    async (req) => {
      return detail(authorize(req, followupsPolicy, 'read'), req.params.id);
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
      return detail(user, req.params.id);
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
      return detail(user, req.params.id);
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
      return detail(user, req.params.id);
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
      return detail(user, req.params.id);
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
      const id = await planForDevice(db, user, req.body);
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/followups/questionnaires',
    { schema: { tags, summary: 'Questionnaires per device category and service type (R-FU-2)', response: { 200: questionnaireListDto } } },
    async (req) => {
      authorize(req, followupsPolicy, 'read');
      return { items: (await listQuestionnaires(db)).map(questionnaireView) };
    },
  );

  app.post(
    '/followups/questionnaires',
    { schema: { tags, summary: 'Add a questionnaire (admin)', body: questionnaireBody, response: { 201: questionnaireDto } } },
    async (req, reply) => {
      const user = authorize(req, followupsPolicy, 'rules');
      return reply.status(201).send(questionnaireView(await addQuestionnaire(db, user, req.body)));
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
      return questionnaireView(await changeQuestionnaire(db, user, req.params.id, v, patch));
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
      return { items: (await listRuleSets(db)).map(ruleSetView) };
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
      return reply.status(201).send(ruleSetView({ serviceType: v.serviceType, row: v, inForce: v.effectiveFrom.getTime() <= Date.now() }));
    },
  );
}
