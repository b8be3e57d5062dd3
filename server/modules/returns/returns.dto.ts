// Request and response shapes of returns and exchanges (退货/换货, issue 14 §4, R-REG-4) and of the
// supplier/manufacturer notices (经营办法§38, issue 14 §5).
import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { INSPECTION_RESULTS, NOTICE_CHANNELS, NOTICE_SUBJECTS, RETURN_DECISIONS, RETURN_ITEMS, RETURN_KINDS, RETURN_STATUSES } from './returns.tables.ts';

const kind = z.enum(RETURN_KINDS);
const item = z.enum(RETURN_ITEMS);
const status = z.enum(RETURN_STATUSES);
const decision = z.enum(RETURN_DECISIONS);
const result = z.enum(INSPECTION_RESULTS);

export const registerReturnBody = z.strictObject({
  kind,
  item,
  /** The unit coming back (item device). */
  deviceId: z.uuid().nullish(),
  /** The part coming back (item part), its quantity and lot or serial. */
  partId: z.uuid().nullish(),
  quantity: z.number().int().min(1).max(100_000).nullish(),
  lotOrSerial: optionalText(100),
  /** The hospital; taken from the unit, work order or complaint when not given. */
  customerId: z.uuid().nullish(),
  reason: text(2000),
  complaintId: z.uuid().nullish(),
  workOrderId: z.uuid().nullish(),
});
export const receiveReturnBody = z.strictObject({
  version,
  receivedOn: isoDate(),
  receivedByName: text(100),
  arrivalCondition: text(2000),
  /** A returned part: the warehouse whose quarantine (faulty) stock takes it; required for parts (422). */
  warehouseId: z.uuid().nullish(),
});
export const inspectReturnBody = z.strictObject({ version, findings: text(4000), result });
export const decideReturnBody = z.strictObject({ version, decision, reason: text(2000) });
export const completeReturnBody = z.strictObject({
  version,
  exchangeSerial: optionalText(100),
  refundReference: optionalText(100),
  repairWorkOrderId: z.uuid().nullish(),
  scrapRecord: optionalText(500),
  note: optionalText(2000),
});
export const cancelReturnBody = z.strictObject({ version, reason: text(2000) });

export const returnListQuery = listQuery(['registeredAt', 'number'], {
  status: status.optional(),
  decision: decision.optional(),
  kind: kind.optional(),
  item: item.optional(),
  customerId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  complaintId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
});
export const returnExportQuery = returnListQuery.omit({ page: true, pageSize: true });

export const returnDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    kind,
    item,
    status,
    customerId: z.string(),
    customerName: z.string(),
    deviceId: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelName: z.string().nullable(),
    partId: z.string().nullable(),
    partCode: z.string().nullable(),
    partName: z.string().nullable(),
    quantity: z.number().nullable(),
    lotOrSerial: z.string().nullable(),
    reason: z.string(),
    complaintId: z.string().nullable(),
    complaintNumber: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    installationId: z.string().nullable(),
    registeredAt: z.string(),
    registeredByName: z.string(),
    receivedOn: z.string().nullable(),
    receivedByName: z.string().nullable(),
    arrivalCondition: z.string().nullable(),
    warehouseId: z.string().nullable(),
    warehouseName: z.string().nullable(),
    inspectedAt: z.string().nullable(),
    inspectorName: z.string().nullable(),
    findings: z.string().nullable(),
    inspectionResult: result.nullable(),
    decision: decision.nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionReason: z.string().nullable(),
    doneAt: z.string().nullable(),
    doneByName: z.string().nullable(),
    exchangeSerial: z.string().nullable(),
    refundReference: z.string().nullable(),
    repairWorkOrderId: z.string().nullable(),
    scrapRecord: z.string().nullable(),
    followThroughNote: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta(schemaId('ReturnRecord'));

const noticeSubject = z.enum(NOTICE_SUBJECTS);
const channel = z.enum(NOTICE_CHANNELS);

export const supplierNoticeDto = z
  .object({
    id: z.string(),
    version: z.number(),
    subject: noticeSubject,
    subjectId: z.string(),
    subjectNumber: z.string().nullable(),
    supplierId: z.string().nullable(),
    manufacturer: z.string().nullable(),
    recipientName: z.string(),
    sentOn: z.string(),
    channel,
    content: z.string(),
    sentByName: z.string(),
    replyDueOn: z.string(),
    repliedOn: z.string().nullable(),
    replyText: z.string().nullable(),
    replyRecordedByName: z.string().nullable(),
    overdue: z.boolean(),
    /** Whether this user may record the reply now (unanswered; an adverse event's: quality only). */
    canReply: z.boolean(),
  })
  .meta(schemaId('ReturnSupplierNotice'));

export const returnDetailDto = returnDto
  .extend({
    abilities: z.object({
      receive: z.boolean(),
      inspect: z.boolean(),
      decide: z.boolean(),
      complete: z.boolean(),
      cancel: z.boolean(),
      notifySupplier: z.boolean(),
    }),
    /** Notices sent to the supplier/manufacturer about this return (staff only; empty for hospital users). */
    notices: z.array(supplierNoticeDto),
    /** The manufacturer of the unit's model, to prefill a notice. */
    manufacturer: z.string().nullable(),
  })
  .meta(schemaId('ReturnRecordDetail'));

export const sendNoticeBody = z.strictObject({
  /** An adverse event's notices are sent from the event (POST /adverse-events/:id/notices: quality, the event's version moves). */
  subject: z.enum(['return', 'complaint']),
  subjectId: z.uuid(),
  /** A supplier of the parts module, or a manufacturer named in free text (one of the two). */
  supplierId: z.uuid().nullish(),
  manufacturer: optionalText(200),
  sentOn: isoDate(),
  channel,
  content: text(4000),
  /** Days the recipient has to reply before the notice shows overdue (经营办法§38; default 15). */
  replyDays: z.number().int().min(1).max(365).optional(),
});
export const noticeReplyBody = z.strictObject({ version, repliedOn: isoDate(), replyText: text(4000) });

export const noticeListQuery = listQuery(['sentOn', 'replyDueOn'], {
  subject: noticeSubject.optional(),
  subjectId: z.uuid().optional(),
  state: z.enum(['awaiting', 'replied', 'overdue']).optional(),
});
