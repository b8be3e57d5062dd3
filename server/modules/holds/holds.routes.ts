// Safety holds (停用, issue 14 §1, R-REG-1). Thin: the rules are in holds.service.ts / holds.rules.ts.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { holdDetailDto, holdDto, holdExportQuery, holdListQuery, placeHoldBody, releaseHoldBody, retireHoldBody } from './holds.dto.ts';
import { holdsPolicy } from './holds.policy.ts';
import { exportHolds, getHold, type HoldRow, listHolds, placeHold, releaseHold, retireHeld, verificationOptions } from './holds.service.ts';
import { deviceHolds } from './holds.tables.ts';

registerConstraintFields({
  device_holds_open_uq: 'deviceId',
  device_holds_reason_ck: 'reason',
  device_holds_device_id_devices_id_fk: 'deviceId',
  device_holds_release_work_order_id_work_orders_id_fk: 'workOrderId',
});

// The hazard's photos hang on the hold (attachments module); the hospital reads its own.
registerAttachmentOwner('device_hold', {
  canRead: (u) => can(u, holdsPolicy, 'read'),
  canWrite: (u) => can(u, holdsPolicy, 'place'),
  hospitalOf: async (ex, id) => (await ex.select({ c: deviceHolds.customerId }).from(deviceHolds).where(eq(deviceHolds.id, id)))[0]?.c,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const view = (r: HoldRow): z.infer<typeof holdDto> => ({
  id: r.h.id,
  version: r.h.version,
  deviceId: r.h.deviceId,
  serialNumber: r.serialNumber,
  modelName: r.modelName,
  customerId: r.h.customerId,
  customerName: r.customerName,
  reason: r.h.reason,
  placedAt: r.h.placedAt.toISOString(),
  placedByName: r.h.placedByName,
  open: r.h.closedAt === null,
  closedAt: iso(r.h.closedAt),
  closedByName: r.h.closedByName,
  outcome: r.h.outcome,
  releaseWorkOrderId: r.h.releaseWorkOrderId,
  releaseWorkOrderNumber: r.releaseWorkOrderNumber,
  releaseEvidence: r.h.releaseEvidence,
  closingNote: r.h.closingNote,
  signatureMeaning: r.h.signatureMeaning,
  signatureHash: r.h.signatureHash,
});

export function holdsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['holds'];
  const detail = async (user: Principal, id: string): Promise<z.infer<typeof holdDetailDto>> => {
    const r = await getHold(db, user, id);
    const open = r.h.closedAt === null;
    const options = await verificationOptions(db, user, r.h);
    return {
      ...view(r),
      abilities: { release: open && can(user, holdsPolicy, 'release'), retire: open && can(user, holdsPolicy, 'retire') },
      verifications: options.map((w) => ({
        id: w.id,
        number: w.number,
        kind: w.kind,
        status: w.status,
        resolvedAt: iso(w.resolvedAt),
        reviewedAt: iso(w.reviewedAt),
        testResults: w.testResults,
        refusal: w.refusal,
      })),
    };
  };

  app.get(
    '/device-holds',
    {
      schema: {
        tags,
        summary: 'Safety holds (停用, R-REG-1): open or closed, by hospital or unit, search by serial/model/hospital/reason; newest first',
        querystring: holdListQuery,
        response: { 200: pageOf(holdDto) },
      },
    },
    async (req) => {
      const user = authorize(req, holdsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listHolds(db, user, f, page, pageSize);
      return { items: rows.map(view), total, page, pageSize };
    },
  );

  app.get(
    '/device-holds/export',
    { schema: { tags, summary: 'The safety-hold register as filtered, as an Excel workbook', querystring: holdExportQuery } },
    async (req, reply) => {
      const user = authorize(req, holdsPolicy, 'read');
      const rows = (await exportHolds(db, user, req.query, EXPORT_MAX_ROWS)).map(view);
      const en = req.locale === 'en-US';
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 18, value: (r) => r.serialNumber },
        { key: 'model', zh: '型号', en: 'Model', width: 22, value: (r) => r.modelName },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (r) => r.customerName },
        { key: 'reason', zh: '停用原因', en: 'Hazard', width: 36, value: (r) => r.reason },
        { key: 'placedAt', zh: '停用时间', en: 'Placed at', width: 18, value: (r) => r.placedAt },
        { key: 'placedBy', zh: '停用人', en: 'Placed by', value: (r) => r.placedByName },
        {
          key: 'state',
          zh: '结果',
          en: 'Outcome',
          width: 12,
          value: (r) =>
            r.outcome === 'released' ? (en ? 'Released' : '已解除') : r.outcome === 'retired' ? (en ? 'Retired' : '已报废') : en ? 'On hold' : '停用中',
        },
        { key: 'closedAt', zh: '结束时间', en: 'Closed at', width: 18, value: (r) => r.closedAt },
        { key: 'closedBy', zh: '处理人', en: 'Closed by', value: (r) => r.closedByName },
        { key: 'workOrder', zh: '验证工单', en: 'Verification work order', width: 16, value: (r) => r.releaseWorkOrderNumber },
        { key: 'evidence', zh: '验证结果', en: 'Evidence', width: 30, value: (r) => r.releaseEvidence },
        { key: 'note', zh: '说明', en: 'Note', width: 24, value: (r) => r.closingNote },
      ];
      return sendXlsx(reply, en ? 'safety-holds' : '设备停用登记', await xlsxBuffer(en ? 'Safety holds' : '设备停用登记', columns, rows, req.locale));
    },
  );

  app.get(
    '/device-holds/:id',
    { schema: { tags, summary: 'One safety hold with what the reader may do', params: idParams, response: { 200: holdDetailDto } } },
    async (req) => detail(authorize(req, holdsPolicy, 'read'), req.params.id),
  );

  app.post(
    '/device-holds',
    {
      schema: {
        tags,
        summary:
          'Put a device on safety hold at once (停用): the unit reads safety_hold everywhere; the hospital and the service manager are told. 409 if already on hold',
        body: placeHoldBody,
        response: { 201: holdDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, holdsPolicy, 'place');
      const hold = await placeHold(db, user, req.body);
      return reply.status(201).send(await detail(user, hold.id));
    },
  );

  app.post(
    '/device-holds/:id/release',
    {
      schema: {
        tags,
        summary: 'Release a hold on a verification: a reviewed work order on the unit with test results; quality signs with the password again (R-AU-1)',
        params: idParams,
        body: releaseHoldBody,
        response: { 200: holdDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, holdsPolicy, 'release');
      await releaseHold(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/device-holds/:id/retire',
    {
      schema: {
        tags,
        summary: 'The unit cannot be made safe (不得继续使用): retire it with the reason; the hold closes',
        params: idParams,
        body: retireHoldBody,
        response: { 200: holdDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, holdsPolicy, 'retire');
      await retireHeld(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );
}
