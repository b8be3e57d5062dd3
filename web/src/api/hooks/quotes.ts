// Quotes (报价单) and warranty exclusions (保修除外, issue 15 §4; R-FE-1, R-WX-1): one quote with what
// the reader may do, the work order's money section, and the writes; a write refreshes the quote,
// the quote lists, the work-order section and the work order (its fee and next steps change).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Quote = components['schemas']['Quote'];
export type QuoteDetail = components['schemas']['QuoteDetail'];
export type WorkOrderQuotes = components['schemas']['WorkOrderQuotes'];
export type WarrantyExclusion = components['schemas']['WarrantyExclusion'];

export const quoteKeys = keysFor('quotes');
const sectionKey = (workOrderId: string) => ['work-order-quotes', workOrderId] as const;

export const useQuote = (id: string) =>
  useQuery({ queryKey: quoteKeys.detail(id), queryFn: () => must(api.GET('/api/v1/quotes/{id}', { params: { path: { id } } })), enabled: !!id });

export const useWorkOrderQuotes = (workOrderId: string) =>
  useQuery({
    queryKey: sectionKey(workOrderId),
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/quotes', { params: { path: { id: workOrderId } } })),
    enabled: !!workOrderId,
  });

function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([quoteKeys.all, ['work-order-quotes'], ['work-orders']].map((queryKey) => qc.invalidateQueries({ queryKey: queryKey as readonly unknown[] })));
}

export function useProposeExclusion(workOrderId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/work-orders/{id}/warranty-exclusion', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/warranty-exclusion', { params: { path: { id: workOrderId } }, body })),
    onSuccess: refresh,
  });
}

export function useDecideExclusion() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/warranty-exclusions/{id}/decide', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/warranty-exclusions/{id}/decide', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useCreateQuote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/quotes', 'post'>) => must(api.POST('/api/v1/quotes', { body })),
    onSuccess: refresh,
  });
}

export function useSendQuote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      must(api.POST('/api/v1/quotes/{id}/send', { params: { path: { id } }, body: { version } })),
    onSuccess: refresh,
  });
}

export function useAcceptQuote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/quotes/{id}/accept', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/quotes/{id}/accept', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useRejectQuote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/quotes/{id}/reject', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/quotes/{id}/reject', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}
