// Missed calls (未接来电, R-CL-1): the list with call-back deadlines, manual entry, PBX CSV import.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type MissedCall = components['schemas']['MissedCall'];
export const missedKeys = keysFor('missed-calls');
const LIST = '/api/v1/missed-calls';

export const useMissedCalls = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: missedKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })), refetchInterval: 60_000 });

export function useRecordMissed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: missedKeys.lists() }),
  });
}

export function useImportMissed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => must(api.POST('/api/v1/missed-calls/import', { body: { csv } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: missedKeys.lists() }),
  });
}
