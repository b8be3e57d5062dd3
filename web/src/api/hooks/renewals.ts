// Renewals (续约, issue 13 §3, R-CT-1): the pipeline cards with filters, a stage move (quote,
// lost reason, won → the new contract), the owner, the sales users who can own one, the rate by
// month and salesperson, the notice days setting, and the expiry notices (the hospital's letters).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Renewal = components['schemas']['Renewal'];
export type RenewalRate = components['schemas']['RenewalRate'];
export type RenewalNotice = components['schemas']['RenewalNotice'];
export type RenewalStage = Renewal['stage'];

export const renewalKeys = keysFor('renewals');
const LIST = '/api/v1/renewals';

export const useRenewals = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: renewalKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useRenewalOwners = (enabled = true) =>
  useQuery({ queryKey: renewalKeys.list('/api/v1/renewals/owners'), queryFn: () => must(api.GET('/api/v1/renewals/owners')), enabled, staleTime: 60_000 });

export const useRenewalRate = (query: GetQuery<'/api/v1/renewals/rate'>) =>
  useQuery({ queryKey: renewalKeys.list('/api/v1/renewals/rate', query), queryFn: () => must(api.GET('/api/v1/renewals/rate', { params: { query } })) });

export const useRenewalNotices = (query: GetQuery<'/api/v1/renewal-notices'> = {}, enabled = true) =>
  useQuery({
    queryKey: renewalKeys.list('/api/v1/renewal-notices', query),
    queryFn: () => must(api.GET('/api/v1/renewal-notices', { params: { query } })),
    enabled,
  });

export const useRenewalSettings = () =>
  useQuery({ queryKey: renewalKeys.list('/api/v1/renewals/settings'), queryFn: () => must(api.GET('/api/v1/renewals/settings')) });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: renewalKeys.all });
}

export function useMoveRenewal() {
  const refresh = useRefresh();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/renewals/{id}/stage', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/renewals/{id}/stage', { params: { path: { id } }, body })),
    onSettled: () => {
      void refresh();
      // A renewal won adds a contract.
      void qc.invalidateQueries({ queryKey: ['contracts'] });
    },
  });
}

export function useAssignRenewal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/renewals/{id}/owner', 'put'> & { id: string }) =>
      must(api.PUT('/api/v1/renewals/{id}/owner', { params: { path: { id } }, body })),
    onSettled: refresh,
  });
}

export function useSaveRenewalSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/renewals/settings', 'put'>) => must(api.PUT('/api/v1/renewals/settings', { body })),
    onSuccess: refresh,
  });
}

/** Issue 13 §3: the quote the price list gives for a renewal (devices × annual price × years). */
export const useRenewalPriceListQuote = (id: string | null, years: number) =>
  useQuery({
    queryKey: renewalKeys.list('/api/v1/renewals/{id}/price-list-quote', { id, years }),
    queryFn: () => must(api.GET('/api/v1/renewals/{id}/price-list-quote', { params: { path: { id: id as string }, query: { years } } })),
    enabled: !!id,
  });
