import { describe, expect, it } from 'vitest';
import { signaturePng } from '../reports/reports.fixtures.ts';
import {
  type Actor,
  actorsFor,
  checkTransition,
  clientTimeRefusal,
  isPngDataUrl,
  missingForReview,
  nextSteps,
  TRANSITIONS,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from './workorders.rules.ts';

describe('R-WO-1 work-order lifecycle', () => {
  it.each([
    // from, to, actors, reason, expected
    ['new', 'dispatched', ['dispatch'], null, null],
    ['dispatched', 'accepted', ['lead'], null, null],
    ['dispatched', 'accepted', ['helper'], null, 'not_allowed_actor'],
    ['dispatched', 'dispatched', ['dispatch'], '原工程师请假', null],
    ['dispatched', 'dispatched', ['dispatch'], '  ', 'reason_required'],
    ['accepted', 'on_the_way', ['helper'], null, null],
    ['on_the_way', 'on_site', ['lead'], null, null],
    ['on_site', 'waiting_parts', ['lead'], '等待主板', null],
    ['on_site', 'waiting_parts', ['lead'], null, 'reason_required'],
    ['on_site', 'taken_back', ['lead'], null, null],
    ['taken_back', 'resolved', ['lead'], null, null],
    ['on_site', 'resolved', ['lead'], null, null],
    ['resolved', 'signed_off', ['customer'], null, null],
    ['signed_off', 'reviewed', ['review'], null, null],
    ['signed_off', 'resolved', ['review'], '缺少维修验证结果', null],
    ['reviewed', 'closed', ['review'], null, null],
    ['new', 'cancelled', ['dispatch'], '重复报修', null],
    // illegal jumps
    ['new', 'on_site', ['lead', 'dispatch', 'manager'], null, 'illegal_transition'],
    ['dispatched', 'resolved', ['lead'], null, 'illegal_transition'],
    ['on_site', 'signed_off', ['lead'], null, 'illegal_transition'],
    ['resolved', 'reviewed', ['review'], null, 'illegal_transition'],
    ['signed_off', 'on_site', ['lead'], null, 'illegal_transition'],
    ['closed', 'new', ['manager'], null, 'illegal_transition'],
    ['cancelled', 'dispatched', ['dispatch'], null, 'illegal_transition'],
    ['on_site', 'cancelled', ['dispatch'], 'x', 'illegal_transition'],
    // wrong people
    ['new', 'dispatched', ['lead'], null, 'not_allowed_actor'],
    ['signed_off', 'reviewed', ['lead'], null, 'not_allowed_actor'],
    ['resolved', 'signed_off', ['helper'], null, 'not_allowed_actor'],
  ] as const)('%s → %s by %j', (from, to, actors, reason, expected) => {
    expect(checkTransition(from, to, actors as readonly Actor[], reason)).toBe(expected);
  });

  it('terminal states have no way out, and every state is reachable from new', () => {
    expect(TRANSITIONS.closed).toEqual([]);
    expect(TRANSITIONS.cancelled).toEqual([]);
    const seen = new Set<WorkOrderStatus>(['new']);
    const queue: WorkOrderStatus[] = ['new'];
    while (queue.length) for (const s of TRANSITIONS[queue.shift() as WorkOrderStatus]) if (!seen.has(s.to)) seen.add(s.to) && queue.push(s.to);
    expect([...seen].sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  it('offers each person only the steps they may take', () => {
    expect(nextSteps('dispatched', ['lead'])).toEqual(['accepted']);
    expect(nextSteps('on_site', ['helper'])).toEqual(['waiting_parts']);
    expect(nextSteps('resolved', ['customer'])).toEqual(['signed_off']);
  });

  it('derives capacities from roles and assignment', () => {
    expect(actorsFor(['engineer'], 'lead', false)).toEqual(['lead']);
    expect(actorsFor(['dispatcher'], null, false)).toEqual(['dispatch', 'review']);
    expect(actorsFor(['customer_user'], null, true)).toEqual(['customer']);
    expect(actorsFor(['customer_user'], null, false)).toEqual([]);
  });
});

describe('R-WO-5 report completeness', () => {
  const complete = {
    category: 'contract' as const,
    arrivedAt: new Date(),
    phenomenon: '染色不均',
    cause: '加热模块老化',
    actions: '更换加热模块',
    testResults: '试染 10 张合格',
    labourMinutes: 90,
  };
  it.each([
    ['a complete on-site repair', complete, []],
    ['no verification after repair', { ...complete, testResults: ' ' }, ['testResults']],
    ['on-site without a cause', { ...complete, cause: null }, ['cause']],
    ['solved by phone needs no cause', { ...complete, arrivedAt: null, cause: null }, []],
    ['a paid job without labour time', { ...complete, category: 'paid' as const, labourMinutes: 0 }, ['labourMinutes']],
    ['an empty report', { ...complete, phenomenon: null, cause: null, actions: null, testResults: null }, ['phenomenon', 'cause', 'actions', 'testResults']],
  ])('%s → missing %j', (_s, content, missing) => {
    expect(missingForReview(content)).toEqual(missing);
  });
});

describe('R-WO-4 the drawn signature is a PNG of a sane size', () => {
  const edited = (edit: (bytes: Buffer) => void) => {
    const bytes = Buffer.from(signaturePng().split(',')[1], 'base64');
    edit(bytes);
    return `data:image/png;base64,${bytes.toString('base64')}`;
  };
  const png = (w: number, h: number) =>
    edited((b) => {
      b.writeUInt32BE(w, 16);
      b.writeUInt32BE(h, 20);
    });

  it('accepts what a signature pad draws, up to 4096 pixels a side', () => {
    expect(isPngDataUrl(signaturePng())).toBe(true);
    expect(isPngDataUrl(png(4096, 1200))).toBe(true);
  });

  it.each([
    ['an HTML page as an image', `data:image/png;base64,${Buffer.from('<html><script>alert(1)</script></html>'.padEnd(80)).toString('base64')}`],
    ['a JPEG labelled PNG', `data:image/png;base64,${Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(80)]).toString('base64')}`],
    ['an .exe labelled PNG', `data:image/png;base64,${Buffer.concat([Buffer.from('4d5a9000', 'hex'), Buffer.alloc(80)]).toString('base64')}`],
    ['a small file declaring a 100000-pixel-wide image (decompression bomb)', png(100_000, 8)],
    ['a zero-height image', png(24, 0)],
    ['a PNG whose first chunk is not IHDR', edited((b) => b.write('IDAT', 12, 'latin1'))],
    ['another image type in the data URL', signaturePng().replace('image/png', 'image/svg+xml')],
  ])('refuses %s', (_what, url) => {
    expect(isPngDataUrl(url)).toBe(false);
  });
});

describe('R-WO-1 issue 16: a step recorded offline keeps the phone time, within bounds', () => {
  const created = new Date('2026-12-07T08:00:00Z');
  const received = new Date('2026-12-07T12:00:00Z');
  it.each([
    ['an hour ago is taken as it is', '2026-12-07T11:00:00Z', null],
    ['the moment the order was made is allowed', '2026-12-07T08:00:00Z', null],
    ['a phone clock one minute fast is tolerated', '2026-12-07T12:01:00Z', null],
    ['ten minutes in the future is refused', '2026-12-07T12:10:00Z', 'client_time_in_future'],
    ['before the work order existed is refused', '2026-12-07T07:59:59Z', 'client_time_before_work_order'],
  ])('%s', (_name, at, expected) => {
    expect(clientTimeRefusal(new Date(at), received, created)).toBe(expected);
  });
});
