// Corrections of a signed maintenance record (R-PM-2 last sentence: "corrections after sign-off are
// new versions, like service reports" — R-WO-5, workorders/commands/correct.ts). Once the work
// order is signed the record is read-only (assertEditable: 409 work_order_frozen on a plain edit).
// A correction names its reason, changes tasks, readings or findings, and writes the next version
// of the record into the insert-only maintenance_record_versions; the first correction also writes
// v1, the record exactly as it was signed, so every version stays readable. The live rows carry the
// latest version (the trend chart, the monthly report read them) and the record's content_version
// says "corrected, vN". Who: the service manager, quality (policy `correct`) or the engineer who did
// the visit (lead or helper of the work order).
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { updateAudited } from '../../lib/records.ts';
import { capacities, FROZEN, loadFor } from '../workorders/index.ts';
import { readingStatus } from './maintenance.rules.ts';
import {
  maintenanceFindings,
  maintenanceReadings,
  maintenanceRecords,
  maintenanceRecordVersions,
  type RecordVersionContent,
  type TaskResult,
} from './maintenance.tables.ts';

type RecordRow = typeof maintenanceRecords.$inferSelect;
export interface CorrectionInput {
  version: number;
  reason: string;
  tasks?: { key: string; done: boolean; note?: string | null }[];
  readings?: { checkKey: string; value: string }[];
  findings?: { id: string; description: string }[];
}

/** The roles that correct any signed record; an engineer corrects only a visit he did. */
const OFFICE_CORRECTORS = new Set(['admin', 'service_manager', 'quality']);

export const versionHash = (c: RecordVersionContent) => createHash('sha256').update(JSON.stringify(c)).digest('hex');

/** The content of a record as it stands: tasks with results, readings, findings. */
async function contentOf(ex: Executor, r: RecordRow): Promise<RecordVersionContent> {
  const readings = await ex.select().from(maintenanceReadings).where(eq(maintenanceReadings.recordId, r.id)).orderBy(asc(maintenanceReadings.checkKey));
  const findings = await ex.select().from(maintenanceFindings).where(eq(maintenanceFindings.recordId, r.id)).orderBy(asc(maintenanceFindings.createdAt));
  return {
    tasks: r.tasks.map((t) => ({ key: t.key, label: t.label, done: r.taskResults[t.key]?.done ?? null, note: r.taskResults[t.key]?.note ?? null })),
    readings: readings.map((x) => ({
      checkKey: x.checkKey,
      label: x.label,
      value: x.value,
      unit: x.unit,
      status: x.status,
      outOfRange: x.outOfRange,
      instrumentId: x.instrumentId,
    })),
    findings: findings.map((f) => ({ id: f.id, description: f.description, fixedOnSpot: f.fixedOnSpot, requestId: f.requestId })),
  };
}

/** May this caller correct this signed visit? The office roles, or the engineer who did it. */
export async function mayCorrect(ex: Executor, user: Principal, wo: Parameters<typeof capacities>[2]) {
  if (!FROZEN.has(wo.status)) return false;
  if (user.roles.some((r) => OFFICE_CORRECTORS.has(r))) return true;
  if (!user.roles.includes('engineer')) return false;
  const caps = await capacities(ex, user, wo);
  return caps.some((c) => c === 'lead' || c === 'helper');
}

export async function correctRecord(db: Db, user: Principal, workOrderId: string, input: CorrectionInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, workOrderId, true);
    if (wo.kind !== 'maintenance') throw new AppError(422, 'maintenance_not_maintenance', { number: wo.number });
    // Before sign-off the record is simply edited; a correction is for a signed one.
    if (!FROZEN.has(wo.status)) throw new AppError(409, 'maintenance_correction_not_signed', { status: wo.status });
    if (!(await mayCorrect(tx, user, wo))) throw new AppError(403, 'forbidden');
    const [r] = await tx.select().from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, wo.id)).for('update');
    if (!r) throw new AppError(409, 'maintenance_record_missing');
    if (r.version !== input.version) throw new AppError(409, 'version_conflict', { current: r.version }, undefined, { currentVersion: r.version });
    const reason = input.reason.trim();
    if (!reason) throw new AppError(422, 'validation_failed', {}, [{ field: 'reason', code: 'required' }]);

    // Bad input changes nothing: every key is checked before anything is written.
    const fields: FieldError[] = [];
    (input.tasks ?? []).forEach((t, i) => {
      if (!r.tasks.some((x) => x.key === t.key)) fields.push({ field: `tasks.${i}.key`, code: 'invalid' });
      else if (!t.done && !t.note?.trim()) fields.push({ field: `tasks.${i}.note`, code: 'note_required_not_done' });
    });
    const readings = await tx.select().from(maintenanceReadings).where(eq(maintenanceReadings.recordId, r.id)).for('update');
    (input.readings ?? []).forEach((x, i) => {
      if (!readings.some((y) => y.checkKey === x.checkKey)) fields.push({ field: `readings.${i}.checkKey`, code: 'invalid' });
    });
    const findingIds = (input.findings ?? []).map((f) => f.id);
    const findings = findingIds.length
      ? await tx
          .select()
          .from(maintenanceFindings)
          .where(and(eq(maintenanceFindings.recordId, r.id), inArray(maintenanceFindings.id, findingIds)))
          .for('update')
      : [];
    (input.findings ?? []).forEach((f, i) => {
      if (!findings.some((y) => y.id === f.id)) fields.push({ field: `findings.${i}.id`, code: 'invalid' });
    });
    if (fields.length) throw new AppError(422, 'validation_failed', {}, fields);

    const before = await contentOf(tx, r);
    const actor = { id: user.id, name: user.displayName };
    let changed = false;
    const taskResults: { [k: string]: TaskResult } = { ...r.taskResults };
    for (const t of input.tasks ?? []) {
      const next = { done: t.done, note: t.note?.trim() || null };
      const prev = r.taskResults[t.key];
      if (prev?.done !== next.done || (prev?.note ?? null) !== next.note) {
        taskResults[t.key] = next;
        changed = true;
      }
    }
    for (const x of input.readings ?? []) {
      const row = readings.find((y) => y.checkKey === x.checkKey) as (typeof readings)[number];
      const value = x.value.trim();
      if (row.value === value) continue;
      const check = r.checks.find((c) => c.key === row.checkKey) ?? {
        key: row.checkKey,
        label: row.label,
        unit: row.unit,
        min: row.min,
        max: row.max,
        expected: row.expected,
      };
      const status = readingStatus(check, value);
      const n = Number(value);
      await updateAudited(
        tx,
        actor,
        'maintenance_reading',
        maintenanceReadings,
        row.id,
        row.version,
        { value, numericValue: value !== '' && Number.isFinite(n) ? n : null, status, outOfRange: status === 'low' || status === 'high' },
        row,
      );
      changed = true;
    }
    for (const f of input.findings ?? []) {
      const row = findings.find((y) => y.id === f.id) as (typeof findings)[number];
      if (row.description === f.description.trim()) continue;
      await updateAudited(tx, actor, 'maintenance_finding', maintenanceFindings, row.id, row.version, { description: f.description.trim() }, row);
      changed = true;
    }
    if (!changed) throw new AppError(422, 'maintenance_correction_no_changes', {}, [{ field: 'reason', code: 'correction_no_changes' }]);

    const from = r.contentVersion;
    const to = from + 1;
    const next = await updateAudited(tx, actor, 'maintenance_record', maintenanceRecords, r.id, r.version, { taskResults, contentVersion: to }, r);
    if (from === 1) {
      // v1 is the record as it was signed, kept the first time it is corrected.
      await tx.insert(maintenanceRecordVersions).values({
        recordId: r.id,
        workOrderId: wo.id,
        n: 1,
        reason: null,
        content: before,
        contentHash: versionHash(before),
        byId: null,
        byName: '签字版本',
        at: r.updatedAt,
      });
    }
    const after = await contentOf(tx, next);
    const [row] = await tx
      .insert(maintenanceRecordVersions)
      .values({
        recordId: r.id,
        workOrderId: wo.id,
        n: to,
        reason,
        content: after,
        contentHash: versionHash(after),
        byId: user.id,
        byName: user.displayName,
        at: now,
      })
      .returning();
    const { content: _c, ...auditable } = row;
    await recordAudit(tx, { actor, entity: 'maintenance_record_version', entityId: row.id, action: 'create', after: auditable });
    return next;
  });
}

/** Every version of a maintenance record, oldest first; an uncorrected record has one, the live one. */
export async function recordVersions(ex: Executor, user: Principal, workOrderId: string) {
  const wo = await loadFor(ex, user, workOrderId);
  if (wo.kind !== 'maintenance') throw new AppError(422, 'maintenance_not_maintenance', { number: wo.number });
  const [r] = await ex.select().from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, wo.id));
  if (!r) return { contentVersion: 0, corrected: false, canCorrect: false, items: [] };
  const rows = await ex.select().from(maintenanceRecordVersions).where(eq(maintenanceRecordVersions.recordId, r.id)).orderBy(asc(maintenanceRecordVersions.n));
  const items = rows.length
    ? rows.map((v) => ({
        n: v.n,
        current: v.n === r.contentVersion,
        reason: v.reason,
        byName: v.byName,
        at: v.at.toISOString(),
        contentHash: v.contentHash,
        content: v.content,
      }))
    : await (async () => {
        const content = await contentOf(ex, r);
        let byName: string | null = null;
        if (r.openedBy) [{ byName } = { byName: null }] = await ex.select({ byName: users.displayName }).from(users).where(eq(users.id, r.openedBy));
        return [{ n: 1, current: true, reason: null, byName: byName ?? '', at: r.updatedAt.toISOString(), contentHash: versionHash(content), content }];
      })();
  return { contentVersion: r.contentVersion, corrected: r.contentVersion > 1, canCorrect: await mayCorrect(ex, user, wo), items };
}
