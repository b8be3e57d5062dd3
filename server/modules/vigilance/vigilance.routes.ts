// Adverse events (不良事件, issue 14 §2, R-REG-2). Thin: the rules are in vigilance.service.ts /
// vigilance.rules.ts / vigilance.watch.ts.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { isOverdue, noticesOf } from '../returns/index.ts';
import { manifestationLine, signaturesOf } from '../signatures/index.ts';
import {
  aeCloseBody,
  aeClusterDto,
  aeClusterListQuery,
  aeClusterReviewBody,
  aeCreateBody,
  aeDecideBody,
  aeDetailDto,
  aeDto,
  aeExportQuery,
  aeFollowUpBody,
  aeListQuery,
  aeNoticeBody,
  aeNoticeParams,
  aeNoticeReplyBody,
  aeSettingsBody,
  aeSettingsDto,
  aeSubmitBody,
  aeUpdateBody,
} from './vigilance.dto.ts';
import { missingFormFields, REPORT_FORM_FIELDS, type ReportForm } from './vigilance.form.ts';
import { renderAdverseEventPdf } from './vigilance.pdf.ts';
import { vigilancePolicy } from './vigilance.policy.ts';
import { clockOf } from './vigilance.rules.ts';
import * as svc from './vigilance.service.ts';
import { listClusters, reviewCluster } from './vigilance.watch.ts';

registerConstraintFields({
  adverse_events_description_ck: 'description',
  adverse_events_complaint_uq: 'complaintId',
  adverse_events_device_id_devices_id_fk: 'deviceId',
  adverse_events_work_order_id_work_orders_id_fk: 'workOrderId',
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const IMPACT_ZH = { death: '死亡', serious_injury: '严重伤害', other: '其他', none: '无伤害' } as const;
const IMPACT_EN = { death: 'Death', serious_injury: 'Serious injury', other: 'Other', none: 'None' } as const;
const STATE_ZH = { draft: '草稿', reported: '已报告', follow_up: '跟踪报告', closed: '已关闭' } as const;
const STATE_EN = { draft: 'Draft', reported: 'Reported', follow_up: 'Follow-up', closed: 'Closed' } as const;

const view = (r: svc.AeRow, now: Date): z.infer<typeof aeDto> => ({
  id: r.e.id,
  version: r.e.version,
  number: r.e.number,
  state: r.e.state,
  deviceId: r.e.deviceId,
  serialNumber: r.serialNumber,
  modelName: r.modelName,
  customerId: r.e.customerId,
  customerName: r.customerName,
  complaintId: r.e.complaintId,
  complaintNumber: r.complaintNumber,
  workOrderId: r.e.workOrderId,
  workOrderNumber: r.workOrderNumber,
  eventDate: r.e.eventDate,
  awareAt: r.e.awareAt.toISOString(),
  patientImpact: r.e.patientImpact,
  groupEvent: r.e.groupEvent,
  description: r.e.description,
  deviceProblem: r.e.deviceProblem,
  actionsTaken: r.e.actionsTaken,
  reportable: r.e.reportable,
  reportabilityReason: r.e.reportabilityReason,
  decidedByName: r.e.decidedByName,
  decidedAt: iso(r.e.decidedAt),
  reportDueAt: iso(r.e.reportDueAt),
  clock: clockOf(r.e.awareAt, r.e.reportDueAt, r.e.submittedAt, now),
  reportNumber: r.e.reportNumber,
  reportedOn: r.e.reportedOn,
  submittedByName: r.e.submittedByName,
  submittedAt: iso(r.e.submittedAt),
  evaluation: r.e.evaluation,
  closedAt: iso(r.e.closedAt),
  closedByName: r.e.closedByName,
  createdByName: r.e.createdByName,
});

export function vigilanceRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['adverse-events'];
  const detail = async (user: Principal, id: string): Promise<z.infer<typeof aeDetailDto>> => {
    const r = await svc.getAdverseEvent(db, id);
    const now = clockNow();
    const [reports, notices, sigs, form] = await Promise.all([
      svc.reportsOf(db, id),
      noticesOf(db, 'adverse_event', id),
      signaturesOf(db, 'adverse_event', [id]),
      svc.formWithPrefill(db, r.e),
    ]);
    return {
      ...view(r, now),
      reportForm: Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v ?? null])),
      formFields: REPORT_FORM_FIELDS.map((f) => ({
        key: f.key,
        zh: f.zh,
        en: f.en,
        kind: f.kind,
        required: f.required,
        options: f.options ? [...f.options] : null,
      })),
      missingFormFields: missingFormFields(form),
      reports: reports.map((x) => ({
        id: x.id,
        kind: x.kind,
        reportDate: x.reportDate,
        reportNumber: x.reportNumber,
        content: x.content,
        submittedByName: x.submittedByName,
      })),
      // The event's notices live in the one supplier_notices table (migration 0073); the shape stays the event's.
      notices: notices.map((n) => ({
        id: n.id,
        version: n.version,
        supplierId: n.supplierId,
        recipient: n.recipientName,
        sentAt: (n.sentAt ?? DateTime.fromISO(n.sentOn, { zone: tz }).toJSDate()).toISOString(),
        content: n.content,
        replyDue: n.replyDueOn,
        replyText: n.replyText,
        repliedOn: n.repliedOn,
        sentByName: n.sentByName,
        overdue: isOverdue(n, tz, now),
      })),
      signatures: sigs.map((s) => ({
        signerName: s.signerName,
        signedAt: s.signedAt.toISOString(),
        meaningText: s.meaningText,
        contentHash: s.contentHash,
        line: manifestationLine(s, tz),
      })),
      manufacturer: r.manufacturer,
      abilities: svc.abilitiesOf(user, r.e),
    };
  };

  app.get(
    '/adverse-events',
    {
      schema: {
        tags,
        summary: 'The adverse-event register (不良事件, R-REG-2): state, patient impact, overdue clock; search by number, serial, model, hospital, text',
        querystring: aeListQuery,
        response: { 200: pageOf(aeDto) },
      },
    },
    async (req) => {
      authorize(req, vigilancePolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const now = clockNow();
      const { rows, total } = await svc.listAdverseEvents(db, f, page, pageSize, now);
      return { items: rows.map((r) => view(r, now)), total, page, pageSize };
    },
  );

  app.get(
    '/adverse-events/export',
    { schema: { tags, summary: 'The adverse-event register as filtered, as an Excel workbook', querystring: aeExportQuery } },
    async (req, reply) => {
      authorize(req, vigilancePolicy, 'read');
      const now = clockNow();
      const rows = (await svc.exportAdverseEvents(db, req.query, EXPORT_MAX_ROWS, now)).map((r) => view(r, now));
      const en = req.locale === 'en-US';
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '事件编号', en: 'Number', width: 18, value: (r) => r.number },
        { key: 'state', zh: '状态', en: 'State', width: 10, value: (r) => (en ? STATE_EN : STATE_ZH)[r.state] },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (r) => r.customerName },
        { key: 'model', zh: '型号', en: 'Model', width: 20, value: (r) => r.modelName },
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 16, value: (r) => r.serialNumber },
        { key: 'eventDate', zh: '事件发生日期', en: 'Event date', width: 12, value: (r) => r.eventDate },
        { key: 'awareAt', zh: '获知时间', en: 'Aware at', width: 18, value: (r) => r.awareAt },
        { key: 'impact', zh: '伤害程度', en: 'Patient impact', width: 10, value: (r) => (en ? IMPACT_EN : IMPACT_ZH)[r.patientImpact] },
        { key: 'group', zh: '群体事件', en: 'Group event', width: 8, value: (r) => (r.groupEvent ? (en ? 'Yes' : '是') : en ? 'No' : '否') },
        { key: 'description', zh: '事件陈述', en: 'Description', width: 36, value: (r) => r.description },
        { key: 'problem', zh: '器械故障表现', en: 'Device problem', width: 24, value: (r) => r.deviceProblem },
        {
          key: 'reportable',
          zh: '是否需上报',
          en: 'Reportable',
          width: 10,
          value: (r) => (r.reportable === null ? '' : r.reportable ? (en ? 'Yes' : '是') : en ? 'No' : '否'),
        },
        { key: 'due', zh: '报告时限', en: 'Report due', width: 18, value: (r) => r.reportDueAt },
        {
          key: 'overdue',
          zh: '是否超时',
          en: 'Overdue',
          width: 8,
          value: (r) => (r.clock.state === 'breached' || r.clock.state === 'met_late' ? (en ? 'Yes' : '是') : ''),
        },
        { key: 'reportNumber', zh: '报告编号', en: 'Report number', width: 16, value: (r) => r.reportNumber },
        { key: 'reportedOn', zh: '报告日期', en: 'Reported on', width: 12, value: (r) => r.reportedOn },
        { key: 'submittedBy', zh: '报告人', en: 'Submitted by', value: (r) => r.submittedByName },
        { key: 'complaint', zh: '关联投诉', en: 'Complaint', width: 16, value: (r) => r.complaintNumber },
        { key: 'evaluation', zh: '评价意见', en: 'Evaluation', width: 30, value: (r) => r.evaluation },
      ];
      return sendXlsx(reply, en ? 'adverse-events' : '不良事件登记', await xlsxBuffer(en ? 'Adverse events' : '不良事件登记', columns, rows, req.locale));
    },
  );

  app.get(
    '/adverse-event-settings',
    { schema: { tags, summary: 'The reporting clocks and the cluster watch (configurable per regulation)', response: { 200: aeSettingsDto } } },
    async (req) => {
      const user = authorize(req, vigilancePolicy, 'read');
      const s = await svc.settingsOf(db);
      return { ...s, canEdit: can(user, vigilancePolicy, 'settings') };
    },
  );
  app.patch(
    '/adverse-event-settings',
    {
      schema: {
        tags,
        summary: 'Change the reporting clocks / cluster watch; every deadline not yet met follows',
        body: aeSettingsBody,
        response: { 200: aeSettingsDto },
      },
    },
    async (req) => {
      const user = authorize(req, vigilancePolicy, 'settings');
      const s = await svc.updateSettings(db, user, req.body);
      return { ...s, canEdit: true };
    },
  );

  app.get(
    '/adverse-event-clusters',
    {
      schema: {
        tags,
        summary: 'Possible group events: the same model and fault from several hospitals within the window',
        querystring: aeClusterListQuery,
        response: { 200: pageOf(aeClusterDto) },
      },
    },
    async (req) => {
      authorize(req, vigilancePolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { items, total } = await listClusters(db, f, page, pageSize);
      return { items, total, page, pageSize };
    },
  );
  app.post(
    '/adverse-event-clusters/:id/review',
    { schema: { tags, summary: "Quality's review of a possible group event (closes the flag)", params: idParams, body: aeClusterReviewBody } },
    async (req) => {
      const user = authorize(req, vigilancePolicy, 'reviewCluster');
      const c = await reviewCluster(db, user, req.params.id, req.body);
      return { id: c.id, version: c.version, state: c.state };
    },
  );

  app.get(
    '/adverse-events/:id',
    {
      schema: {
        tags,
        summary: 'One adverse event with its clock, form, reports, notices, signatures and what the reader may do',
        params: idParams,
        response: { 200: aeDetailDto },
      },
    },
    async (req) => detail(authorize(req, vigilancePolicy, 'read'), req.params.id),
  );

  app.get(
    '/adverse-events/:id/report.pdf',
    { schema: { tags, summary: '可疑医疗器械不良事件报告表 as PDF (Chinese), with the signature manifestation', params: idParams } },
    async (req, reply) => {
      const user = authorize(req, vigilancePolicy, 'read');
      const d = await detail(user, req.params.id);
      const pdf = await renderAdverseEventPdf({
        number: d.number,
        customerName: d.customerName,
        serialNumber: d.serialNumber,
        modelName: d.modelName,
        eventDate: d.eventDate,
        awareAt: dateIn(new Date(d.awareAt), tz),
        patientImpact: IMPACT_ZH[d.patientImpact],
        groupEvent: d.groupEvent,
        description: d.description,
        deviceProblem: d.deviceProblem,
        actionsTaken: d.actionsTaken,
        reportable: d.reportable === null ? '未判定' : `${d.reportable ? '需上报' : '无需上报'}${d.reportabilityReason ? `：${d.reportabilityReason}` : ''}`,
        reportDueAt: d.reportDueAt
          ? new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(d.reportDueAt))
          : '—',
        reportNumber: d.reportNumber,
        reportedOn: d.reportedOn,
        submittedByName: d.submittedByName,
        form: d.reportForm as ReportForm,
        reports: d.reports,
        signatureLines: d.signatures.map((s) => s.line),
      });
      const file = `${d.number}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${file}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/adverse-events',
    {
      schema: {
        tags,
        summary: 'Record an adverse event (draft); the reporting clock runs from the awareness date',
        body: aeCreateBody,
        response: { 201: aeDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, vigilancePolicy, 'create');
      const b = req.body;
      const ev = await svc.createAdverseEvent(db, user, { ...b, awareAt: new Date(b.awareAt), reportForm: b.reportForm as ReportForm | undefined });
      return reply.status(201).send(await detail(user, ev.id));
    },
  );

  app.patch(
    '/adverse-events/:id',
    {
      schema: {
        tags,
        summary: 'Edit the event and its report form (send the version read); the deadline follows',
        params: idParams,
        body: aeUpdateBody,
        response: { 200: aeDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, vigilancePolicy, 'edit');
      const b = req.body;
      await svc.updateAdverseEvent(db, user, req.params.id, {
        ...b,
        awareAt: b.awareAt ? new Date(b.awareAt) : undefined,
        reportForm: b.reportForm as ReportForm | undefined,
      });
      return detail(user, req.params.id);
    },
  );

  const step = <B>(
    path: string,
    action: 'decide' | 'submit' | 'followUp' | 'close' | 'notifySupplier',
    summary: string,
    body: z.ZodType<B>,
    run: (user: Principal, id: string, b: B, locale: 'zh-CN' | 'en-US') => Promise<unknown>,
  ) =>
    app.post(path, { schema: { tags, summary, params: idParams, body, response: { 200: aeDetailDto } } }, async (req) => {
      const user = authorize(req, vigilancePolicy, action);
      await run(user, (req.params as { id: string }).id, req.body as B, req.locale);
      return detail(user, (req.params as { id: string }).id);
    });

  step(
    '/adverse-events/:id/decide',
    'decide',
    "Quality's reportability decision with its reason ('not reportable' stops the clock)",
    aeDecideBody,
    (u, id, b) => svc.decideReportability(db, u, id, b),
  );
  step(
    '/adverse-events/:id/submit',
    'submit',
    'Submit the initial report: quality signs with the password again (R-AU-1); 422 names the form fields still empty',
    aeSubmitBody,
    (u, id, b, locale) => svc.submitReport(db, u, id, b, locale),
  );
  step('/adverse-events/:id/follow-ups', 'followUp', 'A follow-up or the final report', aeFollowUpBody, (u, id, b) => svc.addFollowUp(db, u, id, b));
  step('/adverse-events/:id/close', 'close', 'Close with the evaluation (after the report, or when decided not reportable)', aeCloseBody, (u, id, b) =>
    svc.closeAdverseEvent(db, u, id, b),
  );
  step('/adverse-events/:id/notices', 'notifySupplier', 'Notify the supplier / manufacturer (经营办法§38); the reply is tracked', aeNoticeBody, (u, id, b) =>
    svc.notifySupplier(db, u, id, b, tz),
  );

  app.post(
    '/adverse-events/:id/notices/:noticeId/reply',
    {
      schema: {
        tags,
        summary: "The supplier's / manufacturer's reply to a notice",
        params: aeNoticeParams,
        body: aeNoticeReplyBody,
        response: { 200: aeDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, vigilancePolicy, 'notifySupplier');
      await svc.recordNoticeReply(db, user, req.params.id, req.params.noticeId, req.body);
      return detail(user, req.params.id);
    },
  );
}
