// 分公司日报 (issue 15 §1, R-ORG-1, seed 002 §12): a unit's daily report is the supervisor's daily
// report filtered to the unit (its customers' orders, its engineers, its SLA events), frozen as a
// draft; the branch manager reviews and signs it with the e-signature (re-authentication,
// meaning "分公司日报审核签字") and so forwards it to head office, whose managers acknowledge receipt.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { branchDailyReports, eSignatures, units } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, countOf, insertAudited, lockById, offsetOf, orderFrom, updateAudited } from '../../lib/records.ts';
import { supervisorDaily } from '../reports/index.ts';
import { presentSignature, reauthenticate, recordSignature, signedContentHash } from '../signatures/index.ts';
import type { branchReportDetailDto, branchReportDto, branchReportListQuery } from './units.dto.ts';
import { unitsPolicy } from './units.policy.ts';
import { branchReportAbilities, branchReportStepRefusal } from './units.rules.ts';
import { unitSubtree } from './units.scope.ts';
import { managesUnit } from './units.service.ts';

type Report = typeof branchDailyReports.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const iso = (d: Date | null) => d?.toISOString() ?? null;

const columns = { r: branchDailyReports, unitName: units.name, unitCode: units.code };
type Row = { r: Report; unitName: string; unitCode: string };

function view(x: Row): z.infer<typeof branchReportDto> {
  const r = x.r;
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    unitId: r.unitId,
    unitName: x.unitName,
    unitCode: x.unitCode,
    day: r.day,
    status: r.status,
    preparedByName: r.preparedByName,
    signedAt: iso(r.signedAt),
    signedByName: r.signedByName,
    comment: r.comment,
    receivedAt: iso(r.receivedAt),
    receivedByName: r.receivedByName,
  };
}

/** What a signature covers: the unit, the day and the report's content as stored. */
const signedContent = (r: Report) => ({ unit: r.unitId, day: r.day, report: r.content as Record<string, unknown> });

export async function listBranchReports(db: Executor, q: z.infer<typeof branchReportListQuery>) {
  const where = allOf(
    q.unitId ? sql`${branchDailyReports.unitId} in ${unitSubtree(q.unitId)}` : undefined,
    q.status ? eq(branchDailyReports.status, q.status) : undefined,
    q.from ? gte(branchDailyReports.day, q.from) : undefined,
    q.to ? lte(branchDailyReports.day, q.to) : undefined,
  );
  const rows = await db
    .select(columns)
    .from(branchDailyReports)
    .innerJoin(units, eq(units.id, branchDailyReports.unitId))
    .where(where)
    .orderBy(
      ...orderFrom(
        q.sort ?? '-day',
        { day: branchDailyReports.day, status: branchDailyReports.status, updatedAt: branchDailyReports.updatedAt },
        '-day',
        branchDailyReports.id,
      ),
      asc(units.code),
    )
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { items: rows.map(view), total: await countOf(db, branchDailyReports, where), page: q.page, pageSize: q.pageSize };
}

async function loadRow(ex: Executor, id: string): Promise<Row> {
  const [row] = await ex
    .select(columns)
    .from(branchDailyReports)
    .innerJoin(units, eq(units.id, branchDailyReports.unitId))
    .where(eq(branchDailyReports.id, id));
  if (!row) throw notFound();
  return row;
}

export async function getBranchReport(db: Executor, user: Principal, id: string): Promise<z.infer<typeof branchReportDetailDto>> {
  const row = await loadRow(db, id);
  const r = row.r;
  const [sig] = r.signatureId ? await db.select().from(eSignatures).where(eq(eSignatures.id, r.signatureId)) : [];
  const manages = await managesUnit(db, user.id, r.unitId);
  const valid = sig
    ? signedContentHash({ ...signedContent(r), signer: sig.signerId, signedAt: sig.signedAt.toISOString(), meaning: sig.meaningText }) === sig.contentHash
    : null;
  return {
    ...view(row),
    content: r.content as z.infer<typeof branchReportDetailDto>['content'],
    signature: sig ? presentSignature(sig) : null,
    signatureValid: valid,
    abilities: branchReportAbilities(r.status, {
      managesUnit: manages,
      maySign: can(user, unitsPolicy, 'signBranchReport'),
      mayReceive: can(user, unitsPolicy, 'receiveBranchReport'),
      mayPrepare: can(user, unitsPolicy, 'prepareBranchReport'),
    }),
  };
}

/**
 * Builds (or rebuilds, while still a draft) the unit's report for the day from the supervisor's
 * daily report filtered to the unit. A signed or received report is frozen (409).
 */
export async function prepareBranchReport(db: Db, user: Principal, input: { unitId: string; day: string }, timeZone: string): Promise<string> {
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
  if (!unit) throw new AppError(422, 'invalid_reference', { field: 'unitId' }, [{ field: 'unitId', code: 'not_found' }]);
  const content = await supervisorDaily(db, { date: input.day, unitId: input.unitId }, timeZone);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(branchDailyReports)
      .where(and(eq(branchDailyReports.unitId, input.unitId), eq(branchDailyReports.day, input.day)))
      .for('update');
    if (current) {
      const refusal = branchReportStepRefusal(current.status, 'refresh');
      if (refusal) throw new AppError(409, refusal);
      await updateAudited(
        tx,
        actorOf(user),
        'branch_daily_report',
        branchDailyReports,
        current.id,
        current.version,
        { content, preparedByName: user.displayName },
        current,
      );
      return current.id;
    }
    const row = await insertAudited(tx, actorOf(user), 'branch_daily_report', branchDailyReports, {
      unitId: input.unitId,
      day: input.day,
      content,
      preparedByName: user.displayName,
    });
    return row.id;
  });
}

/**
 * R-ORG-1 / seed 002 §12: the unit's manager (or a manager above it) reviews and signs; the
 * signature forwards the report to head office. Anyone else: 403. Wrong password: 422, nothing written.
 */
export async function signBranchReport(db: Db, user: Principal, id: string, input: { version: number; password: string; comment?: string | null }) {
  const { r } = await loadRow(db, id);
  if (!(await managesUnit(db, user.id, r.unitId))) throw forbidden();
  await reauthenticate(db, user, input.password);
  await db.transaction(async (tx) => {
    const current = await lockById(tx, branchDailyReports, id);
    if (current.version !== input.version) throw versionConflict(current.version);
    const refusal = branchReportStepRefusal(current.status, 'sign');
    if (refusal) throw new AppError(409, refusal);
    const sig = await recordSignature(tx, user, {
      meaning: 'branch_daily_report',
      entity: 'branch_daily_report',
      entityId: id,
      content: signedContent(current),
    });
    await updateAudited(
      tx,
      actorOf(user),
      'branch_daily_report',
      branchDailyReports,
      id,
      input.version,
      { status: 'signed', signatureId: sig.id, signedAt: sig.signedAt, signedById: user.id, signedByName: user.displayName, comment: input.comment ?? null },
      current,
    );
  });
  return getBranchReport(db, user, id);
}

/** Head office acknowledges a signed report (not the unit's own manager). */
export async function receiveBranchReport(db: Db, user: Principal, id: string, version: number) {
  const { r } = await loadRow(db, id);
  if (await managesUnit(db, user.id, r.unitId)) throw forbidden();
  await db.transaction(async (tx) => {
    const current = await lockById(tx, branchDailyReports, id);
    if (current.version !== version) throw versionConflict(current.version);
    const refusal = branchReportStepRefusal(current.status, 'receive');
    if (refusal) throw new AppError(409, refusal);
    await updateAudited(
      tx,
      actorOf(user),
      'branch_daily_report',
      branchDailyReports,
      id,
      version,
      { status: 'received', receivedAt: clockNow(), receivedById: user.id, receivedByName: user.displayName },
      current,
    );
  });
  return getBranchReport(db, user, id);
}
