// The call log (呼叫记录, R-CL-1): the list, one call, logging a call, the phone lookup and the
// one-click conversion into a repair request, consultation or complaint; who is on duty now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Call = components['schemas']['Call'];
export type PhoneLookup = components['schemas']['PhoneLookup'];
export type OnDutyNow = components['schemas']['OnDutyNow'];
export type NewCall = BodyOf<'/api/v1/calls', 'post'>;
export type ConvertCall = BodyOf<'/api/v1/calls/{id}/convert', 'post'>;

export const callKeys = keysFor('calls');
const LIST = '/api/v1/calls';

export const useCalls = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: callKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useOnDuty = () =>
  useQuery({ queryKey: callKeys.list('/api/v1/calls/on-duty'), queryFn: () => must(api.GET('/api/v1/calls/on-duty')), refetchInterval: 60_000 });

/** Who is calling: asked once the number looks complete. */
export const usePhoneLookup = (phone: string) =>
  useQuery({
    queryKey: callKeys.list('/api/v1/calls/lookup', { phone }),
    queryFn: () => must(api.GET('/api/v1/calls/lookup', { params: { query: { phone } } })),
    enabled: phone.replace(/\D/g, '').length >= 7,
  });

function useSaved() {
  const qc = useQueryClient();
  return (c: Call) => {
    qc.setQueryData(callKeys.detail(c.id), c);
    // Missed calls change too when a call returns one.
    void qc.invalidateQueries({ queryKey: keysFor('missed-calls').lists() });
    return qc.invalidateQueries({ queryKey: callKeys.lists() });
  };
}

export function useLogCall() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: NewCall) => must(api.POST(LIST, { body })), onSuccess: saved });
}

export function useConvertCall() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ConvertCall) => must(api.POST('/api/v1/calls/{id}/convert', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
