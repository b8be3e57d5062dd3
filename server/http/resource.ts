// Routes for a plain registry resource: list (search, filters, sort, paging), read, create,
// update (optimistic version) and delete, each authorised by the module's policy, confined to
// the hospital of a customer user, and audited. Modules with richer rules (devices,
// contracts) write their own routes on the same helpers.
import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { customerScope, type Policy, type Principal } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { idParams, pageOf } from '../lib/dto.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../lib/excel.ts';
import { plain } from '../lib/plain.ts';
import { allOf, countOf, deleteAudited, insertAudited, lockById, offsetOf, orderFrom, searchAny, updateAudited } from '../lib/records.ts';
import { actorOf, authorize } from './auth.ts';
import type { Api, AppContext } from './context.ts';

export const deleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

// biome-ignore lint/suspicious/noExplicitAny: Drizzle's table generics are not expressible here.
type Table = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn } & Record<string, any>;

export interface ResourceSpec<T extends Table, Q extends z.ZodObject, C extends z.ZodObject, U extends z.ZodObject> {
  path: string;
  entity: string;
  tag: string;
  table: T;
  policy: Policy<'read' | 'create' | 'update' | 'delete'>;
  dto: z.ZodObject;
  listQuery: Q;
  createBody: C;
  updateBody: U;
  search: PgColumn[];
  sorts: Record<string, PgColumn>;
  defaultSort: string;
  filters?: (q: z.infer<Q>) => (SQL | undefined)[];
  /** The column holding the owning customer, for hospital users' confinement. */
  customerColumn?: PgColumn;
  /** When set, GET <path>/export answers the filtered list as an Excel file. */
  export?: { fileZh: string; fileEn: string; columns: ExportColumn<Record<string, unknown>>[] };
  /** Cross-record checks inside the write transaction (e.g. a department of the same customer). */
  check?: (tx: Executor, next: Record<string, unknown>, current?: T['$inferSelect']) => Promise<void>;
  /** Consequences of an update in the same transaction (e.g. a model's new warranty term re-derives its units). */
  afterUpdate?: (tx: Executor, actor: Actor, before: T['$inferSelect'], after: T['$inferSelect']) => Promise<void>;
}

export function resourceRoutes<T extends Table, Q extends z.ZodObject, C extends z.ZodObject, U extends z.ZodObject>(
  app: Api,
  ctx: AppContext,
  spec: ResourceSpec<T, Q, C, U>,
) {
  const db = ctx.database.db;
  const { table, policy, tag } = spec;
  const tags = [tag];

  const scopeOf = (user: Principal): SQL | undefined => {
    const c = customerScope(user);
    if (c === null) return undefined;
    // A resource with no owning customer (device models) is shared reference data.
    return spec.customerColumn ? eq(spec.customerColumn, c) : undefined;
  };

  const load = async (ex: Executor, user: Principal, id: string) => {
    const [row] = await ex
      .select()
      .from(table as PgTable)
      .where(allOf(eq(table.id, id), scopeOf(user)));
    if (!row) throw notFound();
    return row as T['$inferSelect'];
  };

  app.get(
    spec.path,
    { schema: { tags, summary: `List ${spec.entity} records`, querystring: spec.listQuery, response: { 200: pageOf(spec.dto) } } },
    async (req) => {
      const user = authorize(req, policy, 'read');
      const q = req.query as z.infer<Q> & { q?: string; sort?: string; page: number; pageSize: number };
      const where = allOf(scopeOf(user), searchAny(q.q, spec.search), ...(spec.filters?.(q) ?? []));
      const rows = await db
        .select()
        .from(table as PgTable)
        .where(where)
        .orderBy(...orderFrom(q.sort, spec.sorts, spec.defaultSort, table.id))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      return { items: rows.map((r) => plain(r)), total: await countOf(db, table, where), page: q.page, pageSize: q.pageSize };
    },
  );

  const exp = spec.export;
  if (exp) {
    app.get(
      `${spec.path}/export`,
      { schema: { tags, summary: `The filtered ${spec.entity} list as an Excel file`, querystring: spec.listQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => {
        const user = authorize(req, policy, 'read');
        const q = req.query as z.infer<Q> & { q?: string; sort?: string };
        const where = allOf(scopeOf(user), searchAny(q.q, spec.search), ...(spec.filters?.(q) ?? []));
        const rows = await db
          .select()
          .from(table as PgTable)
          .where(where)
          .orderBy(...orderFrom(q.sort, spec.sorts, spec.defaultSort, table.id))
          .limit(EXPORT_MAX_ROWS);
        const name = req.locale === 'en-US' ? exp.fileEn : exp.fileZh;
        return sendXlsx(reply, name, await xlsxBuffer(name, exp.columns, rows as Record<string, unknown>[], req.locale));
      },
    );
  }

  app.get(`${spec.path}/:id`, { schema: { tags, params: idParams, response: { 200: spec.dto } } }, async (req) => {
    const user = authorize(req, policy, 'read');
    return plain(await load(db, user, (req.params as { id: string }).id));
  });

  app.post(`${spec.path}`, { schema: { tags, summary: `Create a ${spec.entity}`, body: spec.createBody, response: { 201: spec.dto } } }, async (req, reply) => {
    const user = authorize(req, policy, 'create');
    if (customerScope(user) !== null) throw forbidden();
    const values = req.body as Record<string, unknown>;
    const row = await db.transaction(async (tx) => {
      await spec.check?.(tx, values);
      return insertAudited(tx, actorOf(user), spec.entity, table, values as T['$inferInsert']);
    });
    return reply.status(201).send(plain(row));
  });

  app.patch(
    `${spec.path}/:id`,
    { schema: { tags, summary: `Update a ${spec.entity} (send the version you read)`, params: idParams, body: spec.updateBody, response: { 200: spec.dto } } },
    async (req) => {
      const user = authorize(req, policy, 'update');
      if (customerScope(user) !== null) throw forbidden();
      const { version: v, ...patch } = req.body as { version: number } & Record<string, unknown>;
      const clean = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined));
      const row = await db.transaction(async (tx) => {
        const id = (req.params as { id: string }).id;
        const current = await lockById(tx, table, id);
        await spec.check?.(tx, { ...current, ...clean }, current);
        const updated = await updateAudited(tx, actorOf(user), spec.entity, table, id, v, clean as Partial<T['$inferInsert']>, current);
        await spec.afterUpdate?.(tx, actorOf(user), current, updated);
        return updated;
      });
      return plain(row);
    },
  );

  app.delete(
    `${spec.path}/:id`,
    {
      schema: { tags, summary: `Delete a ${spec.entity} (refused while referenced)`, params: idParams, querystring: deleteQuery, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const user = authorize(req, policy, 'delete');
      if (customerScope(user) !== null) throw forbidden();
      await db.transaction((tx) =>
        deleteAudited(tx, actorOf(user), spec.entity, table, (req.params as { id: string }).id, (req.query as { version: number }).version),
      );
      return reply.status(204).send(null);
    },
  );

  return { load, scopeOf };
}
