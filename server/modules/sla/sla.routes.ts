// SLA administration (R-SLA-1, R-SLA-2, R-SLA-4): business calendars are edited in place
// (versioned, audited); policies are never edited, a change is a new version that applies to
// requests received from its effective instant on — clocks already running keep the targets
// they started with (ARCHITECTURE principle 6; policyInForce picks the version by time).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { chinaScheduleKnownUntil } from '../../lib/calendar.cn.ts';
import type { Interval } from '../../lib/calendar.ts';
import { idParams } from '../../lib/dto.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { calendarDto, calendarListDto, createPolicyBody, policyDto, policyListDto, policyListQuery, putCalendarBody } from './sla.dto.ts';
import { slaAdminPolicy } from './sla.policy.ts';
import type { SlaPolicyRules } from './sla.rules.ts';
import { businessCalendars, slaPolicies } from './sla.tables.ts';

registerConstraintFields({
  business_calendars_name_uq: 'name',
  sla_policies_name_version_uq: 'name',
  sla_policies_calendar_id_business_calendars_id_fk: 'calendarId',
});

export function slaRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['sla'];

  app.get('/sla/calendars', { schema: { tags, summary: 'Business calendars (R-SLA-1)', response: { 200: calendarListDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    const rows = await db.select().from(businessCalendars).orderBy(desc(businessCalendars.isDefault), asc(businessCalendars.name));
    return { items: rows.map(calendarView) };
  });

  app.get('/sla/calendars/:id', { schema: { tags, params: idParams, response: { 200: calendarDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    return calendarView(await calendarById(db, req.params.id));
  });

  app.put(
    '/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Replace a calendar: weekly hours, time zone, holidays and make-up days (send the version read)',
        params: idParams,
        body: putCalendarBody,
        response: { 200: calendarDto },
      },
    },
    async (req) => {
      const user = authorize(req, slaAdminPolicy, 'edit');
      return calendarView(await putCalendar(db, user, req.params.id, req.body));
    },
  );

  app.get(
    '/sla/policies',
    { schema: { tags, summary: 'SLA policies, every version (R-SLA-2)', querystring: policyListQuery, response: { 200: policyListDto } } },
    async (req) => {
      authorize(req, slaAdminPolicy, 'read');
      return { items: await listPolicies(db, req.query.name) };
    },
  );

  app.get('/sla/policies/:id', { schema: { tags, summary: 'One version of a policy', params: idParams, response: { 200: policyDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    const [p] = await listPolicies(db, undefined, req.params.id);
    if (!p) throw notFound();
    return p;
  });

  app.post(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'A new version of a named policy; it applies to requests received from effectiveFrom on',
        body: createPolicyBody,
        response: { 201: policyDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, slaAdminPolicy, 'edit');
      const id = await createPolicyVersion(db, user, req.body);
      const [p] = await listPolicies(db, undefined, id);
      return reply.status(201).send(p);
    },
  );
}

// ---- calendars ---------------------------------------------------------------------------

type CalendarRow = typeof businessCalendars.$inferSelect;
const toIntervals = (list: Interval[] | undefined) => (list ?? []).map(([start, end]) => ({ start, end }));
const fromIntervals = (list: { start: string; end: string }[]): Interval[] =>
  [...list].sort((a, b) => (a.start < b.start ? -1 : 1)).map((i) => [i.start, i.end] as Interval);
const sortedUnique = (list: string[]) => [...new Set(list)].sort();

function calendarView(c: CalendarRow): z.infer<typeof calendarDto> {
  const weekly = c.weeklyHours as Record<string, Interval[]>;
  return {
    id: c.id,
    version: c.version,
    name: c.name,
    timeZone: c.timeZone,
    weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, toIntervals(weekly[d])])),
    useOfficialChina: c.useOfficialChina,
    holidays: c.holidays,
    makeUpWorkdays: c.makeUpWorkdays,
    makeUpHours: toIntervals(c.makeUpHours),
    isDefault: c.isDefault,
    officialScheduleKnownUntil: chinaScheduleKnownUntil,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function calendarById(ex: Executor, id: string) {
  const [c] = await ex.select().from(businessCalendars).where(eq(businessCalendars.id, id));
  if (!c) throw notFound();
  return c;
}

async function putCalendar(db: Db, user: Principal, id: string, input: z.infer<typeof putCalendarBody>) {
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

type PolicyRow = typeof slaPolicies.$inferSelect;

async function listPolicies(ex: Executor, name?: string, id?: string): Promise<z.infer<typeof policyDto>[]> {
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
  return rows.map(({ p, calendarName }) => policyView(p, calendarName, current.has(p.id)));
}

function policyView(p: PolicyRow, calendarName: string, inForce: boolean): z.infer<typeof policyDto> {
  const r = p.rules;
  return {
    id: p.id,
    name: p.name,
    versionNo: p.versionNo,
    effectiveFrom: p.effectiveFrom.toISOString(),
    inForce,
    isDefault: p.isDefault,
    calendarId: p.calendarId,
    calendarName,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    respond: r.respond,
    arrive: r.arrive,
    restore: r.restore,
    warningPercent: Math.round(r.warnAt * 100),
    loanerAfterArrivalMinutes: r.loanerAfterArrivalMinutes,
    loanerWithinMinutesOfRequest: r.loanerWithinMinutesOfRequest,
  };
}

/** Effective instants this far in the past are taken as "now" (clock skew, a slow form). */
const PAST_TOLERANCE_MS = 60_000;

async function createPolicyVersion(db: Db, user: Principal, input: z.infer<typeof createPolicyBody>, now = new Date()): Promise<string> {
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
