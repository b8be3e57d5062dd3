// Repair requests (R-REQ-1..3) and their SLA clocks (R-SLA-1..4).
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { pauseBody, registerRequestBody, requestDetailDto, requestDto, requestListQuery, respondBody, resumeBody } from './requests.dto.ts';
import { requestsPolicy } from './requests.policy.ts';
import * as svc from './requests.service.ts';

registerConstraintFields({ service_requests_device_id_devices_id_fk: 'deviceId' });

export function requestsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['requests'];
  const detail = { params: idParams, response: { 200: requestDetailDto } };

  app.get(
    '/requests',
    { schema: { tags, summary: 'The repair register (叫修登记簿)', querystring: requestListQuery, response: { 200: pageOf(requestDto) } } },
    async (req) => svc.listRequests(db, authorize(req, requestsPolicy, 'read'), req.query),
  );

  app.post(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Register a repair request: coverage, urgency, owner, work order and SLA clocks',
        body: registerRequestBody,
        response: { 201: requestDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, requestsPolicy, 'register');
      const r = await svc.registerRequest(db, user, req.body, ctx.timeZone);
      return reply.status(201).send(await svc.getRequest(db, user, r.requestId));
    },
  );

  app.get('/requests/:id', { schema: { tags, ...detail } }, async (req) => svc.getRequest(db, authorize(req, requestsPolicy, 'read'), req.params.id));

  app.post(
    '/requests/:id/respond',
    { schema: { tags, summary: 'The customer was contacted: stops the respond clock', ...detail, body: respondBody } },
    async (req) => {
      const user = authorize(req, requestsPolicy, 'respond');
      await svc.recordResponse(db, user, req.params.id, req.body.version);
      return svc.getRequest(db, user, req.params.id);
    },
  );

  app.post(
    '/requests/:id/pause',
    { schema: { tags, summary: 'Pause the SLA clocks (e.g. waiting for the customer), with a reason', ...detail, body: pauseBody } },
    async (req) => {
      const user = authorize(req, requestsPolicy, 'pause');
      await svc.pauseRequestClocks(db, user, req.params.id, req.body.version, req.body.reason);
      return svc.getRequest(db, user, req.params.id);
    },
  );

  app.post(
    '/requests/:id/resume',
    { schema: { tags, summary: 'Resume paused SLA clocks with the time they had left', ...detail, body: resumeBody } },
    async (req) => {
      const user = authorize(req, requestsPolicy, 'pause');
      await svc.resumeRequestClocks(db, user, req.params.id, req.body.version);
      return svc.getRequest(db, user, req.params.id);
    },
  );
}
