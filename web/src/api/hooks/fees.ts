// Fees of paid service (R-WO-4, R-FE-1, issue 11 item 2): the price list and its versions, and
// finance recording a work order's fee collected or invoiced, or reversing a line. The payment
// writes answer with the work order, which replaces the cached one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';
import { workOrderKeys } from './workOrders';

export type PriceList = components['schemas']['PriceList'];
export type Payment = components['schemas']['WorkOrderFee']['payments'][number];

export const priceListKeys = keysFor('price-list');
const priceListKey = priceListKeys.all;

export const usePriceList = () => useQuery({ queryKey: priceListKey, queryFn: () => must(api.GET('/api/v1/price-list')) });

export function useSavePriceList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/price-list', 'put'>) => must(api.PUT('/api/v1/price-list', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: priceListKey }),
  });
}

export function useRecordPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/work-orders/{id}/payment', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/payment', { params: { path: { id } }, body })),
    onSuccess: (wo) => qc.setQueryData(workOrderKeys.detail(wo.id), wo),
  });
}

export function useReversePayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, paymentId, ...body }: { id: string; paymentId: string } & BodyOf<'/api/v1/work-orders/{id}/payments/{paymentId}/reversal', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/payments/{paymentId}/reversal', { params: { path: { id, paymentId } }, body })),
    onSuccess: (wo) => qc.setQueryData(workOrderKeys.detail(wo.id), wo),
  });
}
