// Take-back repair (R-WO-3, seed 002 §6–8): when a unit cannot be fixed on site the lead
// takes it back. The customer gets a receipt (客户商品领取收据), the goods in/out register
// (客户商品进出登记簿) records the hand-over, a repair card (修护卡) follows the unit in the
// workshop with time and parts, and the return closes the receipt with an out entry.
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, offsetOf, orderFrom, updateAudited } from '../../lib/records.ts';
import { nextNumber } from '../system/index.ts';
import { assertVersion, auditActor, loadFor } from './workorders.access.ts';
import type { goodsRegisterQuery, repairCardBody, returnBody, takeBackBody } from './workorders.dto.ts';
import { inWorkshop } from './workorders.rules.ts';
import { applyTransition } from './workorders.step.ts';
import { goodsReceipts, goodsRegister, repairCardEntries, workOrderParts, workOrders } from './workorders.tables.ts';

type Receipt = typeof goodsReceipts.$inferSelect;

const yearIn = (at: Date, timeZone: string) => Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(at));

async function openReceiptOf(tx: Executor, workOrderId: string): Promise<Receipt> {
  const [r] = await tx
    .select()
    .from(goodsReceipts)
    .where(and(eq(goodsReceipts.workOrderId, workOrderId), eq(goodsReceipts.status, 'open')))
    .for('update');
  if (!r) throw new AppError(409, 'no_open_receipt');
  return r;
}

/** on_site → taken_back: the receipt the customer signs and the "in" line of the register. */
export async function takeBack(db: Db, user: Principal, id: string, input: z.infer<typeof takeBackBody>, timeZone: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // The state machine decides first (only the lead, only from on site): no number is used up by a refusal.
    await applyTransition(tx, user, wo, 'taken_back', input.reason ?? null, now);
    const actor = auditActor(user);
    const receipt = await insertAudited(tx, actor, 'goods_receipt', goodsReceipts, {
      number: await nextNumber(tx, 'SJ', yearIn(now, timeZone)),
      workOrderId: wo.id,
      customerId: wo.customerId,
      deviceId: wo.deviceId,
      items: input.items,
      accessories: input.accessories,
      condition: input.condition,
      customerSignerName: input.customerSignerName,
      takenAt: now,
      takenById: user.id,
      takenByName: user.displayName,
    });
    const [line] = await tx
      .insert(goodsRegister)
      .values({
        at: now,
        direction: 'in',
        receiptId: receipt.id,
        workOrderId: wo.id,
        customerId: wo.customerId,
        deviceId: wo.deviceId,
        items: input.items,
        accessories: input.accessories,
        condition: input.condition,
        counterpartName: input.customerSignerName,
        handledById: user.id,
        handledByName: user.displayName,
      })
      .returning();
    await recordAudit(tx, { actor, entity: 'goods_register', entityId: String(line.id), action: 'create', after: line });
    return receipt;
  });
}

/** 修护卡: workshop time and parts accumulate on the unit's card and on the work order. */
export async function addCardEntry(db: Db, user: Principal, id: string, input: z.infer<typeof repairCardBody>, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (!inWorkshop(wo.status)) throw new AppError(409, 'not_taken_back', { status: wo.status });
    const receipt = await openReceiptOf(tx, wo.id);
    const actor = auditActor(user);
    const [entry] = await tx
      .insert(repairCardEntries)
      .values({
        receiptId: receipt.id,
        workOrderId: wo.id,
        at: now,
        technicianId: user.id,
        technicianName: user.displayName,
        minutes: input.minutes,
        description: input.description,
        parts: input.parts,
      })
      .returning();
    await recordAudit(tx, { actor, entity: 'repair_card_entry', entityId: entry.id, action: 'create', after: entry });
    for (const p of input.parts) {
      await insertAudited(tx, actor, 'work_order_part', workOrderParts, { workOrderId: wo.id, ...p });
    }
    await updateAudited(tx, actor, 'work_order', workOrders, wo.id, wo.version, { labourMinutes: wo.labourMinutes + input.minutes }, wo);
    return entry;
  });
}

/** taken_back → resolved: the unit goes back, the receipt closes, the register gets its "out" line. */
export async function returnUnit(db: Db, user: Principal, id: string, input: z.infer<typeof returnBody>, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (!inWorkshop(wo.status)) throw new AppError(409, 'not_taken_back', { status: wo.status });
    await applyTransition(tx, user, wo, 'resolved', null, now, {}, { returned: true });
    const receipt = await openReceiptOf(tx, wo.id);
    const actor = auditActor(user);
    const closed = await updateAudited(
      tx,
      actor,
      'goods_receipt',
      goodsReceipts,
      receipt.id,
      receipt.version,
      { status: 'returned', returnedAt: now, returnedByName: user.displayName, returnSignerName: input.receivedBy, returnCondition: input.condition },
      receipt,
    );
    const [line] = await tx
      .insert(goodsRegister)
      .values({
        at: now,
        direction: 'out',
        receiptId: receipt.id,
        workOrderId: wo.id,
        customerId: wo.customerId,
        deviceId: wo.deviceId,
        items: receipt.items,
        accessories: receipt.accessories,
        condition: input.condition,
        counterpartName: input.receivedBy,
        handledById: user.id,
        handledByName: user.displayName,
        notes: input.notes ?? null,
      })
      .returning();
    await recordAudit(tx, { actor, entity: 'goods_register', entityId: String(line.id), action: 'create', after: line });
    return closed;
  });
}

/** The receipts of a work order (newest first), each with its repair card. */
export async function takeBacksOf(ex: Executor, user: Principal, workOrderId: string) {
  const wo = await loadFor(ex, user, workOrderId);
  const rows = await ex
    .select({ r: goodsReceipts, customerName: customers.name, serialNumber: devices.serialNumber, modelName: deviceModels.name })
    .from(goodsReceipts)
    .innerJoin(customers, eq(customers.id, goodsReceipts.customerId))
    .innerJoin(devices, eq(devices.id, goodsReceipts.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(goodsReceipts.workOrderId, wo.id))
    .orderBy(desc(goodsReceipts.takenAt), desc(goodsReceipts.id));
  const cards = rows.length
    ? await ex
        .select()
        .from(repairCardEntries)
        .where(
          inArray(
            repairCardEntries.receiptId,
            rows.map((x) => x.r.id),
          ),
        )
        .orderBy(asc(repairCardEntries.at), asc(repairCardEntries.id))
    : [];
  return rows.map(({ r, ...rest }) => {
    const card = cards.filter((c) => c.receiptId === r.id);
    return {
      id: r.id,
      number: r.number,
      version: r.version,
      status: r.status,
      workOrderId: wo.id,
      workOrderNumber: wo.number,
      workOrderStatus: wo.status,
      workOrderVersion: wo.version,
      customerId: r.customerId,
      deviceId: r.deviceId,
      ...rest,
      items: r.items,
      accessories: r.accessories,
      condition: r.condition,
      customerSignerName: r.customerSignerName,
      takenAt: r.takenAt.toISOString(),
      takenByName: r.takenByName,
      returnedAt: r.returnedAt?.toISOString() ?? null,
      returnedByName: r.returnedByName,
      returnSignerName: r.returnSignerName,
      returnCondition: r.returnCondition,
      card: card.map((c) => ({
        id: c.id,
        at: c.at.toISOString(),
        technicianName: c.technicianName,
        minutes: c.minutes,
        description: c.description,
        parts: c.parts,
      })),
      cardMinutes: card.reduce((n, c) => n + c.minutes, 0),
    };
  });
}

/** The 客户商品进出登记簿 as a list: filters, company-local date range, hospital scope. */
export async function listGoodsRegister(ex: Executor, user: Principal, q: z.infer<typeof goodsRegisterQuery>, timeZone: string) {
  const scope = customerScope(user);
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  const dayStart = (d: string, plusDays = 0) => DateTime.fromISO(d, { zone: timeZone }).startOf('day').plus({ days: plusDays }).toJSDate();
  const where = allOf(
    scope === null ? undefined : eq(goodsRegister.customerId, scope),
    text
      ? (or(
          sql`${goodsReceipts.number} ilike ${p}`,
          sql`${workOrders.number} ilike ${p}`,
          sql`${devices.serialNumber} ilike ${p}`,
          sql`${customers.name} ilike ${p}`,
          sql`${goodsRegister.items}::text ilike ${p}`,
        ) as SQL)
      : undefined,
    q.direction ? eq(goodsRegister.direction, q.direction) : undefined,
    q.customerId ? eq(goodsRegister.customerId, q.customerId) : undefined,
    q.deviceId ? eq(goodsRegister.deviceId, q.deviceId) : undefined,
    q.workOrderId ? eq(goodsRegister.workOrderId, q.workOrderId) : undefined,
    q.open === 'true' ? eq(goodsReceipts.status, 'open') : q.open === 'false' ? eq(goodsReceipts.status, 'returned') : undefined,
    q.from ? gte(goodsRegister.at, dayStart(q.from)) : undefined,
    q.to ? lt(goodsRegister.at, dayStart(q.to, 1)) : undefined,
  );
  if (q.from && q.to && q.to < q.from) throw new AppError(422, 'date_order', { later: 'to', earlier: 'from' }, [{ field: 'to', code: 'date_order' }]);
  const order = orderFrom(q.sort, { at: goodsRegister.at, receiptNumber: goodsReceipts.number }, '-at', goodsRegister.id);
  const base = () =>
    ex
      .select({
        g: goodsRegister,
        receiptNumber: goodsReceipts.number,
        receiptStatus: goodsReceipts.status,
        workOrderNumber: workOrders.number,
        customerName: customers.name,
        serialNumber: devices.serialNumber,
        modelName: deviceModels.name,
      })
      .from(goodsRegister)
      .innerJoin(goodsReceipts, eq(goodsReceipts.id, goodsRegister.receiptId))
      .innerJoin(workOrders, eq(workOrders.id, goodsRegister.workOrderId))
      .innerJoin(customers, eq(customers.id, goodsRegister.customerId))
      .innerJoin(devices, eq(devices.id, goodsRegister.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId));
  const rows = await base()
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(goodsRegister)
    .innerJoin(goodsReceipts, eq(goodsReceipts.id, goodsRegister.receiptId))
    .innerJoin(workOrders, eq(workOrders.id, goodsRegister.workOrderId))
    .innerJoin(customers, eq(customers.id, goodsRegister.customerId))
    .innerJoin(devices, eq(devices.id, goodsRegister.deviceId))
    .where(where);
  return {
    items: rows.map(({ g, ...rest }) => ({
      id: g.id,
      at: g.at.toISOString(),
      direction: g.direction,
      receiptId: g.receiptId,
      workOrderId: g.workOrderId,
      customerId: g.customerId,
      deviceId: g.deviceId,
      ...rest,
      items: g.items,
      accessories: g.accessories,
      condition: g.condition,
      counterpartName: g.counterpartName,
      handledByName: g.handledByName,
      notes: g.notes,
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
