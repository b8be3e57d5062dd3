// The part of the large data set that needs the product's own rules rather than random
// numbers: SLA clocks (working-time deadlines from the business calendar), the R-DSP-1
// morning flags, the R-WO-6 same-day misses and the R-SLA-3 loaner clocks. Computed in JS
// with the same pure functions the services use, written back in bulk (json_to_recordset,
// thousands of rows per statement). The result is the state the minute sweep would have left,
// so starting a worker on the generated database does not fire thousands of stale alarms.
import { DateTime } from 'luxon';
import type { Db } from '../../server/db/client.ts';
import { type BusinessCalendar, intervalsOn } from '../../server/lib/calendar.ts';
import { undispatchedFlagAt } from '../../server/modules/dispatch/dispatch.rules.ts';
import { morningNoticeAt } from '../../server/modules/requests/requests.rules.ts';
import {
  clockTimes,
  DEFAULT_POLICY,
  loanerPlan,
  outcomeOf,
  type RegionClass,
  type SlaPolicyRules,
  type Target,
  targetFor,
  type Urgency,
} from '../../server/modules/sla/sla.rules.ts';
import { loadCalendar } from '../../server/modules/sla/sla.service.ts';
import { ms, type Plan } from './generate.ts';
import { idSql, type Session } from './sql.ts';
import { SAME_DAY_REASONS } from './vocab.ts';

interface Row {
  id: string;
  number: string;
  received_at: Date;
  urgency: Urgency;
  region_class: RegionClass;
  status: string;
  sla_policy_id: string;
  wo_id: string;
  wo_status: string;
  accepted_at: Date | null;
  arrived_at: Date | null;
  resolved_at: Date | null;
  cancelled_at: Date | null;
  lead_name: string | null;
  lead_id: string | null;
}

interface ClockRow {
  request_id: string;
  kind: string;
  basis: string;
  target_minutes: number;
  policy_id: string;
  started_at: string;
  due_at: string;
  warn_at: string;
  stopped_at: string | null;
  outcome: string | null;
  warned_at: string | null;
  breached_at: string | null;
}

const UNSOLVED = new Set(['accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back']);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const BATCH = 5000;

/**
 * The calendar's working spans laid out once as sorted instants, so a deadline is a binary
 * search instead of a walk over luxon days (the product's functions take ~1 ms per clock,
 * minutes for 100k clocks). Every 25th answer is checked against the product's own function.
 */
class FastCalendar {
  private starts: number[] = [];
  private ends: number[] = [];
  private closes: number[] = [];
  checked = 0;
  private cal: BusinessCalendar;
  constructor(cal: BusinessCalendar, from: number, to: number) {
    this.cal = cal;
    const last = DateTime.fromMillis(to, { zone: cal.timeZone }).startOf('day');
    for (let day = DateTime.fromMillis(from, { zone: cal.timeZone }).startOf('day').minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
      const spans = intervalsOn(cal, day.toISODate() as string)
        .map(([a, b]) => {
          const [ah, am] = a.split(':').map(Number);
          const [bh, bm] = b.split(':').map(Number);
          const start = day.set({ hour: ah, minute: am, second: 0, millisecond: 0 }).toMillis();
          const end = bh === 24 ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set({ hour: bh, minute: bm, second: 0, millisecond: 0 }).toMillis();
          return [start, end] as const;
        })
        .filter(([a, b]) => b > a)
        .sort((x, y) => x[0] - y[0]);
      for (const [a, b] of spans) {
        this.starts.push(a);
        this.ends.push(b);
      }
      if (spans.length) this.closes.push(spans[spans.length - 1][1]);
    }
  }

  private static firstAbove(list: number[], t: number) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  addWorking(start: Date, minutes: number): Date {
    if (minutes === 0) return new Date(start.getTime());
    let left = minutes * 60_000;
    const t0 = start.getTime();
    for (let i = FastCalendar.firstAbove(this.ends, t0); i < this.ends.length; i++) {
      const from = Math.max(this.starts[i], t0);
      if (this.ends[i] - from >= left) return new Date(from + left);
      left -= this.ends[i] - from;
    }
    throw new RangeError('calendar range too short');
  }

  add(start: Date, t: Target, minutes = t.minutes) {
    return t.basis === 'working' ? this.addWorking(start, minutes) : new Date(start.getTime() + minutes * 60_000);
  }

  clockTimes(warnAt: number, start: Date, t: Target) {
    const times = { dueAt: this.add(start, t), warnAt: this.add(start, t, Math.max(0, Math.floor(t.minutes * warnAt))) };
    if (++this.checked % 25 === 1) {
      const slow = clockTimes(this.cal, { ...DEFAULT_POLICY, warnAt }, start, t);
      if (slow.dueAt.getTime() !== times.dueAt.getTime() || slow.warnAt.getTime() !== times.warnAt.getTime())
        throw new Error(`fast calendar disagrees with clockTimes at ${start.toISOString()} ${JSON.stringify(t)}`);
    }
    return times;
  }

  /** The first close of business after `at` (dispatch.rules.undispatchedFlagAt). */
  nextClose(at: Date): Date {
    const i = FastCalendar.firstAbove(this.closes, at.getTime());
    if (i >= this.closes.length) throw new RangeError('calendar range too short');
    const fast = new Date(this.closes[i]);
    if (++this.checked % 25 === 1 && undispatchedFlagAt(this.cal, at).getTime() !== fast.getTime())
      throw new Error(`fast calendar disagrees with the close of business after ${at.toISOString()}`);
    return fast;
  }

  morningNotice(flaggedAt: Date): Date {
    const fast = new Date(this.addWorking(flaggedAt, 1).getTime() - 60_000);
    if (++this.checked % 25 === 1 && morningNoticeAt(this.cal, flaggedAt).getTime() !== fast.getTime())
      throw new Error(`fast calendar disagrees with the morning notice after ${flaggedAt.toISOString()}`);
    return fast;
  }
}

async function bulk(s: Session, rows: unknown[], sql: string) {
  for (let i = 0; i < rows.length; i += BATCH) await s.q(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
}

export async function generateDerived(s: Session, db: Db, p: Plan) {
  const t = Date.now();
  const now = p.now;
  const since = new Date(now.getTime() - p.recentDays * 86_400_000);
  const rows = await s.q<Row>(
    `select r.id, r.number, r.received_at, r.urgency, r.region_class, r.status, r.sla_policy_id, w.id as wo_id, w.status as wo_status,
       w.accepted_at, w.arrived_at, w.resolved_at, w.cancelled_at, u.display_name as lead_name, w.lead_engineer_id as lead_id
     from service_requests r join work_orders w on w.request_id = r.id left join users u on u.id = w.lead_engineer_id
     where (r.received_at >= $1 or r.status in ('open', 'dispatched', 'in_progress'))
       and not exists (select 1 from sla_clocks c where c.request_id = r.id)
     order by r.received_at`,
    [since.toISOString()],
  );
  const policies = new Map<string, { rules: SlaPolicyRules; cal: FastCalendar }>();
  const from = rows.length ? new Date(rows[0].received_at).getTime() : now.getTime();
  for (const id of new Set(rows.map((r) => r.sla_policy_id))) {
    const [pol] = await s.q<{ rules: SlaPolicyRules; calendar_id: string }>('select rules, calendar_id from sla_policies where id = $1', [id]);
    const cal = await loadCalendar(db, pol.calendar_id);
    policies.set(id, { rules: pol.rules, cal: new FastCalendar(cal, from, now.getTime() + 400 * 86_400_000) });
  }

  const tRead = ms(t);
  const t2 = Date.now();
  const clocks: ClockRow[] = [];
  const flags: { id: string; flagged: boolean; notified_at: string | null }[] = [];
  const sameDay: Record<string, unknown>[] = [];
  for (const r of rows) {
    const { rules, cal } = policies.get(r.sla_policy_id) as { rules: SlaPolicyRules; cal: FastCalendar };
    const received = new Date(r.received_at);
    const add = (kind: string, start: Date, target: { minutes: number; basis: 'working' | 'calendar' }, stop: Date | null, cancelled: boolean) => {
      const times = cal.clockTimes(rules.warnAt, start, target);
      const end = stop ?? now;
      clocks.push({
        request_id: r.id,
        kind,
        basis: target.basis,
        target_minutes: target.minutes,
        policy_id: r.sla_policy_id,
        started_at: start.toISOString(),
        due_at: times.dueAt.toISOString(),
        warn_at: times.warnAt.toISOString(),
        stopped_at: iso(stop),
        outcome: stop ? (cancelled ? 'cancelled' : outcomeOf(times.dueAt, stop)) : null,
        // What the minute sweep would have recorded before the clock stopped (or by now).
        warned_at: times.warnAt.getTime() <= end.getTime() ? times.warnAt.toISOString() : null,
        breached_at: times.dueAt.getTime() < end.getTime() ? times.dueAt.toISOString() : null,
      });
    };
    const accepted = r.accepted_at ? new Date(r.accepted_at) : null;
    const arrived = r.arrived_at ? new Date(r.arrived_at) : null;
    const resolved = r.resolved_at ? new Date(r.resolved_at) : null;
    const cancelled = r.cancelled_at ? new Date(r.cancelled_at) : null;
    // respond: the engineer calls the customer when accepting; arrive: on site; restore: resolved.
    add('respond', received, targetFor(rules, 'respond', r.urgency, r.region_class), accepted ?? arrived ?? resolved ?? cancelled, !accepted && !!cancelled);
    add('arrive', received, targetFor(rules, 'arrive', r.urgency, r.region_class), arrived ?? resolved ?? cancelled, !arrived && !!(resolved ?? cancelled));
    add('restore', received, targetFor(rules, 'restore', r.urgency, r.region_class), resolved ?? cancelled, !resolved && !!cancelled);
    // R-SLA-3: on site 12 h without restoration raises the loaner clock.
    if (arrived) {
      const plan = loanerPlan(rules, received, arrived);
      if (plan.raiseAt.getTime() <= now.getTime() && (!resolved || resolved.getTime() > plan.raiseAt.getTime())) {
        const minutes = Math.max(0, Math.round((plan.dueAt.getTime() - plan.raiseAt.getTime()) / 60_000));
        add('loaner', plan.raiseAt, { minutes, basis: 'calendar' }, resolved, false);
      }
    }
    // R-DSP-1: still undispatched at close of business → flagged, announced next morning.
    if (r.wo_status === 'new') {
      const flagAt = cal.nextClose(received);
      if (flagAt.getTime() <= now.getTime()) {
        const notice = cal.morningNotice(flagAt);
        flags.push({ id: r.id, flagged: true, notified_at: notice.getTime() <= now.getTime() ? notice.toISOString() : null });
      }
    }
    // R-WO-6: accepted and not solved by that day's close of business.
    if (accepted) {
      const due = cal.nextClose(accepted); // workorders.sameday.sameDayDueAt
      const missed = new Date(Math.min(due.getTime() + 60_000, now.getTime()));
      const stillOpen = UNSOLVED.has(r.wo_status);
      if (due.getTime() <= now.getTime() && (stillOpen || (resolved && resolved.getTime() > due.getTime()))) {
        const explained = !stillOpen || missed.getTime() < now.getTime() - 86_400_000;
        const k = Number.parseInt(r.wo_id.slice(0, 6), 16);
        const promised = new Date(missed.getTime() + 2 * 86_400_000);
        sameDay.push({
          work_order_id: r.wo_id,
          accepted_at: accepted.toISOString(),
          due_at: due.toISOString(),
          missed_at: missed.toISOString(),
          reason: explained ? SAME_DAY_REASONS[k % SAME_DAY_REASONS.length] : null,
          promised_date: explained ? promised.toLocaleDateString('en-CA', { timeZone: p.timeZone }) : null,
          reason_at: explained ? new Date(missed.getTime() + 3_600_000).toISOString() : null,
          reason_by_id: explained ? r.lead_id : null,
          reason_by_name: explained ? r.lead_name : null,
        });
      }
    }
  }

  const tCompute = ms(t2);
  const t3 = Date.now();
  await bulk(
    s,
    clocks,
    `with ins as (
       insert into sla_clocks (id, request_id, kind, basis, target_minutes, policy_id, started_at, due_at, warn_at, stopped_at, outcome, warned_at, breached_at)
       select ${idSql('x.request_id::text || x.kind')}, x.request_id, x.kind::sla_clock_kind, x.basis::sla_basis, x.target_minutes, x.policy_id,
         x.started_at, x.due_at, x.warn_at, x.stopped_at, x.outcome::sla_outcome, x.warned_at, x.breached_at
       from json_to_recordset($1::json) as x(request_id uuid, kind text, basis text, target_minutes int, policy_id uuid, started_at timestamptz,
         due_at timestamptz, warn_at timestamptz, stopped_at timestamptz, outcome text, warned_at timestamptz, breached_at timestamptz)
       returning *
     )
     insert into sla_events (clock_id, request_id, kind, at, data)
     select ins.id, ins.request_id, v.kind::sla_event_kind, v.at, v.data
     from ins join service_requests r on r.id = ins.request_id
     cross join lateral (values
       ('started', ins.started_at, jsonb_build_object('dueAt', ins.due_at)),
       ('warning', ins.warned_at, jsonb_build_object('number', r.number, 'clock', ins.kind, 'dueAt', ins.due_at, 'late', false)),
       ('breach', ins.breached_at, jsonb_build_object('number', r.number, 'clock', ins.kind, 'dueAt', ins.due_at)),
       (ins.outcome::text, ins.stopped_at, jsonb_build_object('dueAt', ins.due_at))
     ) v(kind, at, data)
     where v.at is not null
     order by v.at`,
  );
  await bulk(
    s,
    flags,
    `update service_requests r set priority_dispatch = x.flagged, priority_notified_at = x.notified_at
     from json_to_recordset($1::json) as x(id uuid, flagged boolean, notified_at timestamptz) where r.id = x.id`,
  );
  await bulk(
    s,
    sameDay,
    `insert into work_order_same_day (id, created_at, updated_at, work_order_id, accepted_at, due_at, missed_at, reason, promised_date, reason_at,
       reason_by_id, reason_by_name)
     select ${idSql("'sd' || x.work_order_id")}, x.missed_at, coalesce(x.reason_at, x.missed_at), x.work_order_id, x.accepted_at, x.due_at, x.missed_at,
       x.reason, x.promised_date, x.reason_at, x.reason_by_id, x.reason_by_name
     from json_to_recordset($1::json) as x(work_order_id uuid, accepted_at timestamptz, due_at timestamptz, missed_at timestamptz, reason text,
       promised_date date, reason_at timestamptz, reason_by_id uuid, reason_by_name text)`,
  );
  p.log(
    `SLA clocks: ${clocks.length} for ${rows.length} recent/open requests, ${flags.length} morning flags, ${sameDay.length} same-day misses (${ms(t)}: read ${tRead}, compute ${tCompute}, write ${ms(t3)})`,
  );
}
