// Complaints (R-CP-1..5): register, handle, close a complete file, monthly statistics + Excel.
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { idParams, optionalDate, optionalText, pageOf, schemaId, text, version } from '../../lib/dto.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { term } from '../../lib/glossary.ts';
import { complaintAbilities } from './complaints.abilities.ts';
import { complaintsPolicy } from './complaints.policy.ts';
import { COMPLAINT_CAUSES, COMPLAINT_STATUSES, missingForClosure, TRANSITIONS, weightOf } from './complaints.rules.ts';
import { createComplaint, getComplaint, listComplaints, listStaff, monthlyStats, transition, updateComplaint } from './complaints.service.ts';

registerConstraintFields({
  complaints_customer_id_customers_id_fk: 'customerId',
  complaints_device_id_devices_id_fk: 'deviceId',
  complaints_work_order_id_work_orders_id_fk: 'workOrderId',
  complaints_followup_id_followups_id_fk: 'followupId',
  complaints_survey_id_surveys_id_fk: 'surveyId',
  complaints_owner_id_users_id_fk: 'ownerId',
  complaints_responsible_id_users_id_fk: 'responsibleId',
});

const channel = z.enum(['hotline', 'email', 'portal', 'survey', 'followup', 'onsite']);
const severity = z.enum(['minor', 'normal', 'major']);
const cause = z.enum(COMPLAINT_CAUSES);
const status = z.enum(COMPLAINT_STATUSES);

const complaintDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    status,
    channel,
    receivedAt: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    complainantName: z.string(),
    complainantPhone: z.string().nullable(),
    deviceId: z.string().nullable(),
    deviceIdentifier: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelName: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    /** The adverse event this complaint opened when decided reportable (issue 14 §2, R-REG-2). */
    adverseEventId: z.string().nullable(),
    adverseEventNumber: z.string().nullable(),
    followupId: z.string().nullable(),
    surveyId: z.string().nullable(),
    matter: z.string(),
    cause: z.string().nullable(),
    severity,
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    deadline: z.string().nullable(),
    reportable: z.boolean().nullable(),
    reportabilityReason: z.string().nullable(),
    investigationStartedOn: z.string().nullable(),
    investigationEndedOn: z.string().nullable(),
    investigationResult: z.string().nullable(),
    noInvestigationReason: z.string().nullable(),
    rootCause: z.string().nullable(),
    correctiveAction: z.string().nullable(),
    reply: z.string().nullable(),
    repliedAt: z.string().nullable(),
    verification: z.string().nullable(),
    substantiated: z.boolean().nullable(),
    responsibleId: z.string().nullable(),
    responsibleName: z.string().nullable(),
    repeatOfId: z.string().nullable(),
    weight: z.number(),
    closedAt: z.string().nullable(),
    missing: z.array(z.string()),
    nextSteps: z.array(status),
    /** What the caller may do on this complaint (issue 11 item 3), by the state rules and policy its
     * endpoints enforce: the web shows its form and step buttons by these alone. */
    abilities: z
      .object({
        /** Edit the file (PATCH /complaints/:id): a handler, until it is closed. */
        update: z.boolean(),
        /** Take one of `nextSteps` (POST /complaints/:id/transition). */
        transition: z.boolean(),
      })
      .meta(schemaId('ComplaintAbilities')),
  })
  .meta(schemaId('Complaint'));

const createBody = z.strictObject({
  channel,
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  customerId: z.uuid(),
  complainantName: text(100),
  complainantPhone: optionalText(40),
  deviceId: z.uuid().nullable().optional(),
  workOrderId: z.uuid().nullable().optional(),
  followupId: z.uuid().nullable().optional(),
  surveyId: z.uuid().nullable().optional(),
  matter: text(4000),
  cause: cause.nullable().optional(),
  severity,
  ownerId: z.uuid().nullable().optional(),
  deadline: optionalDate(),
});
const patchBody = z.strictObject({
  version,
  complainantName: text(100).optional(),
  complainantPhone: optionalText(40),
  deviceId: z.uuid().nullable().optional(),
  deviceIdentifier: optionalText(200),
  workOrderId: z.uuid().nullable().optional(),
  matter: text(4000).optional(),
  cause: cause.nullable().optional(),
  severity: severity.optional(),
  ownerId: z.uuid().nullable().optional(),
  deadline: optionalDate(),
  reportable: z.boolean().nullable().optional(),
  reportabilityReason: optionalText(2000),
  investigationStartedOn: optionalDate(),
  investigationEndedOn: optionalDate(),
  investigationResult: optionalText(4000),
  noInvestigationReason: optionalText(2000),
  rootCause: optionalText(2000),
  correctiveAction: optionalText(4000),
  reply: optionalText(4000),
  verification: optionalText(2000),
  substantiated: z.boolean().nullable().optional(),
  responsibleId: z.uuid().nullable().optional(),
});
const statLine = z.object({ key: z.string(), label: z.string(), complaints: z.number(), weighted: z.number(), repeats: z.number() });
const staffMemberDto = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) }).meta(schemaId('StaffMember'));
const statsDto = z
  .object({
    month: z.string(),
    total: z.number(),
    weighted: z.number(),
    byCause: z.array(statLine),
    byModel: z.array(statLine),
    byCustomer: z.array(statLine),
    byStaff: z.array(statLine),
  })
  .meta(schemaId('ComplaintStats'));

type Row = Awaited<ReturnType<typeof getComplaint>>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(user: Principal, r: Row): z.infer<typeof complaintDto> {
  const c = r.c;
  return {
    ...c,
    receivedAt: c.receivedAt.toISOString(),
    repliedAt: iso(c.repliedAt),
    closedAt: iso(c.closedAt),
    createdAt: undefined,
    updatedAt: undefined,
    customerName: r.customerName,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    ownerName: r.ownerName,
    responsibleName: r.responsibleName,
    workOrderNumber: r.workOrderNumber,
    // The adverse-event register is staff-only (issue 14 §2): a hospital reads its complaint without it.
    adverseEventId: customerScope(user) === null ? r.adverseEventId : null,
    adverseEventNumber: customerScope(user) === null ? r.adverseEventNumber : null,
    weight: weightOf(c.repeatOfId),
    missing: missingForClosure(c),
    nextSteps: [...TRANSITIONS[c.status]],
    abilities: complaintAbilities(user, c.status),
  } as z.infer<typeof complaintDto>;
}

// Causes, severities and statuses take the glossary's words (issue 10 item 13); a complaint
// not yet classified has no cause.
const UNCLASSIFIED: [string, string] = ['未分类', 'Unclassified'];

export function complaintsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['complaints'];

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Complaints, newest first (R-CP-1)',
        querystring: z.strictObject({
          status: status.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(complaintDto) },
      },
    },
    async (req) => {
      const user = authorize(req, complaintsPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listComplaints(db, { status: q.status, scope: customerScope(user), page: q.page, pageSize: q.pageSize });
      return { items: rows.map((r) => view(user, r)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/complaints/stats',
    {
      schema: {
        tags,
        summary: 'Monthly complaint statistics by cause, model, customer and staff; repeats count double (R-CP-3, R-CP-5); ?format=xlsx',
        querystring: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), format: z.enum(['json', 'xlsx']).default('json') }),
        response: { 200: statsDto },
      },
    },
    async (req, reply) => {
      authorize(req, complaintsPolicy, 'stats');
      const s = await monthlyStats(db, req.query.month, tz);
      const L = req.locale;
      const label = (k: string | null) => (k && k !== 'unknown' ? term('complaintCause', k, L) : UNCLASSIFIED[L === 'en-US' ? 1 : 0]);
      const byCause = s.byCause.map((l) => ({ ...l, label: label(l.key) }));
      if (req.query.format !== 'xlsx')
        return { month: s.month, total: s.total, weighted: s.weighted, byCause, byModel: s.byModel, byCustomer: s.byCustomer, byStaff: s.byStaff };
      type R = (typeof s.rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '投诉编号', en: 'Number', width: 18, value: (r) => r.c.number },
        { key: 'received', zh: '受理时间', en: 'Received', width: 20, value: (r) => r.c.receivedAt.toISOString() },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
        { key: 'model', zh: '型号', en: 'Model', width: 20, value: (r) => r.modelName },
        { key: 'identifier', zh: 'UDI/序列号', en: 'UDI/serial', width: 30, value: (r) => r.c.deviceIdentifier },
        { key: 'cause', zh: '原因', en: 'Cause', value: (r) => label(r.c.cause) },
        { key: 'severity', zh: '严重程度', en: 'Severity', term: 'complaintSeverity', value: (r) => r.c.severity },
        { key: 'status', zh: '状态', en: 'Status', term: 'complaintStatus', value: (r) => r.c.status },
        { key: 'staff', zh: '责任人/负责人', en: 'Responsible/owner', width: 20, value: (r) => (r.c.substantiated ? r.responsibleName : null) ?? r.ownerName },
        { key: 'repeat', zh: '重复投诉', en: 'Repeat', value: (r) => (r.c.repeatOfId ? '是' : '') },
        { key: 'weight', zh: '计数', en: 'Weight', value: (r) => weightOf(r.c.repeatOfId) },
        { key: 'matter', zh: '投诉事项', en: 'Matter', width: 48, value: (r) => r.c.matter },
      ];
      return sendXlsx(reply, `complaints-${s.month}`, await xlsxBuffer(s.month, columns, s.rows, L));
    },
  );

  app.get(
    '/complaints/staff',
    {
      schema: {
        tags,
        summary: 'Active staff, for choosing an owner or the responsible person',
        response: { 200: z.object({ items: z.array(staffMemberDto) }) },
      },
    },
    async (req) => {
      authorize(req, complaintsPolicy, 'read');
      return { items: await listStaff(db) };
    },
  );

  app.get('/complaints/:id', { schema: { tags, params: idParams, response: { 200: complaintDto } } }, async (req) => {
    const user = authorize(req, complaintsPolicy, 'read');
    return view(user, await getComplaint(db, req.params.id, customerScope(user)));
  });

  app.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Register a complaint from any channel (R-CP-1); major ones notify the executive (R-CP-2)',
        body: createBody,
        response: { 201: complaintDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, complaintsPolicy, 'register');
      const b = req.body;
      const row = await createComplaint(db, actorOf(user), { ...b, receivedAt: b.receivedAt ? new Date(b.receivedAt) : undefined }, tz);
      return reply.status(201).send(view(user, await getComplaint(db, row.id, null)));
    },
  );

  app.patch(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: 'Investigation, root cause, actions, reply, verification … (send the version read)',
        params: idParams,
        body: patchBody,
        response: { 200: complaintDto },
      },
    },
    async (req) => {
      const user = authorize(req, complaintsPolicy, 'handle');
      const { version: v, ...patch } = req.body;
      await updateComplaint(db, actorOf(user), req.params.id, v, patch, tz);
      return view(user, await getComplaint(db, req.params.id, null));
    },
  );

  app.post(
    '/complaints/:id/transition',
    {
      schema: {
        tags,
        summary: 'Next step of the file; closing an incomplete file is refused with the list of what is missing (R-CP-4)',
        params: idParams,
        body: z.strictObject({ version, to: status }),
        response: { 200: complaintDto },
      },
    },
    async (req) => {
      const user = authorize(req, complaintsPolicy, 'handle');
      await transition(db, actorOf(user), req.params.id, req.body.version, req.body.to, tz, req.locale);
      return view(user, await getComplaint(db, req.params.id, null));
    },
  );
}
