// Quarterly visit plans kept (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行;
// seed 003 §6). Built from the follow-up machinery: the standing cadences are the devices'
// follow-up plans (warranty_period / post_warranty, their stored rules) or, for a device the sweep
// has not planned yet, the same defaults; a line is done by a follow-up (回访) of the customer
// answered in its month by the line's method. Key accounts (重点客户) add their own frequency.
import { aliasedTable, and, asc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { customers, devices, followupPlans, followups, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { deleteAudited, insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { recordExtraVisit } from '../followups/index.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import {
  type Cadence,
  frequencyProblems,
  type LineState,
  lineStates,
  monthOf,
  type Quarter,
  quarterMonths,
  quarterOf,
  quarterPlan,
  quarterSpan,
  type RecordedVisit,
  regeneration,
  type VisitKind,
  type VisitPeriod,
} from './visitplans.rules.ts';
import { keyAccounts, visitPlanLines, visitPlans } from './visitplans.tables.ts';

// The followups defaults (DEFAULT_RULES warranty_period / post_warranty, seed 003 §6) for a device
// whose standing plan the sweep has not made yet; a stored plan's own rules win.
const WARRANTY_DEFAULT = { onsiteEveryMonths: 3, phoneEveryMonths: 1 };
const AFTER_DEFAULT = { onsiteEveryMonths: 6, phoneEveryMonths: 1 };

// ---- key accounts -------------------------------------------------------------------------

export async function keyAccountOf(ex: Executor, customerId: string) {
  const [row] = await ex.select().from(keyAccounts).where(eq(keyAccounts.customerId, customerId));
  return row ?? null;
}

export interface KeyAccountInput {
  keyAccount: boolean;
  period?: VisitPeriod;
  visits?: number;
  method?: VisitKind;
  note?: string | null;
  /** The version read, when the customer is a key account already. */
  version?: number;
}

/** Flags (or unflags) a customer as key account with its own frequency; audited. */
export async function setKeyAccount(db: Db, actor: Actor, customerId: string, input: KeyAccountInput) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
    if (!c) throw notFound();
    const cur = await keyAccountOf(tx, customerId);
    if (!input.keyAccount) {
      if (cur) await deleteAudited(tx, actor, 'key_account', keyAccounts, cur.id, input.version ?? cur.version);
      return null;
    }
    if (!input.period) throw invalidField('period', 'required');
    if (!input.method) throw invalidField('method', 'required');
    if (input.visits === undefined) throw invalidField('visits', 'required');
    const f = { period: input.period, visits: input.visits, method: input.method };
    const [problem] = frequencyProblems(f);
    if (problem) throw problem.code === 'too_small' ? invalidField('visits', 'too_small', { minimum: 1 }) : invalidField('visits', 'too_big', { maximum: 10 });
    if (!cur) return insertAudited(tx, actor, 'key_account', keyAccounts, { customerId, ...f, note: input.note ?? null });
    if (input.version === undefined) throw invalidField('version', 'required');
    return updateAudited(tx, actor, 'key_account', keyAccounts, cur.id, input.version, { ...f, note: input.note ?? null });
  });
}

// ---- generation ---------------------------------------------------------------------------

/** The standing cadences of a customer's devices in service (R-FU-1): the follow-up plans' rules, or the defaults. */
export async function cadencesOf(ex: Executor, customerId: string, timeZone: string): Promise<Cadence[]> {
  const devs = await ex
    .select({ id: devices.id, acceptanceDate: devices.acceptanceDate, warrantyEnd: devices.warrantyEnd })
    .from(devices)
    .where(and(eq(devices.customerId, customerId), ne(devices.status, 'retired'), isNotNull(devices.acceptanceDate), isNotNull(devices.warrantyEnd)));
  if (devs.length === 0) return [];
  const plans = await ex
    .select({
      deviceId: followupPlans.deviceId,
      serviceType: followupPlans.serviceType,
      rules: followupPlans.rules,
      completedAt: followupPlans.completedAt,
      endsAt: followupPlans.endsAt,
    })
    .from(followupPlans)
    .where(
      and(
        inArray(
          followupPlans.deviceId,
          devs.map((d) => d.id),
        ),
        inArray(followupPlans.serviceType, ['warranty_period', 'post_warranty']),
      ),
    );
  const at9 = (d: string) => DateTime.fromISO(d, { zone: timeZone }).set({ hour: 9 }).toJSDate();
  const out: Cadence[] = [];
  for (const d of devs) {
    const acc = d.acceptanceDate as string;
    const wEnd = d.warrantyEnd as string;
    const w = plans.find((p) => p.deviceId === d.id && p.serviceType === 'warranty_period');
    const a = plans.find((p) => p.deviceId === d.id && p.serviceType === 'post_warranty');
    // The warranty end may have moved since the plan was made: the device's is the truth.
    out.push({
      anchor: w?.completedAt ?? at9(acc),
      endsAt: DateTime.fromISO(wEnd, { zone: timeZone }).endOf('day').toJSDate(),
      onsiteEveryMonths: w ? w.rules.onsiteEveryMonths : WARRANTY_DEFAULT.onsiteEveryMonths,
      phoneEveryMonths: w ? w.rules.phoneEveryMonths : WARRANTY_DEFAULT.phoneEveryMonths,
    });
    out.push({
      anchor: a?.completedAt ?? at9(DateTime.fromISO(wEnd).plus({ days: 1 }).toISODate() as string),
      endsAt: null,
      onsiteEveryMonths: a ? a.rules.onsiteEveryMonths : AFTER_DEFAULT.onsiteEveryMonths,
      phoneEveryMonths: a ? a.rules.phoneEveryMonths : AFTER_DEFAULT.phoneEveryMonths,
    });
  }
  return out;
}

/** Follow-ups answered for these customers in the quarter, with the month (company zone) and method. */
export async function visitsOf(ex: Executor, customerIds: string[], q: Quarter, timeZone: string) {
  if (customerIds.length === 0) return [] as (RecordedVisit & { customerId: string })[];
  const { from, to } = quarterSpan(q, timeZone);
  const rows = await ex
    .select({ id: followups.id, customerId: followupPlans.customerId, method: followups.method, doneAt: followups.doneAt })
    .from(followups)
    .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
    .where(and(inArray(followupPlans.customerId, customerIds), isNotNull(followups.doneAt), gte(followups.doneAt, from), lt(followups.doneAt, to)));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    kind: r.method as VisitKind,
    doneAt: r.doneAt as Date,
    month: monthOf(r.doneAt as Date, timeZone),
  }));
}

export interface GenerateInput {
  customerId: string;
  year: number;
  quarter: number;
  assigneeId?: string | null;
}

async function vetAssignee(ex: Executor, id: string | null | undefined) {
  if (!id) return;
  const [u] = await ex.select({ active: users.active, roles: users.roles }).from(users).where(eq(users.id, id));
  if (!u?.active || u.roles.includes('customer_user')) throw invalidField('assigneeId', 'invalid_reference');
}

/**
 * Generates (or regenerates) a customer's plan for a quarter (issue 13 §4): one plan per customer
 * and quarter; lines from the cadences and the key account; lines already done are kept, lines no
 * longer wanted and not done are dropped; lines not done follow the plan's responsible person.
 */
export async function generatePlan(db: Db, actor: Actor, input: GenerateInput, timeZone: string, now = clockNow()) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
    if (!c) throw invalidField('customerId', 'invalid_reference');
    await vetAssignee(tx, input.assigneeId);
    const q = { year: input.year, quarter: input.quarter };
    const inserted = await tx
      .insert(visitPlans)
      .values({ customerId: input.customerId, year: q.year, quarter: q.quarter, assigneeId: input.assigneeId ?? null, generatedAt: now })
      .onConflictDoNothing()
      .returning();
    let plan = inserted[0];
    if (plan) await recordAudit(tx, { actor, entity: 'visit_plan', entityId: plan.id, action: 'create', after: plan });
    else {
      const [cur] = await tx
        .select()
        .from(visitPlans)
        .where(and(eq(visitPlans.customerId, input.customerId), eq(visitPlans.year, q.year), eq(visitPlans.quarter, q.quarter)))
        .for('update');
      plan = await updateAudited(tx, actor, 'visit_plan', visitPlans, cur.id, cur.version, {
        generatedAt: now,
        assigneeId: input.assigneeId === undefined ? cur.assigneeId : input.assigneeId,
      });
    }
    const ka = await keyAccountOf(tx, input.customerId);
    const next = quarterPlan(
      q,
      await cadencesOf(tx, input.customerId, timeZone),
      ka ? { period: ka.period, visits: ka.visits, method: ka.method } : null,
      timeZone,
    );
    const existing = await tx.select().from(visitPlanLines).where(eq(visitPlanLines.planId, plan.id));
    const states = lineStates(existing, await visitsOf(tx, [input.customerId], q, timeZone), monthOf(now, timeZone));
    const { target, drop } = regeneration(
      existing.map((l) => ({ month: l.month, kind: l.kind, seq: l.seq, done: states.get(l.id)?.state === 'done' })),
      next,
    );
    const slot = (l: { month: string; kind: string; seq: number }) => `${l.month}|${l.kind}|${l.seq}`;
    const dropKeys = new Set(drop.map(slot));
    for (const l of existing.filter((e) => dropKeys.has(slot(e)))) {
      await tx.delete(visitPlanLines).where(eq(visitPlanLines.id, l.id));
      await recordAudit(tx, { actor, entity: 'visit_plan_line', entityId: l.id, action: 'delete', before: l });
    }
    const bySlot = new Map(existing.map((e) => [slot(e), e]));
    for (const t of target) {
      const e = bySlot.get(slot(t));
      if (!e) {
        await insertAudited(tx, actor, 'visit_plan_line', visitPlanLines, { planId: plan.id, ...t, assigneeId: plan.assigneeId });
        continue;
      }
      const done = states.get(e.id)?.state === 'done';
      const patch: Partial<typeof visitPlanLines.$inferInsert> = {};
      if (e.source !== t.source && !done) patch.source = t.source;
      if (!done && e.assigneeId !== plan.assigneeId) patch.assigneeId = plan.assigneeId;
      if (Object.keys(patch).length) await updateAudited(tx, actor, 'visit_plan_line', visitPlanLines, e.id, e.version, patch, e);
    }
    return plan;
  });
}

/**
 * Plans a whole quarter: every customer with a device in service (accepted, with a warranty end)
 * or flagged key account. Existing plans are regenerated (done lines kept). Returns how many.
 */
export async function generateQuarter(db: Db, actor: Actor, q: Quarter, timeZone: string, now = clockNow()) {
  const rows = await db.execute<{ id: string }>(sql`
    select c.id from customers c
    where exists (select 1 from devices d where d.customer_id = c.id and d.status <> 'retired' and d.acceptance_date is not null and d.warranty_end is not null)
       or exists (select 1 from key_accounts k where k.customer_id = c.id)
    order by c.name, c.id`);
  let n = 0;
  for (const { id } of rows.rows) {
    await generatePlan(db, actor, { customerId: id, year: q.year, quarter: q.quarter }, timeZone, now);
    n++;
  }
  return n;
}

/** Changes the responsible person of a plan; the lines not done follow. */
export async function assignPlan(db: Db, actor: Actor, id: string, version: number, assigneeId: string | null, timeZone: string, now = clockNow()) {
  return db.transaction(async (tx) => {
    const plan = await lockById(tx, visitPlans, id);
    await vetAssignee(tx, assigneeId);
    const row = await updateAudited(tx, actor, 'visit_plan', visitPlans, id, version, { assigneeId }, plan);
    const lines = await tx.select().from(visitPlanLines).where(eq(visitPlanLines.planId, id));
    const states = lineStates(lines, await visitsOf(tx, [plan.customerId], plan, timeZone), monthOf(now, timeZone));
    for (const l of lines)
      if (states.get(l.id)?.state !== 'done' && l.assigneeId !== assigneeId)
        await updateAudited(tx, actor, 'visit_plan_line', visitPlanLines, l.id, l.version, { assigneeId }, l);
    return row;
  });
}

/**
 * Records the visit of a line not done, this month (issue 13 §4): a key account's extra visit has no
 * follow-up of its own in the cadence, so one is recorded on the customer's standing plan (the
 * followups module keeps it as a 回访 like any other) and the line counts it as done.
 */
export async function recordVisit(
  db: Db,
  user: Principal,
  lineId: string,
  input: { record: string; contactName?: string | null; remarks?: string | null },
  timeZone: string,
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const line = await lockById(tx, visitPlanLines, lineId);
    const [plan] = await tx.select().from(visitPlans).where(eq(visitPlans.id, line.planId));
    const month = monthOf(now, timeZone);
    const lines = await tx.select().from(visitPlanLines).where(eq(visitPlanLines.planId, plan.id));
    const states = lineStates(lines, await visitsOf(tx, [plan.customerId], plan, timeZone), month);
    // Done by a follow-up, or recorded here already (the visit then counts for the first open line of its kind).
    const [had] = await tx
      .select({ id: followups.id })
      .from(followups)
      .where(eq(followups.key, `x-${line.id}`))
      .limit(1);
    if (states.get(line.id)?.state === 'done' || had) throw new AppError(409, 'visit_line_done');
    if (line.month !== month) throw new AppError(422, 'visit_not_this_month', { month: line.month });
    const id = await recordExtraVisit(tx, user, { customerId: plan.customerId, method: line.kind, key: `x-${line.id}`, ...input }, now);
    if (!id) throw new AppError(422, 'visit_no_standing_plan');
    return plan.id;
  });
}

// ---- reads --------------------------------------------------------------------------------

const lineAssignee = aliasedTable(users, 'line_assignee');
const planAssignee = aliasedTable(users, 'plan_assignee');

export interface LineView {
  id: string;
  month: string;
  kind: VisitKind;
  seq: number;
  source: 'standing' | 'key_account';
  assigneeId: string | null;
  assigneeName: string | null;
  state: LineState;
  followupId: string | null;
  doneAt: Date | null;
  missedNotifiedAt: Date | null;
}

export interface PlanView {
  id: string;
  version: number;
  customerId: string;
  customerCode: string;
  customerName: string;
  year: number;
  quarter: number;
  assigneeId: string | null;
  assigneeName: string | null;
  keyAccount: { period: VisitPeriod; visits: number; method: VisitKind } | null;
  generatedAt: Date;
  lines: LineView[];
}

export interface QuarterFilter {
  customerId?: string;
  assigneeId?: string;
  keyAccount?: boolean;
  state?: LineState;
  q?: string;
}

/** Every plan of a quarter with its lines and their states (a quarter is small: customers × a few lines). */
export async function quarterPlans(ex: Executor, q: Quarter, f: QuarterFilter, timeZone: string, now = clockNow()): Promise<PlanView[]> {
  const plans = await ex
    .select({
      p: visitPlans,
      customerCode: customers.code,
      customerName: customers.name,
      assigneeName: planAssignee.displayName,
      ka: { period: keyAccounts.period, visits: keyAccounts.visits, method: keyAccounts.method },
    })
    .from(visitPlans)
    .innerJoin(customers, eq(customers.id, visitPlans.customerId))
    .leftJoin(planAssignee, eq(planAssignee.id, visitPlans.assigneeId))
    .leftJoin(keyAccounts, eq(keyAccounts.customerId, visitPlans.customerId))
    .where(
      and(
        eq(visitPlans.year, q.year),
        eq(visitPlans.quarter, q.quarter),
        f.customerId ? eq(visitPlans.customerId, f.customerId) : undefined,
        f.keyAccount === true ? isNotNull(keyAccounts.id) : f.keyAccount === false ? isNull(keyAccounts.id) : undefined,
        f.q ? sql`(${customers.name} ilike ${`%${f.q}%`} or ${customers.code} ilike ${`%${f.q}%`})` : undefined,
      ),
    )
    .orderBy(asc(customers.name), asc(visitPlans.id));
  if (plans.length === 0) return [];
  const lines = await ex
    .select({ l: visitPlanLines, assigneeName: lineAssignee.displayName })
    .from(visitPlanLines)
    .leftJoin(lineAssignee, eq(lineAssignee.id, visitPlanLines.assigneeId))
    .where(
      inArray(
        visitPlanLines.planId,
        plans.map((p) => p.p.id),
      ),
    )
    .orderBy(asc(visitPlanLines.month), asc(visitPlanLines.kind), asc(visitPlanLines.seq));
  const visits = await visitsOf(
    ex,
    plans.map((p) => p.p.customerId),
    q,
    timeZone,
  );
  const current = monthOf(now, timeZone);
  const out: PlanView[] = [];
  for (const p of plans) {
    const own = lines.filter((l) => l.l.planId === p.p.id);
    const states = lineStates(
      own.map((l) => l.l),
      visits.filter((v) => v.customerId === p.p.customerId),
      current,
    );
    const views: LineView[] = own.map(({ l, assigneeName }) => {
      const s = states.get(l.id) ?? { state: 'planned' as const, visitId: null, doneAt: null };
      return {
        id: l.id,
        month: l.month,
        kind: l.kind,
        seq: l.seq,
        source: l.source,
        assigneeId: l.assigneeId,
        assigneeName,
        state: s.state,
        followupId: s.visitId,
        doneAt: s.doneAt,
        missedNotifiedAt: l.missedNotifiedAt,
      };
    });
    if (f.assigneeId && p.p.assigneeId !== f.assigneeId && !views.some((v) => v.assigneeId === f.assigneeId)) continue;
    if (f.state && !views.some((v) => v.state === f.state)) continue;
    out.push({
      id: p.p.id,
      version: p.p.version,
      customerId: p.p.customerId,
      customerCode: p.customerCode,
      customerName: p.customerName,
      year: p.p.year,
      quarter: p.p.quarter,
      assigneeId: p.p.assigneeId,
      assigneeName: p.assigneeName,
      keyAccount: p.ka?.period ? (p.ka as PlanView['keyAccount']) : null,
      generatedAt: p.p.generatedAt,
      lines: views,
    });
  }
  return out;
}

export async function planById(ex: Executor, id: string, timeZone: string, now = clockNow()) {
  const [p] = await ex
    .select({ customerId: visitPlans.customerId, year: visitPlans.year, quarter: visitPlans.quarter })
    .from(visitPlans)
    .where(eq(visitPlans.id, id));
  if (!p) throw notFound();
  const [view] = (await quarterPlans(ex, p, { customerId: p.customerId }, timeZone, now)).filter((v) => v.id === id);
  if (!view) throw notFound();
  return view;
}

export interface Cell {
  planned: number;
  done: number;
  missed: number;
  due: number;
}
const emptyCell = (): Cell => ({ planned: 0, done: 0, missed: 0, due: 0 });
const add = (c: Cell, s: LineState) => {
  c.planned++;
  if (s === 'done') c.done++;
  else if (s === 'missed') c.missed++;
  else if (s === 'due') c.due++;
};

/** Three cells (one per month) and the quarter's total, from a set of lines. */
export function cellsOf(q: Quarter, lines: Pick<LineView, 'month' | 'state'>[]) {
  const months = quarterMonths(q);
  const cells = months.map(() => emptyCell());
  const total = emptyCell();
  for (const l of lines) {
    const i = months.indexOf(l.month);
    if (i >= 0) add(cells[i], l.state);
    add(total, l.state);
  }
  return { months: cells, total };
}

/** Plan vs done per month and quarter (issue 13 §4), by customer or by responsible person. */
export async function planVsDone(ex: Executor, q: Quarter, by: 'customer' | 'person', timeZone: string, now = clockNow()) {
  const plans = await quarterPlans(ex, q, {}, timeZone, now);
  const groups = new Map<string, { id: string | null; name: string | null; lines: LineView[] }>();
  for (const p of plans)
    for (const l of p.lines) {
      const id = by === 'customer' ? p.customerId : l.assigneeId;
      const k = id ?? '-';
      const g = groups.get(k) ?? { id, name: by === 'customer' ? p.customerName : l.assigneeName, lines: [] };
      g.lines.push(l);
      groups.set(k, g);
    }
  const rows = [...groups.values()].map((g) => ({ id: g.id, name: g.name, ...cellsOf(q, g.lines) }));
  rows.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'zh-CN'));
  const all = cellsOf(
    q,
    plans.flatMap((p) => p.lines),
  );
  return { months: quarterMonths(q), rows, cells: all.months, total: all.total };
}

// ---- missed visits ------------------------------------------------------------------------

const kind = (k: 'visit_missed_onsite' | 'visit_missed_phone') => k as unknown as NotificationKind;

/**
 * Missed visits (issue 13 §4): a line whose month is over without its follow-up is told to the
 * responsible person's manager — the service managers — once: the conditional update claims the
 * line, so a repeated or concurrent run sends nothing more. Looks at this quarter and the last.
 */
export async function notifyMissed(db: Db, timeZone: string, now = clockNow()) {
  const cur = quarterOf(now, timeZone);
  const prev = cur.quarter === 1 ? { year: cur.year - 1, quarter: 4 } : { year: cur.year, quarter: cur.quarter - 1 };
  let sent = 0;
  for (const q of [prev, cur]) {
    const plans = await quarterPlans(db, q, { state: 'missed' }, timeZone, now);
    for (const p of plans)
      for (const l of p.lines) {
        if (l.state !== 'missed' || l.missedNotifiedAt) continue;
        const told = await db.transaction(async (tx) => {
          const claimed = await tx
            .update(visitPlanLines)
            .set({ missedNotifiedAt: now })
            .where(and(eq(visitPlanLines.id, l.id), isNull(visitPlanLines.missedNotifiedAt)))
            .returning({ id: visitPlanLines.id });
          if (!claimed.length) return false;
          const managers = await staffWithRoles(tx, ['service_manager']);
          await notify(
            tx,
            managers,
            kind(l.kind === 'onsite' ? 'visit_missed_onsite' : 'visit_missed_phone'),
            { customer: p.customerName, month: l.month, seq: l.seq, assignee: l.assigneeName ?? '—' },
            { entity: 'visit_plan', id: p.id },
          );
          return true;
        });
        if (told) sent++;
      }
  }
  return sent;
}
