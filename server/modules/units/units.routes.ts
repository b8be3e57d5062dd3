// Organisation (issue 15 §1, R-ORG-1): units CRUD (resourceRoutes), the unit page, the caller's
// own units, the copy rule, and branch daily reports (分公司日报, seed 002 §12). Thin: parse,
// authorize, call the service, present.
import { count, eq } from 'drizzle-orm';
import { customers, sites, units, users, warehouses } from '../../db/schema.ts';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { resourceRoutes } from '../../http/resource.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { notFound } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import {
  branchReportDetailDto,
  branchReportDto,
  branchReportListQuery,
  createUnitBody,
  myUnitsDto,
  prepareBranchReportBody,
  receiveBranchReportBody,
  signBranchReportBody,
  unitDetailDto,
  unitDto,
  unitListQuery,
  unitSettingsBody,
  unitSettingsDto,
  updateUnitBody,
} from './units.dto.ts';
import { unitsPolicy } from './units.policy.ts';
import { getBranchReport, listBranchReports, prepareBranchReport, receiveBranchReport, signBranchReport } from './units.reports.ts';
import { checkUnit, managerCopy, setManagerCopy, unitsManagedBy } from './units.service.ts';

registerConstraintFields({
  units_code_uq: 'code',
  units_name_ck: 'name',
  units_parent_ck: 'parentId',
  units_manager_id_fkey: 'managerId',
  units_parent_id_fkey: 'parentId',
  branch_daily_reports_unit_id_fkey: 'unitId',
  branch_daily_reports_day_uq: 'day',
});
registerTableLabels({ units: 'units', branch_daily_reports: 'branch_daily_reports' });

export function unitsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['units'];

  // Static paths before the resource's /units/:id.
  app.get(
    '/units/mine',
    { schema: { tags, summary: 'The units the caller manages (branches first): the default unit filter of a branch manager', response: { 200: myUnitsDto } } },
    async (req) => {
      const user = authorize(req, unitsPolicy, 'read');
      return { items: (await unitsManagedBy(db, user)).map((u) => plain(u)) };
    },
  );

  app.get(
    '/units/settings',
    { schema: { tags, summary: 'The copy rule for unit-routed notices (R-ORG-1)', response: { 200: unitSettingsDto } } },
    async (req) => {
      authorize(req, unitsPolicy, 'read');
      return managerCopy(db);
    },
  );

  app.put(
    '/units/settings',
    {
      schema: {
        tags,
        summary: "Whether the company's service managers get a copy of unit-routed notices: always / only breaches (and emergencies) / never",
        body: unitSettingsBody,
        response: { 200: unitSettingsDto },
      },
    },
    async (req) => {
      const user = authorize(req, unitsPolicy, 'settings');
      return setManagerCopy(db, actorOf(user), req.body.version, req.body.managerCopy);
    },
  );

  resourceRoutes(app, ctx, {
    path: '/units',
    entity: 'unit',
    tag: 'units',
    table: units,
    policy: unitsPolicy,
    dto: unitDto,
    listQuery: unitListQuery,
    createBody: createUnitBody,
    updateBody: updateUnitBody,
    search: [units.code, units.name],
    sorts: { code: units.code, name: units.name, kind: units.kind, updatedAt: units.updatedAt },
    defaultSort: 'code',
    filters: (q) => [
      q.kind ? eq(units.kind, q.kind) : undefined,
      q.parentId ? eq(units.parentId, q.parentId) : undefined,
      q.managerId ? eq(units.managerId, q.managerId) : undefined,
      q.active ? eq(units.active, q.active === 'true') : undefined,
    ],
    export: {
      fileZh: '组织单元',
      fileEn: 'units',
      columns: [
        { key: 'code', zh: '编号', en: 'Code', value: (r) => r.code as string },
        { key: 'name', zh: '名称', en: 'Name', width: 24, value: (r) => r.name as string },
        { key: 'kind', zh: '类型', en: 'Kind', term: 'unitKind', value: (r) => r.kind as string },
        { key: 'active', zh: '启用', en: 'Active', value: (r) => (r.active ? '✓' : '') },
      ],
    },
    check: checkUnit,
  });

  app.get(
    '/units/:id/overview',
    {
      schema: {
        tags,
        summary: 'The unit page: manager and parent names, its teams, and how many customers, sites, staff and warehouses belong to it',
        params: idParams,
        response: { 200: unitDetailDto },
      },
    },
    async (req) => {
      authorize(req, unitsPolicy, 'read');
      const [u] = await db.select().from(units).where(eq(units.id, req.params.id));
      if (!u) throw notFound();
      const name = async (table: typeof units | typeof users, id: string | null) => {
        if (!id) return null;
        if (table === units) return (await db.select({ n: units.name }).from(units).where(eq(units.id, id)))[0]?.n ?? null;
        return (await db.select({ n: users.displayName }).from(users).where(eq(users.id, id)))[0]?.n ?? null;
      };
      const n = async (rows: Promise<{ n: number }[]>) => Number((await rows)[0]?.n ?? 0);
      const children = await db.select().from(units).where(eq(units.parentId, u.id)).orderBy(units.code);
      return {
        ...plain(u),
        managerName: await name(users, u.managerId),
        parentName: await name(units, u.parentId),
        children: children.map((c) => plain(c)),
        counts: {
          customers: await n(db.select({ n: count() }).from(customers).where(eq(customers.unitId, u.id))),
          users: await n(db.select({ n: count() }).from(users).where(eq(users.unitId, u.id))),
          warehouses: await n(db.select({ n: count() }).from(warehouses).where(eq(warehouses.unitId, u.id))),
          sites: await n(db.select({ n: count() }).from(sites).where(eq(sites.unitId, u.id))),
        },
      };
    },
  );

  app.get(
    '/branch-reports',
    {
      schema: {
        tags,
        summary: '分公司日报 (seed 002 §12): by unit (with its teams), state (draft / signed = at head office / received) and day; newest first',
        querystring: branchReportListQuery,
        response: { 200: pageOf(branchReportDto) },
      },
    },
    async (req) => {
      authorize(req, unitsPolicy, 'readBranchReports');
      return listBranchReports(db, req.query);
    },
  );

  app.get(
    '/branch-reports/:id',
    {
      schema: {
        tags,
        summary: 'One branch daily report with its content, signature and what the reader may do',
        params: idParams,
        response: { 200: branchReportDetailDto },
      },
    },
    async (req) => getBranchReport(db, authorize(req, unitsPolicy, 'readBranchReports'), req.params.id),
  );

  app.post(
    '/branch-reports',
    {
      schema: {
        tags,
        summary: "Prepare (or refresh, while a draft) a unit's daily report from the supervisor's daily report filtered to the unit",
        body: prepareBranchReportBody,
        response: { 201: branchReportDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, unitsPolicy, 'prepareBranchReport');
      const id = await prepareBranchReport(db, user, req.body, tz);
      return reply.status(201).send(await getBranchReport(db, user, id));
    },
  );

  app.post(
    '/branch-reports/:id/sign',
    {
      schema: {
        tags,
        summary: '分公司日报审核签字: the unit manager reviews and signs with his password (e-signature); the report goes to head office',
        params: idParams,
        body: signBranchReportBody,
        response: { 200: branchReportDetailDto },
      },
    },
    async (req) => signBranchReport(db, authorize(req, unitsPolicy, 'signBranchReport'), req.params.id, req.body),
  );

  app.post(
    '/branch-reports/:id/receive',
    {
      schema: {
        tags,
        summary: 'Head office acknowledges a signed branch daily report',
        params: idParams,
        body: receiveBranchReportBody,
        response: { 200: branchReportDetailDto },
      },
    },
    async (req) => receiveBranchReport(db, authorize(req, unitsPolicy, 'receiveBranchReport'), req.params.id, req.body.version),
  );
}
