// Work orders (工单, R-WO-1..5; issue 11 item 2): the record, its lists, and every step as a
// mutation. A write answers with the order: it goes into the detail cache, and only what shows
// it is refreshed — work-order lists, and for a step that moves the job the request it belongs to
// (its status follows the order) and the dispatch board.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { newKey, type StepKind } from '../../offline/queue';
import { hasQueued, isNetworkError, isOffline, keepOrder, localMyWork, localOrder, recordStep } from '../../offline/sync';
import { keysFor } from '../keys';

export type WorkOrder = components['schemas']['WorkOrder'];
export type WorkOrderRow = components['schemas']['WorkOrderListItem'];
export type WoStatus = WorkOrder['status'];
/** One step the caller may take, primary first (server: workorders.rules actionsFor). */
export type WoAction = WorkOrder['nextActions'][number];
export type PartLine = WorkOrder['parts'][number];

export const workOrderKeys = keysFor('work-orders');
const requestKeys = keysFor('requests');
const dispatchKeys = keysFor('dispatch');

/**
 * Issue 16 §1: the order, "my work" and the engineer's steps run without a connection (the phone's
 * copy, the offline queue). TanStack Query's default network mode would pause them while the
 * browser is offline — the page never loads, the step button spins — so these always run.
 */
const OFFLINE_CAPABLE = 'always' as const;

/**
 * Issue 16 §1: the order from the server, kept on the phone; without a connection the phone's copy
 * (offline pack or last answer) with the steps still queued applied.
 */
export const useWorkOrder = (id: string) =>
  useQuery({
    queryKey: workOrderKeys.detail(id),
    networkMode: OFFLINE_CAPABLE,
    queryFn: async (): Promise<WorkOrder> => {
      const local = isOffline() ? await localOrder(id) : undefined;
      if (local) return local;
      try {
        const wo = await must(api.GET('/api/v1/work-orders/{id}', { params: { path: { id } } }));
        void keepOrder(wo);
        return hasQueued(id) ? ((await localOrder(id, wo)) ?? wo) : wo;
      } catch (e) {
        const kept = isNetworkError(e) ? await localOrder(id) : undefined;
        if (kept) return kept;
        throw e;
      }
    },
  });

export const useWorkOrders = (query: GetQuery<'/api/v1/work-orders'>) =>
  useQuery({
    queryKey: workOrderKeys.list('/api/v1/work-orders', query),
    networkMode: OFFLINE_CAPABLE,
    queryFn: async () => {
      try {
        return await must(api.GET('/api/v1/work-orders', { params: { query } }));
      } catch (e) {
        // Issue 16 §1: "my work" without a connection comes from the offline pack.
        if (!(isNetworkError(e) && query.mine === 'true')) throw e;
        const items = await localMyWork();
        return { items, total: items.length, page: 1, pageSize: items.length };
      }
    },
  });

class OfflineUnavailable extends Error {}

/**
 * Issue 16 §1: a step on the engineer's phone. Without a connection (or behind steps of the same
 * order still queued) it is recorded in the offline queue with the phone's time and the order is
 * shown with it; online it is sent with an Idempotency-Key, and if the connection drops on the way
 * it is queued under that same key and version, so the replay cannot do it twice.
 */
async function stepOr<B extends object>(kind: StepKind, id: string, body: B, online: (key: string) => Promise<WorkOrder>): Promise<WorkOrder> {
  const queued = (wo: WorkOrder | undefined) => {
    if (!wo) throw new OfflineUnavailable('offline');
    return wo;
  };
  const fields = body as Record<string, unknown>;
  if (isOffline() || hasQueued(id)) return queued(await recordStep(id, kind, fields));
  const key = newKey();
  try {
    const wo = await online(key);
    void keepOrder(wo);
    return wo;
  } catch (e) {
    if (isNetworkError(e))
      return queued(await recordStep(id, kind, fields, { key, sentVersion: typeof fields.version === 'number' ? fields.version : undefined }));
    throw e;
  }
}
const idem = (key: string) => ({ 'idempotency-key': key });

/** The answered order into its detail; lists refreshed; with `moved`, its request and the board too. */
function saved(qc: QueryClient, wo: WorkOrder, moved: boolean) {
  qc.setQueryData(workOrderKeys.detail(wo.id), wo);
  return Promise.all([
    qc.invalidateQueries({ queryKey: workOrderKeys.lists() }),
    ...(moved
      ? [
          qc.invalidateQueries({ queryKey: requestKeys.detail(wo.requestId) }),
          qc.invalidateQueries({ queryKey: requestKeys.lists() }),
          qc.invalidateQueries({ queryKey: dispatchKeys.all }),
        ]
      : []),
  ]);
}

/** For sections that changed the order through hooks of their own and hand back the answer. */
export function useWorkOrderSaved() {
  const qc = useQueryClient();
  return (wo: WorkOrder) => void saved(qc, wo, true);
}

type With<P extends keyof paths, M extends 'post' | 'patch'> = { id: string } & BodyOf<P, M>;

export function useTransition() {
  const qc = useQueryClient();
  return useMutation({
    networkMode: OFFLINE_CAPABLE,
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/transition', 'post'>) =>
      stepOr('transition', id, body, (key) => must(api.POST('/api/v1/work-orders/{id}/transition', { params: { path: { id } }, body, headers: idem(key) }))),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** The on-site record (R-WO-2). */
export function useSaveContent() {
  const qc = useQueryClient();
  return useMutation({
    networkMode: OFFLINE_CAPABLE,
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}', 'patch'>) =>
      stepOr('content', id, body, () => must(api.PATCH('/api/v1/work-orders/{id}', { params: { path: { id } }, body }))),
    onSuccess: (wo) => saved(qc, wo, false),
  });
}

/** A typed part line (customer-supplied or non-stock). */
export function useAddPart() {
  const qc = useQueryClient();
  return useMutation({
    networkMode: OFFLINE_CAPABLE,
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/parts', 'post'>) =>
      stepOr('part', id, body, (key) => must(api.POST('/api/v1/work-orders/{id}/parts', { params: { path: { id } }, body, headers: idem(key) }))),
    onSuccess: (wo) => saved(qc, wo, false),
  });
}

export function useRemovePart() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, partId }: { id: string; partId: string }) =>
      must(api.DELETE('/api/v1/work-orders/{id}/parts/{partId}', { params: { path: { id, partId } } })),
    // 204: the order is read again.
    onSuccess: (_, { id }) => qc.invalidateQueries({ queryKey: workOrderKeys.detail(id), exact: true }),
  });
}

/** The customer's signature (R-WO-4): freezes the content. */
export function useSign() {
  const qc = useQueryClient();
  return useMutation({
    networkMode: OFFLINE_CAPABLE,
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/sign', 'post'>) =>
      stepOr('sign', id, body, (key) => must(api.POST('/api/v1/work-orders/{id}/sign', { params: { path: { id } }, body, headers: idem(key) }))),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** Approve (archive) or return a signed report (R-WO-5). */
export function useReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/review', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/review', { params: { path: { id } }, body })),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** Assign or reassign the team (R-DSP-1). */
export function useDispatchWorkOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/dispatch', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/dispatch', { params: { path: { id } }, body })),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** Agree or move the planned arrival (issue 10 item 12). */
export function useReschedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/appointment', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/appointment', { params: { path: { id } }, body })),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** Issue 12: a work order of another kind than repair (installation, maintenance, …), created by the office. */
export function useCreateWorkOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/work-orders', 'post'>) => must(api.POST('/api/v1/work-orders', { body })),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}
