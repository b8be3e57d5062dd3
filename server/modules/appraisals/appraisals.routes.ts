// 月度考核 (R-AP-1, issue 15 §3): draw up a month, list and read, assess, add a penalty or a
// reward, acknowledge. Thin: parse, authorize, call the use case, present.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams } from '../../lib/dto.ts';
import { acknowledgeBody, appraisalDto, appraisalListDto, assessBody, generateBody, generateDto, itemBody, listQuery } from './appraisals.dto.ts';
import { appraisalsPolicy } from './appraisals.policy.ts';
import { acknowledgeAppraisal, addAppraisalItem, assessAppraisal, generateMonth, getAppraisal, listAppraisals } from './appraisals.service.ts';

export function appraisalsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['appraisals'];

  app.post(
    '/appraisals/generate',
    {
      schema: {
        tags,
        summary:
          'Draw up a month’s appraisals: each engineer’s KPIs and customer rating, a 乐捐 line per verified complaint (doubled for repeats, the team lead’s when no one is responsible); idempotent',
        body: generateBody,
        response: { 200: generateDto },
      },
    },
    async (req) => generateMonth(db, authorize(req, appraisalsPolicy, 'generate'), req.body, ctx.timeZone),
  );

  app.get(
    '/appraisals',
    { schema: { tags, summary: 'Monthly appraisals (field staff: their own)', querystring: listQuery, response: { 200: appraisalListDto } } },
    async (req) => listAppraisals(db, authorize(req, appraisalsPolicy, 'read'), req.query),
  );

  app.get(
    '/appraisals/:id',
    { schema: { tags, summary: 'One appraisal with its lines and what the reader may do', params: idParams, response: { 200: appraisalDto } } },
    async (req) => getAppraisal(db, authorize(req, appraisalsPolicy, 'read'), req.params.id),
  );

  app.post(
    '/appraisals/:id/assess',
    { schema: { tags, summary: 'The supervisor’s assessment (0–100 and a comment)', params: idParams, body: assessBody, response: { 200: appraisalDto } } },
    async (req) => assessAppraisal(db, authorize(req, appraisalsPolicy, 'assess'), req.params.id, req.body),
  );

  app.post(
    '/appraisals/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a penalty (乐捐) or a reward (e.g. for an improvement) with its reason',
        params: idParams,
        body: itemBody,
        response: { 200: appraisalDto },
      },
    },
    async (req) => addAppraisalItem(db, authorize(req, appraisalsPolicy, 'addItem'), req.params.id, req.body),
  );

  app.post(
    '/appraisals/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'The employee acknowledges his own assessed appraisal (签字确认)',
        params: idParams,
        body: acknowledgeBody,
        response: { 200: appraisalDto },
      },
    },
    async (req) => acknowledgeAppraisal(db, authorize(req, appraisalsPolicy, 'acknowledge'), req.params.id, req.body),
  );
}
