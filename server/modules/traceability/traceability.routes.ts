// Traceability (追溯, issue 14 §5, R-REG-5). Thin: the queries are in traceability.service.ts.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, sendXlsx } from '../../lib/excel.ts';
import {
  dossierDto,
  modelTraceExportQuery,
  modelTraceQuery,
  modelTraceRowDto,
  partTraceQuery,
  partTraceResultDto,
  type partTraceRowDto,
} from './traceability.dto.ts';
import { dossierWorkbook, modelTraceWorkbook, partTraceWorkbook } from './traceability.export.ts';
import { traceabilityPolicy } from './traceability.policy.ts';
import { type Dossier, dossierOf, exportUnitsOfModel, type PartTraceRow, unitsOfModel, unitsWithPart } from './traceability.service.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** A part-trace answer is for reading on a screen; the export takes up to EXPORT_MAX_ROWS. */
const PART_TRACE_SCREEN_ROWS = 2000;

function view(d: Dossier, user: Principal): z.infer<typeof dossierDto> {
  return {
    unit: d.unit,
    placements: d.placements.map((p) => ({ ...p, from: p.from.toISOString(), to: iso(p.to) })),
    contracts: d.contracts,
    workOrders: d.workOrders.map((w) => ({
      ...w,
      createdAt: w.createdAt.toISOString(),
      resolvedAt: iso(w.resolvedAt),
      closedAt: iso(w.closedAt),
      cancelledAt: iso(w.cancelledAt),
    })),
    parts: d.parts.map((p) => ({ ...p, at: p.at.toISOString() })),
    signatures: d.signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    sections: d.sections.map((s) => ({ ...s, entries: s.entries.map((e) => ({ ...e, at: e.at.toISOString() })) })),
    abilities: { export: can(user, traceabilityPolicy, 'export'), search: can(user, traceabilityPolicy, 'search') },
  };
}

const partView = (r: PartTraceRow): z.infer<typeof partTraceRowDto> => ({ ...r, at: r.at.toISOString() });

function sendPdf(reply: FastifyReply, file: string, pdf: Buffer) {
  const ascii = /^[\x20-\x7e]*$/.test(file) && !file.includes('"') ? file : 'device-dossier.pdf';
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

export function traceabilityRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['traceability'];

  app.get(
    '/devices/:id/dossier',
    {
      schema: {
        tags,
        summary:
          '设备追溯档案 (R-REG-5, 办法§23): the unit, sites over time, contracts, every work order, parts with lots/serials, installation, maintenance, follow-ups, complaints, holds, training and signatures. Hospital users: their own units only',
        params: idParams,
        response: { 200: dossierDto },
      },
    },
    async (req) => {
      const user = authorize(req, traceabilityPolicy, 'read');
      return view(await dossierOf(db, user, req.params.id), user);
    },
  );

  app.get(
    '/devices/:id/dossier/pdf',
    { schema: { tags, summary: 'The device dossier as a Chinese PDF for an inspection, each signature printed as its manifestation', params: idParams } },
    async (req, reply) => {
      const user = authorize(req, traceabilityPolicy, 'export');
      const d = await dossierOf(db, user, req.params.id);
      const { renderDossier } = await import('./traceability.pdf.ts');
      return sendPdf(reply, `dossier-${d.unit.serialNumber}.pdf`, await renderDossier(d, ctx.timeZone, new Date()));
    },
  );

  app.get(
    '/devices/:id/dossier/xlsx',
    { schema: { tags, summary: 'The device dossier as an Excel workbook, one sheet per section', params: idParams } },
    async (req, reply) => {
      const user = authorize(req, traceabilityPolicy, 'export');
      const d = await dossierOf(db, user, req.params.id);
      const en = req.locale === 'en-US';
      return sendXlsx(reply, en ? `dossier-${d.unit.serialNumber}` : `设备追溯档案-${d.unit.serialNumber}`, await dossierWorkbook(d, req.locale));
    },
  );

  app.get(
    '/traceability/parts',
    {
      schema: {
        tags,
        summary: '"Who has it?" (R-REG-5): every unit a part lot or serial went into (or came out of), with the hospital, date and work order',
        querystring: partTraceQuery,
        response: { 200: partTraceResultDto },
      },
    },
    async (req) => {
      authorize(req, traceabilityPolicy, 'search');
      const rows = await unitsWithPart(db, req.query, PART_TRACE_SCREEN_ROWS + 1);
      const shown = rows.slice(0, PART_TRACE_SCREEN_ROWS);
      return {
        items: shown.map(partView),
        devices: new Set(shown.map((r) => r.deviceId)).size,
        customers: new Set(shown.map((r) => r.customerId)).size,
        truncated: rows.length > PART_TRACE_SCREEN_ROWS,
      };
    },
  );

  app.get(
    '/traceability/parts/export',
    { schema: { tags, summary: 'The lot/serial trace as an Excel workbook', querystring: partTraceQuery } },
    async (req, reply) => {
      authorize(req, traceabilityPolicy, 'export');
      const rows = await unitsWithPart(db, req.query, EXPORT_MAX_ROWS);
      const en = req.locale === 'en-US';
      const code = req.query.lot ?? req.query.serial ?? '';
      return sendXlsx(reply, en ? `trace-${code}` : `批次追溯-${code}`, await partTraceWorkbook(rows, req.locale));
    },
  );

  app.get(
    '/traceability/models',
    {
      schema: {
        tags,
        summary: 'Every unit of a model (R-REG-5): hospital, site, status, serial, software version; filter by version or status',
        querystring: modelTraceQuery,
        response: { 200: pageOf(modelTraceRowDto) },
      },
    },
    async (req) => {
      authorize(req, traceabilityPolicy, 'search');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await unitsOfModel(db, f, page, pageSize);
      return { items: rows, total, page, pageSize };
    },
  );

  app.get(
    '/traceability/models/export',
    { schema: { tags, summary: 'Every unit of a model as an Excel workbook', querystring: modelTraceExportQuery } },
    async (req, reply) => {
      authorize(req, traceabilityPolicy, 'export');
      const rows = await exportUnitsOfModel(db, req.query, EXPORT_MAX_ROWS);
      const en = req.locale === 'en-US';
      return sendXlsx(reply, en ? 'units-of-model' : '型号设备清单', await modelTraceWorkbook(rows, req.locale));
    },
  );
}
