// Contracts and the devices they cover. The covered-device list is part of the contract's
// audited state, so the trail shows exactly which units a contract covered and when.
import { and, eq, gt, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, devices } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, likePattern, lockById, offsetOf, orderFrom } from '../../lib/records.ts';
import type { contractListQuery, createContractBody, updateContractBody } from './contracts.dto.ts';
import { localDate } from './contracts.rules.ts';
import { contractDevices, contracts } from './contracts.tables.ts';

type Contract = typeof contracts.$inferSelect;

function stateOf(c: { startDate: string; endDate: string }, today: string) {
  return today < c.startDate ? 'upcoming' : today > c.endDate ? 'expired' : 'active';
}

async function deviceIdsOf(ex: Executor, ids: string[]) {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await ex.select().from(contractDevices).where(inArray(contractDevices.contractId, ids));
  for (const r of rows) map.set(r.contractId, [...(map.get(r.contractId) ?? []), r.deviceId]);
  return map;
}

function view(c: Contract, customerName: string, deviceIds: string[], today: string) {
  return {
    ...plain(c),
    customerName,
    deviceIds: [...deviceIds].sort(),
    deviceCount: deviceIds.length,
    state: stateOf(c, today) as 'active' | 'upcoming' | 'expired',
  };
}

export async function listContracts(db: Db, user: Principal, q: z.infer<typeof contractListQuery>, timeZone: string) {
  const today = localDate(new Date(), timeZone);
  const scope = customerScope(user);
  const text = q.q?.trim();
  const stateCond: Record<string, SQL> = {
    active: and(lte(contracts.startDate, today), gte(contracts.endDate, today)) as SQL,
    upcoming: gt(contracts.startDate, today),
    expired: lt(contracts.endDate, today),
  };
  const where = allOf(
    scope === null ? undefined : eq(contracts.customerId, scope),
    text ? sql`(${contracts.number} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)})` : undefined,
    q.customerId ? eq(contracts.customerId, q.customerId) : undefined,
    q.kind ? eq(contracts.kind, q.kind) : undefined,
    q.state ? stateCond[q.state] : undefined,
    q.deviceId ? sql`exists (select 1 from contract_devices cd where cd.contract_id = ${contracts.id} and cd.device_id = ${q.deviceId})` : undefined,
    q.expiringWithinDays !== undefined ? and(stateCond.active, lte(contracts.endDate, sql`(${today}::date + ${q.expiringWithinDays}::int)`)) : undefined,
  );
  const order = orderFrom(
    q.sort,
    {
      number: contracts.number,
      customerName: customers.name,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      kind: contracts.kind,
      updatedAt: contracts.updatedAt,
    },
    '-updatedAt',
    contracts.id,
  );
  const base = db.select({ c: contracts, customerName: customers.name }).from(contracts).innerJoin(customers, eq(customers.id, contracts.customerId));
  const rows = await base
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(contracts).innerJoin(customers, eq(customers.id, contracts.customerId)).where(where);
  const dmap = await deviceIdsOf(
    db,
    rows.map((r) => r.c.id),
  );
  return { items: rows.map((r) => view(r.c, r.customerName, dmap.get(r.c.id) ?? [], today)), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getContract(ex: Executor, user: Principal | null, id: string, timeZone: string) {
  const scope = user ? customerScope(user) : null;
  const [row] = await ex
    .select({ c: contracts, customerName: customers.name })
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .where(allOf(eq(contracts.id, id), scope === null ? undefined : eq(contracts.customerId, scope)));
  if (!row) throw notFound();
  const dmap = await deviceIdsOf(ex, [id]);
  return view(row.c, row.customerName, dmap.get(id) ?? [], localDate(new Date(), timeZone));
}

/** Period order and covered units of the same customer, checked before any write. */
async function assertValid(tx: Executor, customerId: string, startDate: string, endDate: string, deviceIds: string[]) {
  if (endDate < startDate) throw new AppError(422, 'date_order', { later: 'endDate', earlier: 'startDate' }, [{ field: 'endDate', code: 'invalid' }]);
  const unique = [...new Set(deviceIds)];
  if (unique.length === 0) return unique;
  const found = await tx.select({ id: devices.id, customerId: devices.customerId }).from(devices).where(inArray(devices.id, unique));
  if (found.length !== unique.length) throw new AppError(422, 'invalid_reference', { field: 'deviceIds' }, [{ field: 'deviceIds', code: 'not_found' }]);
  if (found.some((d) => d.customerId !== customerId))
    throw new AppError(422, 'customer_mismatch', { field: 'deviceIds' }, [{ field: 'deviceIds', code: 'invalid' }]);
  return unique;
}

async function setDevices(tx: Executor, contractId: string, deviceIds: string[]) {
  await tx.delete(contractDevices).where(eq(contractDevices.contractId, contractId));
  if (deviceIds.length) await tx.insert(contractDevices).values(deviceIds.map((deviceId) => ({ contractId, deviceId })));
}

/**
 * A new contract with its covered devices, audited, in the caller's transaction. Also used by a
 * renewal won (R-CT-1), which links the new contract to its predecessor.
 */
export async function insertContract(tx: Executor, actor: Actor, input: z.infer<typeof createContractBody> & { previousContractId?: string | null }) {
  const { deviceIds, ...values } = input;
  const ids = await assertValid(tx, values.customerId, values.startDate, values.endDate, deviceIds);
  const [row] = await tx.insert(contracts).values(values).returning();
  await setDevices(tx, row.id, ids);
  await recordAudit(tx, { actor, entity: 'contract', entityId: row.id, action: 'create', after: { ...row, deviceIds: [...ids].sort() } });
  return row;
}

export async function createContract(db: Db, actor: Actor, input: z.infer<typeof createContractBody>, timeZone: string) {
  const id = await db.transaction(async (tx) => (await insertContract(tx, actor, input)).id);
  return getContract(db, null, id, timeZone);
}

export async function updateContract(db: Db, actor: Actor, id: string, input: z.infer<typeof updateContractBody>, timeZone: string) {
  const { version, deviceIds, ...patch } = input;
  await db.transaction(async (tx) => {
    const current = await lockById(tx, contracts, id);
    if (current.version !== version) throw versionConflict(current.version);
    const before = await getContract(tx, null, id, timeZone);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Contract>;
    const next = { ...current, ...clean };
    const ids = await assertValid(tx, next.customerId, next.startDate, next.endDate, deviceIds ?? before.deviceIds);
    const [row] = await tx
      .update(contracts)
      .set({ ...clean, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(contracts.id, id), eq(contracts.version, version)))
      .returning();
    if (deviceIds) await setDevices(tx, id, ids);
    const { customerName: _a, deviceCount: _b, state: _c, ...beforeState } = before;
    await recordAudit(tx, { actor, entity: 'contract', entityId: id, action: 'update', before: beforeState, after: { ...row, deviceIds: [...ids].sort() } });
  });
  return getContract(db, null, id, timeZone);
}

export async function deleteContract(db: Db, actor: Actor, id: string, version: number, timeZone: string) {
  await db.transaction(async (tx) => {
    const current = await lockById(tx, contracts, id);
    if (current.version !== version) throw versionConflict(current.version);
    const { customerName: _a, deviceCount: _b, state: _c, ...before } = await getContract(tx, null, id, timeZone);
    await tx.delete(contracts).where(eq(contracts.id, id));
    await recordAudit(tx, { actor, entity: 'contract', entityId: id, action: 'delete', before });
  });
}
