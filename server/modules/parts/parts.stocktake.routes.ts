// Stocktaking routes (R-PT-4): count sheets, counts, submission and approval. Thin: parse,
// authorize, call parts.stocktake.ts, answer.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { countBody, createStocktakeBody, decisionBody, stocktakeDto, stocktakeListQuery, versionBody } from './parts.dto.ts';
import { partsPolicy } from './parts.policy.ts';
import { count, createStocktake, decide, getStocktake, listStocktakes, submit } from './parts.stocktake.ts';

export function stocktakeRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['parts'];
  const one = { params: idParams, response: { 200: stocktakeDto } };

  app.get(
    '/parts/stocktakes',
    { schema: { tags, summary: 'Count sheets', querystring: stocktakeListQuery, response: { 200: pageOf(stocktakeDto) } } },
    async (req) => {
      return listStocktakes(db, authorize(req, partsPolicy, 'read'), req.query);
    },
  );
  app.get('/parts/stocktakes/:id', { schema: { tags, summary: 'A count sheet with counted vs booked', ...one } }, async (req) => {
    return getStocktake(db, authorize(req, partsPolicy, 'read'), req.params.id);
  });
  app.post(
    '/parts/stocktakes',
    { schema: { tags, summary: 'Open a count sheet for a warehouse (snapshots booked stock)', body: createStocktakeBody, response: { 201: stocktakeDto } } },
    async (req, reply) => reply.status(201).send(await createStocktake(db, authorize(req, partsPolicy, 'stocktake'), req.body)),
  );
  app.post(
    '/parts/stocktakes/:id/count',
    { schema: { tags, summary: 'Enter counted quantities and variance reasons', ...one, body: countBody } },
    async (req) => count(db, authorize(req, partsPolicy, 'stocktake'), req.params.id, req.body),
  );
  app.post('/parts/stocktakes/:id/submit', { schema: { tags, summary: 'Submit the sheet for approval', ...one, body: versionBody } }, async (req) =>
    submit(db, authorize(req, partsPolicy, 'stocktake'), req.params.id, req.body.version),
  );
  app.post(
    '/parts/stocktakes/:id/decide',
    {
      schema: {
        tags,
        summary: 'Approve (posts variances as adjustments) or send back for recount',
        ...one,
        body: decisionBody,
      },
    },
    async (req) => decide(db, authorize(req, partsPolicy, 'approveStocktake'), req.params.id, req.body),
  );
}
