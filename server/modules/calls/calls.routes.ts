// Call log, missed calls, hotline hours + on-call roster, consultations (R-CL-1, R-ESC-1).
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { idParams, isoDate, listQuery, optionalText, pageOf, schemaId, text, version } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { staffWithRoles } from '../notifications/index.ts';
import { convertCall } from './calls.convert.ts';
import { callsPolicy, consultationsPolicy, hotlinePolicy } from './calls.policy.ts';
import { actionsFrom, CALL_OUTCOMES, CONSULTATION_STATUSES, type ConsultationStatus, isOverdue, LINK_KINDS } from './calls.rules.ts';
import {
  getCall,
  getMissed,
  hotline,
  importMissed,
  listCalls,
  listMissed,
  listRoster,
  logCall,
  lookupPhone,
  onDutyNow,
  recordMissed,
  setDuty,
  updateHotline,
} from './calls.service.ts';
import { createConsultation, getConsultation, listConsultations, stepConsultation, updateConsultation } from './consultations.service.ts';

registerConstraintFields({
  calls_customer_id_customers_id_fk: 'customerId',
  calls_department_id_departments_id_fk: 'departmentId',
  calls_device_id_devices_id_fk: 'deviceId',
  missed_calls_customer_id_customers_id_fk: 'customerId',
  missed_calls_pbx_ref_uq: 'pbxRef',
  on_call_roster_date_uq: 'dutyDate',
  consultations_customer_id_customers_id_fk: 'customerId',
  consultations_device_id_devices_id_fk: 'deviceId',
  consultations_model_id_device_models_id_fk: 'modelId',
});

const direction = z.enum(['inbound', 'outbound']);
const outcome = z.enum(CALL_OUTCOMES);
const linkKind = z.enum(LINK_KINDS);
const cStatus = z.enum(CONSULTATION_STATUSES);
const phone = text(40).regex(/^[+\d\s()-]{3,40}$/, { message: 'expected a phone number' });
const hm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'expected HH:MM' });
const interval = z.tuple([hm, hm]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const callDto = z
  .object({
    id: z.string(),
    version: z.number(),
    direction,
    startedAt: z.string(),
    durationSeconds: z.number(),
    callerName: z.string().nullable(),
    phone: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    deviceId: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelName: z.string().nullable(),
    topic: z.string(),
    outcome,
    handledById: z.string(),
    handledByName: z.string(),
    notes: z.string().nullable(),
    linkedKind: linkKind.nullable(),
    linkedId: z.string().nullable(),
    linkedNumber: z.string().nullable(),
  })
  .meta(schemaId('Call'));
type CallRow = Awaited<ReturnType<typeof getCall>>;
const callView = (r: CallRow): z.infer<typeof callDto> => ({
  id: r.c.id,
  version: r.c.version,
  direction: r.c.direction,
  startedAt: r.c.startedAt.toISOString(),
  durationSeconds: r.c.durationSeconds,
  callerName: r.c.callerName,
  phone: r.c.phone,
  customerId: r.c.customerId,
  customerName: r.customerName,
  departmentId: r.c.departmentId,
  departmentName: r.departmentName,
  deviceId: r.c.deviceId,
  serialNumber: r.serialNumber,
  modelName: r.modelName,
  topic: r.c.topic,
  outcome: r.c.outcome,
  handledById: r.c.handledById,
  handledByName: r.handledByName,
  notes: r.c.notes,
  linkedKind: r.c.linkedKind,
  linkedId: r.c.linkedId,
  linkedNumber: r.linkedNumber,
});

const callBody = z.strictObject({
  direction,
  startedAt: z.iso.datetime({ offset: true }).optional(),
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  callerName: optionalText(100),
  phone,
  customerId: z.uuid().nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  deviceId: z.uuid().nullable().optional(),
  topic: text(500),
  outcome: outcome.optional(),
  notes: optionalText(4000),
  missedCallId: z.uuid().nullable().optional(),
});

const missedDto = z
  .object({
    id: z.string(),
    version: z.number(),
    phone: z.string(),
    callerName: z.string().nullable(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    receivedAt: z.string(),
    callbackDueAt: z.string(),
    source: z.enum(['pbx', 'manual']),
    pbxRef: z.string().nullable(),
    note: z.string().nullable(),
    calledBackAt: z.string().nullable(),
    callbackCallId: z.string().nullable(),
    callbackByName: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta(schemaId('MissedCall'));
type MissedRow = Awaited<ReturnType<typeof getMissed>>;
const missedView = (r: MissedRow, now = new Date()): z.infer<typeof missedDto> => ({
  ...r.m,
  customerName: r.customerName,
  receivedAt: r.m.receivedAt.toISOString(),
  callbackDueAt: r.m.callbackDueAt.toISOString(),
  calledBackAt: iso(r.m.calledBackAt),
  callbackByName: r.callbackByName,
  overdue: isOverdue(r.m, now),
});

const hotlineDto = z
  .object({
    version: z.number(),
    alwaysOpen: z.boolean(),
    weeklyHours: z.record(z.string(), z.array(interval)),
    closedOnHolidays: z.boolean(),
    callbackMinutes: z.number(),
    /** 服务热线 number printed on device labels (issue 16 §2). */
    phone: z.string().nullable(),
  })
  .meta(schemaId('HotlineHours'));
const dutyDto = z
  .object({
    id: z.string(),
    version: z.number(),
    dutyDate: z.string(),
    engineerId: z.string(),
    engineerName: z.string(),
    phone: z.string(),
    note: z.string().nullable(),
  })
  .meta(schemaId('OnCallDuty'));
type DutyRow = Awaited<ReturnType<typeof listRoster>>[number];
const dutyView = (r: DutyRow) => ({
  id: r.r.id,
  version: r.r.version,
  dutyDate: r.r.dutyDate,
  engineerId: r.r.engineerId,
  engineerName: r.engineerName,
  phone: r.r.phone,
  note: r.r.note,
});
const onDutyDto = z.object({ hotlineOpen: z.boolean(), dutyDate: z.string(), duty: dutyDto.nullable() }).meta(schemaId('OnDutyNow'));
const personDto = z.object({ id: z.string(), displayName: z.string(), phone: z.string().nullable() }).meta(schemaId('DutyPerson'));

const consultationDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    status: cStatus,
    question: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    deviceId: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelId: z.string().nullable(),
    modelName: z.string().nullable(),
    askerName: z.string().nullable(),
    askerPhone: z.string().nullable(),
    askedAt: z.string(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    expertId: z.string().nullable(),
    expertName: z.string().nullable(),
    escalationReason: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    research: z.string().nullable(),
    researchedAt: z.string().nullable(),
    answer: z.string().nullable(),
    answeredById: z.string().nullable(),
    answeredByName: z.string().nullable(),
    answeredAt: z.string().nullable(),
    /** Plain (calendar) minutes from the question to the answer. */
    answerMinutes: z.number().nullable(),
    closedAt: z.string().nullable(),
    kbCandidate: z.boolean(),
    callId: z.string().nullable(),
    /** The steps this caller may take now (answer / escalate / research / close). */
    actions: z.array(z.enum(['answer', 'escalate', 'research', 'close'])),
  })
  .meta(schemaId('Consultation'));
type ConsultationRow = Awaited<ReturnType<typeof getConsultation>>;
function consultationView(user: Principal, r: ConsultationRow): z.infer<typeof consultationDto> {
  const c = r.c;
  return {
    id: c.id,
    version: c.version,
    number: c.number,
    status: c.status,
    question: c.question,
    customerId: c.customerId,
    customerName: r.customerName,
    deviceId: c.deviceId,
    serialNumber: r.serialNumber,
    modelId: c.modelId,
    modelName: r.modelName,
    askerName: c.askerName,
    askerPhone: c.askerPhone,
    askedAt: c.askedAt.toISOString(),
    assigneeId: c.assigneeId,
    assigneeName: r.assigneeName,
    expertId: c.expertId,
    expertName: r.expertName,
    escalationReason: c.escalationReason,
    escalatedAt: iso(c.escalatedAt),
    research: c.research,
    researchedAt: iso(c.researchedAt),
    answer: c.answer,
    answeredById: c.answeredById,
    answeredByName: r.answeredByName,
    answeredAt: iso(c.answeredAt),
    answerMinutes: c.answerMinutes,
    closedAt: iso(c.closedAt),
    kbCandidate: c.kbCandidate,
    callId: c.callId,
    actions: actionsFrom(c.status as ConsultationStatus).filter((a) => can(user, consultationsPolicy, a)),
  };
}

// Built once: schemaId refuses an id registered twice (a second buildApp in one process).
const phoneLookupDto = z
  .object({
    phone: z.string(),
    contacts: z.array(
      z.object({
        contactName: z.string(),
        customerId: z.string(),
        customerName: z.string(),
        departmentId: z.string().nullable(),
        departmentName: z.string().nullable(),
      }),
    ),
    customers: z.array(z.object({ customerId: z.string(), customerName: z.string() })),
    guess: z.object({
      customerId: z.string().nullable(),
      departmentId: z.string().nullable(),
      deviceId: z.string().nullable(),
      callerName: z.string().nullable(),
    }),
    devices: z.array(z.object({ id: z.string(), serialNumber: z.string(), modelName: z.string(), departmentId: z.string().nullable() })),
  })
  .meta(schemaId('PhoneLookup'));
const missedCallImportDto = z.object({ imported: z.number(), skippedAnswered: z.number(), skippedKnown: z.number() }).meta(schemaId('MissedCallImport'));

export function callsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;

  // ---- calls ----
  const tags = ['calls'];
  app.get(
    '/calls',
    {
      schema: {
        tags,
        summary: 'The call log (R-CL-1): search, filters, sorting, paging; ?format=xlsx exports what is filtered',
        querystring: listQuery(['startedAt', 'duration', 'phone', 'customer'], {
          from: isoDate().optional(),
          to: isoDate().optional(),
          direction: direction.optional(),
          outcome: outcome.optional(),
          handledById: z.uuid().optional(),
          customerId: z.uuid().optional(),
          linked: z.enum(['true', 'false']).optional(),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
        response: { 200: pageOf(callDto) },
      },
    },
    async (req, reply) => {
      authorize(req, callsPolicy, 'read');
      const q = req.query;
      const f = { ...q, linked: q.linked === undefined ? undefined : q.linked === 'true' };
      if (q.format === 'xlsx') {
        const { rows } = await listCalls(db, f, tz, EXPORT_MAX_ROWS);
        const when = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' });
        const columns: ExportColumn<CallRow>[] = [
          { key: 'startedAt', zh: '时间', en: 'Time', width: 18, value: (r) => when.format(r.c.startedAt) },
          {
            key: 'direction',
            zh: '方向',
            en: 'Direction',
            value: (r) => (r.c.direction === 'inbound' ? (req.locale === 'en-US' ? 'inbound' : '来电') : req.locale === 'en-US' ? 'outbound' : '去电'),
          },
          { key: 'duration', zh: '时长（秒）', en: 'Duration (s)', value: (r) => r.c.durationSeconds },
          { key: 'caller', zh: '来电人', en: 'Caller', width: 14, value: (r) => r.c.callerName },
          { key: 'phone', zh: '电话', en: 'Phone', width: 16, value: (r) => r.c.phone },
          { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
          { key: 'department', zh: '科室', en: 'Department', width: 14, value: (r) => r.departmentName },
          { key: 'device', zh: '设备', en: 'Device', width: 24, value: (r) => (r.serialNumber ? `${r.modelName ?? ''} ${r.serialNumber}` : null) },
          { key: 'topic', zh: '来电事由', en: 'Topic', width: 40, value: (r) => r.c.topic },
          { key: 'outcome', zh: '处理结果', en: 'Outcome', value: (r) => r.c.outcome },
          { key: 'handledBy', zh: '接待人', en: 'Handled by', width: 16, value: (r) => r.handledByName },
          { key: 'linked', zh: '关联单号', en: 'Linked record', width: 20, value: (r) => r.linkedNumber },
          { key: 'notes', zh: '备注', en: 'Notes', width: 40, value: (r) => r.c.notes },
        ];
        return sendXlsx(reply, 'calls', await xlsxBuffer(req.locale === 'en-US' ? 'Calls' : '呼叫记录', columns, rows, req.locale));
      }
      const { rows, total } = await listCalls(db, f, tz);
      return { items: rows.map(callView), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/calls/lookup',
    {
      schema: {
        tags,
        summary: 'Who is calling: hospital contacts with this number, the customer guessed and its devices',
        querystring: z.strictObject({ phone }),
        response: {
          200: phoneLookupDto,
        },
      },
    },
    async (req) => {
      authorize(req, callsPolicy, 'log');
      return lookupPhone(db, req.query.phone);
    },
  );

  app.get(
    '/calls/on-duty',
    { schema: { tags, summary: 'Who is on duty now: the hotline while open, else the roster’s duty engineer', response: { 200: onDutyDto } } },
    async (req) => {
      authorize(req, hotlinePolicy, 'read');
      const d = await onDutyNow(db, tz);
      return { hotlineOpen: d.hotlineOpen, dutyDate: d.dutyDate, duty: d.duty ? dutyView(d.duty) : null };
    },
  );

  app.get('/calls/:id', { schema: { tags, params: idParams, response: { 200: callDto } } }, async (req) => {
    authorize(req, callsPolicy, 'read');
    return callView(await getCall(db, req.params.id));
  });

  app.post(
    '/calls',
    {
      schema: {
        tags,
        summary: 'Log a call (seed 003 §11); an outbound call with missedCallId marks that missed call returned',
        body: callBody,
        response: { 201: callDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, callsPolicy, 'log');
      const b = req.body;
      const call = await logCall(db, actorOf(user) as { id: string; name: string }, { ...b, startedAt: b.startedAt ? new Date(b.startedAt) : undefined });
      return reply.status(201).send(callView(await getCall(db, call.id)));
    },
  );

  app.post(
    '/calls/:id/convert',
    {
      schema: {
        tags,
        summary: 'One click: turn the call into a repair request, a consultation or a complaint, linked to the call',
        params: idParams,
        body: z.strictObject({
          version,
          kind: linkKind,
          faultDescription: optionalText(4000),
          deviceDown: z.boolean().optional(),
          deviceId: z.uuid().nullable().optional(),
          question: optionalText(4000),
          matter: optionalText(4000),
          severity: z.enum(['minor', 'normal', 'major']).optional(),
        }),
        response: { 200: callDto },
      },
    },
    async (req) => {
      const user = authorize(req, callsPolicy, 'log');
      await convertCall(db, user, req.params.id, req.body, tz, req.locale);
      return callView(await getCall(db, req.params.id));
    },
  );

  // ---- missed calls ----
  app.get(
    '/missed-calls',
    {
      schema: {
        tags,
        summary: 'Missed calls with their call-back deadline; open ones first, most urgent on top',
        querystring: z.strictObject({
          state: z.enum(['open', 'overdue', 'returned']).optional(),
          from: isoDate().optional(),
          to: isoDate().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(missedDto) },
      },
    },
    async (req) => {
      authorize(req, callsPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listMissed(db, q, tz);
      const now = new Date();
      return { items: rows.map((r) => missedView(r, now)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/missed-calls',
    {
      schema: {
        tags,
        summary: 'Enter a missed call by hand; its call-back deadline follows the hotline hours',
        body: z.strictObject({
          phone,
          callerName: optionalText(100),
          receivedAt: z.iso.datetime({ offset: true }),
          customerId: z.uuid().nullable().optional(),
          note: optionalText(1000),
        }),
        response: { 201: missedDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, callsPolicy, 'log');
      const m = await recordMissed(db, actorOf(user), { ...req.body, receivedAt: new Date(req.body.receivedAt) }, tz);
      return reply.status(201).send(missedView(await getMissed(db, m.id)));
    },
  );

  app.post(
    '/missed-calls/import',
    {
      schema: {
        tags,
        summary: 'Import a PBX CSV export (columns call_id, time, caller, name, status); one bad line refuses the file, naming every bad line',
        body: z.strictObject({ csv: z.string().min(1).max(2_000_000) }),
        response: { 200: missedCallImportDto },
      },
    },
    async (req) => {
      const user = authorize(req, callsPolicy, 'log');
      return importMissed(db, actorOf(user), req.body.csv, tz, req.locale);
    },
  );

  // ---- hotline hours and the on-call roster ----
  const htags = ['hotline'];
  const hotlineView = (h: Awaited<ReturnType<typeof hotline>>) => ({
    version: h.version,
    alwaysOpen: h.alwaysOpen,
    weeklyHours: h.weeklyHours as Record<string, [string, string][]>,
    closedOnHolidays: h.closedOnHolidays,
    callbackMinutes: h.callbackMinutes,
    phone: h.phone,
  });
  app.get(
    '/hotline',
    { schema: { tags: htags, summary: 'Hotline hours of the company (seed 002: 9:00–22:00; or 24 h)', response: { 200: hotlineDto } } },
    async (req) => {
      authorize(req, hotlinePolicy, 'read');
      return hotlineView(await hotline(db));
    },
  );
  app.patch(
    '/hotline',
    {
      schema: {
        tags: htags,
        body: z.strictObject({
          version,
          alwaysOpen: z.boolean().optional(),
          weeklyHours: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(interval).max(4)).optional(),
          closedOnHolidays: z.boolean().optional(),
          callbackMinutes: z.number().int().min(5).max(1440).optional(),
          phone: z.string().trim().min(3).max(30).nullable().optional(),
        }),
        response: { 200: hotlineDto },
      },
    },
    async (req) => {
      const user = authorize(req, hotlinePolicy, 'manage');
      const { version: v, ...patch } = req.body;
      return hotlineView(await updateHotline(db, actorOf(user), v, patch as never));
    },
  );
  app.get(
    '/hotline/roster',
    {
      schema: {
        tags: htags,
        summary: 'The on-call roster between two dates (inclusive)',
        querystring: z.strictObject({ from: isoDate(), to: isoDate() }),
        response: { 200: z.object({ items: z.array(dutyDto) }) },
      },
    },
    async (req) => {
      authorize(req, hotlinePolicy, 'read');
      return { items: (await listRoster(db, req.query.from, req.query.to)).map(dutyView) };
    },
  );
  app.post(
    '/hotline/roster',
    {
      schema: {
        tags: htags,
        summary: 'Name the duty engineer of a night or holiday; a planned date is replaced (send its version)',
        body: z.strictObject({ dutyDate: isoDate(), engineerId: z.uuid(), phone, note: optionalText(500), version: version.optional() }),
        response: { 200: dutyDto },
      },
    },
    async (req) => {
      const user = authorize(req, hotlinePolicy, 'manage');
      const row = await setDuty(db, actorOf(user), req.body);
      const [r] = await listRoster(db, row.dutyDate, row.dutyDate);
      return dutyView(r);
    },
  );
  app.get(
    '/hotline/people',
    {
      schema: {
        tags: htags,
        summary: 'Engineers and technical experts: duty engineers, consultation assignees and experts',
        response: { 200: z.object({ engineers: z.array(personDto), experts: z.array(personDto) }) },
      },
    },
    async (req) => {
      authorize(req, hotlinePolicy, 'read');
      const people = await db.query.users.findMany({
        where: (u, { eq }) => eq(u.active, true),
        columns: { id: true, displayName: true, phone: true, roles: true },
      });
      const pick = (roles: string[]) =>
        people.filter((p) => p.roles.some((r) => roles.includes(r))).map((p) => ({ id: p.id, displayName: p.displayName, phone: p.phone }));
      void staffWithRoles;
      return { engineers: pick(['engineer', 'technical_expert', 'technician']), experts: pick(['technical_expert']) };
    },
  );

  // ---- consultations ----
  const ctags = ['consultations'];
  app.get(
    '/consultations',
    {
      schema: {
        tags: ctags,
        summary: '技术咨询, newest first; hospital users see their own hospital’s',
        querystring: z.strictObject({
          q: z.string().trim().max(100).optional(),
          status: cStatus.optional(),
          mine: z.enum(['true', 'false']).optional(),
          customerId: z.uuid().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(consultationDto) },
      },
    },
    async (req) => {
      const user = authorize(req, consultationsPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listConsultations(db, { ...q, mine: q.mine === 'true' ? user.id : undefined, scope: customerScope(user) });
      return { items: rows.map((r) => consultationView(user, r)), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get('/consultations/:id', { schema: { tags: ctags, params: idParams, response: { 200: consultationDto } } }, async (req) => {
    const user = authorize(req, consultationsPolicy, 'read');
    return consultationView(user, await getConsultation(db, req.params.id, customerScope(user)));
  });
  app.post(
    '/consultations',
    {
      schema: {
        tags: ctags,
        summary: 'Register a consultation (技术咨询)',
        body: z.strictObject({
          question: text(4000),
          customerId: z.uuid(),
          deviceId: z.uuid().nullable().optional(),
          modelId: z.uuid().nullable().optional(),
          askerName: optionalText(100),
          askerPhone: optionalText(40),
          askedAt: z.iso.datetime({ offset: true }).optional(),
          assigneeId: z.uuid().nullable().optional(),
        }),
        response: { 201: consultationDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, consultationsPolicy, 'create');
      const b = req.body;
      const c = await createConsultation(db, actorOf(user), { ...b, askedAt: b.askedAt ? new Date(b.askedAt) : undefined });
      return reply.status(201).send(consultationView(user, await getConsultation(db, c.id, null)));
    },
  );
  app.post(
    '/consultations/:id/step',
    {
      schema: {
        tags: ctags,
        summary: 'answer · escalate to a technical expert with a reason (R-ESC-1) · research · close',
        params: idParams,
        body: z.strictObject({
          version,
          action: z.enum(['answer', 'escalate', 'research', 'close']),
          answer: optionalText(8000),
          expertId: z.uuid().nullable().optional(),
          escalationReason: optionalText(2000),
          research: optionalText(8000),
          kbCandidate: z.boolean().optional(),
        }),
        response: { 200: consultationDto },
      },
    },
    async (req) => {
      const user = authorize(req, consultationsPolicy, req.body.action);
      await stepConsultation(db, user, req.params.id, req.body);
      return consultationView(user, await getConsultation(db, req.params.id, null));
    },
  );
  app.patch(
    '/consultations/:id',
    {
      schema: {
        tags: ctags,
        summary: 'Assign an engineer; flag as a knowledge-base candidate',
        params: idParams,
        body: z.strictObject({ version, kbCandidate: z.boolean().optional(), assigneeId: z.uuid().nullable().optional() }),
        response: { 200: consultationDto },
      },
    },
    async (req) => {
      const user = authorize(req, consultationsPolicy, 'answer');
      const { version: v, ...patch } = req.body;
      await updateConsultation(db, actorOf(user), req.params.id, v, patch);
      return consultationView(user, await getConsultation(db, req.params.id, null));
    },
  );
}
