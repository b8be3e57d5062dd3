// Purchasing routes (R-PT-3, R-PT-5): reorder suggestions, purchase plans and contracts,
// receiving. Thin: parse, authorize, call parts.purchasing.ts, answer.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import {
  createPlanBody,
  createPurchaseContractBody,
  decisionBody,
  movementResult,
  planDto,
  planListQuery,
  purchaseContractDto,
  purchaseContractListQuery,
  receiveBody,
  suggestionDto,
  versionBody,
} from './parts.dto.ts';
import { partsPolicy } from './parts.policy.ts';
import {
  createPlan,
  createPurchaseContract,
  decidePlan,
  getPlan,
  getPurchaseContract,
  listPlans,
  listPurchaseContracts,
  receiveAgainst,
  reorderSuggestions,
  submitPlan,
} from './parts.purchasing.ts';

export function purchasingRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['parts'];

  app.get(
    '/parts/reorder-suggestions',
    { schema: { tags, summary: 'Reorder alerts and suggested quantities', response: { 200: suggestionDto.array() } } },
    async (req) => {
      authorize(req, partsPolicy, 'read');
      return reorderSuggestions(db);
    },
  );

  app.get(
    '/parts/purchase-plans',
    { schema: { tags, summary: 'Purchase plans', querystring: planListQuery, response: { 200: pageOf(planDto) } } },
    async (req) => {
      return listPlans(db, authorize(req, partsPolicy, 'read'), req.query);
    },
  );
  app.get('/parts/purchase-plans/:id', { schema: { tags, params: idParams, response: { 200: planDto } } }, async (req) => {
    return getPlan(db, authorize(req, partsPolicy, 'read'), req.params.id);
  });
  app.post(
    '/parts/purchase-plans',
    { schema: { tags, summary: 'Draft a purchase plan', body: createPlanBody, response: { 201: planDto } } },
    async (req, reply) => reply.status(201).send(await createPlan(db, authorize(req, partsPolicy, 'plan'), req.body)),
  );
  app.post(
    '/parts/purchase-plans/:id/submit',
    { schema: { tags, summary: 'Submit for the service manager’s approval', params: idParams, body: versionBody, response: { 200: planDto } } },
    async (req) => submitPlan(db, authorize(req, partsPolicy, 'plan'), req.params.id, req.body.version),
  );
  app.post(
    '/parts/purchase-plans/:id/decide',
    { schema: { tags, summary: 'Approve or reject (service manager, R-PT-3)', params: idParams, body: decisionBody, response: { 200: planDto } } },
    async (req) => decidePlan(db, authorize(req, partsPolicy, 'approvePlan'), req.params.id, req.body),
  );

  app.get(
    '/parts/purchase-contracts',
    { schema: { tags, summary: 'Purchase contracts', querystring: purchaseContractListQuery, response: { 200: pageOf(purchaseContractDto) } } },
    async (req) => {
      return listPurchaseContracts(db, authorize(req, partsPolicy, 'read'), req.query);
    },
  );
  app.get('/parts/purchase-contracts/:id', { schema: { tags, params: idParams, response: { 200: purchaseContractDto } } }, async (req) => {
    return getPurchaseContract(db, authorize(req, partsPolicy, 'read'), req.params.id);
  });
  app.post(
    '/parts/purchase-contracts',
    { schema: { tags, summary: 'Record a purchase contract', body: createPurchaseContractBody, response: { 201: purchaseContractDto } } },
    async (req, reply) => reply.status(201).send(await createPurchaseContract(db, authorize(req, partsPolicy, 'contract'), req.body)),
  );
  app.post(
    '/parts/purchase-contracts/:id/receive',
    { schema: { tags, summary: 'Receive delivered parts against the contract', params: idParams, body: receiveBody, response: { 201: movementResult } } },
    async (req, reply) => reply.status(201).send(await receiveAgainst(db, authorize(req, partsPolicy, 'receive'), req.params.id, req.body)),
  );
}
