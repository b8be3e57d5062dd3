// Device labels (QR, 扫码报修) and the call-back queue of scanned reports (issue 16 §2). Thin:
// parse, authorize, call the service, present. The scan endpoints are public and rate-limited.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { AppError } from '../../lib/errors.ts';
import { holdSummary } from '../holds/index.ts';
import {
  convertedDto,
  convertScanReportBody,
  dismissScanReportBody,
  labelDto,
  myWorkOrdersDto,
  revokeLabelBody,
  scanReportBody,
  scanReportDto,
  scanReportListQuery,
  scanReportResultDto,
  scanViewDto,
  sheetQuery,
  tokenParams,
} from './labels.dto.ts';
import { renderLabelSheet } from './labels.pdf.ts';
import { labelsPolicy } from './labels.policy.ts';
import { callbackPhoneRefusal, labelSelectionRefusal, scanViewer, serialTail } from './labels.rules.ts';
import {
  actorOf,
  convertScanReport,
  deviceInScope,
  dismissScanReport,
  ensureLabels,
  getScanReport,
  holdReport,
  hotlinePhone,
  listScanReports,
  liveToken,
  myOpenWorkOrders,
  reportAsCustomer,
  revokeLabel,
  type ScanReportRow,
  SHEET_MAX,
  sheetDevices,
} from './labels.service.ts';
import { labelKey, tokenOf } from './labels.token.ts';

registerConstraintFields({ scan_reports_dismissed_ck: 'reason' });

const iso = (d: Date | null) => d?.toISOString() ?? null;
const reportView = (x: ScanReportRow): z.infer<typeof scanReportDto> => ({
  id: x.r.id,
  version: x.r.version,
  status: x.r.status,
  deviceId: x.r.deviceId,
  serialNumber: x.serialNumber,
  modelName: x.modelName,
  customerName: x.customerName,
  reporterName: x.r.reporterName,
  reporterPhone: x.r.reporterPhone,
  faultDescription: x.r.faultDescription,
  deviceDown: x.r.deviceDown,
  reportedAt: x.r.createdAt.toISOString(),
  requestId: x.r.requestId,
  requestNumber: x.requestNumber,
  handledAt: iso(x.r.handledAt),
  handledByName: x.r.handledByName,
  dismissReason: x.r.dismissReason,
});

/** Scanning: per address, each scan endpoint. Reporting: per address and, below, per label. */
const scanLimit = { rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `label-scan|${req.ip}` } };
const reportLimit = { rateLimit: { max: 5, timeWindow: '10 minutes', keyGenerator: (req: FastifyRequest) => `label-report|${req.ip}` } };

export function labelsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const secret = () => labelKey(ctx.dataDir);
  const tags = ['labels'];
  // A label takes at most 10 reports an hour, whatever the addresses they come from.
  const perLabel = app.createRateLimit({
    max: 10,
    timeWindow: '1 hour',
    keyGenerator: (req) => `label-report-token|${(req.params as { token: string }).token}`,
  });
  const rateLimited = (ttlInSeconds: number) => new AppError(429, 'scan_rate_limited', { seconds: Math.max(1, ttlInSeconds) });
  const pathOf = (labelKeyHex: string) => `/d/${tokenOf(secret(), labelKeyHex)}`;

  app.get(
    '/devices/:id/label',
    { schema: { tags, summary: 'The device’s label (its QR token and scan path); issued on first ask', params: idParams, response: { 200: labelDto } } },
    async (req) => {
      const user = authorize(req, labelsPolicy, 'print');
      const d = await deviceInScope(db, user, req.params.id);
      const l = (await ensureLabels(db, actorOf(user), [d.id])).get(d.id);
      if (!l) throw new AppError(500, 'internal');
      return {
        deviceId: d.id,
        token: tokenOf(secret(), l.labelKey),
        path: pathOf(l.labelKey),
        issuedAt: l.createdAt.toISOString(),
        issuedByName: l.issuedByName,
      };
    },
  );

  app.get(
    '/devices/:id/my-open-work-orders',
    {
      schema: {
        tags,
        summary: 'The caller’s own open work orders on the device (lead or helper): the link an engineer sees after scanning',
        params: idParams,
        response: { 200: myWorkOrdersDto },
      },
    },
    async (req) => {
      const user = authorize(req, labelsPolicy, 'print');
      const d = await deviceInScope(db, user, req.params.id);
      return { items: await myOpenWorkOrders(db, user.id, d.id) };
    },
  );

  app.post(
    '/devices/:id/label/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke the device’s label and issue a new one: the old QR code answers “label revoked” (audited)',
        params: idParams,
        body: revokeLabelBody,
        response: { 200: labelDto },
      },
    },
    async (req) => {
      const user = authorize(req, labelsPolicy, 'revoke');
      const d = await deviceInScope(db, user, req.params.id);
      const l = await revokeLabel(db, actorOf(user), d.id, req.body.reason ?? null);
      return {
        deviceId: d.id,
        token: tokenOf(secret(), l.labelKey),
        path: pathOf(l.labelKey),
        issuedAt: l.createdAt.toISOString(),
        issuedByName: l.issuedByName,
      };
    },
  );

  app.get(
    '/device-labels.pdf',
    {
      schema: {
        tags,
        summary: 'Label sheet PDF: QR code, model, serial and the service hotline per device — selected ids or the device list’s filter (all=true)',
        querystring: sheetQuery,
      },
    },
    async (req, reply) => {
      const user = authorize(req, labelsPolicy, 'print');
      const q = req.query;
      const refusal = labelSelectionRefusal(q.ids !== undefined, q.all === 'true');
      if (refusal) throw new AppError(422, refusal, {}, [{ field: 'ids', code: 'required' }]);
      const rows = await sheetDevices(
        db,
        user,
        q.ids ? { ids: q.ids } : { q: q.q, customerId: q.customerId, modelId: q.modelId, status: q.status, category: q.category, criticality: q.criticality },
      );
      if (rows.length > SHEET_MAX) throw new AppError(422, 'label_sheet_too_large', { max: SHEET_MAX });
      // Named devices none of which the user may see: not found. A filter that matches nothing
      // answers like an export does: a sheet that says so (x-label-count 0).
      if (rows.length === 0 && q.ids) throw new AppError(404, 'not_found');
      const labels = await ensureLabels(
        db,
        actorOf(user),
        rows.map((r) => r.id),
      );
      // The address users open the app at (PUBLIC_URL), else the one this request came to.
      const base = (ctx.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
      const pdf = await renderLabelSheet(
        rows.map((r) => ({ url: `${base}${pathOf(labels.get(r.id)?.labelKey ?? '')}`, modelName: r.modelName, serialNumber: r.serialNumber })),
        q.size,
        await hotlinePhone(db),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="device-labels-${rows.length}.pdf"`)
        .header('x-label-count', String(rows.length))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/public/labels/:token',
    {
      schema: {
        tags,
        summary: 'A scanned label (no login): model, status, safety hold, hotline; staff also get the device and their open work orders',
        params: tokenParams,
        response: { 200: scanViewDto },
      },
      config: scanLimit,
    },
    async (req) => {
      const r = await liveToken(db, secret(), req.params.token);
      const viewer = scanViewer(req.user, r.customerId);
      const hold = holdSummary(r.hold);
      return {
        viewer,
        modelName: r.modelName,
        serial: viewer === 'anonymous' ? serialTail(r.serialNumber) : r.serialNumber,
        status: r.status,
        hold: hold ? { since: hold.since, reason: viewer === 'anonymous' ? null : hold.reason } : null,
        hotline: await hotlinePhone(db),
        deviceId: viewer === 'anonymous' ? null : r.deviceId,
        myWorkOrders: viewer === 'staff' && req.user ? await myOpenWorkOrders(db, req.user.id, r.deviceId) : [],
      };
    },
  );

  app.post(
    '/public/labels/:token/reports',
    {
      schema: {
        tags,
        summary:
          'Report a fault from a scanned label: the device’s hospital user registers a repair request; anyone else’s report is held for a dispatcher’s call-back',
        params: tokenParams,
        body: scanReportBody,
        response: { 200: scanReportResultDto },
      },
      config: reportLimit,
    },
    async (req) => {
      const r = await liveToken(db, secret(), req.params.token);
      const limit = await perLabel(req);
      if (!limit.isAllowed && limit.isExceeded) throw rateLimited(limit.ttlInSeconds);
      const input = req.body;
      const viewer = scanViewer(req.user, r.customerId);
      if (viewer === 'customer' && req.user) {
        const reg = await reportAsCustomer(db, req.user, r.deviceId, input, ctx.timeZone);
        return { outcome: 'request' as const, requestId: reg.requestId, requestNumber: reg.detail.number };
      }
      const refusal = callbackPhoneRefusal(input.reporterPhone);
      if (refusal) throw new AppError(422, refusal, {}, [{ field: 'reporterPhone', code: 'invalid' }]);
      await holdReport(db, r.label.id, r.deviceId, input);
      return { outcome: 'held' as const, requestId: null, requestNumber: null };
    },
  );

  app.get(
    '/scan-reports',
    {
      schema: {
        tags,
        summary: '扫码报修待回拨: faults reported by scanning a label without an account',
        querystring: scanReportListQuery,
        response: { 200: pageOf(scanReportDto) },
      },
    },
    async (req) => {
      authorize(req, labelsPolicy, 'readReports');
      const q = req.query;
      const { rows, total } = await listScanReports(db, q);
      return { items: rows.map(reportView), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get('/scan-reports/:id', { schema: { tags, params: idParams, response: { 200: scanReportDto } } }, async (req) => {
    authorize(req, labelsPolicy, 'readReports');
    return reportView(await getScanReport(db, req.params.id));
  });

  app.post(
    '/scan-reports/:id/convert',
    {
      schema: {
        tags,
        summary: 'After the call-back: register the repair request (phone channel, received when reported) and link it',
        params: idParams,
        body: convertScanReportBody,
        response: { 200: convertedDto },
      },
    },
    async (req) => {
      const user = authorize(req, labelsPolicy, 'handleReports');
      const reg = await convertScanReport(db, user, req.params.id, req.body, ctx.timeZone);
      return { requestId: reg.requestId, requestNumber: reg.detail.number, workOrderId: reg.workOrderId };
    },
  );

  app.post(
    '/scan-reports/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss a held report after the call-back (a reason is required)',
        params: idParams,
        body: dismissScanReportBody,
        response: { 200: scanReportDto },
      },
    },
    async (req) => {
      const user = authorize(req, labelsPolicy, 'handleReports');
      await dismissScanReport(db, user, req.params.id, req.body);
      return reportView(await getScanReport(db, req.params.id));
    },
  );
}
