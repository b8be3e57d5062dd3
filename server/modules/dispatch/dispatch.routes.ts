// Dispatch board, suggestions, the at-risk list and engineers' profiles (R-DSP-1, R-DSP-2,
// R-SLA-4). Assigning is POST /work-orders/:id/dispatch.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { pageOf } from '../../lib/dto.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { t } from '../../lib/i18n.ts';
import { putProfile } from './commands/put-profile.ts';
import {
  atRiskDto,
  atRiskQuery,
  boardDto,
  boardQuery,
  engineerProfileDto,
  engineerProfileListQuery,
  putEngineerProfileBody,
  suggestionsDto,
  suggestionsQuery,
  timelineDto,
  timelineQuery,
  userIdParams,
} from './dispatch.dto.ts';
import { dispatchPolicy, engineerProfilesPolicy } from './dispatch.policy.ts';
import { atRiskList } from './queries/at-risk.ts';
import { board } from './queries/board.ts';
import { getProfile } from './queries/get-profile.ts';
import { listProfiles } from './queries/list-profiles.ts';
import { suggestions } from './queries/suggestions.ts';
import { timeline } from './queries/timeline.ts';

registerConstraintFields({ engineer_profiles_user_uq: 'userId', engineer_profiles_user_id_users_id_fk: 'userId' });

export function dispatchRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['dispatch'];

  app.get(
    '/dispatch/board',
    {
      schema: {
        tags,
        summary:
          'Dispatch board: unassigned (flagged for the morning first), at-risk, flagged and assigned-today lanes, each its most urgent `limit` cards with its total, narrowed by urgency, region or customer; cards with fault, down status, appointment and abilities (R-DSP-1). Engineers for one job: GET /dispatch/suggestions (R-DSP-2)',
        querystring: boardQuery,
        response: { 200: boardDto },
      },
    },
    async (req) => {
      const user = authorize(req, dispatchPolicy, 'board');
      return board(db, user, req.query, new Date(), ctx.timeZone);
    },
  );

  app.get(
    '/dispatch/timeline',
    {
      schema: {
        tags,
        summary: "Engineers' day: appointments and time on site per engineer over the day's working hours (issue 10 item 12)",
        querystring: timelineQuery,
        response: { 200: timelineDto },
      },
    },
    async (req) => {
      authorize(req, dispatchPolicy, 'board');
      return timeline(db, req.query.date, new Date(), ctx.timeZone);
    },
  );

  app.get(
    '/dispatch/suggestions',
    { schema: { tags, summary: 'The full engineer ranking for one work order (R-DSP-2)', querystring: suggestionsQuery, response: { 200: suggestionsDto } } },
    async (req) => {
      authorize(req, dispatchPolicy, 'board');
      return suggestions(db, req.query.workOrderId, ctx.timeZone);
    },
  );

  app.get(
    '/dispatch/at-risk',
    {
      schema: {
        tags,
        summary: 'Running SLA clocks warned, breached or ≥ 75 % used, with owner and lead (R-SLA-4)',
        querystring: atRiskQuery,
        response: { 200: atRiskDto },
      },
    },
    async (req) => {
      authorize(req, dispatchPolicy, 'atRisk');
      return atRiskList(db, req.query);
    },
  );

  app.get('/dispatch/at-risk/export', { schema: { tags, summary: 'The at-risk list as an Excel file', querystring: atRiskQuery } }, async (req, reply) => {
    authorize(req, dispatchPolicy, 'atRisk');
    const { items } = await atRiskList(db, req.query);
    const L = req.locale;
    type Item = (typeof items)[number];
    const at = (iso: string | null) =>
      iso ? new Date(iso).toLocaleString(L === 'en-US' ? 'en-US' : 'zh-CN', { timeZone: ctx.timeZone, hour12: false }) : null;
    const columns: ExportColumn<Item>[] = [
      { key: 'request', zh: '报修单号', en: 'Request', width: 18, value: (i) => i.requestNumber },
      { key: 'workOrder', zh: '工单号', en: 'Work order', width: 18, value: (i) => i.workOrderNumber },
      { key: 'customer', zh: '客户', en: 'Customer', width: 26, value: (i) => i.customerName },
      { key: 'device', zh: '设备', en: 'Device', width: 26, value: (i) => `${i.modelName} ${i.serialNumber}` },
      { key: 'urgency', zh: '紧急程度', en: 'Urgency', term: 'urgency', value: (i) => i.urgency },
      { key: 'kind', zh: '时限', en: 'Target', term: 'clockKind', value: (i) => i.kind },
      { key: 'state', zh: '状态', en: 'State', value: (i) => t(`sla_state.${i.state}`, L) },
      { key: 'due', zh: '截止时间', en: 'Due', width: 20, value: (i) => at(i.dueAt) },
      { key: 'pct', zh: '已用 %', en: 'Used %', value: (i) => i.percentElapsed },
      { key: 'paused', zh: '已暂停', en: 'Paused', value: (i) => (i.paused ? t('yes', L) : '') },
      { key: 'owner', zh: '首问负责人', en: 'Owner', width: 20, value: (i) => i.ownerName },
      { key: 'lead', zh: '主修工程师', en: 'Lead engineer', width: 20, value: (i) => i.leadName },
    ];
    const name = L === 'en-US' ? 'sla-at-risk' : '时限预警';
    return sendXlsx(reply, name, await xlsxBuffer(name, columns, items, L));
  });

  // ---- engineer profiles ----
  const ptags = ['engineer profiles'];

  app.get(
    '/engineer-profiles',
    {
      schema: {
        tags: ptags,
        summary: 'Engineers, technicians and experts with their skills, areas and open load',
        querystring: engineerProfileListQuery,
        response: { 200: pageOf(engineerProfileDto) },
      },
    },
    async (req) => {
      authorize(req, engineerProfilesPolicy, 'read');
      return listProfiles(db, req.query);
    },
  );

  app.get(
    '/engineer-profiles/:userId',
    { schema: { tags: ptags, summary: "One engineer's profile (version 0: not saved yet)", params: userIdParams, response: { 200: engineerProfileDto } } },
    async (req) => {
      authorize(req, engineerProfilesPolicy, 'read');
      return getProfile(db, req.params.userId);
    },
  );

  app.put(
    '/engineer-profiles/:userId',
    {
      schema: {
        tags: ptags,
        summary: "Save an engineer's profile: send the version read (0 to create); audited",
        params: userIdParams,
        body: putEngineerProfileBody,
        response: { 200: engineerProfileDto },
      },
    },
    async (req) => putProfile(db, authorize(req, engineerProfilesPolicy, 'update'), req.params.userId, req.body),
  );
}
