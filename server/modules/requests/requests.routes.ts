// Repair requests (R-REQ-1..3) and their SLA clocks (R-SLA-1..4).

import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import {
  lendBody,
  loanDto,
  loanerUnitBody,
  loanerUnitDto,
  loanListQuery,
  pauseBody,
  registerRequestBody,
  requestDetailDto,
  requestDto,
  requestListQuery,
  respondBody,
  resumeBody,
  returnLoanBody,
  urgencyProposalDto,
  urgencyProposalQuery,
} from './requests.dto.ts';
import * as loans from './requests.loans.ts';
import { requestsPolicy } from './requests.policy.ts';
import * as registration from './requests.registration.ts';
import * as svc from './requests.service.ts';

registerConstraintFields({
  service_requests_device_id_devices_id_fk: 'deviceId',
  loans_loaner_open_uq: 'deviceId',
  loaner_units_device_uq: 'deviceId',
  loaner_units_device_id_devices_id_fk: 'deviceId',
});

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
      // Answered from the rows the registration wrote (no read-back after COMMIT).
      const r = await registration.registerRequest(db, user, req.body, ctx.timeZone);
      return reply.status(201).send(r.detail);
    },
  );

  app.get(
    '/requests/proposed-urgency',
    {
      schema: {
        tags,
        summary: 'The urgency registering a request for this unit would propose (R-REQ-3), for the form to show before it is sent',
        querystring: urgencyProposalQuery,
        response: { 200: urgencyProposalDto },
      },
    },
    async (req) => svc.urgencyProposal(db, authorize(req, requestsPolicy, 'register'), req.query.deviceId, req.query.deviceDown === 'true'),
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

  // ---- loaner units (R-SLA-3) ----
  const loanTags = ['loans'];
  app.post(
    '/requests/:id/loaner',
    {
      schema: {
        tags: loanTags,
        summary: 'Put a loaner unit (备用机) in place for a request: the loaner clock is met within 24 h of the request, else breached',
        params: idParams,
        body: lendBody,
        response: { 201: loanDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, requestsPolicy, 'lend');
      const loan = await loans.lend(db, user, req.params.id, req.body);
      return reply.status(201).send(await loans.getLoan(db, user, loan.id));
    },
  );

  app.get(
    '/loans',
    {
      schema: {
        tags: loanTags,
        summary: 'Loans of loaner units: open or returned, by device (loaner or served) or customer',
        querystring: loanListQuery,
        response: { 200: pageOf(loanDto) },
      },
    },
    async (req) => loans.listLoans(db, authorize(req, requestsPolicy, 'readLoans'), req.query),
  );

  app.get('/loans/:id', { schema: { tags: loanTags, params: idParams, response: { 200: loanDto } } }, async (req) =>
    loans.getLoan(db, authorize(req, requestsPolicy, 'readLoans'), req.params.id),
  );

  app.post(
    '/loans/:id/return',
    {
      schema: {
        tags: loanTags,
        summary: 'The loaner unit came back: when and in what condition',
        params: idParams,
        body: returnLoanBody,
        response: { 200: loanDto },
      },
    },
    async (req) => {
      const user = authorize(req, requestsPolicy, 'lend');
      await loans.returnLoan(db, user, req.params.id, req.body);
      return loans.getLoan(db, user, req.params.id);
    },
  );

  app.get(
    '/loaner-units',
    { schema: { tags: loanTags, summary: 'The loaner pool with availability (a unit lent out is not available)', response: { 200: z.array(loanerUnitDto) } } },
    async (req) => {
      authorize(req, requestsPolicy, 'readLoanerPool');
      return loans.listLoanerUnits(db);
    },
  );

  app.post(
    '/loaner-units',
    { schema: { tags: loanTags, summary: 'Add a device to the loaner pool', body: loanerUnitBody, response: { 201: z.array(loanerUnitDto) } } },
    async (req, reply) => {
      await loans.addLoanerUnit(db, authorize(req, requestsPolicy, 'manageLoanerPool'), req.body);
      return reply.status(201).send(await loans.listLoanerUnits(db));
    },
  );
}
