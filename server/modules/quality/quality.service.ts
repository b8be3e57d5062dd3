// Quality tracking (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7 对第三类植入医疗器械、首营医疗器械、
// 质量不稳定的医疗器械，售后应进行质量跟踪。定期或不定期地对客户进行回访，了解使用情况，维修情况、出现质量情况及其原因).
//
// - Tracked models: class III or implantable (device_models), or flagged by quality newly launched
//   (until its tracking end) or unstable (model_quality_flags, audited) — quality.rules.ts trackingReasons.
// - Tracking visits: for every unit of a tracked model not retired, one line per period (every 3
//   months by default, per model configurable), created by the daily job; a line is done when a
//   visit was recorded on the unit in its period: a done follow-up (回访, phone or on site) of the
//   unit, or a work order of any kind on the unit with an on-site arrival (arrived_at) in the period.
// - Trend (last 12 months, company time zone), one set-based query per metric:
//   faults = service requests (报修; every request opens a repair, R-REQ-1) not cancelled, by the
//   month received; units in service in a month = units not retired whose service start
//   (acceptance date, else install date, else the record's creation) is before the month's end
//   (a retired unit has no retirement date, so it is left out of every month);
//   repeats = requests received ≤ 30 days after the unit's previous request;
//   MTBF = Σ operating days (service start → today, units not retired) / failures since those starts.
// - Rate-jump alert: the daily job evaluates the current month (month to date) against the six
//   months before (quality.rules.ts rateJump); a jump inserts the (model, month) alert row and
//   notifies quality and admins exactly once (the unique row is the claim).
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { deviceModels, devices } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import {
  addMonths,
  defaultNewUntil,
  faultRate,
  jumpRuleOf,
  lastMonths,
  type MonthPoint,
  mtbfDays,
  newLaunchProblems,
  periodOf,
  type QualityNumbers,
  qualitySettingsProblems,
  rateJump,
  type TrackingLineState,
  type TrackingReason,
  trackingLineState,
  trackingReasons,
} from './quality.rules.ts';
import { modelQualityFlags, qualityAlerts, qualitySettings, qualityVisitLines } from './quality.tables.ts';

export type ModelFlags = typeof modelQualityFlags.$inferSelect;
export type QualitySettings = typeof qualitySettings.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const kind = (k: 'quality_rate_jump') => k as unknown as NotificationKind;

/** Today (YYYY-MM-DD) and this month (YYYY-MM) in the company's zone. */
export function todayOf(now: Date, timeZone: string): { today: string; month: string } {
  const d = DateTime.fromJSDate(now, { zone: timeZone });
  return { today: d.toISODate() as string, month: d.toFormat('yyyy-MM') };
}
/** The instant a company-local month starts. */
const monthStart = (month: string, timeZone: string) => DateTime.fromISO(`${month}-01`, { zone: timeZone }).toJSDate();

const rows = async <T>(ex: Executor, q: SQL): Promise<T[]> => {
  const r = (await ex.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
};

// ---- settings (R-REG-6: the numbers are quality's to set) ---------------------------------------

export async function qualitySettingsOf(ex: Executor): Promise<QualitySettings> {
  const [s] = await ex.select().from(qualitySettings).limit(1);
  if (!s) throw new Error('quality_settings row missing (migration 0072)');
  return s;
}

/**
 * Quality/executive change the numbers (R-REG-6): ranges are the DTO's, the trailing months must
 * fit in the trend (422 on jumpTrailingMonths); version-checked and audited. The trend, the
 * tracking lines and both jobs read the row, so the next read and the next run follow it.
 */
export async function updateQualitySettings(db: Db, user: Principal, input: QualityNumbers & { version: number }): Promise<QualitySettings> {
  return db.transaction(async (tx) => {
    const s = await qualitySettingsOf(tx);
    const locked = await lockById(tx, qualitySettings, s.id);
    if (locked.version !== input.version) throw versionConflict(locked.version);
    const { version: _v, ...values } = input;
    const problems = qualitySettingsProblems(values);
    if (problems.length) throw new AppError(422, 'quality_settings_trailing_too_long', {}, problems);
    return updateAudited(tx, actorOf(user), 'quality_settings', qualitySettings, locked.id, locked.version, values, locked);
  });
}

// ---- models and flags --------------------------------------------------------------------------

export interface ModelRow {
  id: string;
  code: string;
  name: string;
  regulatoryClass: 'I' | 'II' | 'III';
  implantable: boolean;
  flags: ModelFlags | null;
  reasons: TrackingReason[];
}

export async function modelsWithFlags(ex: Executor, today: string, modelId?: string): Promise<ModelRow[]> {
  const list = await ex
    .select({ m: deviceModels, f: modelQualityFlags })
    .from(deviceModels)
    .leftJoin(modelQualityFlags, eq(modelQualityFlags.modelId, deviceModels.id))
    .where(modelId ? eq(deviceModels.id, modelId) : undefined)
    .orderBy(asc(deviceModels.code));
  return list.map(({ m, f }) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    regulatoryClass: m.regulatoryClass,
    implantable: m.implantable,
    flags: f,
    reasons: trackingReasons(m, f ? { launchDate: f.launchDate, newUntil: f.newUntil, unstable: f.unstable } : null, today),
  }));
}

export type FlagChange =
  | { kind: 'new_launch'; launchDate: string | null; trackUntil?: string | null }
  | { kind: 'unstable'; unstable: boolean; reason: string }
  | { kind: 'interval'; visitEveryMonths: number };

/**
 * Quality sets a model's flags (R-REG-6). `version` is the flags' version the client read, 0 when
 * the model had none yet (a concurrent first flag is then a 409 too). Audited.
 */
export async function changeFlags(db: Db, user: Principal, modelId: string, version: number, change: FlagChange): Promise<ModelFlags> {
  return db.transaction(async (tx) => {
    await lockById(tx, deviceModels, modelId);
    const [cur] = await tx.select().from(modelQualityFlags).where(eq(modelQualityFlags.modelId, modelId)).for('update');
    if ((cur?.version ?? 0) !== version) throw versionConflict(cur?.version ?? 0);
    const now = clockNow();
    let patch: Partial<typeof modelQualityFlags.$inferInsert>;
    if (change.kind === 'new_launch') {
      if (change.launchDate === null) patch = { launchDate: null, newUntil: null };
      else {
        const until = change.trackUntil ?? defaultNewUntil(change.launchDate, (await qualitySettingsOf(tx)).newLaunchYears);
        const problems = newLaunchProblems(change.launchDate, until);
        if (problems.length) throw new AppError(422, 'quality_until_before_launch', {}, [{ field: 'trackUntil', code: 'invalid' }]);
        patch = { launchDate: change.launchDate, newUntil: until };
      }
    } else if (change.kind === 'unstable') {
      if (change.unstable) {
        if (cur?.unstable) throw new AppError(409, 'quality_already_unstable');
        patch = {
          unstable: true,
          unstableReason: change.reason,
          unstableSince: now,
          unstableById: user.id,
          unstableByName: user.displayName,
          clearedAt: null,
          clearedByName: null,
          clearedReason: null,
        };
      } else {
        if (!cur?.unstable) throw new AppError(409, 'quality_not_unstable');
        patch = { unstable: false, clearedAt: now, clearedByName: user.displayName, clearedReason: change.reason };
      }
    } else patch = { visitEveryMonths: change.visitEveryMonths };
    const actor = actorOf(user);
    if (!cur) return insertAudited(tx, actor, 'model_quality_flags', modelQualityFlags, { modelId, ...patch });
    return updateAudited(tx, actor, 'model_quality_flags', modelQualityFlags, cur.id, cur.version, patch, cur);
  });
}

// ---- trend -------------------------------------------------------------------------------------

export interface TrendMonth extends MonthPoint {
  rate: number | null;
  repeats: number;
}
export interface ModelTrend {
  months: TrendMonth[];
  units: number;
  faults: number;
  repeats: number;
  operatingDays: number;
  failures: number;
  mtbfDays: number | null;
  alert: { month: string; rate: number; baseline: number; faults: number; units: number } | null;
}

const SERVICE_START = sql`coalesce(d.acceptance_date, d.install_date, (d.created_at at time zone 'UTC')::date)`;

/**
 * The last `trendMonths` months of each model (or the given ones), ending with the current month:
 * one query for the units in service per month, one for faults and repeats, one for MTBF, one for
 * the recent alerts.
 */
export async function trends(ex: Executor, timeZone: string, now: Date, modelIds?: string[], settings?: QualityNumbers): Promise<Map<string, ModelTrend>> {
  const { today, month } = todayOf(now, timeZone);
  const s = settings ?? (await qualitySettingsOf(ex));
  const months = lastMonths(month, s.trendMonths);
  const from = monthStart(months[0], timeZone);
  const to = monthStart(addMonths(month, 1), timeZone);
  const only = (col: SQL) =>
    modelIds
      ? modelIds.length
        ? sql`and ${col} in (${sql.join(
            modelIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`and false`
      : sql``;
  const units = await rows<{ model_id: string; month: string; units: number }>(
    ex,
    sql`select d.model_id, to_char(m.start, 'YYYY-MM') as month, count(*)::int as units
          from generate_series(${`${months[0]}-01`}::date, ${`${month}-01`}::date, interval '1 month') as m(start)
          join devices d on ${SERVICE_START} < (m.start + interval '1 month')::date and d.status <> 'retired' ${only(sql`d.model_id`)}
         group by 1, 2`,
  );
  const faults = await rows<{ model_id: string; month: string; faults: number; repeats: number }>(
    ex,
    sql`with r as (
          select d.model_id, r.received_at,
                 r.received_at - lag(r.received_at) over (partition by r.device_id order by r.received_at, r.id) as gap
            from service_requests r join devices d on d.id = r.device_id
           where r.status <> 'cancelled' and r.received_at >= ${from.toISOString()}::timestamptz - make_interval(days => ${s.repeatWindowDays})
             and r.received_at < ${to.toISOString()}::timestamptz ${only(sql`d.model_id`)})
        select model_id, to_char(received_at at time zone ${timeZone}, 'YYYY-MM') as month, count(*)::int as faults,
               (count(*) filter (where gap <= make_interval(days => ${s.repeatWindowDays})))::int as repeats
          from r where received_at >= ${from.toISOString()}::timestamptz group by 1, 2`,
  );
  const mtbf = await rows<{ model_id: string; days: number; failures: number }>(
    ex,
    sql`select d.model_id, sum(greatest(${today}::date - s.start, 0))::int as days, sum(f.n)::int as failures
          from devices d
          cross join lateral (select ${SERVICE_START} as start) s
          cross join lateral (select count(*)::int as n from service_requests r
                               where r.device_id = d.id and r.status <> 'cancelled' and (r.received_at at time zone ${timeZone})::date >= s.start) f
         where d.status <> 'retired' ${only(sql`d.model_id`)}
         group by 1`,
  );
  const alerts = await ex
    .select()
    .from(qualityAlerts)
    .where(
      and(
        inArray(qualityAlerts.month, [addMonths(month, -1), month]),
        modelIds ? inArray(qualityAlerts.modelId, modelIds.length ? modelIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
      ),
    );

  const out = new Map<string, ModelTrend>();
  const get = (id: string) => {
    let t = out.get(id);
    if (!t) {
      t = {
        months: months.map((m) => ({ month: m, faults: 0, units: 0, rate: null, repeats: 0 })),
        units: 0,
        faults: 0,
        repeats: 0,
        operatingDays: 0,
        failures: 0,
        mtbfDays: null,
        alert: null,
      };
      out.set(id, t);
    }
    return t;
  };
  const idx = new Map(months.map((m, i) => [m, i]));
  for (const u of units) get(u.model_id).months[idx.get(u.month) as number].units = Number(u.units);
  for (const f of faults) {
    const i = idx.get(f.month);
    if (i === undefined) continue;
    const p = get(f.model_id).months[i];
    p.faults = Number(f.faults);
    p.repeats = Number(f.repeats);
  }
  for (const m of mtbf) {
    const t = get(m.model_id);
    t.operatingDays = Number(m.days);
    t.failures = Number(m.failures);
    t.mtbfDays = mtbfDays(t.operatingDays, t.failures);
  }
  for (const t of out.values()) {
    for (const p of t.months) p.rate = faultRate(p.faults, p.units);
    t.units = t.months[t.months.length - 1].units;
    t.faults = t.months.reduce((a, p) => a + p.faults, 0);
    t.repeats = t.months.reduce((a, p) => a + p.repeats, 0);
  }
  for (const a of alerts.sort((x, y) => x.month.localeCompare(y.month)))
    get(a.modelId).alert = { month: a.month, rate: Number(a.rate), baseline: Number(a.baseline), faults: a.faults, units: a.units };
  return out;
}

export const emptyTrend = (timeZone: string, now: Date, trendMonths: number): ModelTrend => ({
  months: lastMonths(todayOf(now, timeZone).month, trendMonths).map((m) => ({ month: m, faults: 0, units: 0, rate: null, repeats: 0 })),
  units: 0,
  faults: 0,
  repeats: 0,
  operatingDays: 0,
  failures: 0,
  mtbfDays: null,
  alert: null,
});

// ---- the daily jobs ----------------------------------------------------------------------------

/**
 * Creates the current period's tracking-visit line for every unit (not retired) of every tracked
 * model, once: the unique (device, period) index makes a second run add nothing. Returns the
 * number of lines created.
 */
export async function generateTrackingLines(db: Db, timeZone: string, now = clockNow()): Promise<number> {
  const { today, month } = todayOf(now, timeZone);
  const tracked = (await modelsWithFlags(db, today)).filter((m) => m.reasons.length > 0);
  const every = (await qualitySettingsOf(db)).visitEveryMonths;
  const byPeriod = new Map<string, { start: string; due: string; models: string[] }>();
  for (const m of tracked) {
    const p = periodOf(month, m.flags?.visitEveryMonths ?? every);
    const k = `${p.start}|${p.due}`;
    byPeriod.set(k, { ...p, models: [...(byPeriod.get(k)?.models ?? []), m.id] });
  }
  let created = 0;
  for (const p of byPeriod.values()) {
    created += await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(qualityVisitLines)
        .select(
          tx
            .select({
              id: sql<string>`gen_random_uuid()`.as('id'),
              version: sql<number>`1`.as('version'),
              createdAt: sql<Date>`${now.toISOString()}::timestamptz`.as('created_at'),
              updatedAt: sql<Date>`${now.toISOString()}::timestamptz`.as('updated_at'),
              deviceId: devices.id,
              modelId: devices.modelId,
              customerId: devices.customerId,
              periodStart: sql<string>`${p.start}`.as('period_start'),
              dueMonth: sql<string>`${p.due}`.as('due_month'),
            })
            .from(devices)
            .where(and(inArray(devices.modelId, p.models), sql`${devices.status} <> 'retired'`)),
        )
        .onConflictDoNothing()
        .returning();
      for (const l of inserted) await recordAudit(tx, { actor: systemActor, entity: 'quality_visit_line', entityId: l.id, action: 'create', after: l });
      return inserted.length;
    });
  }
  return created;
}

/**
 * The rate-jump check (R-REG-6): for each tracked model whose current month jumps, insert the
 * (model, month) alert and tell quality and the admins — once: a second run finds the row and
 * sends nothing. Returns the number of alerts raised.
 */
export async function checkRateJumps(db: Db, timeZone: string, now = clockNow()): Promise<number> {
  const { today, month } = todayOf(now, timeZone);
  const tracked = (await modelsWithFlags(db, today)).filter((m) => m.reasons.length > 0);
  if (!tracked.length) return 0;
  const settings = await qualitySettingsOf(db);
  const all = await trends(
    db,
    timeZone,
    now,
    tracked.map((m) => m.id),
    settings,
  );
  let raised = 0;
  for (const m of tracked) {
    const t = all.get(m.id);
    if (!t) continue;
    const j = rateJump(t.months, jumpRuleOf(settings));
    if (!j.jump || j.rate === null) continue;
    const last = t.months[t.months.length - 1];
    const told = await db.transaction(async (tx) => {
      const [alert] = await tx
        .insert(qualityAlerts)
        .values({
          modelId: m.id,
          month,
          faults: last.faults,
          units: last.units,
          rate: j.rate as number,
          baseline: j.baseline,
          notifiedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!alert) return false;
      await recordAudit(tx, { actor: systemActor, entity: 'quality_alert', entityId: alert.id, action: 'create', after: alert });
      await notify(
        tx,
        await staffWithRoles(tx, ['quality', 'admin']),
        kind('quality_rate_jump'),
        {
          model: m.name,
          month,
          rate: j.rate,
          baseline: j.baseline,
          faults: last.faults,
          factor: settings.jumpFactor,
          trailing: settings.jumpTrailingMonths,
        },
        { entity: 'quality_model', id: m.id },
      );
      return true;
    });
    if (told) raised++;
  }
  return raised;
}

// ---- tracking-visit lines ----------------------------------------------------------------------

export interface TrackingLine {
  id: string;
  deviceId: string;
  serialNumber: string;
  customerId: string;
  customerName: string;
  periodStart: string;
  dueMonth: string;
  state: TrackingLineState;
  visitedAt: Date | null;
}

/**
 * A model's tracking-visit lines of the last 12 months (and the current period), each with the
 * first visit recorded on the unit in its period and the state derived from it.
 */
export async function trackingLines(ex: Executor, timeZone: string, now: Date, modelId: string): Promise<TrackingLine[]> {
  const { month } = todayOf(now, timeZone);
  const since = addMonths(month, -(await qualitySettingsOf(ex)).trendMonths + 1);
  const list = await rows<{
    id: string;
    device_id: string;
    serial_number: string;
    customer_id: string;
    customer_name: string;
    period_start: string;
    due_month: string;
    visited_at: string | Date | null;
  }>(
    ex,
    sql`select l.id, l.device_id, d.serial_number, l.customer_id, c.name as customer_name, l.period_start, l.due_month,
               (select min(v.at) from (
                  select f.done_at as at from followups f join followup_plans p on p.id = f.plan_id
                   where p.device_id = l.device_id and f.status = 'done' and f.done_at is not null
                  union all
                  select w.arrived_at from work_orders w where w.device_id = l.device_id and w.arrived_at is not null and w.status <> 'cancelled'
                ) v where to_char(v.at at time zone ${timeZone}, 'YYYY-MM') between l.period_start and l.due_month) as visited_at
          from quality_visit_lines l
          join devices d on d.id = l.device_id
          join customers c on c.id = l.customer_id
         where l.model_id = ${modelId} and l.due_month >= ${since}
         order by l.period_start desc, c.name, d.serial_number`,
  );
  return list.map((l) => {
    const visitedAt = l.visited_at ? new Date(l.visited_at) : null;
    return {
      id: l.id,
      deviceId: l.device_id,
      serialNumber: l.serial_number,
      customerId: l.customer_id,
      customerName: l.customer_name,
      periodStart: l.period_start,
      dueMonth: l.due_month,
      visitedAt,
      state: trackingLineState({ start: l.period_start, due: l.due_month }, visitedAt !== null, month),
    };
  });
}

export async function modelOrNotFound(ex: Executor, today: string, id: string): Promise<ModelRow> {
  const [m] = await modelsWithFlags(ex, today, id);
  if (!m) throw notFound();
  return m;
}
