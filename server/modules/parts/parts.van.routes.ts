// Routes of the engineer's parts dialog and van replenishment (issue 10 item 9, R-PT-5).
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import {
  cancelTransferRequestBody,
  createTransferRequestBody,
  decideTransferRequestBody,
  fulfilTransferRequestBody,
  partsOptionsDto,
  partsOptionsQuery,
  transferRequestDto,
  transferRequestListQuery,
} from './parts.dto.ts';
import { partsPolicy } from './parts.policy.ts';
import * as van from './parts.van.ts';

export function vanRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['parts'];

  app.get(
    '/work-orders/:id/parts-options',
    {
      schema: {
        tags,
        summary: "What the caller may draw for this job: their own van's stock with lots (parts fitting the device first) and the stores to ask",
        params: idParams,
        querystring: partsOptionsQuery,
        response: { 200: partsOptionsDto },
      },
    },
    async (req) => van.partsOptions(db, authorize(req, partsPolicy, 'issue'), req.params.id, req.query),
  );

  app.get(
    '/parts/transfer-requests',
    {
      schema: {
        tags,
        summary: 'Transfer requests into vans (all for the parts administrator, own for an engineer)',
        querystring: transferRequestListQuery,
        response: { 200: pageOf(transferRequestDto) },
      },
    },
    async (req) => van.listTransferRequests(db, authorize(req, partsPolicy, 'issue'), req.query),
  );

  app.post(
    '/parts/transfer-requests',
    {
      schema: {
        tags,
        summary: "Ask for a part for a job, from the central (or, for an emergency, the emergency) store into one's van",
        body: createTransferRequestBody,
        response: { 201: transferRequestDto },
      },
    },
    async (req, reply) => reply.status(201).send(await van.createTransferRequest(db, authorize(req, partsPolicy, 'issue'), req.body)),
  );

  app.post(
    '/parts/transfer-requests/:id/fulfil',
    {
      schema: {
        tags,
        summary: 'Ship a requested part: ledger transfer into the van',
        params: idParams,
        body: fulfilTransferRequestBody,
        response: { 200: transferRequestDto },
      },
    },
    async (req) => van.fulfilTransferRequest(db, authorize(req, partsPolicy, 'transfer'), req.params.id, req.body),
  );

  app.post(
    '/parts/transfer-requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Refuse a transfer request, with a reason',
        params: idParams,
        body: decideTransferRequestBody,
        response: { 200: transferRequestDto },
      },
    },
    async (req) => van.closeTransferRequest(db, authorize(req, partsPolicy, 'transfer'), req.params.id, 'reject', req.body),
  );

  app.post(
    '/parts/transfer-requests/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Withdraw one’s own transfer request',
        params: idParams,
        body: cancelTransferRequestBody,
        response: { 200: transferRequestDto },
      },
    },
    async (req) => van.closeTransferRequest(db, authorize(req, partsPolicy, 'issue'), req.params.id, 'cancel', req.body),
  );
  void z;
}
