// Consultations (技术咨询, seed 004 §5.1; R-ESC-1): list, one ticket, register, steps (answer /
// escalate / research / close), assignment and the knowledge-base flag.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Consultation = components['schemas']['Consultation'];
export type ConsultationStep = BodyOf<'/api/v1/consultations/{id}/step', 'post'>;
export const consultationKeys = keysFor('consultations');
const LIST = '/api/v1/consultations';

export const useConsultations = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: consultationKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useConsultation = (id: string) =>
  useQuery({
    queryKey: consultationKeys.detail(id),
    queryFn: () => must(api.GET('/api/v1/consultations/{id}', { params: { path: { id } } })),
  });

function useSaved() {
  const qc = useQueryClient();
  return (c: Consultation) => {
    qc.setQueryData(consultationKeys.detail(c.id), c);
    return qc.invalidateQueries({ queryKey: consultationKeys.lists() });
  };
}

export function useCreateConsultation() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })), onSuccess: saved });
}

export function useConsultationStep() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ConsultationStep) => must(api.POST('/api/v1/consultations/{id}/step', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useUpdateConsultation() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/consultations/{id}', 'patch'>) =>
      must(api.PATCH('/api/v1/consultations/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
