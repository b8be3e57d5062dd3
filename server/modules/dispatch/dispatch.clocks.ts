// The SLA clocks as the board and the at-risk list read them: each policy's business calendar
// (with a cached working-time counter), loaded once per call, and the running clocks per request.
import { eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { slaClocks, slaPolicies } from '../../db/schema.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { AppError } from '../../lib/errors.ts';
import { allOf } from '../../lib/records.ts';
import { loadCalendar } from '../sla/index.ts';
import { type MinutesBetween, timeCounter } from './dispatch.rules.ts';

/** Bounded so a process that sees many calendar edits cannot grow it without limit. */
const MAX_COUNTERS = 50;
const counters = new Map<string, MinutesBetween>();

/**
 * A working-time counter kept across calls, by the calendar's content: each date's working spans
 * follow from the calendar alone, so an edit (new content) gets a fresh counter and nothing goes
 * stale. Rebuilding the spans with luxon on every board was a few ms at 1M work orders (issue 17 item 4).
 */
function sharedCounter(cal: BusinessCalendar): MinutesBetween {
  const key = JSON.stringify([cal.timeZone, cal.weeklyHours, [...cal.holidays].sort(), [...cal.makeUpWorkdays].sort(), cal.makeUpHours]);
  let count = counters.get(key);
  if (!count) {
    if (counters.size >= MAX_COUNTERS) counters.clear();
    count = timeCounter(cal);
    counters.set(key, count);
  }
  return count;
}

/** Business calendar (and a shared working-time counter) of each SLA policy, loaded once per call. */
export function calendarsByPolicy(ex: Executor) {
  type Entry = { cal: BusinessCalendar; count: MinutesBetween };
  const policies = new Map<string, Promise<Entry>>();
  const byCalendar = new Map<string, Promise<Entry>>();
  return (policyId: string): Promise<Entry> => {
    let p = policies.get(policyId);
    if (!p) {
      p = (async () => {
        const [pol] = await ex.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, policyId));
        if (!pol) throw new AppError(500, 'internal');
        let c = byCalendar.get(pol.calendarId);
        if (!c) {
          c = loadCalendar(ex, pol.calendarId).then((cal) => ({ cal, count: sharedCounter(cal) }));
          byCalendar.set(pol.calendarId, c);
        }
        return c;
      })();
      policies.set(policyId, p);
    }
    return p;
  };
}

type ClockRow = typeof slaClocks.$inferSelect;
export async function runningClocks(ex: Executor, requestIds?: string[]): Promise<Map<string, ClockRow[]>> {
  if (requestIds && requestIds.length === 0) return new Map();
  const rows = await ex
    .select()
    .from(slaClocks)
    // The ids as one array parameter: the board passes thousands.
    .where(allOf(isNull(slaClocks.stoppedAt), requestIds ? sql`${slaClocks.requestId} = any(${sql.param(requestIds)}::uuid[])` : undefined));
  // By request from sla_clocks_running_request_idx (migration 0077), ordered here: the planner
  // walked every running clock in due order for an ORDER BY due_at (issue 17 item 4).
  rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const out = new Map<string, ClockRow[]>();
  for (const c of rows) out.set(c.requestId, [...(out.get(c.requestId) ?? []), c]);
  return out;
}
