// In-process caches for a registration's hot path (issue 17 item 1). A policy version is never
// edited (sla.admin.ts: a change is a new row; no code updates sla_policies), so a row read once
// by id stays true. Calendars are edited in place with their version bumped (putCalendar), so a
// calendar is cached under (id, version): the caller learns the current version from a
// statement it runs anyway, and an edit on any instance is seen at the next registration.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { AppError } from '../../lib/errors.ts';
import { loadCalendar } from './sla.service.ts';
import { slaPolicies } from './sla.tables.ts';

export type PolicyRow = typeof slaPolicies.$inferSelect;

/** Bounded so a long-running process with many edits cannot grow it without limit. */
const MAX_ENTRIES = 500;
const policies = new Map<string, PolicyRow>();
const calendars = new Map<string, BusinessCalendar>();

function remember<V>(map: Map<string, V>, key: string, value: V) {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
}

export async function policyById(ex: Executor, id: string): Promise<PolicyRow> {
  const hit = policies.get(id);
  if (hit) return hit;
  const [p] = await ex.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  if (!p) throw new AppError(500, 'internal');
  remember(policies, id, p);
  return p;
}

/** The calendar as of `version`; read again when an edit bumped it. */
export async function calendarAt(ex: Executor, id: string, version: number): Promise<BusinessCalendar> {
  const key = `${id}:${version}`;
  const hit = calendars.get(key);
  if (hit) return hit;
  const cal = await loadCalendar(ex, id);
  remember(calendars, key, cal);
  return cal;
}

/** For tests that edit rows underneath (raw SQL) and must not see stale entries. */
export function forgetSlaCache() {
  policies.clear();
  calendars.clear();
}
