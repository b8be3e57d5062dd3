// Quarterly visit plans and key accounts (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月):
// a quarter's plans with their month cells and lines, plan vs done, generating, assigning, and the
// customer's key-account flag. A write refreshes the plans' lists.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type VisitPlan = components['schemas']['VisitPlan'];
export type VisitPlanLine = components['schemas']['VisitPlanLine'];
export type VisitPlanPage = components['schemas']['VisitPlanPage'];
export type KeyAccount = components['schemas']['KeyAccount'];

export const visitPlanKeys = keysFor('visit-plans');
const keyAccountKey = (customerId: string) => ['customers', 'detail', customerId, 'key-account'] as const;

export interface PlanFilter {
  year: number;
  quarter: number;
  page: number;
  pageSize: number;
  q?: string;
  keyAccount?: 'true' | 'false';
  state?: 'planned' | 'due' | 'done' | 'missed';
}

export const useVisitPlans = (f: PlanFilter) =>
  useQuery({
    queryKey: visitPlanKeys.list('/api/v1/visit-plans', f),
    queryFn: () => must(api.GET('/api/v1/visit-plans', { params: { query: f } })),
  });

export const usePlanVsDone = (year: number, quarter: number, by: 'customer' | 'person') =>
  useQuery({
    queryKey: visitPlanKeys.list('/api/v1/visit-plans/summary', { year, quarter, by }),
    queryFn: () => must(api.GET('/api/v1/visit-plans/summary', { params: { query: { year, quarter, by } } })),
  });

export function useGenerateVisitPlans() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/visit-plans/generate', 'post'>) => must(api.POST('/api/v1/visit-plans/generate', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitPlanKeys.all }),
  });
}

export const useKeyAccount = (customerId: string, enabled = true) =>
  useQuery({
    queryKey: keyAccountKey(customerId),
    queryFn: () => must(api.GET('/api/v1/customers/{id}/key-account', { params: { path: { id: customerId } } })),
    enabled,
  });

export function useSetKeyAccount(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/customers/{id}/key-account', 'put'>) =>
      must(api.PUT('/api/v1/customers/{id}/key-account', { params: { path: { id: customerId } }, body })),
    onSuccess: (d) => {
      qc.setQueryData(keyAccountKey(customerId), d);
      return qc.invalidateQueries({ queryKey: visitPlanKeys.all });
    },
  });
}

/** Records this month's planned visit as made (a key account's extra visit); answers the plan. */
export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, ...body }: BodyOf<'/api/v1/visit-plans/lines/{id}/visit', 'post'> & { lineId: string }) =>
      must(api.POST('/api/v1/visit-plans/lines/{id}/visit', { params: { path: { id: lineId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitPlanKeys.all }),
  });
}
