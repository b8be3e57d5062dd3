// Receivables and budget demo data (issue 15 §4, R-FE-1, R-FE-2): on a fresh demo install the
// 应收账款 screen shows invoices of the demo week's paid jobs in several ageing buckets (issued
// 10, 45, 80, 110 and 150 days ago with 30-day terms: not due, 15, 50, 80 and 120 days overdue),
// one partly paid; and the 预算 screen shows this year's budget with maintenance overrun.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { budgetVsActual, createInvoice, invoiceableWorkOrders, recordInvoicePayment, saveBudget } from '../modules/billing/index.ts';

const DAY = 86_400_000;

export async function seedBillingDemo(db: Db, timeZone = 'Asia/Shanghai', now = new Date()) {
  const [u] = await db.select().from(users).where(eq(users.username, 'finance'));
  if (!u) return;
  const finance: Principal = { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale };
  const day = (n: number) => new Date(now.getTime() - n * DAY);
  const date = (n: number) => day(n).toLocaleDateString('sv-SE', { timeZone });

  // One invoice per paid job, oldest ages first, until the buckets are filled.
  const ages = [150, 110, 80, 45, 10];
  const all = await db.select({ id: customers.id }).from(customers);
  let i = 0;
  for (const c of all) {
    for (const wo of await invoiceableWorkOrders(db, finance, c.id)) {
      if (i >= ages.length) break;
      const age = ages[i++];
      const inv = await runAt(day(age), () =>
        createInvoice(db, finance, { workOrderIds: [wo.id], issueDate: date(age), termsDays: 30, note: '服务费' }, timeZone),
      );
      if (age === 80) {
        const half = (Math.floor(Number(inv.total) * 50) / 100).toFixed(2);
        if (Number(half) > 0) await runAt(day(60), () => recordInvoicePayment(db, finance, inv.id, { amount: half, reference: 'YH-DEMO-001' }));
      }
    }
  }

  // This year's budget: rates, then lines sized from the actual cost so far — maintenance overrun.
  const year = Number(date(0).slice(0, 4));
  const rates = { labourCostPerHour: '150', travelCostPerKm: '2.5' };
  const first = await saveBudget(db, finance, year, { version: 0, ...rates, lines: [] });
  const actual = await budgetVsActual(db, year, timeZone);
  const of = (cat: string) => Number(actual.byCategory.find((r) => r.category === cat)?.actual ?? '0');
  const size = (cat: string, factor: number, floor: number) => Math.max(floor, Math.round(of(cat) * factor)).toFixed(2);
  await saveBudget(db, finance, year, {
    version: first.version,
    ...rates,
    lines: [
      { category: 'maintenance', amount: of('maintenance') > 0 ? (Math.floor(of('maintenance') * 0.7 * 100) / 100).toFixed(2) : '0.00' },
      { category: 'installation', amount: size('installation', 1.5, 20000) },
      { category: 'parts', amount: size('parts', 1.3, 50000) },
      { category: 'support', amount: size('support', 1.5, 10000) },
      { category: 'training', amount: size('training', 1.5, 15000) },
      { category: 'travel', amount: size('travel', 1.2, 8000) },
      { category: 'maintenance', department: '北京分公司', project: 'P-PATH', amount: '30000.00' },
      { category: 'training', department: '上海分公司', amount: '12000.00' },
    ],
  });
}
