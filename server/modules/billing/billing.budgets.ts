// Budgets and actual cost (费用预算 / 费用核算, seed 004 §9, issue 15 §4, R-FE-2): finance keeps a
// budget per year, category, department and project (department is free text until the units
// module lands) and the year's cost rates. Actual cost of the year:
// - work orders finished in the year (resolved, else signed, else closed; cancelled ones not):
//   labour minutes × the labour cost rate, booked to the category of the job's kind
//   (costCategoryOfKind); travel km × the travel cost rate, booked to 'travel'; parts typed by
//   hand (non-stock lines) at the catalogue's unit cost, booked to 'parts' — each to the
//   department/project of the work order's cost tag;
// - parts purchases received in the year (the parts ledger's receipts against a purchase
//   contract, qty × unit cost), booked to 'parts' with no department or project. Stock drawn onto
//   a work order is not counted again: it was counted when it was bought.
import { asc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { AppError, versionConflict } from '../../lib/errors.ts';
import { deleteAudited, insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { actorOf, cents, money } from './billing.invoices.ts';
import { costCategoryOfKind, labourCostCents, travelCostCents, variance } from './billing.rules.ts';
import { BUDGET_CATEGORIES, type BudgetCategory, budgetLines, budgetYears, costTags } from './billing.tables.ts';

export async function getBudget(ex: Executor, year: number) {
  const [y] = await ex.select().from(budgetYears).where(eq(budgetYears.year, year));
  const lines = await ex
    .select()
    .from(budgetLines)
    .where(eq(budgetLines.year, year))
    .orderBy(asc(budgetLines.department), asc(budgetLines.project), asc(budgetLines.category));
  return { year, version: y?.version ?? 0, labourCostPerHour: y?.labourCostPerHour ?? '0.00', travelCostPerKm: y?.travelCostPerKm ?? '0.00', lines };
}

export interface BudgetInput {
  version: number;
  labourCostPerHour: string;
  travelCostPerKm: string;
  lines: { category: BudgetCategory; department?: string | null; project?: string | null; amount: string }[];
}

const keyOf = (l: { category: string; department?: string | null; project?: string | null }) => `${l.category}|${l.department ?? ''}|${l.project ?? ''}`;

/** Saves the year's grid as a whole: the version the editor read must still be current (409 otherwise). */
export async function saveBudget(db: Db, user: Principal, year: number, input: BudgetInput) {
  const seen = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    const k = keyOf(l);
    if (seen.has(k)) throw new AppError(422, 'budget_line_duplicate', { line: i + 1 }, [{ field: `lines.${i}`, code: 'duplicate' }]);
    seen.add(k);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7172067, ${year})`);
    const actor = actorOf(user);
    const [y] = await tx.select().from(budgetYears).where(eq(budgetYears.year, year)).for('update');
    if ((y?.version ?? 0) !== input.version) throw versionConflict(y?.version ?? 0);
    const rates = { labourCostPerHour: input.labourCostPerHour, travelCostPerKm: input.travelCostPerKm };
    if (y) await updateAudited(tx, actor, 'budget_year', budgetYears, y.id, y.version, rates, y);
    else await insertAudited(tx, actor, 'budget_year', budgetYears, { year, ...rates });
    const existing = await tx.select().from(budgetLines).where(eq(budgetLines.year, year));
    const byKey = new Map(existing.map((l) => [keyOf(l), l]));
    for (const l of input.lines) {
      const old = byKey.get(keyOf(l));
      byKey.delete(keyOf(l));
      if (!old) {
        await insertAudited(tx, actor, 'budget_line', budgetLines, {
          year,
          category: l.category,
          department: l.department ?? '',
          project: l.project ?? '',
          amount: l.amount,
        });
      } else if (cents(old.amount) !== cents(l.amount)) {
        await updateAudited(tx, actor, 'budget_line', budgetLines, old.id, old.version, { amount: l.amount }, old);
      }
    }
    for (const gone of byKey.values()) await deleteAudited(tx, actor, 'budget_line', budgetLines, gone.id, gone.version);
    return getBudget(tx, year);
  });
}

/** Books a work order's cost to a department and project. */
export async function tagCost(db: Db, user: Principal, workOrderId: string, input: { department?: string | null; project?: string | null }) {
  return db.transaction(async (tx) => {
    await lockById(tx, workOrders, workOrderId);
    const values = { department: input.department ?? '', project: input.project ?? '' };
    const [old] = await tx.select().from(costTags).where(eq(costTags.workOrderId, workOrderId)).for('update');
    if (old) return updateAudited(tx, actorOf(user), 'cost_tag', costTags, old.id, old.version, values, old);
    return insertAudited(tx, actorOf(user), 'cost_tag', costTags, { workOrderId, ...values });
  });
}

interface Cell {
  category: BudgetCategory;
  department: string;
  project: string;
  budget: bigint;
  actual: bigint;
}

/** The year's actual cost, grouped by category, department and project, in cents. */
export async function actualCost(ex: Executor, year: number, timeZone: string) {
  const y = await getBudget(ex, year);
  const from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone }).toJSDate();
  const to = DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: timeZone }).toJSDate();
  const labourRate = cents(y.labourCostPerHour);
  const travelRate = cents(y.travelCostPerKm);
  const done = sql`coalesce(w.resolved_at, w.signed_at, w.closed_at)`;
  const work = await ex.execute(sql`
    select w.kind, coalesce(t.department, '') as department, coalesce(t.project, '') as project,
           sum(w.labour_minutes)::bigint::text as minutes,
           (sum(coalesce(w.travel_km, 0)) * 10)::bigint::text as km_tenths
      from work_orders w left join cost_tags t on t.work_order_id = w.id
     where w.cancelled_at is null and ${done} >= ${from.toISOString()}::timestamptz and ${done} < ${to.toISOString()}::timestamptz
     group by 1, 2, 3`);
  const parts = await ex.execute(sql`
    select coalesce(t.department, '') as department, coalesce(t.project, '') as project,
           coalesce(sum(round(p.quantity * c.unit_cost, 2)), 0)::text as cost
      from work_order_parts p
      join work_orders w on w.id = p.work_order_id
      join parts c on lower(c.code) = lower(p.part_no)
      left join cost_tags t on t.work_order_id = w.id
     where p.source = 'non_stock' and w.cancelled_at is null
       and ${done} >= ${from.toISOString()}::timestamptz and ${done} < ${to.toISOString()}::timestamptz
     group by 1, 2`);
  const [bought] = (
    await ex.execute(sql`
    select coalesce(sum(l.qty * coalesce(l.unit_cost, 0)), 0)::text as cost
      from parts_ledger l
     where l.kind = 'receipt' and l.purchase_contract_id is not null
       and l.at >= ${from.toISOString()}::timestamptz and l.at < ${to.toISOString()}::timestamptz`)
  ).rows as { cost: string }[];
  const out: { category: BudgetCategory; department: string; project: string; cents: bigint }[] = [];
  for (const r of work.rows as { kind: string; department: string; project: string; minutes: string; km_tenths: string }[]) {
    out.push({ category: costCategoryOfKind(r.kind), department: r.department, project: r.project, cents: labourCostCents(Number(r.minutes), labourRate) });
    out.push({ category: 'travel', department: r.department, project: r.project, cents: travelCostCents(BigInt(r.km_tenths), travelRate) });
  }
  for (const r of parts.rows as { department: string; project: string; cost: string }[])
    out.push({ category: 'parts', department: r.department, project: r.project, cents: cents(r.cost) });
  out.push({ category: 'parts', department: '', project: '', cents: cents(bought?.cost ?? '0') });
  return { budget: y, actual: out };
}

/** R-FE-2 budget vs actual: per cell (category × department × project) and totals by category, department and project. */
export async function budgetVsActual(ex: Executor, year: number, timeZone: string) {
  const { budget, actual } = await actualCost(ex, year, timeZone);
  const cells = new Map<string, Cell>();
  const cell = (category: BudgetCategory, department: string, project: string) => {
    const k = `${category}|${department}|${project}`;
    const c = cells.get(k) ?? { category, department, project, budget: 0n, actual: 0n };
    cells.set(k, c);
    return c;
  };
  for (const l of budget.lines) cell(l.category, l.department, l.project).budget += cents(l.amount);
  for (const a of actual) if (a.cents !== 0n) cell(a.category, a.department, a.project).actual += a.cents;
  const present = (label: { category?: BudgetCategory; department?: string; project?: string }, budgetCents: bigint, actualCents: bigint) => {
    const v = variance({ budgetCents, actualCents });
    return {
      ...label,
      budget: money(budgetCents),
      actual: money(actualCents),
      variance: money(v.varianceCents),
      usedPercent: v.usedPercent,
      overrun: v.overrun,
    };
  };
  const rollup = <K extends 'category' | 'department' | 'project'>(key: K) => {
    const m = new Map<string, { b: bigint; a: bigint }>();
    for (const c of cells.values()) {
      const t = m.get(c[key]) ?? { b: 0n, a: 0n };
      m.set(c[key], { b: t.b + c.budget, a: t.a + c.actual });
    }
    return [...m.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([k, t]) => present({ [key]: k } as { [P in K]: string }, t.b, t.a));
  };
  const ordered = [...cells.values()].sort(
    (a, b) =>
      a.department.localeCompare(b.department) ||
      a.project.localeCompare(b.project) ||
      BUDGET_CATEGORIES.indexOf(a.category) - BUDGET_CATEGORIES.indexOf(b.category),
  );
  const totalB = ordered.reduce((n, c) => n + c.budget, 0n);
  const totalA = ordered.reduce((n, c) => n + c.actual, 0n);
  return {
    year,
    labourCostPerHour: budget.labourCostPerHour,
    travelCostPerKm: budget.travelCostPerKm,
    rows: ordered.map((c) => present({ category: c.category, department: c.department, project: c.project }, c.budget, c.actual)),
    byCategory: BUDGET_CATEGORIES.map((cat) => {
      const r = ordered.filter((c) => c.category === cat);
      return present(
        { category: cat },
        r.reduce((n, c) => n + c.budget, 0n),
        r.reduce((n, c) => n + c.actual, 0n),
      );
    }),
    byDepartment: rollup('department'),
    byProject: rollup('project'),
    total: present({}, totalB, totalA),
  };
}
