// Accounts, login and roles (SPEC §1). Passwords are argon2id hashes; every account change
// is audited with the hash redacted.
import { arrayContains, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { customers } from '../../db/schema.ts';
import type { Principal, Role } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { dummyHash, hashPassword, isStrongEnough, verifyPassword } from '../../lib/passwords.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, countOf, insertAudited, lockById, offsetOf, orderFrom, searchAny, updateAudited } from '../../lib/records.ts';
import type { createUserBody, updateUserBody, userListQuery } from './users.dto.ts';
import { users } from './users.tables.ts';

type User = typeof users.$inferSelect;

export function userView(u: User, customerName: string | null = null) {
  const { passwordHash: _omit, ...rest } = u;
  return { ...plain(rest), roles: rest.roles as Role[], customerName };
}

function assertRoleShape(roles: Role[], customerId: string | null | undefined) {
  const isCustomer = roles.includes('customer_user');
  if (isCustomer && roles.length > 1) throw invalidField('roles', 'invalid');
  if (isCustomer && !customerId) throw new AppError(422, 'customer_user_needs_customer', {}, [{ field: 'customerId', code: 'required' }]);
  if (!isCustomer && customerId) throw invalidField('customerId', 'invalid');
}

function assertPassword(password: string, field = 'password') {
  if (!isStrongEnough(password)) throw new AppError(422, 'password_too_weak', {}, [{ field, code: 'invalid' }]);
}

export async function authenticate(db: Db, username: string, password: string): Promise<User> {
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  if (!user) {
    await verifyPassword(await dummyHash(), password); // equal time for unknown users
    throw new AppError(401, 'invalid_credentials');
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || !user.active) throw new AppError(401, 'invalid_credentials');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, { actor: { id: user.id, name: user.displayName }, entity: 'user', entityId: user.id, action: 'login' });
  });
  return user;
}

export async function getUser(db: Db, id: string) {
  const [row] = await db
    .select({ user: users, customerName: customers.name })
    .from(users)
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(eq(users.id, id));
  if (!row) throw notFound();
  return userView(row.user, row.customerName);
}

export async function listUsers(db: Db, q: z.infer<typeof userListQuery>) {
  const where = allOf(
    searchAny(q.q, [users.username, users.displayName, users.email, users.phone]),
    q.role ? arrayContains(users.roles, [q.role]) : undefined,
    q.active ? eq(users.active, q.active === 'true') : undefined,
    q.customerId ? eq(users.customerId, q.customerId) : undefined,
    q.unitId ? eq(users.unitId, q.unitId) : undefined,
  );
  const rows = await db
    .select({ user: users, customerName: customers.name })
    .from(users)
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(where)
    .orderBy(
      ...orderFrom(
        q.sort,
        { username: users.username, displayName: users.displayName, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt },
        'username',
        users.id,
      ),
    )
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { items: rows.map((r) => userView(r.user, r.customerName)), total: await countOf(db, users, where), page: q.page, pageSize: q.pageSize };
}

export async function createUser(db: Db, actor: Actor, input: z.infer<typeof createUserBody>) {
  assertRoleShape(input.roles, input.customerId);
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const { password: _p, ...values } = input;
  const row = await db.transaction((tx) => insertAudited(tx, actor, 'user', users, { ...values, customerId: values.customerId ?? null, passwordHash }));
  return getUser(db, row.id);
}

export async function updateUser(db: Db, actor: Principal, id: string, input: z.infer<typeof updateUserBody>) {
  const { version, ...patch } = input;
  await db.transaction(async (tx) => {
    const current = await lockById(tx, users, id);
    const roles = (patch.roles ?? current.roles) as Role[];
    const customerId = patch.customerId === undefined ? current.customerId : patch.customerId;
    assertRoleShape(roles, customerId);
    if (id === actor.id && (patch.active === false || !roles.includes('admin'))) throw new AppError(422, 'cannot_disable_self');
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await updateAudited(tx, { id: actor.id, name: actor.displayName }, 'user', users, id, version, clean, current);
  });
  return getUser(db, id);
}

export async function resetPassword(db: Db, actor: Actor, id: string, version: number, password: string) {
  assertPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await updateAudited(tx, actor, 'user', users, id, version, { passwordHash });
  });
  // A reset ends every session of that user.
  await db.execute(sql`delete from sessions where user_id = ${id}`);
}

export async function changeOwnPassword(db: Db, user: Principal, currentPassword: string, newPassword: string, keepSessionId: string | null) {
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
    throw new AppError(422, 'invalid_credentials', {}, [{ field: 'currentPassword', code: 'invalid' }]);
  }
  assertPassword(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await updateAudited(tx, { id: user.id, name: user.displayName }, 'user', users, user.id, row.version, { passwordHash });
    await tx.execute(sql`delete from sessions where user_id = ${user.id} and id <> ${keepSessionId ?? ''}`);
  });
}

export async function setOwnLocale(db: Db, user: Principal, locale: 'zh-CN' | 'en-US') {
  await db.update(users).set({ locale }).where(eq(users.id, user.id));
}

/** Used by the CLI and the demo seed. */
export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}
