// SLA administration (R-SLA-1, R-SLA-2, issue 11 item 2): business calendars and the versions of
// the SLA policies. A calendar save refreshes both lists (a policy shows its calendar's name); a
// new policy version refreshes the policies.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type SlaCalendar = components['schemas']['SlaCalendar'];
export type SlaPolicy = components['schemas']['SlaPolicy'];
export type SlaInterval = SlaCalendar['makeUpHours'][number];
export type SlaTarget = SlaPolicy['restore']['normal'];

export const slaKeys = keysFor('sla');
const calendarsKey = slaKeys.list('/api/v1/sla/calendars');
const policiesKey = slaKeys.list('/api/v1/sla/policies');

export const useSlaCalendars = () => useQuery({ queryKey: calendarsKey, queryFn: () => must(api.GET('/api/v1/sla/calendars')) });
export const useSlaPolicies = () => useQuery({ queryKey: policiesKey, queryFn: () => must(api.GET('/api/v1/sla/policies')) });

export function useSaveSlaCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/sla/calendars/{id}', 'put'>) =>
      must(api.PUT('/api/v1/sla/calendars/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.lists() }),
  });
}

export function useCreateSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/sla/policies', 'post'>) => must(api.POST('/api/v1/sla/policies', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: policiesKey }),
  });
}
