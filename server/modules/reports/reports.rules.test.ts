import { describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../workorders/workorders.rules.ts';
import {
  type DayOrder,
  type DayWindow,
  dayWindow,
  formatMinutes,
  type OrderEvent,
  personOrderDay,
  type SlaEventRow,
  statusAt,
  supervisorDay,
  teamAt,
  technicianDay,
} from './reports.rules.ts';

const TZ = 'Asia/Shanghai';
const at = (hhmm: string, day = '2026-03-10') => new Date(`${day}T${hhmm}:00+08:00`);
const W = dayWindow('2026-03-10', TZ) as DayWindow;
const EOD = at('23:59', '2026-03-11'); // "now" well after the day

const A = 'user-a';
const B = 'user-b';
const DISP = 'dispatcher';

function ev(to: WorkOrderStatus, when: Date, actorId: string | null, data: unknown = null): OrderEvent {
  return { fromStatus: null, toStatus: to, at: when, actorId, actorName: actorId ?? 'system', reason: null, data };
}
const dispatchTo = (when: Date, lead: string, helpers: string[] = [], from: WorkOrderStatus = 'new'): OrderEvent => ({
  ...ev('dispatched', when, DISP, { lead, helpers, reassign: from !== 'new' }),
  fromStatus: from,
});

function order(id: string, events: OrderEvent[], over: Partial<DayOrder> = {}): DayOrder {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < sorted.length; i++) if (i > 0 && sorted[i].fromStatus === null) sorted[i] = { ...sorted[i], fromStatus: sorted[i - 1].toStatus };
  return {
    id,
    number: `WO-${id}`,
    requestNumber: `BX-${id}`,
    customerName: '北京仁和医院',
    departmentName: '病理科',
    modelName: 'ST-5020',
    serialNumber: `SN-${id}`,
    category: 'contract',
    urgency: 'normal',
    receivedAt: at('08:00'),
    createdAt: at('08:00'),
    labourMinutes: 90,
    travelMinutes: 40,
    events: sorted,
    parts: [],
    ...over,
  };
}

describe('day window', () => {
  it.each([
    ['2026-03-10', TZ, '2026-03-09T16:00:00.000Z', '2026-03-10T16:00:00.000Z'],
    ['2026-01-01', 'UTC', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
    // a 23-hour day: DST starts in New York
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
  ])('%s in %s runs from %s to %s', (date, tz, start, end) => {
    const w = dayWindow(date, tz);
    expect(w?.start.toISOString()).toBe(start);
    expect(w?.end.toISOString()).toBe(end);
  });
  it.each(['2026-02-30', '2026-13-01', 'yesterday'])('%s is refused', (d) => expect(dayWindow(d, TZ)).toBeNull());
});

describe('state and team at an instant', () => {
  const events = [dispatchTo(at('09:00'), A, [B]), ev('accepted', at('09:10'), A), dispatchTo(at('12:00'), B, [], 'accepted')];
  it.each([
    [at('08:59'), [], 'new'],
    [at('09:05'), [A, B], 'dispatched'],
    [at('11:00'), [A, B], 'accepted'],
    [at('12:30'), [B], 'dispatched'],
  ] as const)('at %s the team is %j and the status %s', (t, team, status) => {
    expect(teamAt(events, t.getTime())).toEqual(team);
    expect(statusAt(events, t.getTime())).toBe(status);
  });
});

describe("one person's part in an order", () => {
  const full = order('1', [
    dispatchTo(at('09:00'), A, [B]),
    ev('accepted', at('09:05'), A),
    ev('on_the_way', at('09:10'), A),
    ev('on_site', at('10:00'), A),
    ev('resolved', at('11:30'), A),
  ]);

  it.each([
    // who, travel, on site, own steps, resolved
    [A, 50, 90, 4, true],
    [B, 50, 90, 0, true], // the helper was there too
    ['someone-else', null, null, null, null],
  ] as const)('%s: travel %s min, on site %s min, %s steps, resolved %s', (who, travel, onSite, steps, resolved) => {
    const r = personOrderDay(full, who, W, EOD);
    if (travel === null) return expect(r).toBeNull();
    expect(r).toMatchObject({ travelMinutes: travel, onSiteMinutes: onSite, ownSteps: steps, resolved, statusAtEnd: 'resolved' });
  });

  it('time on site across midnight counts on each day only up to its boundary', () => {
    const o = order('2', [
      dispatchTo(at('20:00'), A),
      ev('accepted', at('20:05'), A),
      ev('on_site', at('23:00'), A),
      ev('resolved', at('01:30', '2026-03-11'), A),
    ]);
    expect(personOrderDay(o, A, W, EOD)).toMatchObject({ onSiteMinutes: 60, resolved: false, statusAtEnd: 'on_site' });
    const next = dayWindow('2026-03-11', TZ) as DayWindow;
    expect(personOrderDay(o, A, next, EOD)).toMatchObject({ onSiteMinutes: 90, resolved: true, ownSteps: 1 });
  });

  it('an order still on site counts up to now when the day is today', () => {
    const o = order('3', [dispatchTo(at('09:00'), A), ev('accepted', at('09:01'), A), ev('on_site', at('10:00'), A)]);
    expect(personOrderDay(o, A, W, at('10:45'))?.onSiteMinutes).toBe(45);
  });

  it('after a reassignment the time goes to the new engineer', () => {
    const o = order('4', [
      dispatchTo(at('09:00'), A),
      ev('accepted', at('09:05'), A),
      ev('on_the_way', at('09:10'), A),
      dispatchTo(at('09:40'), B, [], 'on_the_way'),
      ev('accepted', at('09:45'), B),
      ev('on_site', at('10:00'), B),
      ev('resolved', at('10:30'), B),
    ]);
    expect(personOrderDay(o, A, W, EOD)).toMatchObject({ travelMinutes: 30, onSiteMinutes: 0, resolved: false, ownSteps: 2 });
    expect(personOrderDay(o, B, W, EOD)).toMatchObject({ travelMinutes: 0, onSiteMinutes: 30, resolved: true, ownSteps: 3 });
  });

  it('being dispatched counts as touched even without a step of their own', () => {
    const o = order('5', [dispatchTo(at('17:00'), A)]);
    expect(personOrderDay(o, A, W, EOD)).toMatchObject({ ownSteps: 0, travelMinutes: 0, statusAtEnd: 'dispatched' });
  });

  it('an order only worked on the day before is not in this day', () => {
    const o = order('6', [
      dispatchTo(at('09:00', '2026-03-09'), A),
      ev('accepted', at('09:10', '2026-03-09'), A),
      ev('resolved', at('10:00', '2026-03-09'), A),
    ]);
    expect(personOrderDay(o, A, W, EOD)).toBeNull();
  });
});

describe('technician day totals', () => {
  it('adds time by category and counts recorded labour only on orders resolved that day', () => {
    const paid = order(
      'p',
      [
        dispatchTo(at('08:30'), A),
        ev('accepted', at('08:35'), A),
        ev('on_the_way', at('08:40'), A),
        ev('on_site', at('09:10'), A),
        ev('resolved', at('10:10'), A),
      ],
      { category: 'paid', labourMinutes: 60, travelMinutes: 30, parts: [{ partNo: 'P-1', name: '加热板', quantity: '1.000', createdAt: at('10:00') }] },
    );
    const warranty = order(
      'w',
      [dispatchTo(at('13:00'), A), ev('accepted', at('13:05'), A), ev('on_site', at('14:00'), A), ev('waiting_parts', at('15:00'), A)],
      {
        category: 'warranty',
      },
    );
    const { rows, totals } = technicianDay(A, [warranty, paid], W, EOD);
    expect(rows.map((r) => r.order.id)).toEqual(['p', 'w']); // by first activity of the day
    expect(totals).toMatchObject({
      orders: 2,
      steps: 7,
      travelMinutes: 30,
      onSiteMinutes: 120,
      resolved: 1,
      recordedLabourMinutes: 60,
      recordedTravelMinutes: 30,
      partLines: 1,
      byCategory: { paid: { orders: 1, minutes: 90 }, warranty: { orders: 1, minutes: 60 }, contract: { orders: 0, minutes: 0 } },
    });
  });
});

describe('supervisor day', () => {
  const people = [
    { id: A, name: '张伟' },
    { id: B, name: '刘洋' },
    { id: 'idle', name: '陈磊' },
  ];
  const resolvedSameDay = order('r', [
    dispatchTo(at('09:00'), A),
    ev('accepted', at('09:05'), A),
    ev('on_site', at('10:00'), A),
    ev('resolved', at('11:00'), A),
  ]);
  const emergencyOpen = order('e', [dispatchTo(at('15:00'), B), ev('accepted', at('15:02'), B), ev('on_the_way', at('15:05'), B)], {
    urgency: 'emergency',
    receivedAt: at('14:50'),
  });
  const fromYesterday = order(
    'y',
    [dispatchTo(at('16:00', '2026-03-09'), A), dispatchTo(at('08:00'), B, [], 'dispatched'), ev('accepted', at('08:10'), B), ev('resolved', at('09:00'), B)],
    { receivedAt: at('15:00', '2026-03-09'), createdAt: at('15:00', '2026-03-09') },
  );
  const notYetDispatched = order('n', [], { receivedAt: at('18:00'), createdAt: at('18:00'), category: 'paid', urgency: 'urgent' });
  const sla: SlaEventRow[] = [
    { clockId: 'c1', requestId: 'q', requestNumber: 'BX-e', kind: 'warning', clock: 'arrive', at: at('16:00') },
    { clockId: 'c1', requestId: 'q', requestNumber: 'BX-e', kind: 'breach', clock: 'arrive', at: at('17:00') },
    { clockId: 'c1', requestId: 'q', requestNumber: 'BX-e', kind: 'breached', clock: 'arrive', at: at('18:00') },
    { clockId: 'c2', requestId: 'q2', requestNumber: 'BX-x', kind: 'breach', clock: 'respond', at: at('09:00', '2026-03-09') },
  ];
  const r = supervisorDay(people, [resolvedSameDay, emergencyOpen, fromYesterday, notYetDispatched], sla, W, EOD);

  it('lists every field engineer, busiest first, idle ones with zeros', () => {
    expect(r.engineers.map((e) => [e.name, e.orders])).toEqual([
      ['刘洋', 2],
      ['张伟', 1],
      ['陈磊', 0],
    ]);
    expect(r.engineers.find((e) => e.userId === A)).toMatchObject({ onSiteMinutes: 60, resolved: 1, orderNumbers: ['WO-r'] });
  });

  it('counts requests received, first dispatches, reassignments and resolutions of the day', () => {
    expect(r.requests).toEqual({
      received: 3,
      receivedByUrgency: { emergency: 1, urgent: 1, normal: 1, low: 0 },
      receivedByCategory: { warranty: 0, contract: 2, paid: 1, internal: 0 },
      dispatched: 2,
      reassigned: 1,
      resolved: 2,
    });
  });

  it('lists open emergencies and the requests of the day not solved that day', () => {
    expect(r.openEmergencies.map((o) => [o.number, o.status])).toEqual([['WO-e', 'on_the_way']]);
    expect(r.sameDayMisses.map((o) => o.number).sort()).toEqual(['WO-e', 'WO-n']);
  });

  it('counts SLA warnings and breaches of the day once per clock', () => {
    expect(r.sla).toMatchObject({ warnings: 1, breaches: 1 });
    expect(r.sla.events.map((e) => e.kind)).toEqual(['warning', 'breach', 'breached']);
  });

  it('totals count an order shared by two engineers once', () => {
    expect(r.totals.orders).toBe(3);
  });
});

describe('minutes for people', () => {
  it.each([
    [45, 'zh-CN', '45分钟'],
    [125, 'zh-CN', '2小时05分'],
    [125, 'en-US', '2 h 05 min'],
    [0, 'en-US', '0 min'],
  ] as const)('%i in %s is %s', (m, l, s) => expect(formatMinutes(m, l)).toBe(s));
});

describe('a step never recorded', () => {
  it('an order left on the way counts at most 12 hours of travel, split over the days it spans', () => {
    const o = order('x', [dispatchTo(at('14:00'), A), ev('accepted', at('14:10'), A), ev('on_the_way', at('20:00'), A)]);
    expect(personOrderDay(o, A, W, EOD)?.travelMinutes).toBe(240);
    const next = dayWindow('2026-03-11', TZ) as DayWindow;
    expect(personOrderDay(o, A, next, EOD)?.travelMinutes).toBe(480);
    const third = dayWindow('2026-03-12', TZ) as DayWindow;
    expect(personOrderDay(o, A, third, at('23:00', '2026-03-12'))).toBeNull();
  });
});
