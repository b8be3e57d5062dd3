// Take-back repair (R-WO-3, issue 11 item 2): a work order's receipts with their repair cards, and
// the three writes: take the unit back, add to the repair card, return it. Each changes the
// work order (its status, its time and parts, its version), its receipts and the goods register.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';
import { workOrderKeys } from './workOrders';

export type GoodsReceipt = components['schemas']['GoodsReceipt'];

export const goodsRegisterKeys = keysFor('goods-register');

export const useTakeBackReceipts = (workOrderId: string) =>
  useQuery({
    queryKey: workOrderKeys.detail(workOrderId, 'take-back'),
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/take-back', { params: { path: { id: workOrderId } } })),
  });

function useReceiptChanged() {
  const qc = useQueryClient();
  // The work order's detail keys hold the order and its receipts.
  return (_r: GoodsReceipt, { id }: { id: string }) =>
    Promise.all([qc.invalidateQueries({ queryKey: workOrderKeys.detail(id) }), qc.invalidateQueries({ queryKey: goodsRegisterKeys.lists() })]);
}

/** Take the unit back for workshop repair: the customer's receipt. */
export function useTakeBack() {
  const onSuccess = useReceiptChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/work-orders/{id}/take-back', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/take-back', { params: { path: { id } }, body })),
    onSuccess,
  });
}

/** Add workshop time and parts to the repair card. */
export function useAddRepairCard() {
  const onSuccess = useReceiptChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/work-orders/{id}/take-back/card', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/take-back/card', { params: { path: { id } }, body })),
    onSuccess,
  });
}

/** Return the unit to the customer. */
export function useReturnTakenBack() {
  const onSuccess = useReceiptChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/work-orders/{id}/take-back/return', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/take-back/return', { params: { path: { id } }, body })),
    onSuccess,
  });
}
