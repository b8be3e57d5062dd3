// Satisfaction surveys (R-SV-1): staff list and phone entry, portal answers, and the public
// link page's two endpoints (no login; the signed token is the only key).
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { customerScope } from '../../lib/access.ts';
import { idParams, optionalText, pageOf, schemaId } from '../../lib/dto.ts';
import { surveysPolicy } from './surveys.policy.ts';
import { answerAsUser, answerByToken, byToken, getSurvey, issueLink, listSurveys } from './surveys.service.ts';

const rating = z.number().int().min(1).max(4);
export const surveyAnswersBody = z.strictObject({
  attitude: rating,
  skill: rating,
  timeliness: rating,
  promise: rating,
  comments: optionalText(2000),
  respondentName: optionalText(100),
});
const surveyDto = z
  .object({
    id: z.string(),
    version: z.number(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    customerName: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    resolvedAt: z.string().nullable(),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
    channel: z.enum(['link', 'portal', 'phone']).nullable(),
    attitude: z.number().nullable(),
    skill: z.number().nullable(),
    timeliness: z.number().nullable(),
    promise: z.number().nullable(),
    comments: z.string().nullable(),
    respondentName: z.string().nullable(),
    enteredByName: z.string().nullable(),
    complaintFlag: z.string().nullable(),
  })
  .meta(schemaId('Survey'));
const publicSurveyDto = z
  .object({
    workOrderNumber: z.string(),
    customerName: z.string(),
    modelName: z.string(),
    serialNumber: z.string(),
    resolvedAt: z.string().nullable(),
    answered: z.boolean(),
  })
  .meta(schemaId('PublicSurvey'));
const tokenParams = z.strictObject({ token: z.string().min(10).max(300) });

type Row = Awaited<ReturnType<typeof getSurvey>>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(r: Row): z.infer<typeof surveyDto> {
  const s = r.s;
  return {
    id: s.id,
    version: s.version,
    workOrderId: s.workOrderId,
    workOrderNumber: r.workOrderNumber,
    customerName: r.customerName,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    resolvedAt: iso(r.resolvedAt),
    expiresAt: s.expiresAt.toISOString(),
    answeredAt: iso(s.answeredAt),
    channel: s.channel,
    attitude: s.attitude,
    skill: s.skill,
    timeliness: s.timeliness,
    promise: s.promise,
    comments: s.comments,
    respondentName: s.respondentName,
    enteredByName: s.enteredByName,
    complaintFlag: s.complaintFlag,
  };
}

export function surveysRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const secret = ctx.auth.secret;
  const tags = ['surveys'];
  // Guessing tokens is hopeless (HMAC), but keep the public endpoints cheap to refuse.
  const publicLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Satisfaction surveys of closed work orders, newest first (R-SV-1)',
        querystring: z.strictObject({
          answered: z.enum(['true', 'false']).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(surveyDto) },
      },
    },
    async (req) => {
      const user = authorize(req, surveysPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listSurveys(db, customerScope(user), {
        answered: q.answered === undefined ? undefined : q.answered === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get('/surveys/:id', { schema: { tags, params: idParams, response: { 200: surveyDto } } }, async (req) => {
    const user = authorize(req, surveysPolicy, 'read');
    return view(await getSurvey(db, req.params.id, customerScope(user)));
  });

  app.post(
    '/surveys/:id/link',
    {
      schema: {
        tags,
        summary: 'Issue a signed, expiring, single-use link for the customer (the previous link stops working)',
        params: idParams,
        response: { 200: z.object({ token: z.string(), path: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req) => {
      const user = authorize(req, surveysPolicy, 'issueLink');
      const r = await issueLink(db, actorOf(user), secret, req.params.id);
      return { token: r.token, path: `/survey/${r.token}`, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.post(
    '/surveys/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answers entered by customer service from a call, or by the hospital user in the portal',
        params: idParams,
        body: surveyAnswersBody,
        response: { 200: surveyDto },
      },
    },
    async (req) => {
      const user = authorize(req, surveysPolicy, 'answer');
      await answerAsUser(db, user, actorOf(user), req.params.id, req.body);
      return view(await getSurvey(db, req.params.id, customerScope(user)));
    },
  );

  app.get(
    '/public/surveys/:token',
    { schema: { tags, summary: 'The survey behind a link (no login)', params: tokenParams, response: { 200: publicSurveyDto } }, config: publicLimit },
    async (req) => {
      const r = await byToken(db, secret, req.params.token);
      return {
        workOrderNumber: r.workOrderNumber,
        customerName: r.customerName,
        modelName: r.modelName,
        serialNumber: r.serialNumber,
        resolvedAt: iso(r.resolvedAt),
        answered: r.s.answeredAt !== null,
      };
    },
  );

  app.post(
    '/public/surveys/:token',
    {
      schema: {
        tags,
        summary: 'Answer through the link (no login); a second use is refused',
        params: tokenParams,
        body: surveyAnswersBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
      config: publicLimit,
    },
    async (req) => {
      await answerByToken(db, secret, req.params.token, req.body);
      return { ok: true as const };
    },
  );
}
