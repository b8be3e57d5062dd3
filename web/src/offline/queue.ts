// Issue 16 §1: the engineer's offline step queue as pure functions (no IndexedDB, no fetch), so the
// rules of replay are tested on their own (queue.test.ts). A step recorded without a signal keeps
// the phone's time and an Idempotency-Key; back online the steps are sent one at a time in the
// order they were taken. The version a versioned step sends is fixed at its first send, so a
// resend after a dropped connection is byte-for-byte the same request and the server answers it
// from its idempotency record instead of doing it twice. A step the server refuses (reassigned,
// changed by someone else, the van ran out) is kept as a rejected draft with the reason, and the
// later steps of the same work order wait behind it until the engineer retries or discards it.

export type StepKind = 'transition' | 'content' | 'part' | 'sign' | 'photo';

export interface Rejection {
  status: number;
  code: string;
  detail: string;
}

export interface QueuedStep {
  /** The Idempotency-Key sent with the step (a new one when a rejected step is retried). */
  key: string;
  /** Order of recording: replay goes by this. */
  seq: number;
  workOrderId: string;
  kind: StepKind;
  /** The request body without `version` (added at send time for versioned kinds). */
  body: Record<string, unknown>;
  /** The phone's time the step was taken (ISO), sent as X-Client-Time. */
  clientAt: string;
  state: 'queued' | 'rejected';
  /** The work-order version sent the first time; resends send the same. */
  sentVersion?: number;
  attempts: number;
  rejection?: Rejection;
  /** A photo waiting for upload (compressed JPEG) and its file name. */
  photo?: Blob;
  filename?: string;
}

/** Steps whose body carries the work order's version (optimistic lock). */
export const VERSIONED: ReadonlySet<StepKind> = new Set(['transition', 'content', 'sign']);

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A new step at the end of the queue. */
export function enqueue(queue: readonly QueuedStep[], step: Omit<QueuedStep, 'seq' | 'state' | 'attempts' | 'key'> & { key?: string }): QueuedStep[] {
  const seq = queue.reduce((m, s) => Math.max(m, s.seq), 0) + 1;
  return [...queue, { ...step, key: step.key ?? newKey(), seq, state: 'queued', attempts: 0 }];
}

const bySeq = (a: QueuedStep, b: QueuedStep) => a.seq - b.seq;

/**
 * The step to send next: the earliest queued one whose work order has no earlier rejected step
 * (a later step builds on the earlier one; it waits until that one is retried or discarded).
 */
export function nextToSend(queue: readonly QueuedStep[]): QueuedStep | null {
  const blocked = new Set<string>();
  for (const s of [...queue].sort(bySeq)) {
    if (s.state === 'rejected') blocked.add(s.workOrderId);
    else if (!blocked.has(s.workOrderId)) return s;
  }
  return null;
}

/** Steps of one order not yet on the server (queued or rejected), for the "not yet synced (N)" mark. */
export const unsyncedCount = (queue: readonly QueuedStep[], workOrderId?: string) =>
  queue.filter((s) => workOrderId === undefined || s.workOrderId === workOrderId).length;

export const rejectedOf = (queue: readonly QueuedStep[], workOrderId?: string) =>
  queue.filter((s) => s.state === 'rejected' && (workOrderId === undefined || s.workOrderId === workOrderId)).sort(bySeq);

/** The body to send: the version fixed at the first send, else the latest the server answered. */
export function bodyToSend(step: QueuedStep, serverVersion: number): { body: Record<string, unknown>; version?: number } {
  if (!VERSIONED.has(step.kind)) return { body: step.body };
  const version = step.sentVersion ?? serverVersion;
  return { body: { ...step.body, version }, version };
}

export type Outcome = 'synced' | 'retry' | 'rejected';

/**
 * What an answer means for the step: sent (2xx, or the server says the same key already
 * committed), try again later (no connection, a server error, the first attempt still running),
 * or refused for good (any other 4xx: kept as a rejected draft).
 */
export function outcomeOf(status: number | 'network', code?: string): Outcome {
  if (status === 'network') return 'retry';
  if (status >= 200 && status < 300) return 'synced';
  if (status >= 500 || status === 408 || status === 429) return 'retry';
  if (status === 409 && code === 'idempotency_in_progress') return 'retry';
  if (status === 409 && code === 'idempotent_request_committed') return 'synced';
  return 'rejected';
}

/** The step has been sent once with this version: every resend uses it. */
export const markSent = (queue: readonly QueuedStep[], key: string, version: number | undefined): QueuedStep[] =>
  queue.map((s) => (s.key === key ? { ...s, sentVersion: s.sentVersion ?? version, attempts: s.attempts + 1 } : s));

export const markSynced = (queue: readonly QueuedStep[], key: string): QueuedStep[] => queue.filter((s) => s.key !== key);

export const markRejected = (queue: readonly QueuedStep[], key: string, rejection: Rejection): QueuedStep[] =>
  queue.map((s) => (s.key === key ? { ...s, state: 'rejected', rejection } : s));

/**
 * The engineer tries a rejected step again: a new key (the old one is bound to the refusal on the
 * server) and no fixed version, so it is sent against the order as it is now. Nothing is lost.
 */
export const retryStep = (queue: readonly QueuedStep[], key: string): QueuedStep[] =>
  queue.map((s) => (s.key === key ? { ...s, key: newKey(), state: 'queued', sentVersion: undefined, rejection: undefined } : s));

/** The engineer (or dispatcher on his phone) drops a rejected step. */
export const discardStep = (queue: readonly QueuedStep[], key: string): QueuedStep[] => queue.filter((s) => s.key !== key);

/** Minimal shape of what a work order shows and a step changes locally. */
export interface LocalView<S extends string = string> {
  status: S;
  nextSteps: unknown;
  nextActions: unknown;
  abilities: unknown;
}

/**
 * The work order as the phone shows it after a step taken offline: a step moves the status and
 * takes the steps, actions and abilities the server computed in advance for that status (offline
 * pack `statusViews`); a content step sets the fields. Parts, photos and the signature picture are
 * shown from the queue itself.
 */
export function applyLocally<W extends LocalView>(wo: W, step: Pick<QueuedStep, 'kind' | 'body'>, views: readonly LocalView[]): W {
  const moveTo = (to: string): W => {
    const v = views.find((x) => x.status === to);
    return v ? { ...wo, status: to, nextSteps: v.nextSteps, nextActions: v.nextActions, abilities: v.abilities } : { ...wo, status: to };
  };
  if (step.kind === 'transition') return moveTo(String(step.body.to));
  if (step.kind === 'sign') return moveTo('signed_off');
  if (step.kind === 'content') {
    const { version: _v, ...fields } = step.body;
    return { ...wo, ...fields };
  }
  return wo;
}
