// Organisation (issue 15 §1, R-ORG-1): the unit tree's cross-record checks, the managers a
// unit-routed notice goes to, and the copy rule. Branch daily reports live in units.reports.ts.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { customers, unitSettings, units, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, versionConflict } from '../../lib/errors.ts';
import { staffWithRoles } from '../notifications/index.ts';
import { type ManagerCopy, type UnitEvent, type UnitKind, unitCycleRefusal, unitManagerRefusal, unitPlacementRefusal, unitRecipients } from './units.rules.ts';

export type Unit = typeof units.$inferSelect;

/** The ids of a unit's ancestors, nearest first. */
async function ancestorsOf(ex: Executor, unitId: string): Promise<{ id: string; managerId: string | null; active: boolean }[]> {
  const rows = await ex.execute<{ id: string; manager_id: string | null; active: boolean; depth: number }>(sql`
    with recursive up(id, manager_id, active, parent_id, depth) as (
      select u.id, u.manager_id, u.active, u.parent_id, 0 from units u where u.id = ${unitId}::uuid
      union all select p.id, p.manager_id, p.active, p.parent_id, up.depth + 1 from units p join up on p.id = up.parent_id where up.depth < 20)
    select id, manager_id, active, depth from up order by depth`);
  return rows.rows.map((r) => ({ id: r.id, managerId: r.manager_id, active: r.active }));
}

/** resourceRoutes `check`: the unit's place in the tree and its manager (R-ORG-1). */
export async function checkUnit(tx: Executor, next: Record<string, unknown>, current?: Unit): Promise<void> {
  const kind = next.kind as UnitKind;
  const parentId = (next.parentId as string | null | undefined) ?? null;
  let parentKind: UnitKind | null = null;
  if (parentId) {
    const [p] = await tx.select({ kind: units.kind }).from(units).where(eq(units.id, parentId));
    if (!p) throw new AppError(422, 'invalid_reference', { field: 'parentId' }, [{ field: 'parentId', code: 'not_found' }]);
    parentKind = p.kind;
    const above = (await ancestorsOf(tx, parentId)).map((a) => a.id);
    {
      const refusal = unitCycleRefusal(current?.id, above);
      if (refusal) throw new AppError(422, refusal, {}, [{ field: 'parentId', code: 'invalid' }]);
    }
  }
  {
    const refusal = unitPlacementRefusal(kind, parentKind);
    if (refusal) throw new AppError(422, refusal, {}, [{ field: 'parentId', code: 'invalid' }]);
  }
  const managerId = (next.managerId as string | null | undefined) ?? null;
  if (managerId) {
    const [m] = await tx.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, managerId));
    if (!m) throw new AppError(422, 'invalid_reference', { field: 'managerId' }, [{ field: 'managerId', code: 'not_found' }]);
    const refusal = unitManagerRefusal(m.roles, m.active);
    if (refusal) throw new AppError(422, refusal, {}, [{ field: 'managerId', code: 'invalid' }]);
  }
}

export async function managerCopy(ex: Executor): Promise<{ managerCopy: ManagerCopy; version: number }> {
  const [row] = await ex.select().from(unitSettings).where(eq(unitSettings.id, 1));
  return { managerCopy: row?.managerCopy ?? 'breaches', version: row?.version ?? 1 };
}

export async function setManagerCopy(ex: Executor, actor: Actor, version: number, copy: ManagerCopy) {
  return ex.transaction(async (tx) => {
    await tx.insert(unitSettings).values({ id: 1 }).onConflictDoNothing();
    const [before] = await tx.select().from(unitSettings).where(eq(unitSettings.id, 1)).for('update');
    if (before.version !== version) throw versionConflict(before.version);
    const [after] = await tx
      .update(unitSettings)
      .set({ managerCopy: copy, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(unitSettings.id, 1))
      .returning();
    await recordAudit(tx, { actor, entity: 'unit_settings', entityId: '1', action: 'update', before, after });
    return { managerCopy: after.managerCopy, version: after.version };
  });
}

/**
 * R-ORG-1: who gets an SLA warning/breach, the morning notice or an emergency call about this
 * customer's request: the manager of the customer's unit (or the nearest manager above it)
 * first, the company's service managers in copy per the setting (default: on breaches). A
 * customer with no unit (or no manager up its tree): every service manager, as before.
 * `extra` roles (e.g. dispatchers, technical experts) are added as they always were.
 */
export async function recipientsForUnit(ex: Executor, input: { customerId: string | null; event: UnitEvent; extra?: string[] }): Promise<string[]> {
  const company = await staffWithRoles(ex, ['service_manager']);
  let chain: (string | null)[] = [];
  if (input.customerId) {
    const [c] = await ex.select({ unitId: customers.unitId }).from(customers).where(eq(customers.id, input.customerId));
    if (c?.unitId) {
      const up = await ancestorsOf(ex, c.unitId);
      const managerIds = up.filter((u) => u.active && u.managerId).map((u) => u.managerId as string);
      // Only managers who can still sign in.
      const live = managerIds.length
        ? new Set(
            (
              await ex
                .select({ id: users.id })
                .from(users)
                .where(and(inArray(users.id, managerIds), eq(users.active, true)))
            ).map((u) => u.id),
          )
        : new Set<string>();
      chain = up.map((u) => (u.active && u.managerId && live.has(u.managerId) ? u.managerId : null));
    }
  }
  const copy = chain.some((m) => m) ? (await managerCopy(ex)).managerCopy : 'always';
  return [...new Set([...unitRecipients(chain, company, copy, input.event), ...(input.extra ?? [])])];
}

/** The units this person manages (a branch manager's default list filter), branches first. */
export async function unitsManagedBy(ex: Executor, user: Principal): Promise<Unit[]> {
  return ex
    .select()
    .from(units)
    .where(and(eq(units.managerId, user.id), eq(units.active, true)))
    .orderBy(sql`case ${units.kind} when 'branch' then 0 when 'service_centre' then 1 else 2 end`, asc(units.name));
}

/** True when the person manages this unit or a unit above it. */
export async function managesUnit(ex: Executor, userId: string, unitId: string): Promise<boolean> {
  return (await ancestorsOf(ex, unitId)).some((u) => u.managerId === userId);
}
