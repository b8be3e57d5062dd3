// Work orders (R-WO-1..5): thin routes over workorders.service.ts.
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams } from '../../lib/dto.ts';
import { addPartBody, contentBody, dispatchBody, partIdParams, reviewBody, signBody, transitionBody, workOrderDto } from './workorders.dto.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import * as svc from './workorders.service.ts';

export function workOrdersRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['work orders'];
  const one = { params: idParams, response: { 200: workOrderDto } };

  app.get('/work-orders/:id', { schema: { tags, summary: 'A work order with its parts, steps, signatures and reviews', ...one } }, async (req) =>
    svc.getWorkOrder(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/dispatch',
    { schema: { tags, summary: 'Assign lead and helpers (R-DSP-1); reassigning needs a reason', ...one, body: dispatchBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'dispatch');
      await svc.dispatch(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/transition',
    { schema: { tags, summary: 'Take a status step (R-WO-1); illegal steps are refused', ...one, body: transitionBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await svc.transition(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.patch('/work-orders/:id', { schema: { tags, summary: 'Record diagnosis, actions, tests, times (R-WO-2)', ...one, body: contentBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await svc.updateContent(db, user, req.params.id, req.body);
    return svc.getWorkOrder(db, user, req.params.id);
  });

  app.post('/work-orders/:id/parts', { schema: { tags, summary: 'Add a part line', ...one, body: addPartBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await svc.addPart(db, user, req.params.id, req.body);
    return svc.getWorkOrder(db, user, req.params.id);
  });

  app.delete(
    '/work-orders/:id/parts/:partId',
    { schema: { tags, summary: 'Remove a part line', params: partIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.removePart(db, authorize(req, workOrdersPolicy, 'act'), req.params.id, req.params.partId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/work-orders/:id/sign',
    { schema: { tags, summary: "The customer's sign-off (R-WO-4); freezes the content", ...one, body: signBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'sign');
      await svc.sign(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/review',
    { schema: { tags, summary: 'Approve (archive) or send back a signed report (R-WO-5)', ...one, body: reviewBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'review');
      await svc.review(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );
}
