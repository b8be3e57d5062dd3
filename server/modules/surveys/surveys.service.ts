// Satisfaction surveys (R-SV-1). Every closed work order gets one (the sweep creates it); the
// customer answers through a signed, expiring, single-use link, in the portal, or customer
// service types in the answers from a call. A low rating or a complaint-like comment opens a
// complaint draft (R-CP-1: complaints also arrive by survey).
//
// Link token: `<surveyId>.<expiresEpochSeconds>.<nonce>.<sig>` with sig = HMAC-SHA256 over
// the first three parts under the server secret. The signature is checked before any lookup
// (no enumeration: a forged or guessed token is refused without touching a row, with the same
// answer as an unknown or expired one); only SHA-256(nonce) is stored, so issuing a new link
// revokes the old one; answering marks the survey answered under a row lock, so a link used
// twice is refused the second time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { updateAudited } from '../../lib/records.ts';
import { createComplaintDraft } from '../complaints/index.ts';
import { careDone } from '../followups/index.ts';
import { surveys } from './surveys.tables.ts';

export const LINK_DAYS = 14;
const b64 = (b: Buffer) => b.toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sign = (secret: string, payload: string) => b64(createHmac('sha256', secret).update(`survey:${payload}`).digest()).slice(0, 43);

export function makeToken(secret: string, surveyId: string, expiresAt: Date, nonce: string) {
  const payload = `${surveyId}.${Math.floor(expiresAt.getTime() / 1000)}.${nonce}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The survey id and nonce of a well-signed, unexpired token; null otherwise. */
export function verifyToken(secret: string, token: string, now = new Date()): { surveyId: string; nonce: string } | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [surveyId, exp, nonce, sig] = parts;
  const expected = Buffer.from(sign(secret, `${surveyId}.${exp}.${nonce}`));
  const got = Buffer.from(sig);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
  if (!/^\d+$/.test(exp) || Number(exp) * 1000 <= now.getTime()) return null;
  if (!/^[0-9a-f-]{36}$/.test(surveyId)) return null;
  return { surveyId, nonce };
}

const invalidLink = () => new AppError(404, 'survey_link_invalid');

/**
 * Surveys for closed work orders that have none yet (R-SV-1: every call, not a sample). The
 * candidates come from the care_pending queue (migration 0024), not from a scan of all work
 * orders; the unique work-order index keeps it one survey per work order.
 */
export async function ensureSurveys(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .select({ id: workOrders.id, customerId: workOrders.customerId, deviceId: workOrders.deviceId })
    .from(workOrders)
    .innerJoin(sql`care_pending`, sql`care_pending.work_order_id = ${workOrders.id}`)
    .where(and(sql`care_pending.needs_survey`, inArray(workOrders.status, ['reviewed', 'closed'])))
    .orderBy(sql`care_pending.queued_at`, asc(workOrders.id))
    .limit(500);
  let n = 0;
  for (const wo of rows) {
    await db.transaction(async (tx) => {
      // An unknown nonce: no link exists until one is issued.
      const [row] = await tx
        .insert(surveys)
        .values({
          workOrderId: wo.id,
          customerId: wo.customerId,
          deviceId: wo.deviceId,
          nonceHash: sha256(b64(randomBytes(24))),
          expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
        })
        .onConflictDoNothing()
        .returning();
      if (row) {
        await recordAudit(tx, { actor: systemActor, entity: 'survey', entityId: row.id, action: 'create', after: row });
        n++;
      }
      await careDone(tx, wo.id, 'survey');
    });
  }
  return n;
}

/**
 * The survey opens when the customer signs (issue 10 item 8: "a survey link right after
 * signing"), in the signing transaction, so the hospital is asked while the visit is fresh; the
 * sweep's ensureSurveys then finds it there at close (one survey per work order, unique index).
 * Returns the new survey and its link (only when a secret is given); null when the work order
 * has one already (signed again after a returned review: the first link still stands).
 */
export async function openAtSignOff(
  tx: Executor,
  actor: Actor,
  wo: { id: string; customerId: string; deviceId: string },
  secret: string | null,
  now = new Date(),
): Promise<{ surveyId: string; token: string | null; expiresAt: Date } | null> {
  const nonce = b64(randomBytes(24));
  const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000);
  const [row] = await tx
    .insert(surveys)
    .values({ workOrderId: wo.id, customerId: wo.customerId, deviceId: wo.deviceId, nonceHash: sha256(nonce), expiresAt })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await recordAudit(tx, { actor, entity: 'survey', entityId: row.id, action: 'create', after: row });
  return { surveyId: row.id, token: secret ? makeToken(secret, row.id, expiresAt, nonce) : null, expiresAt };
}

/** A new link for the customer (the previous one stops working). */
export async function issueLink(db: Db, actor: Actor, secret: string, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
    if (!s) throw notFound();
    if (s.answeredAt) throw new AppError(409, 'survey_already_answered');
    const nonce = b64(randomBytes(24));
    const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000);
    await updateAudited(tx, actor, 'survey', surveys, id, s.version, { nonceHash: sha256(nonce), expiresAt }, s);
    return { token: makeToken(secret, id, expiresAt, nonce), expiresAt };
  });
}

export const surveySelect = {
  s: surveys,
  workOrderNumber: workOrders.number,
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  resolvedAt: workOrders.resolvedAt,
};
const joined = (ex: Executor) =>
  ex
    .select(surveySelect)
    .from(surveys)
    .innerJoin(workOrders, eq(workOrders.id, surveys.workOrderId))
    .innerJoin(customers, eq(customers.id, surveys.customerId))
    .innerJoin(devices, eq(devices.id, surveys.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId));

export async function byToken(ex: Executor, secret: string, token: string, now = new Date()) {
  const v = verifyToken(secret, token, now);
  if (!v) throw invalidLink();
  const [row] = await joined(ex).where(eq(surveys.id, v.surveyId));
  if (!row || row.s.nonceHash !== sha256(v.nonce)) throw invalidLink();
  return row;
}

export interface SurveyAnswers {
  attitude: number;
  skill: number;
  timeliness: number;
  promise: number;
  comments?: string | null;
  respondentName?: string | null;
}

// Words that make a comment read as a complaint (投诉 / 不满 …), whatever the ratings.
const COMPLAINT_WORDS = /投诉|不满|太慢|太差|很差|态度差|敷衍|推诿|没人管|没有解决|未解决|乱收费|complain|unacceptable|rude|terrible/i;
export function complaintFlag(a: SurveyAnswers): string | null {
  const low = (['attitude', 'skill', 'timeliness', 'promise'] as const).filter((k) => a[k] <= 1);
  if (low.length) return `low:${low.join(',')}`;
  if (a.comments && COMPLAINT_WORDS.test(a.comments)) return 'comment';
  return null;
}

async function record(tx: Executor, actor: Actor, id: string, a: SurveyAnswers, channel: 'link' | 'portal' | 'phone', enteredBy: Principal | null, now: Date) {
  const [s] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
  if (!s) throw notFound();
  if (s.answeredAt) throw new AppError(409, 'survey_already_answered');
  const flag = complaintFlag(a);
  const row = await updateAudited(
    tx,
    actor,
    'survey',
    surveys,
    id,
    s.version,
    {
      answeredAt: now,
      channel,
      attitude: a.attitude,
      skill: a.skill,
      timeliness: a.timeliness,
      promise: a.promise,
      comments: a.comments ?? null,
      respondentName: a.respondentName ?? null,
      enteredById: enteredBy?.id ?? null,
      enteredByName: enteredBy?.displayName ?? null,
      complaintFlag: flag,
    },
    s,
  );
  if (flag) await createComplaintDraft(tx, actor, { survey: row, flag, now });
  return row;
}

export async function answerByToken(db: Db, secret: string, token: string, a: SurveyAnswers, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await byToken(tx, secret, token, now);
    return record(tx, { id: null, name: a.respondentName ?? 'customer' }, row.s.id, a, 'link', null, now);
  });
}

export async function answerAsUser(db: Db, user: Principal, actor: Actor, id: string, a: SurveyAnswers, now = new Date()) {
  return db.transaction(async (tx) => {
    const [s] = await tx.select({ customerId: surveys.customerId }).from(surveys).where(eq(surveys.id, id));
    if (!s) throw notFound();
    const portal = user.roles.includes('customer_user');
    if (portal && s.customerId !== user.customerId) throw notFound();
    return record(tx, actor, id, a, portal ? 'portal' : 'phone', user, now);
  });
}

export async function listSurveys(ex: Executor, scope: string | null, q: { answered?: boolean; page: number; pageSize: number }) {
  const conds: SQL[] = [];
  if (scope) conds.push(eq(surveys.customerId, scope));
  if (q.answered === true) conds.push(isNotNull(surveys.answeredAt));
  if (q.answered === false) conds.push(isNull(surveys.answeredAt));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await joined(ex)
    .where(where)
    .orderBy(desc(surveys.createdAt), desc(surveys.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(surveys).where(where);
  return { rows, total: Number(n) };
}

export async function getSurvey(ex: Executor, id: string, scope: string | null) {
  const [row] = await joined(ex).where(and(eq(surveys.id, id), scope ? eq(surveys.customerId, scope) : undefined));
  if (!row) throw notFound();
  return row;
}
