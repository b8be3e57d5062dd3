// The technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1). Thin: parse, authorize, call the
// service, present.
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  answerBody,
  closeBody,
  degradationDto,
  degradedBody,
  escalateBody,
  escalationDto,
  escalationExportQuery,
  escalationListQuery,
  expertBody,
  expertDto,
  expertListDto,
  guidanceBody,
  ladderDto,
  progressNoteBody,
  progressNoteDto,
  settingsBody,
  settingsDto,
  settingsListDto,
  urgencyParams,
} from './escalations.dto.ts';
import { escalationsPolicy } from './escalations.policy.ts';
import {
  abilitiesOn,
  addProgressNote,
  answerEscalation,
  closeEscalation,
  type EscalationRow,
  escalate,
  exportEscalations,
  getEscalation,
  isOverdue,
  ladderOf,
  listEscalations,
  listExperts,
  listLadderSettings,
  recordDegraded,
  recordGuidance,
  setExpert,
  updateLadderSettings,
} from './escalations.service.ts';

registerConstraintFields({
  escalations_tier_order_ck: 'toTier',
  escalations_minutes_ck: 'minutes',
  escalation_settings_order_ck: 'l3AfterHours',
  expert_tiers_user_uq: 'userId',
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const TIER_WORDS = { L1: ['一线工程师', 'L1 field engineer'], L2: ['技术专家', 'L2 technical expert'], L3: ['研发/生产', 'L3 R&D / production'] } as const;
const STATUS_WORDS = { open: ['待答复', 'Open'], answered: ['已答复', 'Answered'], closed: ['已关闭', 'Closed'] } as const;
const CHANNEL_WORDS = { phone: ['电话', 'Phone'], video: ['视频', 'Video'], on_site: ['现场', 'On site'] } as const;

export function escalationsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['escalations'];
  const view = async (user: Principal, x: EscalationRow): Promise<z.infer<typeof escalationDto>> => {
    const e = x.e;
    return {
      id: e.id,
      version: e.version,
      workOrderId: e.workOrderId,
      workOrderNumber: x.workOrderNumber,
      workOrderStatus: x.workOrderStatus,
      urgency: x.urgency,
      customerName: x.customerName,
      modelName: x.modelName,
      serialNumber: x.serialNumber,
      degradedAt: iso(x.degradedAt),
      fromTier: e.fromTier,
      toTier: e.toTier,
      status: e.status,
      question: e.question,
      askedByName: e.askedByName,
      askedAt: e.askedAt.toISOString(),
      auto: e.autoStep !== null,
      assigneeId: e.assigneeId,
      assigneeName: x.assigneeName,
      answer: e.answer,
      answeredAt: iso(e.answeredAt),
      answeredByName: e.answeredByName,
      guidanceChannel: e.guidanceChannel,
      guidanceMinutes: e.guidanceMinutes,
      guidanceNote: e.guidanceNote,
      guidanceAt: iso(e.guidanceAt),
      closedAt: iso(e.closedAt),
      closedByName: e.closedByName,
      closeNote: e.closeNote,
      overdue: isOverdue(e),
      abilities: await abilitiesOn(db, user, e),
    };
  };
  const one = async (user: Principal, id: string) => view(user, await getEscalation(db, user, id));

  app.get(
    '/escalations',
    {
      schema: {
        tags,
        summary: 'Technical-support escalations (技术支持升级, R-ESC-1): by tier, state, overdue, work order, mine; search; newest first',
        querystring: escalationListQuery,
        response: { 200: pageOf(escalationDto) },
      },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listEscalations(db, user, f, page, pageSize);
      return { items: await Promise.all(rows.map((r) => view(user, r))), total, page, pageSize };
    },
  );

  app.get(
    '/escalations/export',
    { schema: { tags, summary: 'The escalations as filtered, as an Excel workbook', querystring: escalationExportQuery } },
    async (req, reply) => {
      const user = authorize(req, escalationsPolicy, 'read');
      const rows = await exportEscalations(db, user, req.query, EXPORT_MAX_ROWS);
      const en = req.locale === 'en-US';
      const w = (pair: readonly [string, string] | undefined) => (pair ? pair[en ? 1 : 0] : null);
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'workOrder', zh: '工单', en: 'Work order', width: 16, value: (r) => r.workOrderNumber },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (r) => r.customerName },
        { key: 'device', zh: '设备', en: 'Device', width: 24, value: (r) => `${r.modelName} ${r.serialNumber}` },
        { key: 'from', zh: '升级自', en: 'From', width: 12, value: (r) => w(TIER_WORDS[r.e.fromTier]) },
        { key: 'to', zh: '升级至', en: 'To', width: 12, value: (r) => w(TIER_WORDS[r.e.toTier]) },
        { key: 'auto', zh: '自动升级', en: 'Automatic', width: 8, value: (r) => (r.e.autoStep ? (en ? 'Yes' : '是') : '') },
        { key: 'status', zh: '状态', en: 'State', width: 10, value: (r) => w(STATUS_WORDS[r.e.status]) },
        { key: 'question', zh: '问题', en: 'Question', width: 36, value: (r) => r.e.question },
        { key: 'askedBy', zh: '提出人', en: 'Asked by', value: (r) => r.e.askedByName },
        { key: 'askedAt', zh: '提出时间', en: 'Asked at', width: 18, value: (r) => r.e.askedAt.toISOString() },
        { key: 'assignee', zh: '专家', en: 'Expert', value: (r) => r.assigneeName },
        { key: 'answer', zh: '答复', en: 'Answer', width: 36, value: (r) => r.e.answer },
        { key: 'answeredAt', zh: '答复时间', en: 'Answered at', width: 18, value: (r) => iso(r.e.answeredAt) },
        {
          key: 'channel',
          zh: '远程指导方式',
          en: 'Guidance by',
          width: 10,
          value: (r) => (r.e.guidanceChannel ? w(CHANNEL_WORDS[r.e.guidanceChannel]) : null),
        },
        { key: 'minutes', zh: '指导时长（分钟）', en: 'Minutes', width: 10, value: (r) => r.e.guidanceMinutes },
        { key: 'overdue', zh: '超时未答复', en: 'Overdue', width: 8, value: (r) => (isOverdue(r.e) ? (en ? 'Yes' : '是') : '') },
      ];
      return sendXlsx(reply, en ? 'escalations' : '技术支持升级', await xlsxBuffer(en ? 'Escalations' : '技术支持升级', columns, rows, req.locale));
    },
  );

  app.get(
    '/escalations/:id',
    { schema: { tags, summary: 'One escalation with what the reader may do', params: idParams, response: { 200: escalationDto } } },
    async (req) => one(authorize(req, escalationsPolicy, 'read'), req.params.id),
  );

  app.get(
    '/work-orders/:id/escalations',
    {
      schema: {
        tags,
        summary: 'The work order’s ladder: escalations (Q/A, remote guidance), progress notes and the temporary measure, oldest first',
        params: idParams,
        response: { 200: ladderDto },
      },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'read');
      const l = await ladderOf(db, user, req.params.id);
      const rows = await Promise.all(l.escalations.map((r) => view(user, r)));
      return {
        escalations: rows,
        notes: l.notes.map((n) => ({ id: n.id, note: n.note, byName: n.byName, at: n.at.toISOString() })),
        degraded: l.degraded
          ? { id: l.degraded.id, degradedAt: l.degraded.degradedAt.toISOString(), measure: l.degraded.measure, byName: l.degraded.byName }
          : null,
        abilities: {
          escalate: can(user, escalationsPolicy, 'escalate'),
          progressNote: can(user, escalationsPolicy, 'progressNote'),
          degraded: can(user, escalationsPolicy, 'degraded') && !l.degraded,
        },
      };
    },
  );

  app.post(
    '/work-orders/:id/escalations',
    {
      schema: {
        tags,
        summary: 'Escalate a question on the work order to the L2 technical expert or L3 R&D/production (the expert is notified)',
        params: idParams,
        body: escalateBody,
        response: { 201: escalationDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, escalationsPolicy, 'escalate');
      const e = await escalate(db, user, req.params.id, req.body);
      return reply.status(201).send(await one(user, e.id));
    },
  );

  app.post(
    '/escalations/:id/answer',
    {
      schema: {
        tags,
        summary: 'The expert’s answer (the asker and the lead are notified)',
        params: idParams,
        body: answerBody,
        response: { 200: escalationDto },
      },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'answer');
      await answerEscalation(db, user, req.params.id, req.body);
      return one(user, req.params.id);
    },
  );

  app.post(
    '/escalations/:id/guidance',
    {
      schema: {
        tags,
        summary: 'Remote technical guidance given (专家通过电话、视频等方式远程技术指导): channel and minutes',
        params: idParams,
        body: guidanceBody,
        response: { 200: escalationDto },
      },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'answer');
      await recordGuidance(db, user, req.params.id, req.body);
      return one(user, req.params.id);
    },
  );

  app.post(
    '/escalations/:id/close',
    { schema: { tags, summary: 'Close the escalation', params: idParams, body: closeBody, response: { 200: escalationDto } } },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'close');
      await closeEscalation(db, user, req.params.id, req.body);
      return one(user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/progress-notes',
    {
      schema: {
        tags,
        summary: 'A progress note during the repair (及时向客服人员和售后服务经理汇报进展情况): customer service and the managers are notified',
        params: idParams,
        body: progressNoteBody,
        response: { 201: progressNoteDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, escalationsPolicy, 'progressNote');
      const n = await addProgressNote(db, user, req.params.id, req.body);
      return reply.status(201).send({ id: n.id, note: n.note, byName: n.byName, at: n.at.toISOString() });
    },
  );

  app.post(
    '/work-orders/:id/degraded',
    {
      schema: {
        tags,
        summary: 'A temporary measure keeps the device running (采取临时应急措施): recorded once as "degraded"; the restore clock keeps running',
        params: idParams,
        body: degradedBody,
        response: { 201: degradationDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, escalationsPolicy, 'degraded');
      const d = await recordDegraded(db, user, req.params.id, req.body);
      return reply.status(201).send({ id: d.id, degradedAt: d.degradedAt.toISOString(), measure: d.measure, byName: d.byName });
    },
  );

  const settingsView = (s: Awaited<ReturnType<typeof listLadderSettings>>[number]) => ({
    id: s.id,
    version: s.version,
    urgency: s.urgency,
    l2AfterHours: s.l2AfterHours,
    l3AfterHours: s.l3AfterHours,
  });

  app.get(
    '/escalation-settings',
    {
      schema: {
        tags,
        summary: 'Auto-escalation hours per urgency (plain hours after the request was received; null = never)',
        response: { 200: settingsListDto },
      },
    },
    async (req) => {
      authorize(req, escalationsPolicy, 'read');
      return { items: (await listLadderSettings(db)).map(settingsView) };
    },
  );

  app.patch(
    '/escalation-settings/:urgency',
    {
      schema: {
        tags,
        summary: 'Set the hours before an unresolved job of this urgency goes to the L2 expert and to L3 R&D/production',
        params: urgencyParams,
        body: settingsBody,
        response: { 200: settingsDto },
      },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'settings');
      return settingsView(await updateLadderSettings(db, user, req.params.urgency, req.body));
    },
  );

  const expertView = (x: Awaited<ReturnType<typeof listExperts>>[number]) => ({
    id: x.x.id,
    version: x.x.version,
    userId: x.x.userId,
    displayName: x.displayName,
    username: x.username,
    tier: x.x.tier,
    modelIds: x.x.modelIds,
    categories: x.x.categories,
  });

  app.get(
    '/expert-tiers',
    { schema: { tags, summary: 'Experts by tier (L2 technical expert, L3 R&D/production)', response: { 200: expertListDto } } },
    async (req) => {
      authorize(req, escalationsPolicy, 'read');
      return { items: (await listExperts(db)).map(expertView) };
    },
  );

  app.post(
    '/expert-tiers',
    {
      schema: { tags, summary: 'Flag a staff member as an L2 or L3 expert (or change the tier and coverage)', body: expertBody, response: { 200: expertDto } },
    },
    async (req) => {
      const user = authorize(req, escalationsPolicy, 'settings');
      const x = await setExpert(db, user, req.body);
      const found = (await listExperts(db)).find((r) => r.x.id === x.id);
      if (!found) throw new Error('expert row vanished');
      return expertView(found);
    },
  );
}
