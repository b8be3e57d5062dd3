// Training (issue 12 item 3, R-TR-1): customer sessions, attendees and certificates (PDF + public
// verification), the hospital's archive (+ Excel), staff plans, records, assessments and
// qualifications with the expiring list and the engineer × model matrix.
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { idParams, pageOf, schemaId } from '../../lib/dto.ts';
import { notFound } from '../../lib/errors.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  archiveRowDto,
  assessBody,
  attendeeBody,
  type attendeeDto,
  attendeePatch,
  matrixDto,
  planBody,
  planDto,
  publicCertificateDto,
  qualificationBody,
  qualificationDto,
  qualificationPatch,
  recordBody,
  recordDto,
  sessionBody,
  sessionDetailDto,
  sessionDto,
  sessionPatch,
} from './training.dto.ts';
import { renderCertificate } from './training.pdf.ts';
import { trainingPolicy } from './training.policy.ts';
import { assessmentAverage, canUpdateSession, dayIn, expiringSoon, validOn } from './training.rules.ts';
import {
  addAttendee,
  archiveOf,
  assessRecord,
  certificateOf,
  createPlan,
  createRecord,
  createSession,
  expiringQualifications,
  getSession,
  grantQualification,
  listPlans,
  listQualifications,
  listRecords,
  listSessions,
  qualificationMatrix,
  type SessionRow,
  updateAttendee,
  updateQualification,
  updateSession,
  verifyCertificate,
} from './training.service.ts';

registerConstraintFields({
  training_sessions_pass_mark_ck: 'passMark',
  training_attendees_score_ck: 'score',
  staff_training_plans_month_ck: 'plannedMonth',
  staff_training_records_hours_ck: 'hours',
  qualifications_dates_ck: 'expiresOn',
  qualifications_subject_ck: 'modelId',
});

type Attendee = Awaited<ReturnType<typeof getSession>>['attendees'][number];
const verifyPath = (token: string | null) => (token ? `/verify/certificate/${token}` : null);
const attendeeView = (a: Attendee): z.infer<typeof attendeeDto> => ({
  id: a.id,
  version: a.version,
  name: a.name,
  department: a.department,
  jobTitle: a.jobTitle,
  phone: a.phone,
  score: a.score,
  passed: a.passed,
  certificateNumber: a.certificateNumber,
  verifyPath: verifyPath(a.certificateToken),
});
const sessionView = (r: SessionRow, counts: { attendees: number; passed: number }): z.infer<typeof sessionDto> => ({
  id: r.s.id,
  version: r.s.version,
  customerId: r.s.customerId,
  customerName: r.customerName,
  departmentId: r.s.departmentId,
  departmentName: r.departmentName,
  modelId: r.s.modelId,
  modelCode: r.modelCode,
  modelName: r.modelName,
  deviceIds: r.s.deviceIds,
  title: r.s.title,
  heldOn: r.s.heldOn,
  place: r.s.place,
  trainerId: r.s.trainerId,
  trainerName: r.trainerName,
  syllabus: r.s.syllabus,
  passMark: r.s.passMark,
  attendeeCount: counts.attendees,
  passedCount: counts.passed,
});
function detailView(user: Principal, d: Awaited<ReturnType<typeof getSession>>): z.infer<typeof sessionDetailDto> {
  return {
    ...sessionView(d, { attendees: d.attendees.length, passed: d.attendees.filter((a) => a.passed).length }),
    attendees: d.attendees.map(attendeeView),
    devices: d.devices,
    abilities: { manage: can(user, trainingPolicy, 'manage'), update: canUpdateSession(can(user, trainingPolicy, 'manage'), d.attendees) },
  };
}

type QRow = Awaited<ReturnType<typeof listQualifications>>[number];
function stateOf(q: { grantedOn: string; expiresOn: string }, day: string): 'valid' | 'expiring' | 'expired' | 'future' {
  if (q.grantedOn > day) return 'future';
  if (!validOn(q, day)) return 'expired';
  return expiringSoon(q, day) ? 'expiring' : 'valid';
}
const qualificationView = (r: QRow, day: string): z.infer<typeof qualificationDto> => ({
  ...r.q,
  userName: r.userName,
  modelCode: r.modelCode,
  modelName: r.modelName,
  state: stateOf(r.q, day),
});

// Built once: schemaId refuses an id registered twice (a second buildApp in one process).
const trainingArchiveDto = z.object({ customerId: z.string(), items: z.array(archiveRowDto) }).meta(schemaId('TrainingArchive'));

export function trainingRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['training'];
  const sessionIdParams = z.strictObject({ id: z.uuid(), attendeeId: z.uuid() });
  // Guessing tokens is hopeless (144 random bits), but keep the public endpoint cheap to refuse.
  const publicLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  // ---- customer training ----
  app.get(
    '/training/sessions',
    {
      schema: {
        tags,
        summary: 'Customer training sessions, newest first; a hospital user sees their own (R-TR-1)',
        querystring: z.strictObject({
          customerId: z.uuid().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: pageOf(sessionDto) },
      },
    },
    async (req) => {
      const user = authorize(req, trainingPolicy, 'read');
      const q = req.query;
      const { rows, total } = await listSessions(db, { scope: customerScope(user), customerId: q.customerId, page: q.page, pageSize: q.pageSize });
      return { items: rows.map((r) => sessionView(r, r)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get('/training/sessions/:id', { schema: { tags, params: idParams, response: { 200: sessionDetailDto } } }, async (req) => {
    const user = authorize(req, trainingPolicy, 'read');
    return detailView(user, await getSession(db, req.params.id, customerScope(user)));
  });

  app.post(
    '/training/sessions',
    {
      schema: { tags, summary: 'Plan a customer training session on a model and/or devices (R-TR-1)', body: sessionBody, response: { 201: sessionDetailDto } },
    },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'manage');
      const row = await createSession(db, actorOf(user), req.body);
      return reply.status(201).send(detailView(user, await getSession(db, row.id, null)));
    },
  );

  app.patch(
    '/training/sessions/:id',
    { schema: { tags, summary: 'Edit a session (send the version read)', params: idParams, body: sessionPatch, response: { 200: sessionDetailDto } } },
    async (req) => {
      const user = authorize(req, trainingPolicy, 'manage');
      const { version, ...patch } = req.body;
      await updateSession(db, actorOf(user), req.params.id, version, patch);
      return detailView(user, await getSession(db, req.params.id, null));
    },
  );

  app.post(
    '/training/sessions/:id/attendees',
    {
      schema: {
        tags,
        summary: 'Add an attendee (hospital staff), optionally with the score; a pass gets a numbered certificate (R-TR-1)',
        params: idParams,
        body: attendeeBody,
        response: { 201: sessionDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'manage');
      await addAttendee(db, actorOf(user), req.params.id, req.body);
      return reply.status(201).send(detailView(user, await getSession(db, req.params.id, null)));
    },
  );

  app.patch(
    '/training/sessions/:id/attendees/:attendeeId',
    {
      schema: {
        tags,
        summary: 'Enter or correct an attendee’s details or score (0–100); a certified score cannot drop below the pass mark',
        params: sessionIdParams,
        body: attendeePatch,
        response: { 200: sessionDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, trainingPolicy, 'manage');
      const { version, ...patch } = req.body;
      await updateAttendee(db, actorOf(user), req.params.id, req.params.attendeeId, version, patch);
      return detailView(user, await getSession(db, req.params.id, null));
    },
  );

  app.get(
    '/training/sessions/:id/attendees/:attendeeId/certificate.pdf',
    { schema: { tags, summary: '培训合格证书 as PDF with a QR code to the public verification page (R-TR-1)', params: sessionIdParams } },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'read');
      const c = await certificateOf(db, req.params.id, req.params.attendeeId, customerScope(user));
      const base = process.env.PUBLIC_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.host}`;
      const pdf = await renderCertificate(c, `${base}${verifyPath(c.attendee.certificateToken)}`);
      const file = `${c.attendee.certificateNumber}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${file}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/public/certificates/:token',
    {
      schema: {
        tags,
        summary: 'Verify a training certificate (no login): only its own facts',
        params: z.strictObject({ token: z.string().min(10).max(100) }),
        response: { 200: publicCertificateDto },
      },
      config: publicLimit,
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyCertificate(db, req.params.token);
    },
  );

  app.get(
    '/training/archive',
    {
      schema: {
        tags,
        summary: 'A hospital’s training archive: sessions, attendees, scores and certificates (seed 003 办法§18); ?format=xlsx',
        querystring: z.strictObject({ customerId: z.uuid().optional(), format: z.enum(['json', 'xlsx']).default('json') }),
        response: { 200: trainingArchiveDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'read');
      const scope = customerScope(user);
      const customerId = scope ?? req.query.customerId;
      if (!customerId || (scope && req.query.customerId && req.query.customerId !== scope)) throw notFound();
      const rows = await archiveOf(db, customerId);
      if (req.query.format !== 'xlsx') return { customerId, items: rows };
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'heldOn', zh: '培训日期', en: 'Date', width: 12, value: (r) => r.heldOn },
        { key: 'title', zh: '培训主题', en: 'Title', width: 28, value: (r) => r.title },
        { key: 'model', zh: '设备型号', en: 'Model', width: 22, value: (r) => `${r.modelName}（${r.modelCode}）` },
        { key: 'place', zh: '地点', en: 'Place', width: 18, value: (r) => r.place },
        { key: 'trainer', zh: '讲师', en: 'Trainer', width: 16, value: (r) => r.trainerName },
        { key: 'name', zh: '学员', en: 'Attendee', width: 12, value: (r) => r.name },
        { key: 'department', zh: '科室', en: 'Department', width: 14, value: (r) => r.department },
        { key: 'jobTitle', zh: '职务', en: 'Job title', width: 12, value: (r) => r.jobTitle },
        { key: 'score', zh: '成绩', en: 'Score', value: (r) => r.score },
        {
          key: 'passed',
          zh: '考核结果',
          en: 'Result',
          value: (r) => (r.passed == null ? '' : r.passed ? (req.locale === 'en-US' ? 'passed' : '合格') : req.locale === 'en-US' ? 'failed' : '不合格'),
        },
        { key: 'certificate', zh: '证书编号', en: 'Certificate', width: 18, value: (r) => r.certificateNumber },
      ];
      return sendXlsx(reply, `training-archive-${dayIn(new Date(), tz)}`, await xlsxBuffer('培训档案', columns, rows, req.locale));
    },
  );

  // ---- staff training ----
  app.get(
    '/training/plans',
    {
      schema: {
        tags,
        summary: 'The yearly staff training plan (R-TR-1)',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ items: z.array(planDto) }) },
      },
    },
    async (req) => {
      authorize(req, trainingPolicy, 'staffRead');
      return { items: (await listPlans(db, req.query.year)).map((r) => ({ ...r.p, modelCode: r.modelCode })) };
    },
  );
  app.post(
    '/training/plans',
    { schema: { tags, summary: 'Plan a staff training (year, topic, model or skill, month, trainees)', body: planBody, response: { 201: planDto } } },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'staffManage');
      const p = await createPlan(db, actorOf(user), req.body);
      return reply.status(201).send({ ...p, modelCode: null });
    },
  );

  const recordView = (r: Awaited<ReturnType<typeof listRecords>>[number]): z.infer<typeof recordDto> => ({
    ...r.r,
    hours: Number(r.r.hours),
    traineeName: r.traineeName,
    modelCode: r.modelCode,
    average: assessmentAverage([r.r.selfScore, r.r.supervisorScore, r.r.customerScore]),
  });
  app.get(
    '/training/records',
    {
      schema: {
        tags,
        summary: 'Staff training records with the self, supervisor and customer assessments (R-TR-1)',
        querystring: z.strictObject({ traineeId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(recordDto) }) },
      },
    },
    async (req) => {
      authorize(req, trainingPolicy, 'staffRead');
      return { items: (await listRecords(db, req.query)).map(recordView) };
    },
  );
  app.post(
    '/training/records',
    { schema: { tags, summary: 'Record a staff training (who, what, when, hours, trainer)', body: recordBody, response: { 201: recordDto } } },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'staffManage');
      const r = await createRecord(db, actorOf(user), req.body);
      const [row] = (await listRecords(db, { traineeId: r.traineeId })).filter((x) => x.r.id === r.id);
      return reply.status(201).send(recordView(row));
    },
  );
  app.patch(
    '/training/records/:id/assessment',
    {
      schema: {
        tags,
        summary: 'Assessments by self, supervisor and customer (0–100) and a comment',
        params: idParams,
        body: assessBody,
        response: { 200: recordDto },
      },
    },
    async (req) => {
      const user = authorize(req, trainingPolicy, 'staffManage');
      const { version, ...patch } = req.body;
      const r = await assessRecord(db, actorOf(user), req.params.id, version, patch);
      const [row] = (await listRecords(db, { traineeId: r.traineeId })).filter((x) => x.r.id === r.id);
      return recordView(row);
    },
  );

  // ---- qualifications ----
  app.get(
    '/training/qualifications',
    {
      schema: {
        tags,
        summary: 'Qualifications (engineer × model or skill); ?expiring=true: valid ones expiring within 30 days',
        querystring: z.strictObject({ userId: z.uuid().optional(), expiring: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ day: z.string(), items: z.array(qualificationDto) }) },
      },
    },
    async (req) => {
      authorize(req, trainingPolicy, 'staffRead');
      const day = dayIn(new Date(), tz);
      const rows = req.query.expiring === 'true' ? await expiringQualifications(db, day) : await listQualifications(db, { userId: req.query.userId });
      return { day, items: rows.map((r) => qualificationView(r, day)) };
    },
  );
  app.get(
    '/training/qualifications/matrix',
    { schema: { tags, summary: 'Engineer × model qualification matrix with expiry states', response: { 200: matrixDto } } },
    async (req) => {
      authorize(req, trainingPolicy, 'staffRead');
      const day = dayIn(new Date(), tz);
      const m = await qualificationMatrix(db);
      // The latest expiry per engineer × model.
      const best = new Map<string, { userId: string; modelId: string; grantedOn: string; expiresOn: string }>();
      for (const q of m.qualifications) {
        if (!q.modelId) continue;
        const k = `${q.userId}/${q.modelId}`;
        const cur = best.get(k);
        if (!cur || (q.grantedOn <= day && (cur.grantedOn > day || q.expiresOn > cur.expiresOn))) best.set(k, { ...q, modelId: q.modelId });
      }
      return {
        day,
        people: m.people,
        models: m.models,
        cells: [...best.values()].map((q) => ({ userId: q.userId, modelId: q.modelId, expiresOn: q.expiresOn, state: stateOf(q, day) })),
      };
    },
  );
  app.post(
    '/training/qualifications',
    {
      schema: {
        tags,
        summary: 'Grant a qualification after training and assessment (seed 003 必须经培训合格后方可上岗)',
        body: qualificationBody,
        response: { 201: qualificationDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, trainingPolicy, 'qualify');
      const q = await grantQualification(db, { ...actorOf(user), id: user.id }, req.body);
      const day = dayIn(new Date(), tz);
      const [row] = (await listQualifications(db, { userId: q.userId })).filter((x) => x.q.id === q.id);
      return reply.status(201).send(qualificationView(row, day));
    },
  );
  app.patch(
    '/training/qualifications/:id',
    {
      schema: {
        tags,
        summary: 'Renew (new expiry) or correct the basis of a qualification',
        params: idParams,
        body: qualificationPatch,
        response: { 200: qualificationDto },
      },
    },
    async (req) => {
      const user = authorize(req, trainingPolicy, 'qualify');
      const { version, ...patch } = req.body;
      const q = await updateQualification(db, actorOf(user), req.params.id, version, patch);
      const day = dayIn(new Date(), tz);
      const [row] = (await listQualifications(db, { userId: q.userId })).filter((x) => x.q.id === q.id);
      return qualificationView(row, day);
    },
  );
}
