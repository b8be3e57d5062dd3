// Adverse events (不良事件, issue 14 §2, R-REG-2): one event with its clock, form, reports,
// notices and abilities; the writes (create, edit, decide, submit with the password again,
// follow-ups, close, supplier notices and replies); the clock settings and the cluster flags.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type AdverseEvent = components['schemas']['AdverseEvent'];
export type AdverseEventDetail = components['schemas']['AdverseEventDetail'];
export type AdverseEventCluster = components['schemas']['AdverseEventCluster'];
export type AdverseEventSettings = components['schemas']['AdverseEventSettings'];

export const aeKeys = keysFor('adverse-events');
export const aeSettingsKeys = keysFor('adverse-event-settings');
export const aeClusterKeys = keysFor('adverse-event-clusters');
const ONE = '/api/v1/adverse-events/{id}';

export const useAdverseEvent = (id: string) => useQuery({ queryKey: aeKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })) });

function useSaved() {
  const qc = useQueryClient();
  return (d: AdverseEventDetail) => {
    qc.setQueryData(aeKeys.detail(d.id), d);
    return Promise.all([aeKeys.lists(), keysFor('complaints').all].map((queryKey) => qc.invalidateQueries({ queryKey })));
  };
}

export function useCreateAdverseEvent() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/adverse-events', 'post'>) => must(api.POST('/api/v1/adverse-events', { body })),
    onSuccess: saved,
  });
}

export function useUpdateAdverseEvent() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<typeof ONE, 'patch'> & { id: string }) => must(api.PATCH(ONE, { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

type StepPath =
  | '/api/v1/adverse-events/{id}/decide'
  | '/api/v1/adverse-events/{id}/submit'
  | '/api/v1/adverse-events/{id}/follow-ups'
  | '/api/v1/adverse-events/{id}/close'
  | '/api/v1/adverse-events/{id}/notices';

export function useAeStep<P extends StepPath>(path: P) {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<P, 'post'> & { id: string }) =>
      must(
        api.POST(path as '/api/v1/adverse-events/{id}/decide', {
          params: { path: { id } },
          body: body as unknown as BodyOf<'/api/v1/adverse-events/{id}/decide', 'post'>,
        }),
      ) as Promise<AdverseEventDetail>,
    onSuccess: saved,
  });
}

export function useNoticeReply() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, noticeId, ...body }: BodyOf<'/api/v1/adverse-events/{id}/notices/{noticeId}/reply', 'post'> & { id: string; noticeId: string }) =>
      must(api.POST('/api/v1/adverse-events/{id}/notices/{noticeId}/reply', { params: { path: { id, noticeId } }, body })),
    onSuccess: saved,
  });
}

export const useAeSettings = () => useQuery({ queryKey: aeSettingsKeys.all, queryFn: () => must(api.GET('/api/v1/adverse-event-settings')) });

export function useSaveAeSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/adverse-event-settings', 'patch'>) => must(api.PATCH('/api/v1/adverse-event-settings', { body })),
    onSuccess: (d) => {
      qc.setQueryData(aeSettingsKeys.all, d);
      return qc.invalidateQueries({ queryKey: aeKeys.all });
    },
  });
}

export function useReviewCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/adverse-event-clusters/{id}/review', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/adverse-event-clusters/{id}/review', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: aeClusterKeys.all }),
  });
}
