// Helpers for the service-loop stories (requests, work orders, SLA): demo users as principals
// for calling services at fixed instants, demo devices by serial, and a valid signature PNG.
import { eq } from 'drizzle-orm';
import type { Principal, Role } from '../lib/access.ts';
import { users } from '../modules/users/users.tables.ts';
import type { TestEnv } from './harness.ts';

export async function principal(env: TestEnv, username: string): Promise<Principal> {
  const [u] = await env.database.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return { id: u.id, username, displayName: u.displayName, roles: u.roles as Role[], customerId: u.customerId, locale: u.locale };
}

export async function userId(env: TestEnv, username: string): Promise<string> {
  return (await env.database.query<{ id: string }>(`select id from users where username = '${username}'`)).rows[0].id;
}

export async function deviceId(env: TestEnv, serial: string): Promise<string> {
  const r = await env.database.query<{ id: string }>(`select id from devices where serial_number = '${serial}'`);
  if (!r.rows[0]) throw new Error(`no device ${serial}`);
  return r.rows[0].id;
}

export async function one<T = Record<string, unknown>>(env: TestEnv, sql: string): Promise<T> {
  return (await env.database.query<T>(sql)).rows[0] as T;
}

export async function count(env: TestEnv, sql: string): Promise<number> {
  return Number((await env.database.query<{ n: number }>(sql)).rows[0].n);
}

/** Notifications of a kind about one record, per recipient username. */
export async function notified(env: TestEnv, kind: string, refId: string): Promise<string[]> {
  const r = await env.database.query<{ username: string }>(
    `select u.username from notifications n join users u on u.id = n.user_id where n.kind = '${kind}' and n.ref_id = '${refId}' order by u.username`,
  );
  return r.rows.map((x) => x.username);
}

/** A real 1×1 PNG as a data URL, as the signature pad sends it. */
export const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** An instant given as Shanghai wall-clock time, e.g. at('2026-11-17 10:00'). */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
export const iso = (local: string) => at(local).toISOString();

/**
 * The company's date (Asia/Shanghai) `days` from now, as the server computes "today". A UTC date
 * from toISOString() is the day before from 16:00 to 24:00 UTC, and a check such as "not in the
 * past" then refuses it: stories that mean "today" use this.
 */
export const businessDate = (days = 0, now: Date = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now.getTime() + days * 86_400_000));
