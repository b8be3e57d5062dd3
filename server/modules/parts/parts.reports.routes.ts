// Parts report routes (SPEC §6): stock by warehouse, consumption by model / part / month, parts
// cost per work order, slow movers and the reorder list — each as JSON or, with format=xlsx, an
// Excel workbook (columns in parts.reports.export.ts; the queries in parts.reports.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { consumptionQuery, consumptionRow, formatQuery, reorderRow, slowQuery, slowRow, stockByWarehouseRow, woCostQuery, woCostRow } from './parts.dto.ts';
import { partsPolicy } from './parts.policy.ts';
import { reorderSuggestions } from './parts.purchasing.ts';
import { consumptionExport, type ReportExport, reorderExport, slowMoversExport, stockByWarehouseExport, workOrderCostsExport } from './parts.reports.export.ts';
import { consumption, slowMovers, stockByWarehouse, workOrderCosts } from './parts.reports.ts';

async function answer<T>(req: FastifyRequest, reply: FastifyReply, format: string, rows: T[], x: ReportExport<T>) {
  if (format !== 'xlsx') return rows;
  const name = req.locale === 'en-US' ? x.nameEn : x.nameZh;
  return sendXlsx(reply, name, await xlsxBuffer(name, x.columns(req.locale), rows, req.locale));
}

export function reportRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['parts'];

  app.get(
    '/parts/reports/stock-by-warehouse',
    { schema: { tags, summary: 'Quantity and value held per warehouse', querystring: formatQuery, response: { 200: stockByWarehouseRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await stockByWarehouse(db), stockByWarehouseExport);
    },
  );

  app.get(
    '/parts/reports/consumption',
    { schema: { tags, summary: 'Parts issued, by part, device model or month', querystring: consumptionQuery, response: { 200: consumptionRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await consumption(db, req.query, tz), consumptionExport);
    },
  );

  app.get(
    '/parts/reports/work-order-costs',
    { schema: { tags, summary: 'Parts cost per work order', querystring: woCostQuery, response: { 200: woCostRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await workOrderCosts(db, req.query, tz), workOrderCostsExport);
    },
  );

  app.get(
    '/parts/reports/slow-movers',
    { schema: { tags, summary: 'Parts in stock not issued for N days', querystring: slowQuery, response: { 200: slowRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await slowMovers(db, req.query.days), slowMoversExport);
    },
  );

  app.get(
    '/parts/reports/reorder',
    {
      schema: {
        tags,
        summary: 'Reorder list (minimum stock, emergency level, open-work forecast)',
        querystring: formatQuery,
        response: { 200: reorderRow.array() },
      },
    },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await reorderSuggestions(db), reorderExport);
    },
  );
}
