// Work orders (工单, R-WO-1..5; issue 11 item 2): the record, its lists, and every step as a
// mutation. A write answers with the order: it goes into the detail cache, and only what shows
// it is refreshed — work-order lists, and for a step that moves the job the request it belongs to
// (its status follows the order) and the dispatch board.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
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

export const useWorkOrder = (id: string) =>
  useQuery({ queryKey: workOrderKeys.detail(id), queryFn: () => must(api.GET('/api/v1/work-orders/{id}', { params: { path: { id } } })) });

export const useWorkOrders = (query: GetQuery<'/api/v1/work-orders'>) =>
  useQuery({
    queryKey: workOrderKeys.list('/api/v1/work-orders', query),
    queryFn: () => must(api.GET('/api/v1/work-orders', { params: { query } })),
  });

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
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/transition', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/transition', { params: { path: { id } }, body })),
    onSuccess: (wo) => saved(qc, wo, true),
  });
}

/** The on-site record (R-WO-2). */
export function useSaveContent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}', 'patch'>) => must(api.PATCH('/api/v1/work-orders/{id}', { params: { path: { id } }, body })),
    onSuccess: (wo) => saved(qc, wo, false),
  });
}

/** A typed part line (customer-supplied or non-stock). */
export function useAddPart() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/parts', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/parts', { params: { path: { id } }, body })),
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
    mutationFn: ({ id, ...body }: With<'/api/v1/work-orders/{id}/sign', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/sign', { params: { path: { id } }, body })),
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
