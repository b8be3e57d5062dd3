// Issue 16 §1: the engineer's phone without a signal. On opening with a connection the offline
// pack (GET /engineer/offline-pack) goes into IndexedDB; offline, every step is recorded in the
// queue with the phone's time and shown at once on the local copy; back online the queue is
// replayed in order (queue.ts rules), one step at a time, each with its Idempotency-Key and
// X-Client-Time, so a replay cut off in the middle and started again never doubles anything.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { components } from '../../api/schema';
import i18n from '../i18n';
import { idbGet, idbPut, loadQueue, offlineAvailable, saveQueue } from './idb';
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
  type Rejection,
  retryStep,
  type StepKind,
} from './queue';

type WorkOrder = components['schemas']['WorkOrder'];
type Pack = components['schemas']['EngineerOfflinePack'];
type View = Pack['statusViews'][number]['views'][number];
type ListItem = Pack['items'][number];

// ---- state shared with the screens (useSyncExternalStore) ----------------------------------

interface OfflineState {
  online: boolean;
  queue: QueuedStep[];
  syncing: boolean;
  packAt: string | null;
  /** The work orders in the last offline pack (issue 16 §3: the order page says when it is in sync). */
  packIds: string[];
}

let state: OfflineState = { online: typeof navigator === 'undefined' ? true : navigator.onLine, queue: [], syncing: false, packAt: null, packIds: [] };
const listeners = new Set<() => void>();
function set(patch: Partial<OfflineState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const useOfflineState = () => useSyncExternalStore(subscribe, () => state);
export const isOffline = () => !state.online;
export const hasQueued = (workOrderId: string) => state.queue.some((s) => s.workOrderId === workOrderId);

let client: QueryClient | null = null;
const detailKey = (id: string) => ['work-orders', 'detail', id] as const;

/** Started once by the signed-in layout: loads the queue, follows the connection, replays. */
export async function startOffline(qc: QueryClient) {
  if (client || !offlineAvailable()) return;
  client = qc;
  set({ queue: await loadQueue() });
  window.addEventListener('online', () => {
    set({ online: true });
    void replay().then(() => downloadPack());
  });
  window.addEventListener('offline', () => set({ online: false }));
  if (navigator.onLine) void replay().then(() => downloadPack());
}

// ---- requests ---------------------------------------------------------------------------------

function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)ms_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}
const lang = () => (i18n.language === 'en-US' ? 'en-US' : 'zh-CN');

async function send(method: string, url: string, body: unknown, extra: Record<string, string> = {}): Promise<{ status: number; data: unknown }> {
  const isForm = body instanceof FormData;
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'accept-language': lang(),
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken() }),
      ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      ...extra,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: text.slice(0, 200) };
  }
  return { status: r.status, data };
}

// ---- the offline pack -------------------------------------------------------------------------

/** Downloads the engineer's open orders into IndexedDB (skipped offline; a failure keeps the last pack). */
export async function downloadPack(): Promise<void> {
  if (!navigator.onLine) return;
  try {
    const r = await send('GET', '/api/v1/engineer/offline-pack', undefined);
    if (r.status !== 200) return;
    const pack = r.data as Pack;
    for (const wo of pack.workOrders) await idbPut('orders', wo, wo.id);
    for (const v of pack.statusViews) await idbPut('views', v.views, v.workOrderId);
    await idbPut('lists', pack.items, 'mine');
    set({ packAt: pack.generatedAt, packIds: pack.workOrders.map((w) => w.id) });
  } catch {
    // No connection after all: the last pack stays.
  }
}

/** The order as the phone shows it: the server's last copy with the steps still queued applied. */
export async function localOrder(id: string, server?: WorkOrder): Promise<WorkOrder | undefined> {
  const base = server ?? (await idbGet<WorkOrder>('orders', id));
  if (!base) return undefined;
  const views = (await idbGet<View[]>('views', id)) ?? [];
  return state.queue.filter((s) => s.workOrderId === id).reduce((wo, s) => applyLocally(wo, s, views), base);
}

/** "My work" from the pack, each order in its local status. */
export async function localMyWork(): Promise<ListItem[]> {
  const items = (await idbGet<ListItem[]>('lists', 'mine')) ?? [];
  return Promise.all(items.map(async (i) => ({ ...i, status: (await localOrder(i.id))?.status ?? i.status })));
}

/** Keeps the server's answer as the phone's copy of the order. */
export async function keepOrder(wo: WorkOrder): Promise<void> {
  if (offlineAvailable()) await idbPut('orders', wo, wo.id).catch(() => {});
}

/** A fetch that failed for want of a connection (not an answer from the server). */
export const isNetworkError = (e: unknown) => e instanceof TypeError || (e instanceof Error && /fetch|network/i.test(e.message));

// ---- recording a step -------------------------------------------------------------------------

async function commit(queue: QueuedStep[]) {
  set({ queue });
  await saveQueue(queue);
}

/**
 * Records a step taken without a connection (or behind steps still queued for the same order):
 * into the queue with the phone's time, and the order shown with it at once.
 */
export async function recordStep(
  workOrderId: string,
  kind: StepKind,
  body: Record<string, unknown>,
  extra: { key?: string; sentVersion?: number; photo?: Blob; filename?: string } = {},
): Promise<WorkOrder | undefined> {
  const { version: _v, ...rest } = body;
  const queue = enqueue(state.queue, { workOrderId, kind, body: rest, clientAt: new Date().toISOString(), ...extra });
  if (extra.sentVersion !== undefined) queue[queue.length - 1] = { ...queue[queue.length - 1], sentVersion: extra.sentVersion };
  await commit(queue);
  const wo = await localOrder(workOrderId);
  if (wo) client?.setQueryData(detailKey(workOrderId), wo);
  if (navigator.onLine) void replay();
  return wo;
}

export async function retryRejected(key: string) {
  await commit(retryStep(state.queue, key));
  void replay();
}

export async function discardRejected(key: string) {
  const step = state.queue.find((s) => s.key === key);
  await commit(discardStep(state.queue, key));
  if (step) {
    const wo = await localOrder(step.workOrderId);
    if (wo) client?.setQueryData(detailKey(step.workOrderId), wo);
  }
}

// ---- replay -----------------------------------------------------------------------------------

const URL_OF: Record<StepKind, (id: string) => [string, string]> = {
  transition: (id) => ['POST', `/api/v1/work-orders/${id}/transition`],
  content: (id) => ['PATCH', `/api/v1/work-orders/${id}`],
  part: (id) => ['POST', `/api/v1/work-orders/${id}/parts`],
  sign: (id) => ['POST', `/api/v1/work-orders/${id}/sign`],
  photo: () => ['POST', '/api/v1/attachments'],
};

function photoForm(step: QueuedStep): FormData {
  const form = new FormData();
  form.append('ownerKind', 'work_order');
  form.append('ownerId', step.workOrderId);
  if (typeof step.body.caption === 'string') form.append('caption', step.body.caption);
  form.append('file', step.photo as Blob, step.filename ?? `photo-${step.key}.jpg`);
  return form;
}

/** A photo upload carries no Idempotency-Key (multipart): a resend first looks whether the first one arrived. */
async function photoArrived(step: QueuedStep): Promise<boolean> {
  const r = await send('GET', `/api/v1/attachments?ownerKind=work_order&ownerId=${step.workOrderId}&pageSize=200`, undefined);
  const items = (r.data as { items?: { fileName: string }[] } | null)?.items ?? [];
  return items.some((a) => a.fileName === (step.filename ?? `photo-${step.key}.jpg`));
}

/** A content save (PATCH, no idempotency) refused as stale is done if the order already holds exactly it. */
async function contentArrived(step: QueuedStep): Promise<WorkOrder | null> {
  const r = await send('GET', `/api/v1/work-orders/${step.workOrderId}`, undefined);
  if (r.status !== 200) return null;
  const wo = r.data as Record<string, unknown>;
  return Object.entries(step.body).every(([k, v]) => JSON.stringify(wo[k] ?? null) === JSON.stringify(v ?? null)) ? (wo as unknown as WorkOrder) : null;
}

let running: Promise<void> | null = null;
/** Wait before sending again after a dropped connection the browser has not noticed. */
const RETRY_MS = 3000;

/** Sends the queue in order until it is empty, blocked by rejected drafts, or the connection drops. */
export function replay(): Promise<void> {
  if (!running) {
    running = replayLoop().finally(() => {
      running = null;
      set({ syncing: false });
    });
  }
  return running;
}

async function serverVersionOf(id: string): Promise<number> {
  return (await idbGet<WorkOrder>('orders', id))?.version ?? 0;
}

async function replayLoop(): Promise<void> {
  set({ syncing: true });
  for (let step = nextToSend(state.queue); step; step = nextToSend(state.queue)) {
    const current: QueuedStep = step;
    const { body, version } = bodyToSend(current, await serverVersionOf(current.workOrderId));
    await commit(markSent(state.queue, current.key, version));
    const [method, url] = URL_OF[current.kind](current.workOrderId);
    let status: number | 'network';
    let data: unknown = null;
    try {
      if (current.kind === 'photo' && current.attempts > 0 && (await photoArrived(current))) {
        status = 201;
      } else {
        const headers: Record<string, string> = { 'x-client-time': current.clientAt };
        if (method === 'POST' && current.kind !== 'photo') headers['idempotency-key'] = current.key;
        const r = await send(method, url, current.kind === 'photo' ? photoForm(current) : body, headers);
        status = r.status;
        data = r.data;
      }
    } catch {
      status = 'network';
    }
    const problem = (data ?? {}) as { code?: string; detail?: string };
    let outcome = outcomeOf(status, problem.code);
    if (outcome === 'rejected' && current.kind === 'content' && status === 409) {
      const wo = await contentArrived(current).catch(() => null);
      if (wo) {
        outcome = 'synced';
        data = wo;
      }
    }
    if (outcome === 'retry') {
      // The connection dropped (or the server is busy): the step stays first in line, with the
      // same key and version. The 'online' event starts again; while the phone thinks it is
      // online, a timer does.
      if (!navigator.onLine) set({ online: false });
      else setTimeout(() => void replay(), RETRY_MS);
      return;
    }
    if (outcome === 'synced') {
      await commit(markSynced(state.queue, current.key));
      const answered = data as WorkOrder | null;
      if (answered && typeof answered === 'object' && 'status' in answered && 'version' in answered && answered.id === current.workOrderId) {
        await keepOrder(answered);
      } else if (current.kind !== 'photo') {
        const r = await send('GET', `/api/v1/work-orders/${current.workOrderId}`, undefined).catch(() => null);
        if (r?.status === 200) await keepOrder(r.data as WorkOrder);
      }
    } else {
      const rejection: Rejection = { status: status as number, code: problem.code ?? 'unknown', detail: problem.detail ?? '' };
      await commit(markRejected(state.queue, current.key, rejection));
    }
    const wo = await localOrder(current.workOrderId);
    if (wo) client?.setQueryData(detailKey(current.workOrderId), wo);
  }
  await client?.invalidateQueries({ queryKey: ['work-orders', 'list'] });
  await client?.invalidateQueries({ queryKey: ['attachments'] });
}

// ---- photos -----------------------------------------------------------------------------------

/** Longest side of a photo sent from the phone. */
export const PHOTO_MAX_SIDE = 1600;

/** Compresses a photo on the phone (canvas → JPEG, longest side ≤ 1600 px); other files pass as they are. */
export async function compressPhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp|heic|heif)$/.test(file.type) || typeof createImageBitmap === 'undefined') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.drawImage(bitmap, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    if (!blob || (blob.size >= file.size && scale === 1 && file.type === 'image/jpeg')) return file;
    return new File([blob], `${file.name.replace(/\.[^.]+$/, '')}.jpg`, { type: 'image/jpeg' });
  } catch {
    return file;
  }
}
