// SLA administration use cases (R-SLA-1, R-SLA-2, R-SLA-4), behind sla.routes.ts: business
// calendars are edited in place (versioned, audited); policies are never edited, a change is a
// new version that applies to requests received from its effective instant on — clocks already
// running keep the targets they started with (policyInForce picks the version by time).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { Interval } from '../../lib/calendar.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import type { createPolicyBody, putCalendarBody } from './sla.dto.ts';
import { INSTALLATION_WORKING_DAYS, type SlaPolicyRules } from './sla.rules.ts';
import { businessCalendars, slaPolicies } from './sla.tables.ts';

// ---- calendars ---------------------------------------------------------------------------

const fromIntervals = (list: { start: string; end: string }[]): Interval[] =>
  [...list].sort((a, b) => (a.start < b.start ? -1 : 1)).map((i) => [i.start, i.end] as Interval);
const sortedUnique = (list: string[]) => [...new Set(list)].sort();

export async function listCalendars(ex: Executor) {
  return ex.select().from(businessCalendars).orderBy(desc(businessCalendars.isDefault), asc(businessCalendars.name));
}

export async function calendarById(ex: Executor, id: string) {
  const [c] = await ex.select().from(businessCalendars).where(eq(businessCalendars.id, id));
  if (!c) throw notFound();
  return c;
}

export async function putCalendar(db: Db, user: Principal, id: string, input: z.infer<typeof putCalendarBody>) {
  return db.transaction(async (tx) => {
    const current = await lockById(tx, businessCalendars, id);
    if (current.version !== input.version) throw versionConflict(current.version);
    return updateAudited(
      tx,
      actorOf(user),
      'business_calendar',
      businessCalendars,
      id,
      input.version,
      {
        name: input.name,
        timeZone: input.timeZone,
        weeklyHours: Object.fromEntries(Object.entries(input.weeklyHours).map(([d, list]) => [d, fromIntervals(list)])),
        useOfficialChina: input.useOfficialChina,
        holidays: sortedUnique(input.holidays),
        makeUpWorkdays: sortedUnique(input.makeUpWorkdays),
        makeUpHours: fromIntervals(input.makeUpHours),
      },
      current,
    );
  });
}

// ---- policies ----------------------------------------------------------------------------

/** Every version (or those of one name, or one by id), each with its calendar's name and whether it is in force now. */
export async function listPolicies(ex: Executor, name?: string, id?: string) {
  const rows = await ex
    .select({ p: slaPolicies, calendarName: businessCalendars.name })
    .from(slaPolicies)
    .innerJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
    .where(and(name ? eq(slaPolicies.name, name) : undefined, id ? eq(slaPolicies.id, id) : undefined))
    .orderBy(desc(slaPolicies.isDefault), asc(slaPolicies.name), desc(slaPolicies.versionNo));
  // The version in force now, per name: the highest version already effective (as policyInForce).
  const inForce = await ex.execute(sql`
    select distinct on (name) id from sla_policies where effective_from <= now() order by name, version_no desc`);
  const current = new Set((inForce.rows as { id: string }[]).map((r) => r.id));
  return rows.map(({ p, calendarName }) => ({ p, calendarName, inForce: current.has(p.id) }));
}

/** Effective instants this far in the past are taken as "now" (clock skew, a slow form). */
const PAST_TOLERANCE_MS = 60_000;

export async function createPolicyVersion(db: Db, user: Principal, input: z.infer<typeof createPolicyBody>, now = new Date()): Promise<string> {
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  if (effectiveFrom.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    // Requests already received keep the version they were registered under.
    throw new AppError(422, 'effective_in_past', {}, [{ field: 'effectiveFrom', code: 'not_in_past' }]);
  }
  return db.transaction(async (tx) => {
    // One writer per policy name at a time, so the version check below is the truth.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sla_policy:${input.name}`}))`);
    const [latest] = await tx.select().from(slaPolicies).where(eq(slaPolicies.name, input.name)).orderBy(desc(slaPolicies.versionNo)).limit(1);
    const latestNo = latest?.versionNo ?? 0;
    if (input.basedOnVersion !== latestNo) throw versionConflict(latestNo);
    if (latest && effectiveFrom.getTime() < latest.effectiveFrom.getTime()) {
      throw new AppError(422, 'effective_before_previous', { previous: latest.effectiveFrom.toISOString() }, [{ field: 'effectiveFrom', code: 'invalid' }]);
    }
    let calendarId = input.calendarId ?? latest?.calendarId;
    if (!calendarId) {
      const [d] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
      calendarId = d?.id;
    }
    const [cal] = calendarId ? await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, calendarId)) : [];
    if (!cal) throw new AppError(422, 'invalid_reference', { field: 'calendarId' }, [{ field: 'calendarId', code: 'not_found' }]);
    const rules: SlaPolicyRules = {
      warnAt: input.warningPercent / 100,
      respond: input.respond,
      arrive: input.arrive,
      restore: input.restore,
      loanerAfterArrivalMinutes: input.loanerAfterArrivalMinutes,
      loanerWithinMinutesOfRequest: input.loanerWithinMinutesOfRequest,
      installationWorkingDays: input.installationWorkingDays ?? latest?.rules.installationWorkingDays ?? INSTALLATION_WORKING_DAYS,
    };
    const [row] = await tx
      .insert(slaPolicies)
      .values({
        name: input.name,
        versionNo: latestNo + 1,
        rules,
        calendarId: cal.id,
        effectiveFrom,
        // The default policy stays the default across its versions (policyInForce's fallback).
        isDefault: latest?.isDefault ?? false,
        createdBy: user.displayName,
      })
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'sla_policy', entityId: row.id, action: 'create', before: latest ?? null, after: row });
    return row.id;
  });
}
