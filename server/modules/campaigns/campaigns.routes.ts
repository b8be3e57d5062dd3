// Recalls and field actions (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1). Thin: the
// rules are in campaigns.service.ts / campaigns.rules.ts.
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { readUpload } from '../imports/index.ts';
import { manifestationLine, signaturesOf } from '../signatures/index.ts';
import {
  ackBody,
  campaignDetailDto,
  campaignDto,
  campaignExportQuery,
  campaignListQuery,
  campaignNoticeDto,
  campaignPreviewDto,
  campaignProgressDto,
  campaignUnitDto,
  closeCampaignBody,
  consentBody,
  createCampaignBody,
  freezeBody,
  myNoticesQuery,
  noticeIdParams,
  noticeListQuery,
  previewBody,
  resolveUnitBody,
  serialFileBody,
  serialFileDto,
  serialFileQuery,
  unitIdParams,
  unitListQuery,
  unitWorkOrderBody,
  updateCampaignBody,
  versionBody,
} from './campaigns.dto.ts';
import { renderReport } from './campaigns.pdf.ts';
import { campaignsPolicy } from './campaigns.policy.ts';
import { needsConsent, noticeDeadline, noticeOverdue, SERIAL_FILE_MAX_BYTES } from './campaigns.rules.ts';
import * as svc from './campaigns.service.ts';

registerConstraintFields({
  campaigns_title_ck: 'title',
  campaigns_deadline_ck: 'deadlineDays',
  campaign_units_verified_ck: 'verification',
  campaign_units_reason_ck: 'reason',
});

export const TYPE_LABELS: Record<string, [string, string]> = {
  recall_1: ['一级召回', 'Class I recall'],
  recall_2: ['二级召回', 'Class II recall'],
  recall_3: ['三级召回', 'Class III recall'],
  field_safety_notice: ['现场安全通知', 'Field safety notice'],
  technical_upgrade: ['技术升级', 'Technical upgrade'],
  spec_change: ['技术指标变更通知', 'Specification change notice'],
};
export const OUTCOME_LABELS: Record<string, [string, string]> = {
  corrected: ['已纠正', 'Corrected'],
  replaced: ['已更换', 'Replaced'],
  returned: ['已退回', 'Returned'],
  not_found: ['未找到', 'Not found'],
  consent_refused: ['客户不同意', 'Consent refused'],
  open: ['未处理', 'Open'],
};
const STATUS_LABELS: Record<string, string> = { draft: '草稿', notifying: '通知中', in_progress: '实施中', closed: '已关闭' };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const local = (d: Date | null, tz: string) =>
  d ? new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d) : '—';

const view = (r: svc.CampaignRow): z.infer<typeof campaignDto> => ({
  id: r.c.id,
  version: r.c.version,
  number: r.c.number,
  type: r.c.type,
  title: r.c.title,
  reason: r.c.reason,
  noticeContent: r.c.noticeContent,
  contentVersion: r.c.contentVersion,
  deadlineDays: r.c.deadlineDays,
  costFee: r.c.costFee,
  status: r.c.status,
  createdAt: r.c.createdAt.toISOString(),
  createdByName: r.c.createdByName,
  criteria: (r.c.criteria as z.infer<typeof campaignDto>['criteria']) ?? null,
  frozenAt: iso(r.c.frozenAt),
  frozenByName: r.c.frozenByName,
  notifyStartedAt: iso(r.c.notifyStartedAt),
  noticeDeadline: r.c.notifyStartedAt ? noticeDeadline(r.c.notifyStartedAt, r.c.deadlineDays).toISOString() : null,
  closedAt: iso(r.c.closedAt),
  closedByName: r.c.closedByName,
  closingNote: r.c.closingNote,
  signatureMeaning: r.c.signatureMeaning,
  signatureHash: r.c.signatureHash,
  units: r.units,
  unitsDone: r.unitsDone,
  customers: r.customers,
  customersAcked: r.customersAcked,
});

const noticeView = (r: svc.NoticeRow, now = new Date()): z.infer<typeof campaignNoticeDto> => ({
  id: r.n.id,
  version: r.n.version,
  campaignId: r.n.campaignId,
  campaignNumber: r.campaignNumber,
  campaignTitle: r.campaignTitle,
  campaignType: r.campaignType,
  customerId: r.n.customerId,
  customerName: r.customerName,
  unitCount: r.n.unitCount,
  sentAt: iso(r.n.sentAt),
  channel: r.n.channel,
  contentVersion: r.n.contentVersion,
  content: r.content,
  ackAt: iso(r.n.ackAt),
  ackByName: r.n.ackByName,
  ackChannel: r.n.ackChannel,
  ackNote: r.n.ackNote,
  escalatedAt: iso(r.n.escalatedAt),
  deadline: r.startedAt ? noticeDeadline(r.startedAt, r.deadlineDays).toISOString() : null,
  overdue: noticeOverdue(r.n, r.startedAt, r.deadlineDays, now),
});

const unitView = (r: svc.UnitRow): z.infer<typeof campaignUnitDto> => ({
  id: r.u.id,
  version: r.u.version,
  campaignId: r.u.campaignId,
  deviceId: r.u.deviceId,
  serialNumber: r.u.serialNumber,
  modelName: r.modelName,
  customerId: r.u.customerId,
  customerName: r.customerName,
  region: r.region,
  softwareVersion: r.u.softwareVersion,
  inWarranty: r.u.inWarranty,
  fee: r.u.fee,
  consent: r.u.consent,
  consentAt: iso(r.u.consentAt),
  consentByName: r.u.consentByName,
  consentNote: r.u.consentNote,
  workOrderId: r.u.workOrderId,
  workOrderNumber: r.workOrderNumber,
  workOrderStatus: r.workOrderStatus,
  outcome: r.u.outcome,
  outcomeReason: r.u.outcomeReason,
  verification: r.u.verification,
  resolvedAt: iso(r.u.resolvedAt),
  resolvedByName: r.u.resolvedByName,
});

/** Zod validation for params and query; the multipart body of the serials file is read by the handler. */
const skipBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : (validatorCompiler as FastifySchemaCompiler<unknown>)(route);

export function campaignsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['campaigns'];

  const detail = async (user: Principal, id: string): Promise<z.infer<typeof campaignDetailDto>> => {
    const r = await svc.getCampaign(db, id);
    const open = r.c.status !== 'closed';
    const manage = can(user, campaignsPolicy, 'manage');
    return {
      ...view(r),
      needsConsent: needsConsent(r.c.type),
      abilities: {
        edit: open && manage,
        freeze: manage && r.c.status === 'draft' && !r.c.frozenAt,
        notify: manage && r.c.status === 'draft' && !!r.c.frozenAt,
        work: can(user, campaignsPolicy, 'work') && (r.c.status === 'notifying' || r.c.status === 'in_progress'),
        close: can(user, campaignsPolicy, 'close') && (r.c.status === 'notifying' || r.c.status === 'in_progress') && r.unitsDone === r.units,
      },
    };
  };

  app.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Recalls and field actions (召回, R-REG-3, R-UP-1): by type and state, search by number/title; newest first',
        querystring: campaignListQuery,
        response: { 200: pageOf(campaignDto) },
      },
    },
    async (req) => {
      authorize(req, campaignsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await svc.listCampaigns(db, f, page, pageSize);
      return { items: rows.map(view), total, page, pageSize };
    },
  );

  app.get(
    '/campaigns/export',
    { schema: { tags, summary: 'The campaign register as filtered, as an Excel workbook', querystring: campaignExportQuery } },
    async (req, reply) => {
      authorize(req, campaignsPolicy, 'read');
      const en = req.locale === 'en-US';
      const rows = (await svc.exportCampaigns(db, req.query, EXPORT_MAX_ROWS)).map(view);
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '编号', en: 'Number', width: 16, value: (r) => r.number },
        { key: 'type', zh: '类型', en: 'Type', width: 16, value: (r) => TYPE_LABELS[r.type][en ? 1 : 0] },
        { key: 'title', zh: '名称', en: 'Title', width: 30, value: (r) => r.title },
        { key: 'status', zh: '状态', en: 'Status', width: 10, value: (r) => (en ? r.status : STATUS_LABELS[r.status]) },
        { key: 'units', zh: '受影响设备', en: 'Units', value: (r) => r.units },
        { key: 'done', zh: '已处理', en: 'Done', value: (r) => r.unitsDone },
        { key: 'customers', zh: '客户数', en: 'Customers', value: (r) => r.customers },
        { key: 'acked', zh: '已确认', en: 'Acknowledged', value: (r) => r.customersAcked },
        { key: 'createdAt', zh: '创建时间', en: 'Created at', width: 18, value: (r) => r.createdAt },
        { key: 'closedAt', zh: '关闭时间', en: 'Closed at', width: 18, value: (r) => r.closedAt },
      ];
      return sendXlsx(reply, en ? 'campaigns' : '召回与现场行动', await xlsxBuffer(en ? 'Campaigns' : '召回与现场行动', columns, rows, req.locale));
    },
  );

  app.post(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'A new campaign (draft); the notice deadline defaults to the class (I 1, II 3, III 7 days)',
        body: createCampaignBody,
        response: { 201: campaignDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, campaignsPolicy, 'manage');
      const c = await svc.createCampaign(db, user, req.body);
      return reply.status(201).send(await detail(user, c.id));
    },
  );

  app.get(
    '/campaigns/:id',
    { schema: { tags, summary: 'One campaign with its counts and what the reader may do', params: idParams, response: { 200: campaignDetailDto } } },
    async (req) => detail(authorize(req, campaignsPolicy, 'read'), req.params.id),
  );

  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Edit a campaign; a changed notice text is a new content version (spec-change notices)',
        params: idParams,
        body: updateCampaignBody,
        response: { 200: campaignDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'manage');
      await svc.updateCampaign(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/campaigns/:id/preview',
    {
      schema: {
        tags,
        summary: 'Preview the affected units for criteria (model, serial range, software version, part lot, list): count per customer and a sample',
        params: idParams,
        body: previewBody,
        response: { 200: campaignPreviewDto },
      },
    },
    async (req) => {
      authorize(req, campaignsPolicy, 'manage');
      await svc.getCampaign(db, req.params.id);
      return svc.preview(db, req.body.criteria);
    },
  );

  app.post(
    '/campaigns/:id/serials-file',
    {
      schema: {
        tags,
        summary:
          'Read the affected units from an uploaded .xlsx/.csv column of serials (R-REG-3): matched serials, the lines not matched with row and reason, and the preview',
        description:
          'multipart/form-data with one part `file`. Nothing is stored: put `serials` into criteria.serials and freeze as with a pasted list. ' +
          'Over 5 MB → 413 `campaign_file_too_large`; not a spreadsheet → 415 `import_invalid_file`; empty → 400/422; over 5,000 rows → 422 `campaign_file_too_many_rows`.',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: serialFileQuery,
        body: serialFileBody,
        response: { 200: serialFileDto },
      },
      validatorCompiler: skipBody,
      config: { uploadLimit: SERIAL_FILE_MAX_BYTES },
    },
    async (req) => {
      authorize(req, campaignsPolicy, 'manage');
      await svc.getCampaign(db, req.params.id);
      let upload: { buffer: Buffer; fileName: string; mimetype: string } | null = null;
      try {
        const part = await req.file({ limits: { fileSize: SERIAL_FILE_MAX_BYTES, files: 1, fields: 10, parts: 12 } });
        if (part?.fieldname === 'file') upload = { buffer: await part.toBuffer(), fileName: part.filename ?? '', mimetype: part.mimetype ?? '' };
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'campaign_file_too_large', { limit: '5 MB' });
        throw e;
      }
      if (!upload) throw new AppError(422, 'campaign_file_empty', {}, [{ field: 'file', code: 'required' }]);
      const rows = await readUpload(upload, req.locale);
      return svc.serialsFromFile(db, rows, req.query.modelId);
    },
  );

  app.post(
    '/campaigns/:id/freeze',
    {
      schema: {
        tags,
        summary: 'Freeze the selection into the campaign (units + one notice per customer); later device changes do not move it',
        params: idParams,
        body: freezeBody,
        response: { 200: campaignDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'manage');
      await svc.freeze(db, user, req.params.id, req.body, tz);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/campaigns/:id/notify',
    {
      schema: {
        tags,
        summary: 'Start notification: every affected customer is sent its notice once; the class deadline runs',
        params: idParams,
        body: versionBody,
        response: { 200: campaignDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'manage');
      await svc.startNotifying(db, user, req.params.id, req.body.version);
      return detail(user, req.params.id);
    },
  );

  app.get(
    '/campaigns/:id/notices',
    {
      schema: {
        tags,
        summary: 'The notices of a campaign per customer: sent, acknowledged, overdue',
        params: idParams,
        querystring: noticeListQuery,
        response: { 200: pageOf(campaignNoticeDto) },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await svc.listNotices(db, user, { ...f, campaignId: req.params.id }, page, pageSize);
      return { items: rows.map((r) => noticeView(r)), total, page, pageSize };
    },
  );

  app.post(
    '/campaigns/:id/notices/:noticeId/ack',
    {
      schema: {
        tags,
        summary: 'Record the customer’s acknowledgement: a hospital user’s portal click, or staff recording a call (note required)',
        params: noticeIdParams,
        body: ackBody,
        response: { 200: campaignNoticeDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'acknowledge');
      const n = await svc.getNotice(db, user, req.params.noticeId);
      if (n.n.campaignId !== req.params.id) throw notFound();
      await svc.acknowledge(db, user, req.params.noticeId, req.body);
      return noticeView(await svc.getNotice(db, user, req.params.noticeId));
    },
  );

  app.get(
    '/campaign-notices',
    {
      schema: {
        tags,
        summary: 'The reader’s campaign notices (a hospital user: its own customer’s, once sent): the portal’s 重要通知',
        querystring: myNoticesQuery,
        response: { 200: pageOf(campaignNoticeDto) },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'notices');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await svc.listNotices(db, user, f, page, pageSize);
      return { items: rows.map((r) => noticeView(r)), total, page, pageSize };
    },
  );

  app.get(
    '/campaigns/:id/units',
    {
      schema: {
        tags,
        summary: 'The frozen units: consent, work order, outcome; by customer and state',
        params: idParams,
        querystring: unitListQuery,
        response: { 200: pageOf(campaignUnitDto) },
      },
    },
    async (req) => {
      authorize(req, campaignsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await svc.listUnits(db, req.params.id, f, page, pageSize);
      return { items: rows.map(unitView), total, page, pageSize };
    },
  );

  app.post(
    '/campaigns/:id/units/:unitId/consent',
    {
      schema: {
        tags,
        summary: 'Technical upgrade: the customer’s consent (根据客户意愿); a refusal resolves the unit as consent_refused',
        params: unitIdParams,
        body: consentBody,
        response: { 200: campaignUnitDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'work');
      await svc.recordConsent(db, user, req.params.id, req.params.unitId, req.body);
      return unitView(await svc.getUnit(db, req.params.id, req.params.unitId));
    },
  );

  app.post(
    '/campaigns/:id/units/:unitId/work-order',
    {
      schema: {
        tags,
        summary: 'Open the unit’s work order (kind upgrade); refused for an upgrade without the customer’s consent',
        params: unitIdParams,
        body: unitWorkOrderBody,
        response: { 200: campaignUnitDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'work');
      await svc.openUnitWorkOrder(db, user, req.params.id, req.params.unitId, req.body, tz);
      return unitView(await svc.getUnit(db, req.params.id, req.params.unitId));
    },
  );

  app.post(
    '/campaigns/:id/units/:unitId/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a unit: corrected/replaced (with 测试和验证), returned, not found (with the reason)',
        params: unitIdParams,
        body: resolveUnitBody,
        response: { 200: campaignUnitDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'work');
      await svc.resolveUnit(db, user, req.params.id, req.params.unitId, req.body);
      return unitView(await svc.getUnit(db, req.params.id, req.params.unitId));
    },
  );

  app.get(
    '/campaigns/:id/progress',
    { schema: { tags, summary: 'Progress by customer and by region, and units per outcome', params: idParams, response: { 200: campaignProgressDto } } },
    async (req) => {
      authorize(req, campaignsPolicy, 'read');
      await svc.getCampaign(db, req.params.id);
      return svc.progress(db, req.params.id);
    },
  );

  app.post(
    '/campaigns/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the campaign: refused while any unit is open; quality signs with the password again (R-AU-1, campaign_closure)',
        params: idParams,
        body: closeCampaignBody,
        response: { 200: campaignDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, campaignsPolicy, 'close');
      await svc.closeCampaign(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  const reportRows = async (user: Principal, id: string) => {
    const r = await svc.getCampaign(db, id);
    const units = await svc.allUnits(db, id, EXPORT_MAX_ROWS);
    const notices = await svc.listNotices(db, user, { campaignId: id, sort: 'customerName' }, 1, 10_000);
    return { r, units, notices: notices.rows };
  };

  app.get(
    '/campaigns/:id/report.pdf',
    { schema: { tags, summary: '召回计划实施情况: the completion report as PDF (Chinese), with the closure signature', params: idParams } },
    async (req, reply) => {
      const user = authorize(req, campaignsPolicy, 'read');
      const { r, units, notices } = await reportRows(user, req.params.id);
      const sigs = await signaturesOf(db, 'campaign', [r.c.id]);
      const done = new Map<string, number>();
      for (const u of units) if (u.u.outcome) done.set(u.u.customerId, (done.get(u.u.customerId) ?? 0) + 1);
      const outcomes = new Map<string, number>();
      for (const u of units) {
        const k = OUTCOME_LABELS[u.u.outcome ?? 'open'][0];
        outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
      }
      const pdf = await renderReport({
        number: r.c.number,
        typeLabel: TYPE_LABELS[r.c.type][0],
        title: r.c.title,
        reason: r.c.reason,
        status: STATUS_LABELS[r.c.status],
        contentVersion: r.c.contentVersion,
        frozenAt: r.c.frozenAt ? local(r.c.frozenAt, tz) : null,
        notifyStartedAt: r.c.notifyStartedAt ? local(r.c.notifyStartedAt, tz) : null,
        deadlineDays: r.c.deadlineDays,
        totals: { units: r.units, done: r.unitsDone, customers: r.customers, acked: r.customersAcked, outcomes: [...outcomes] },
        customers: notices.map((n) => ({
          name: n.customerName,
          units: n.n.unitCount,
          done: done.get(n.n.customerId) ?? 0,
          sentAt: local(n.n.sentAt, tz),
          ackAt: local(n.n.ackAt, tz),
          ackBy: n.n.ackByName ? `${n.n.ackByName}（${n.n.ackChannel === 'phone' ? '电话' : '门户'}）` : '—',
        })),
        units: units.map((u) => ({
          serial: u.u.serialNumber,
          model: u.modelName,
          customer: u.customerName,
          workOrder: u.workOrderNumber ?? '—',
          outcome: OUTCOME_LABELS[u.u.outcome ?? 'open'][0],
          note: u.u.verification ?? u.u.outcomeReason ?? '',
        })),
        signatures: sigs.map((s) => manifestationLine(s, tz)),
        generatedAt: local(new Date(), tz),
      });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="campaign-report.pdf"`).send(pdf);
    },
  );

  app.get(
    '/campaigns/:id/report.xlsx',
    { schema: { tags, summary: '召回计划实施情况 as an Excel workbook: every unit with its customer, work order and outcome', params: idParams } },
    async (req, reply) => {
      const user = authorize(req, campaignsPolicy, 'read');
      const en = req.locale === 'en-US';
      const { r, units } = await reportRows(user, req.params.id);
      const rows = units.map(unitView);
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 18, value: (u) => u.serialNumber },
        { key: 'model', zh: '型号', en: 'Model', width: 20, value: (u) => u.modelName },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (u) => u.customerName },
        { key: 'region', zh: '地区', en: 'Region', width: 10, value: (u) => u.region },
        { key: 'software', zh: '软件版本', en: 'Software', width: 12, value: (u) => u.softwareVersion },
        { key: 'warranty', zh: '保修期内', en: 'In warranty', width: 10, value: (u) => (u.inWarranty ? (en ? 'Yes' : '是') : en ? 'No' : '否') },
        { key: 'fee', zh: '费用', en: 'Fee', value: (u) => Number(u.fee) },
        { key: 'consent', zh: '客户意愿', en: 'Consent', value: (u) => u.consent },
        { key: 'workOrder', zh: '工单', en: 'Work order', width: 16, value: (u) => u.workOrderNumber },
        { key: 'outcome', zh: '处理结果', en: 'Outcome', width: 12, value: (u) => OUTCOME_LABELS[u.outcome ?? 'open'][en ? 1 : 0] },
        { key: 'verification', zh: '测试和验证', en: 'Verification', width: 30, value: (u) => u.verification },
        { key: 'reason', zh: '原因', en: 'Reason', width: 24, value: (u) => u.outcomeReason },
        { key: 'resolvedAt', zh: '完成时间', en: 'Resolved at', width: 18, value: (u) => u.resolvedAt },
      ];
      const title = en ? `Campaign ${r.c.number}` : '召回计划实施情况';
      return sendXlsx(reply, en ? `campaign-${r.c.number}` : `召回计划实施情况-${r.c.number}`, await xlsxBuffer(title, columns, rows, req.locale));
    },
  );
}
