// Issue 16 §1: the replay rules of the engineer's offline queue, as tables.
import { describe, expect, it } from 'vitest';
import {
  applyLocally,
  bodyToSend,
  discardStep,
  enqueue,
  markRejected,
  markSent,
  markSynced,
  nextToSend,
  outcomeOf,
  type QueuedStep,
  rejectedOf,
  retryStep,
  unsyncedCount,
} from './queue';

const at = '2026-12-07T03:00:00.000Z';
function queueOf(...steps: [string, QueuedStep['kind'], Record<string, unknown>][]): QueuedStep[] {
  return steps.reduce<QueuedStep[]>((q, [wo, kind, body]) => enqueue(q, { workOrderId: wo, kind, body, clientAt: at }), []);
}

describe('issue 16 §1 offline queue: order and blocking', () => {
  it('steps are numbered in the order they were taken and replayed in that order', () => {
    let q = queueOf(['A', 'transition', { to: 'accepted' }], ['A', 'transition', { to: 'on_the_way' }], ['B', 'transition', { to: 'accepted' }]);
    expect(q.map((s) => s.seq)).toEqual([1, 2, 3]);
    const sent: unknown[] = [];
    for (let s = nextToSend(q); s; s = nextToSend(q)) {
      sent.push([s.workOrderId, s.body.to]);
      q = markSynced(q, s.key);
    }
    expect(sent).toEqual([
      ['A', 'accepted'],
      ['A', 'on_the_way'],
      ['B', 'accepted'],
    ]);
  });

  it('every step has its own Idempotency-Key', () => {
    const q = queueOf(
      ...Array.from({ length: 50 }, (_, i) => ['A', 'content', { actions: `step ${i}` }] as [string, QueuedStep['kind'], Record<string, unknown>]),
    );
    expect(new Set(q.map((s) => s.key)).size).toBe(50);
  });

  it('a rejected step holds back the later steps of its own order only, and counts as not yet synced', () => {
    let q = queueOf(['A', 'transition', { to: 'accepted' }], ['A', 'transition', { to: 'on_the_way' }], ['B', 'transition', { to: 'accepted' }]);
    q = markRejected(q, q[0].key, { status: 403, code: 'not_allowed_actor', detail: '改派' });
    expect(nextToSend(q)?.workOrderId).toBe('B');
    expect(unsyncedCount(q, 'A')).toBe(2);
    expect(rejectedOf(q, 'A').map((s) => s.rejection?.code)).toEqual(['not_allowed_actor']);
  });

  it('discarding the rejected draft lets the rest go; retrying it sends it again with a new key and the current version', () => {
    const base = queueOf(['A', 'transition', { to: 'accepted' }], ['A', 'content', { actions: 'x' }]);
    const first = base[0];
    let q = markSent(base, first.key, 4);
    q = markRejected(q, first.key, { status: 409, code: 'version_conflict', detail: '' });
    const retried = retryStep(q, first.key);
    const again = nextToSend(retried) as QueuedStep;
    expect(again.seq).toBe(1);
    expect(again.key).not.toBe(first.key);
    expect(again.sentVersion).toBeUndefined();
    expect(bodyToSend(again, 7).body).toEqual({ to: 'accepted', version: 7 });
    const dropped = discardStep(q, first.key);
    expect(nextToSend(dropped)?.kind).toBe('content');
  });
});

describe('issue 16 §1 offline queue: a resend is the same request', () => {
  it('the version is fixed at the first send, so a resend after a dropped connection is identical', () => {
    let q = queueOf(['A', 'transition', { to: 'on_site' }]);
    const s = q[0];
    const firstBody = bodyToSend(s, 5);
    q = markSent(q, s.key, firstBody.version);
    // The server moved on (our first attempt committed): the resend still says version 5.
    const resend = bodyToSend(q[0], 6);
    expect(resend.body).toEqual(firstBody.body);
    expect(q[0].key).toBe(s.key);
    expect(q[0].attempts).toBe(1);
  });

  it('unversioned steps (part lines, photos) carry no version', () => {
    const [s] = queueOf(['A', 'part', { name: '保险丝', quantity: 1 }]);
    expect(bodyToSend(s, 3)).toEqual({ body: { name: '保险丝', quantity: 1 } });
  });

  it.each([
    ['network', undefined, 'retry'],
    [200, undefined, 'synced'],
    [201, undefined, 'synced'],
    [500, 'internal', 'retry'],
    [503, undefined, 'retry'],
    [409, 'idempotency_in_progress', 'retry'],
    [409, 'idempotent_request_committed', 'synced'],
    [409, 'version_conflict', 'rejected'],
    [403, 'not_allowed_actor', 'rejected'],
    [404, 'not_found', 'rejected'],
    [422, 'insufficient_stock', 'rejected'],
    [422, 'client_time_in_future', 'rejected'],
  ] as const)('answer %s %s → %s', (status, code, expected) => {
    expect(outcomeOf(status, code)).toBe(expected);
  });
});

describe('issue 16 §1 offline queue: the order as the phone shows it', () => {
  const views = [
    { status: 'accepted', nextSteps: ['on_the_way'], nextActions: [{ to: 'on_the_way' }], abilities: { sign: false } },
    { status: 'signed_off', nextSteps: [], nextActions: [], abilities: { sign: false } },
  ];
  const wo = {
    status: 'dispatched',
    nextSteps: ['accepted'],
    nextActions: [{ to: 'accepted' }],
    abilities: { sign: false },
    phenomenon: null as string | null,
    version: 3,
  };

  it('a step moves the status and takes the actions the server computed for it', () => {
    expect(applyLocally(wo, { kind: 'transition', body: { to: 'accepted' } }, views)).toMatchObject({
      status: 'accepted',
      nextSteps: ['on_the_way'],
      version: 3,
    });
    expect(applyLocally(wo, { kind: 'sign', body: {} }, views)).toMatchObject({ status: 'signed_off', nextActions: [] });
  });

  it('a content step sets the fields but never the version', () => {
    expect(applyLocally(wo, { kind: 'content', body: { phenomenon: '无法开机', version: 99 } }, views)).toMatchObject({ phenomenon: '无法开机', version: 3 });
  });
});
