// Service tools and measuring instruments (issue 13 §5; ISO 13485 §7.6): the register with due
// states, detail with calibrations and hand-overs, create/update, record a calibration, hand over,
// retire, the Excel export and the due counts for the menu badge.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { notFound } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import {
  calibrationBody,
  type calibrationDto,
  handoverBody,
  type handoverDto,
  holderOptionsDto,
  instrumentBody,
  instrumentDetailDto,
  instrumentDto,
  instrumentExportQuery,
  instrumentListQuery,
  instrumentPatch,
  instrumentSummaryDto,
  retireBody,
} from './instruments.dto.ts';
import { instrumentsPolicy } from './instruments.policy.ts';
import { dayIn, dueState, usable } from './instruments.rules.ts';
import {
  createInstrument,
  dueCounts,
  exportInstruments,
  getInstrument,
  handOver,
  holderOptions,
  type InstrumentRow,
  listInstruments,
  recordCalibration,
  retireInstrument,
  updateInstrument,
} from './instruments.service.ts';
import { instruments } from './instruments.tables.ts';

registerConstraintFields({
  instruments_code_uq: 'code',
  instruments_interval_ck: 'calibrationIntervalMonths',
  instruments_holder_ck: 'holderKind',
  instruments_retired_ck: 'reason',
  instrument_calibrations_valid_ck: 'validUntil',
});

// Calibration certificates (and photos) hang on the instrument (attachments module).
registerAttachmentOwner('instrument', {
  canRead: (u) => can(u, instrumentsPolicy, 'read'),
  canWrite: (u) => can(u, instrumentsPolicy, 'manage'),
  hospitalOf: async (ex, id) => ((await ex.select({ id: instruments.id }).from(instruments).where(eq(instruments.id, id)))[0] ? null : undefined),
});

const view = (r: InstrumentRow, today: string): z.infer<typeof instrumentDto> => ({
  id: r.i.id,
  version: r.i.version,
  code: r.i.code,
  name: r.i.name,
  kind: r.i.kind,
  maker: r.i.maker,
  model: r.i.model,
  serialNumber: r.i.serialNumber,
  holderKind: r.i.holderKind,
  holderUserId: r.i.holderUserId,
  holderUserName: r.holderUserName,
  holderWarehouseId: r.i.holderWarehouseId,
  holderWarehouseName: r.holderWarehouseName,
  status: r.i.status,
  calibrationIntervalMonths: r.i.calibrationIntervalMonths,
  lastCalibratedOn: r.i.lastCalibratedOn,
  nextDueOn: r.i.nextDueOn,
  dueState: dueState(r.i.nextDueOn, today),
  usable: usable(r.i, today),
  notes: r.i.notes,
  retiredAt: r.i.retiredAt?.toISOString() ?? null,
  retiredReason: r.i.retiredReason,
});

type Detail = NonNullable<Awaited<ReturnType<typeof getInstrument>>>;
function detailView(user: Principal, d: Detail, today: string): z.infer<typeof instrumentDetailDto> {
  return {
    ...view(d, today),
    calibrations: d.calibrations.map(
      (c): z.infer<typeof calibrationDto> => ({
        id: c.c.id,
        calibratedOn: c.c.calibratedOn,
        result: c.c.result,
        certificateNumber: c.c.certificateNumber,
        lab: c.c.lab,
        validUntil: c.c.validUntil,
        note: c.c.note,
        recordedByName: c.recordedByName,
        createdAt: c.c.createdAt.toISOString(),
      }),
    ),
    handovers: d.handovers.map(
      (h): z.infer<typeof handoverDto> => ({
        id: h.h.id,
        at: h.h.createdAt.toISOString(),
        fromKind: h.h.fromKind,
        fromName: h.fromUserName ?? h.fromWarehouseName,
        toKind: h.h.toKind,
        toName: h.toUserName ?? h.toWarehouseName,
        byName: h.byName,
        note: h.h.note,
      }),
    ),
    abilities: { manage: can(user, instrumentsPolicy, 'manage'), handover: can(user, instrumentsPolicy, 'handover') },
  };
}

export function instrumentsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['instruments'];
  const today = () => dayIn(new Date(), tz);
  const detail = async (user: Principal, id: string) => {
    const d = await getInstrument(db, id);
    if (!d) throw notFound();
    return detailView(user, d, today());
  };

  app.get(
    '/instruments',
    {
      schema: {
        tags,
        summary: 'Service tools and measuring instruments: search, filters (kind, holder, status, due state), by next due date first (issue 13 §5)',
        querystring: instrumentListQuery,
        response: { 200: pageOf(instrumentDto) },
      },
    },
    async (req) => {
      authorize(req, instrumentsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const day = today();
      const { rows, total } = await listInstruments(db, f, day, page, pageSize);
      return { items: rows.map((r) => view(r, day)), total, page, pageSize };
    },
  );

  app.get(
    '/instruments/export',
    { schema: { tags, summary: 'The instrument list as filtered, as an Excel workbook', querystring: instrumentExportQuery } },
    async (req, reply) => {
      authorize(req, instrumentsPolicy, 'read');
      const day = today();
      const rows = (await exportInstruments(db, req.query, day, EXPORT_MAX_ROWS)).map((r) => view(r, day));
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'code', zh: '编号', en: 'Code', width: 12, value: (r) => r.code },
        { key: 'name', zh: '名称', en: 'Name', width: 24, value: (r) => r.name },
        { key: 'kind', zh: '类别', en: 'Kind', width: 18, value: (r) => r.kind, term: 'instrumentKind' },
        { key: 'maker', zh: '生产厂家', en: 'Maker', width: 16, value: (r) => r.maker },
        { key: 'model', zh: '型号规格', en: 'Model', width: 14, value: (r) => r.model },
        { key: 'serialNumber', zh: '出厂编号', en: 'Serial number', width: 16, value: (r) => r.serialNumber },
        {
          key: 'holder',
          zh: '持有人/存放地',
          en: 'Holder',
          width: 18,
          value: (r) => r.holderUserName ?? r.holderWarehouseName ?? (req.locale === 'en-US' ? 'Instrument store' : '仪器室'),
        },
        { key: 'status', zh: '状态', en: 'Status', width: 12, value: (r) => r.status, term: 'instrumentStatus' },
        { key: 'interval', zh: '校准周期（月）', en: 'Interval (months)', value: (r) => r.calibrationIntervalMonths },
        { key: 'last', zh: '上次校准', en: 'Last calibrated', width: 12, value: (r) => r.lastCalibratedOn },
        { key: 'next', zh: '下次到期', en: 'Next due', width: 12, value: (r) => r.nextDueOn },
        { key: 'due', zh: '校准状态', en: 'Calibration', width: 12, value: (r) => r.dueState, term: 'calibrationDue' },
        { key: 'notes', zh: '备注', en: 'Notes', width: 24, value: (r) => r.notes },
      ];
      return sendXlsx(reply, 'instruments', await xlsxBuffer(req.locale === 'en-US' ? 'Instruments' : '计量器具台账', columns, rows, req.locale));
    },
  );

  app.get(
    '/instruments/summary',
    {
      schema: {
        tags,
        summary: 'How many instruments are overdue and due within 30 days (menu badge, dashboard tile)',
        response: { 200: instrumentSummaryDto },
      },
    },
    async (req) => {
      authorize(req, instrumentsPolicy, 'read');
      return dueCounts(db, today());
    },
  );

  app.get(
    '/instruments/holders',
    { schema: { tags, summary: 'Who may hold an instrument: field staff and warehouses/vans (hand-over picker)', response: { 200: holderOptionsDto } } },
    async (req) => {
      authorize(req, instrumentsPolicy, 'read');
      return holderOptions(db);
    },
  );

  app.get(
    '/instruments/:id',
    { schema: { tags, summary: 'An instrument with its calibrations and hand-overs', params: idParams, response: { 200: instrumentDetailDto } } },
    async (req) => {
      const user = authorize(req, instrumentsPolicy, 'read');
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/instruments',
    { schema: { tags, summary: 'Register a service tool or measuring instrument', body: instrumentBody, response: { 201: instrumentDetailDto } } },
    async (req, reply) => {
      const user = authorize(req, instrumentsPolicy, 'manage');
      const row = await createInstrument(db, actorOf(user), req.body, today());
      return reply.status(201).send(await detail(user, row.id));
    },
  );

  app.patch(
    '/instruments/:id',
    {
      schema: {
        tags,
        summary: 'Edit an instrument, or send it out for calibration (send the version read)',
        params: idParams,
        body: instrumentPatch,
        response: { 200: instrumentDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, instrumentsPolicy, 'manage');
      const { version, ...patch } = req.body;
      await updateInstrument(db, actorOf(user), req.params.id, version, patch);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/instruments/:id/calibrations',
    {
      schema: {
        tags,
        summary: 'Record a calibration: a pass moves the due date on, a failure takes the instrument out of tolerance (ISO 13485 §7.6)',
        params: idParams,
        body: calibrationBody,
        response: { 201: instrumentDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, instrumentsPolicy, 'manage');
      await recordCalibration(db, actorOf(user), req.params.id, req.body, today());
      return reply.status(201).send(await detail(user, req.params.id));
    },
  );

  app.post(
    '/instruments/:id/handover',
    {
      schema: {
        tags,
        summary: 'Hand the instrument to an engineer, a warehouse/van or the store; an engineer hands over only their own',
        params: idParams,
        body: handoverBody,
        response: { 200: instrumentDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, instrumentsPolicy, 'handover');
      await handOver(db, user, actorOf(user), req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/instruments/:id/retire',
    {
      schema: { tags, summary: 'Retire the instrument for good, with the reason', params: idParams, body: retireBody, response: { 200: instrumentDetailDto } },
    },
    async (req) => {
      const user = authorize(req, instrumentsPolicy, 'manage');
      await retireInstrument(db, actorOf(user), req.params.id, req.body.version, req.body.reason);
      return detail(user, req.params.id);
    },
  );
}
