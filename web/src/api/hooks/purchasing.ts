// Purchasing (R-PT-3, R-PT-5): the reorder list, purchase plans (submitted by the parts
// administrator, approved by the service manager) and purchase contracts received into stock.
// Keys under the shared 'parts' root (./parts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { invalidatePaths, partsKeys, REORDER, stockMoved } from './parts';

export type PurchaseSuggestion = components['schemas']['PurchaseSuggestion'];
export type PurchasePlan = components['schemas']['PurchasePlan'];
export type PurchaseContract = components['schemas']['PurchaseContract'];

const PLANS = '/api/v1/parts/purchase-plans';
const CONTRACTS = '/api/v1/parts/purchase-contracts';

export const useReorderSuggestions = () => useQuery({ queryKey: partsKeys.list(REORDER), queryFn: () => must(api.GET(REORDER)) });

export function usePurchasePlans(query: GetQuery<typeof PLANS>) {
  return useQuery({ queryKey: partsKeys.list(PLANS, query), queryFn: () => must(api.GET(PLANS, { params: { query } })) });
}

export function usePurchaseContracts(query: GetQuery<typeof CONTRACTS>) {
  return useQuery({ queryKey: partsKeys.list(CONTRACTS, query), queryFn: () => must(api.GET(CONTRACTS, { params: { query } })) });
}

/** A plan from the chosen reorder lines; open plans count in the reorder list. */
export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof PLANS, 'post'>) => must(api.POST(PLANS, { body })),
    onSuccess: () => invalidatePaths(qc, PLANS, REORDER),
  });
}

export function useSubmitPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: Pick<PurchasePlan, 'id' | 'version'>) =>
      must(api.POST('/api/v1/parts/purchase-plans/{id}/submit', { params: { path: { id: p.id } }, body: { version: p.version } })),
    onSuccess: () => invalidatePaths(qc, PLANS),
  });
}

export function useDecidePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/parts/purchase-plans/{id}/decide', 'post'>) =>
      must(api.POST('/api/v1/parts/purchase-plans/{id}/decide', { params: { path: { id } }, body })),
    onSuccess: () => invalidatePaths(qc, PLANS, REORDER),
  });
}

export function useCreateContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof CONTRACTS, 'post'>) => must(api.POST(CONTRACTS, { body })),
    onSuccess: () => invalidatePaths(qc, CONTRACTS, PLANS, REORDER),
  });
}

/** Receives contract lines into a warehouse: the contract and the stock change. */
export function useReceiveContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/parts/purchase-contracts/{id}/receive', 'post'>) =>
      must(api.POST('/api/v1/parts/purchase-contracts/{id}/receive', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([invalidatePaths(qc, CONTRACTS), stockMoved(qc)]),
  });
}
