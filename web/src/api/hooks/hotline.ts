// Hotline hours and the on-call roster (值班表, R-CL-1; seed 002: 9:00–22:00).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type HotlineHours = components['schemas']['HotlineHours'];
export type OnCallDuty = components['schemas']['OnCallDuty'];
export const hotlineKeys = keysFor('hotline');

export const useHotline = () => useQuery({ queryKey: hotlineKeys.list('/api/v1/hotline'), queryFn: () => must(api.GET('/api/v1/hotline')) });

export const useRoster = (from: string, to: string) =>
  useQuery({
    queryKey: hotlineKeys.list('/api/v1/hotline/roster', { from, to }),
    queryFn: () => must(api.GET('/api/v1/hotline/roster', { params: { query: { from, to } } })),
  });

export const useDutyPeople = () => useQuery({ queryKey: hotlineKeys.list('/api/v1/hotline/people'), queryFn: () => must(api.GET('/api/v1/hotline/people')) });

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: hotlineKeys.lists() }), qc.invalidateQueries({ queryKey: keysFor('calls').lists() })]);
}

export function useUpdateHotline() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: BodyOf<'/api/v1/hotline', 'patch'>) => must(api.PATCH('/api/v1/hotline', { body })), onSuccess: refresh });
}

export function useSetDuty() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/hotline/roster', 'post'>) => must(api.POST('/api/v1/hotline/roster', { body })),
    onSuccess: refresh,
  });
}
