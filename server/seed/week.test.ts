// The demo week story (issue 10, "a demo that shows a living service company"): on a fresh
// database at a fixed "today", the week replayed through the product's services leaves open
// work at every stage, an emergency, one job at risk (warned, not breached), an engineer with
// a full day, follow-ups due today and one overdue, a complaint under investigation from a
// badly answered survey, a part below its minimum, a contract expiring next month, and
// archived jobs that are signed, reviewed, with labour and SLA outcomes matching their clocks
// (R-SLA-2, R-WO-4, R-WO-5, R-FU-1, R-SV-1, R-CP-1). The audit chain verifies; two runs agree.
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { verifyChain } from '../lib/audit.ledger.ts';
import { isPngDataUrl } from '../modules/workorders/workorders.rules.ts';
import { createTestEnv, openTestDatabase, type TestEnv } from '../test/harness.ts';
import { type DemoWeek, drawnSignature, seedDemoWeek } from './week.ts';

const TZ = 'Asia/Shanghai';
// A Wednesday morning, and a Saturday evening (the open work is Friday's, clocks paused by the calendar).
const WEEKDAY = new Date('2026-12-09T02:30:00Z');
const SATURDAY = new Date('2026-12-05T14:10:00Z');

const rows = async <T>(db: Database, q: string, params: unknown[] = []) => (await db.query<T>(q, params)).rows;

/** Everything the promises are about, in a form two runs can compare. */
async function snapshot(db: Database) {
  return {
    jobs: await rows(
      db,
      `select r.number, r.urgency, w.status, w.labour_minutes,
        (select string_agg(c.kind || ':' || coalesce(c.outcome::text, '-') || ':' || c.due_at::text || ':' || (c.warned_at is not null) || (c.breached_at is not null), ' ' order by c.kind)
           from sla_clocks c where c.request_id = r.id) as clocks
       from service_requests r join work_orders w on w.request_id = r.id order by r.number`,
    ),
    followups: await rows(db, `select status, track, count(*)::int as n from followups group by 1, 2 order by 1, 2`),
    complaints: await rows(db, `select number, status from complaints order by number`),
    notifications: await rows(db, `select kind, count(*)::int as n from notifications group by 1 order by 1`),
  };
}

describe('the demo week on a fresh database at a fixed weekday', () => {
  let env: TestEnv;
  let week: DemoWeek;
  afterAll(() => env?.close());

  it('replays the week through the services and the audit chain verifies', async () => {
    env = await createTestEnv();
    week = await seedDemoWeek(env.database.db, TZ, WEEKDAY);
    expect(week.today).toBe('2026-12-09');
    expect(await verifyChain(env.database.db)).toMatchObject({ ok: true });
  }, 300_000);

  it('open work stands at every stage, with an emergency and one job at risk but not breached', async () => {
    const db = env.database;
    const statuses = (await rows<{ status: string }>(db, `select distinct status::text from work_orders`)).map((r) => r.status);
    for (const s of ['new', 'dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'resolved', 'signed_off', 'closed'])
      expect(statuses, s).toContain(s);
    const [emergency] = await rows<{ n: number }>(
      db,
      `select count(*)::int as n from service_requests where urgency = 'emergency' and status not in ('resolved','closed','cancelled')`,
    );
    expect(emergency.n).toBeGreaterThanOrEqual(1);
    const atRisk = await rows<{ number: string }>(
      db,
      `select r.number from sla_clocks c join service_requests r on r.id = c.request_id
       where c.stopped_at is null and c.warned_at is not null and c.breached_at is null and c.due_at > $1`,
      [WEEKDAY],
    );
    expect(atRisk.length).toBeGreaterThanOrEqual(1);
    // The dispatcher's dashboard tile: requests waiting for an engineer.
    const dispatcher = await env.as('dispatcher');
    const waiting = await dispatcher.get('/api/v1/requests?pageSize=1&status=open');
    expect(waiting.data.total).toBe(3);
  });

  it('the engineer has a full day and the waiting-parts job has its loaner instead of an overdue loaner task (R-SLA-3)', async () => {
    const db = env.database;
    const [day] = await rows<{ n: number }>(
      db,
      `select count(*)::int as n from work_orders w join users u on u.username = 'engineer'
       where w.status in ('dispatched','accepted','on_the_way','on_site','waiting_parts')
         and (w.lead_engineer_id = u.id or exists (select 1 from work_order_helpers h where h.work_order_id = w.id and h.user_id = u.id))`,
    );
    expect(day.n).toBeGreaterThanOrEqual(4);
    const [loan] = await rows<{ outcome: string }>(
      db,
      `select l.outcome from loans l join work_orders w on w.request_id = l.request_id where w.status = 'waiting_parts'`,
    );
    expect(loan.outcome).toBe('met');
  });

  it('archived jobs are signed with a drawn PNG, reviewed, carry labour, and their SLA outcomes match their clocks', async () => {
    const db = env.database;
    const closed = await rows<{ id: string; labour_minutes: number; png: string | null; verdict: string | null }>(
      db,
      `select w.id, w.labour_minutes,
         (select s.image_png from work_order_signatures s where s.work_order_id = w.id limit 1) as png,
         (select v.verdict::text from work_order_reviews v where v.work_order_id = w.id order by v.at desc limit 1) as verdict
       from work_orders w where w.status = 'closed'`,
    );
    expect(closed.length).toBeGreaterThanOrEqual(4);
    for (const c of closed) {
      expect(c.labour_minutes).toBeGreaterThan(0);
      expect(c.png && isPngDataUrl(c.png)).toBe(true);
      expect(c.verdict).toBe('approved');
    }
    // Every stopped clock's outcome is what its stop time says: met iff stopped (or paused) by its due time.
    const wrong = await rows(
      db,
      `select id from sla_clocks where stopped_at is not null and outcome <> 'cancelled'
         and outcome::text <> case when coalesce(paused_at, stopped_at) <= due_at then 'met' else 'breached' end`,
    );
    expect(wrong).toEqual([]);
    // The late job is labelled late, and it is the one the badly answered survey is about.
    const late = await rows<{ number: string }>(
      db,
      `select r.number from service_requests r join work_orders w on w.request_id = r.id join sla_clocks c on c.request_id = r.id
       where w.status = 'closed' and c.kind = 'restore' and c.outcome = 'breached'`,
    );
    expect(late).toHaveLength(1);
  });

  it('after service: follow-ups due today and one overdue, a complaint under investigation from a bad survey', async () => {
    const db = env.database;
    const pending = await rows<{ due_at: Date; track: string }>(db, `select due_at, track from followups where status = 'pending'`);
    const local = (d: Date) => DateTime.fromJSDate(new Date(d), { zone: TZ }).toISODate();
    expect(pending.some((f) => local(f.due_at) === '2026-12-09' && new Date(f.due_at) > WEEKDAY)).toBe(true);
    expect(pending.filter((f) => new Date(f.due_at) < WEEKDAY && f.track === 'main')).toHaveLength(1);
    const [c] = await rows<{ status: string; timeliness: number }>(
      db,
      `select c.status::text, s.timeliness from complaints c join surveys s on s.id = c.survey_id`,
    );
    expect(c).toEqual({ status: 'investigating', timeliness: 1 });
  });

  it('stock and contracts: a part below its minimum, a contract expiring next month', async () => {
    const db = env.database;
    const below = await rows<{ code: string }>(
      db,
      `select p.code from parts p left join stock_balances b on b.part_id = p.id and b.condition = 'good'
       group by p.id, p.code, p.min_stock having coalesce(sum(b.qty), 0) < p.min_stock`,
    );
    expect(below.map((b) => b.code)).toContain('BJ-MT-BLADE'); // drawn from the van on an archived job
    const expiring = await rows<{ end_date: string }>(db, `select end_date from contracts where end_date between '2027-01-01' and '2027-01-31'`);
    expect(expiring).toHaveLength(1);
  });

  it('is deterministic: a second fresh database at the same instant gives the same numbers and states', async () => {
    const other = await openTestDatabase();
    try {
      await seedDemoWeek(other.database.db, TZ, WEEKDAY);
      expect(await snapshot(other.database)).toEqual(await snapshot(env.database));
    } finally {
      await other.drop();
    }
  }, 300_000);
});

describe('the demo week on a Saturday evening', () => {
  it('keeps the stages and the at-risk job (paused over the weekend by the calendar), and the chain verifies', async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const week = await seedDemoWeek(database.db, TZ, SATURDAY);
      expect(new Set(week.jobs.map((j) => j.status))).toEqual(
        new Set(['new', 'dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'resolved', 'signed_off', 'closed']),
      );
      const atRisk = await rows(
        database,
        `select 1 from sla_clocks where stopped_at is null and warned_at is not null and breached_at is null and due_at > $1`,
        [SATURDAY],
      );
      expect(atRisk.length).toBeGreaterThanOrEqual(1);
      // Nothing the week wrote lies in the future of its "now".
      const [future] = await rows<{ n: number }>(
        database,
        `select ((select count(*) from work_order_events where at > $1) + (select count(*) from sla_events where at > $1)
          + (select count(*) from notifications where created_at > $1) + (select count(*) from service_requests where created_at > $1))::int as n`,
        [SATURDAY],
      );
      expect(future.n).toBe(0);
      expect(await verifyChain(database.db)).toMatchObject({ ok: true });
    } finally {
      await drop();
    }
  }, 300_000);
});

it('a drawn signature is a valid PNG, the same for the same signer and different between signers', () => {
  expect(isPngDataUrl(drawnSignature('王红'))).toBe(true);
  expect(drawnSignature('王红')).toBe(drawnSignature('王红'));
  expect(drawnSignature('王红')).not.toBe(drawnSignature('李娜'));
});
