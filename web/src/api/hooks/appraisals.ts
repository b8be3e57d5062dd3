// Monthly appraisal (月度考核, R-AP-1, issue 15 §3): the month's list, drawing it up, and the
// supervisor's and the employee's steps; a write refreshes the list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Appraisal = components['schemas']['Appraisal'];
export const appraisalKeys = keysFor('appraisals');

export const useAppraisals = (month: string) =>
  useQuery({ queryKey: appraisalKeys.list('/appraisals', { month }), queryFn: () => must(api.GET('/api/v1/appraisals', { params: { query: { month } } })) });

export function useGenerateAppraisals() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/appraisals/generate', 'post'>) => must(api.POST('/api/v1/appraisals/generate', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: appraisalKeys.all }),
  });
}

type Step = 'assess' | 'items' | 'acknowledge';
type StepBody = BodyOf<'/api/v1/appraisals/{id}/assess', 'post'> &
  BodyOf<'/api/v1/appraisals/{id}/items', 'post'> &
  BodyOf<'/api/v1/appraisals/{id}/acknowledge', 'post'>;

export function useAppraisalStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: Step; body: Partial<StepBody> & { version: number } }) =>
      must(api.POST(`/api/v1/appraisals/{id}/${step}` as '/api/v1/appraisals/{id}/assess', { params: { path: { id } }, body: body as StepBody })),
    onSuccess: () => qc.invalidateQueries({ queryKey: appraisalKeys.all }),
  });
}
