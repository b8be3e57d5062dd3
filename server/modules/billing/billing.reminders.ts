// Overdue reminders (催款, issue 15 §4, R-FE-1), run by the `billing.reminders` job: every open
// invoice past its due date is announced once per ageing bucket it reaches (0–30, 31–60, 61–90,
// >90 days) to finance and the hospital's sales owner if one is set. The (invoice, bucket) primary
// key makes a re-run or a second worker send nothing more (insert … on conflict do nothing).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers } from '../../db/schema.ts';
import { dateIn } from '../../lib/calendar.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { cents, money, openAmount, termsOf } from './billing.invoices.ts';
import { ageingBucket } from './billing.rules.ts';
import { invoiceReminders, invoices } from './billing.tables.ts';

const kind = (k: 'invoice_overdue') => k as unknown as NotificationKind;
const BUCKET_WORDS = {
  d0_30: '逾期 0–30 天 / 0–30 days overdue',
  d31_60: '逾期 31–60 天 / 31–60 days overdue',
  d61_90: '逾期 61–90 天 / 61–90 days overdue',
  d90_plus: '逾期超过 90 天 / more than 90 days overdue',
} as const;

export async function sendReminders(db: Db, now: Date, timeZone: string): Promise<number> {
  const today = dateIn(now, timeZone);
  const due = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      customerId: invoices.customerId,
      customer: customers.name,
      dueDate: invoices.dueDate,
      open: openAmount,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(sql`${invoices.dueDate} <= ${today}::date and ${openAmount} > 0`);
  let sent = 0;
  for (const inv of due) {
    const bucket = ageingBucket(inv.dueDate, today);
    if (bucket === 'not_due') continue;
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(invoiceReminders)
        .values({ invoiceId: inv.id, bucket, sentAt: now })
        .onConflictDoNothing()
        .returning({ bucket: invoiceReminders.bucket });
      if (!inserted.length) return;
      const { salesOwnerId } = await termsOf(tx, inv.customerId);
      const to = [...(await staffWithRoles(tx, ['finance'])), ...(salesOwnerId ? [salesOwnerId] : [])];
      await notify(
        tx,
        to,
        kind('invoice_overdue'),
        { number: inv.number, customer: inv.customer, bucket: BUCKET_WORDS[bucket], open: money(cents(inv.open)), due: inv.dueDate },
        { entity: 'invoice', id: inv.id },
      );
      sent += 1;
    });
  }
  return sent;
}
