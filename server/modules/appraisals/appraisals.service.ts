// 月度考核 (R-AP-1, issue 15 §3): draw up a month's appraisals from the KPI rollup and the
// surveys, with a 乐捐 line per verified complaint (doubled for repeats, the team lead's when no
// one is responsible); the supervisor adds rewards/penalties and assesses; the employee
// acknowledges. Every write audited in its transaction.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { appraisalItems, appraisals, complaints, users } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { engineerKpis } from '../kpis/index.ts';
import { appraisalsPolicy } from './appraisals.policy.ts';
import { type AppraisalStatus, appraisalScore, appraisalStepRefusal, complaintPenalty, kpiScore, mayAcknowledge, monthRange } from './appraisals.rules.ts';

const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const FIELD_ROLES = ['engineer', 'technician', 'technical_expert'];

/** Draws up the month (idempotent: an engineer's month and a complaint's line exist once). */
export async function generateMonth(db: Db, user: Principal, input: { month: string; teamLeadId: string; complaintPenalty: number }, tz: string) {
  const { from, to } = monthRange(input.month);
  return db.transaction(async (tx) => {
    const [lead] = await tx.select({ id: users.id, roles: users.roles, active: users.active }).from(users).where(eq(users.id, input.teamLeadId));
    if (!lead?.active || lead.roles.includes('customer_user'))
      throw new AppError(422, 'appraisal_team_lead_invalid', {}, [{ field: 'teamLeadId', code: 'invalid' }]);
    const kpis = await engineerKpis(tx, from, to);
    // The month's verified complaints (received in the month, substantiated).
    const lo = sql`((${from}::date)::timestamp at time zone ${tz})`;
    const hi = sql`(((${to}::date) + 1)::timestamp at time zone ${tz})`;
    const found = await tx
      .select({
        id: complaints.id,
        number: complaints.number,
        substantiated: complaints.substantiated,
        repeatOfId: complaints.repeatOfId,
        responsibleId: complaints.responsibleId,
      })
      .from(complaints)
      .where(and(eq(complaints.substantiated, true), sql`${complaints.receivedAt} >= ${lo} and ${complaints.receivedAt} < ${hi}`));
    const penalties = found.flatMap((c) => {
      const p = complaintPenalty(c, input.teamLeadId, input.complaintPenalty);
      return p ? [{ ...p, complaint: c }] : [];
    });
    const field = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), sql`${users.roles}::text[] && ${sql.param(FIELD_ROLES)}::text[]`));
    const people = new Set([...field.map((f) => f.id), ...kpis.keys(), ...penalties.map((p) => p.bearerId)]);
    let created = 0;
    const byEngineer = new Map<string, { id: string }>();
    for (const engineerId of people) {
      const [existing] = await tx
        .select({ id: appraisals.id })
        .from(appraisals)
        .where(and(eq(appraisals.engineerId, engineerId), eq(appraisals.month, input.month)));
      if (existing) {
        byEngineer.set(engineerId, existing);
        continue;
      }
      const k = kpis.get(engineerId);
      const values = k ? { orders: k.counters.orders, ...k.values } : { orders: 0 };
      const row = await insertAudited(tx, actorOf(user), 'appraisal', appraisals, {
        engineerId,
        month: input.month,
        kpis: values,
        kpiScore: k ? kpiScore(k.values) : null,
        customerRating: k?.values.satisfaction ?? null,
        surveys: k?.counters.surveyN ?? 0,
      });
      byEngineer.set(engineerId, row);
      created++;
    }
    let lines = 0;
    for (const p of penalties) {
      const a = byEngineer.get(p.bearerId);
      if (!a) continue;
      const [has] = await tx
        .select({ id: appraisalItems.id })
        .from(appraisalItems)
        .where(and(eq(appraisalItems.appraisalId, a.id), eq(appraisalItems.complaintId, p.complaint.id)));
      if (has) continue;
      const noOne = p.complaint.responsibleId === null;
      await insertAudited(tx, actorOf(user), 'appraisal_item', appraisalItems, {
        appraisalId: a.id,
        kind: 'penalty',
        reason: `乐捐：投诉 ${p.complaint.number} 经查属实${p.repeat ? '（重复反映，加倍）' : ''}${noOne ? '（无直接责任人，由组长承担）' : ''}`,
        amount: p.amount,
        complaintId: p.complaint.id,
        repeat: p.repeat,
        createdByName: user.displayName,
      });
      lines++;
    }
    return { created, penalties: lines };
  });
}

async function view(ex: Executor, user: Principal, rows: (typeof appraisals.$inferSelect)[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const items = await ex
    .select({ item: appraisalItems, complaintNumber: complaints.number })
    .from(appraisalItems)
    .leftJoin(complaints, eq(complaints.id, appraisalItems.complaintId))
    .where(inArray(appraisalItems.appraisalId, ids))
    .orderBy(asc(appraisalItems.createdAt));
  const names = await ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(rows.map((r) => r.engineerId))]));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((r) => {
    const mine = items.filter((i) => i.item.appraisalId === r.id);
    const total = (kind: 'penalty' | 'reward') =>
      Math.round(mine.filter((i) => i.item.kind === kind).reduce((a, i) => a + Number(i.item.amount), 0) * 100) / 100;
    const open = appraisalStepRefusal(r.status as AppraisalStatus, 'assess') === null;
    return {
      id: r.id,
      version: r.version,
      engineerId: r.engineerId,
      engineerName: nameOf.get(r.engineerId) ?? '',
      month: r.month,
      status: r.status,
      kpis: r.kpis,
      kpiScore: r.kpiScore === null ? null : Number(r.kpiScore),
      customerRating: r.customerRating === null ? null : Number(r.customerRating),
      surveys: r.surveys,
      supervisorScore: r.supervisorScore,
      supervisorComment: r.supervisorComment,
      assessedByName: r.assessedByName,
      assessedAt: r.assessedAt?.toISOString() ?? null,
      acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
      acknowledgementNote: r.acknowledgementNote,
      penaltyTotal: total('penalty'),
      rewardTotal: total('reward'),
      score: appraisalScore(r.kpiScore === null ? null : Number(r.kpiScore), r.customerRating === null ? null : Number(r.customerRating), r.supervisorScore),
      items: mine.map((i) => ({
        id: i.item.id,
        kind: i.item.kind,
        reason: i.item.reason,
        amount: Number(i.item.amount),
        complaintId: i.item.complaintId,
        complaintNumber: i.complaintNumber,
        repeat: i.item.repeat,
        createdByName: i.item.createdByName,
        createdAt: i.item.createdAt.toISOString(),
      })),
      abilities: {
        assess: open && can(user, appraisalsPolicy, 'assess'),
        addItem: open && can(user, appraisalsPolicy, 'addItem'),
        acknowledge: r.status === 'assessed' && can(user, appraisalsPolicy, 'acknowledge') && mayAcknowledge(r.engineerId, user.id),
      },
    };
  });
}

export async function listAppraisals(ex: Executor, user: Principal, q: { month?: string; engineerId?: string }) {
  const conds = [];
  if (q.month) conds.push(eq(appraisals.month, q.month));
  if (!can(user, appraisalsPolicy, 'readAll')) conds.push(eq(appraisals.engineerId, user.id));
  else if (q.engineerId) conds.push(eq(appraisals.engineerId, q.engineerId));
  const rows = await ex
    .select()
    .from(appraisals)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(appraisals.month), asc(appraisals.engineerId))
    .limit(500);
  return { items: await view(ex, user, rows) };
}

export async function getAppraisal(ex: Executor, user: Principal, id: string) {
  const [row] = await ex.select().from(appraisals).where(eq(appraisals.id, id));
  if (!row || (!can(user, appraisalsPolicy, 'readAll') && row.engineerId !== user.id)) throw notFound();
  return (await view(ex, user, [row]))[0];
}

export async function assessAppraisal(db: Db, user: Principal, id: string, input: { version: number; supervisorScore: number; comment: string }) {
  await db.transaction(async (tx) => {
    const row = await lockById(tx, appraisals, id);
    const refusal = appraisalStepRefusal(row.status as AppraisalStatus, 'assess');
    if (refusal) throw new AppError(422, refusal);
    await updateAudited(
      tx,
      actorOf(user),
      'appraisal',
      appraisals,
      id,
      input.version,
      {
        status: 'assessed',
        supervisorScore: input.supervisorScore,
        supervisorComment: input.comment,
        assessedById: user.id,
        assessedByName: user.displayName,
        assessedAt: new Date(),
      },
      row,
    );
  });
  return getAppraisal(db, user, id);
}

export async function addAppraisalItem(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; kind: 'penalty' | 'reward'; reason: string; amount: number },
) {
  await db.transaction(async (tx) => {
    const row = await lockById(tx, appraisals, id);
    const refusal = appraisalStepRefusal(row.status as AppraisalStatus, 'item');
    if (refusal) throw new AppError(422, refusal);
    // The line bumps the appraisal's version, so two supervisors do not add on a stale view.
    await updateAudited(tx, actorOf(user), 'appraisal', appraisals, id, input.version, {}, row);
    await insertAudited(tx, actorOf(user), 'appraisal_item', appraisalItems, {
      appraisalId: id,
      kind: input.kind,
      reason: input.reason,
      amount: input.amount,
      createdByName: user.displayName,
    });
  });
  return getAppraisal(db, user, id);
}

export async function acknowledgeAppraisal(db: Db, user: Principal, id: string, input: { version: number; note?: string }) {
  await db.transaction(async (tx) => {
    const row = await lockById(tx, appraisals, id);
    if (!mayAcknowledge(row.engineerId, user.id)) throw new AppError(403, 'appraisal_own_only');
    const refusal = appraisalStepRefusal(row.status as AppraisalStatus, 'acknowledge');
    if (refusal) throw new AppError(422, refusal);
    await updateAudited(
      tx,
      actorOf(user),
      'appraisal',
      appraisals,
      id,
      input.version,
      { status: 'acknowledged', acknowledgedAt: new Date(), acknowledgementNote: input.note || null },
      row,
    );
  });
  return getAppraisal(db, user, id);
}
