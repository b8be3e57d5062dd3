// Training (培训, issue 12 item 3, R-TR-1): customer sessions with attendees and certificates, the
// hospital's archive, staff plans / records / assessments, qualifications (list, expiring,
// matrix) and the public certificate check. A write answers with the record; lists refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type TrainingSession = components['schemas']['TrainingSession'];
export type TrainingSessionDetail = components['schemas']['TrainingSessionDetail'];
export type TrainingAttendee = components['schemas']['TrainingAttendee'];
export type Qualification = components['schemas']['Qualification'];
export type StaffTrainingRecord = components['schemas']['StaffTrainingRecord'];
export type StaffTrainingPlan = components['schemas']['StaffTrainingPlan'];

export const trainingKeys = keysFor('training');
const SESSIONS = '/api/v1/training/sessions';
const SESSION = '/api/v1/training/sessions/{id}';

export const useTrainingSessions = (query: { customerId?: string; page?: number; pageSize?: number }) =>
  useQuery({ queryKey: trainingKeys.list(SESSIONS, query), queryFn: () => must(api.GET(SESSIONS, { params: { query } })) });

export const useTrainingSession = (id: string) =>
  useQuery({ queryKey: trainingKeys.detail('session', id), queryFn: () => must(api.GET(SESSION, { params: { path: { id } } })) });

export const useTrainingArchive = (customerId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: trainingKeys.list('/api/v1/training/archive', { customerId }),
    queryFn: () => must(api.GET('/api/v1/training/archive', { params: { query: { customerId } } })),
    enabled,
  });

export const useTrainingPlans = (year: number) =>
  useQuery({
    queryKey: trainingKeys.list('/api/v1/training/plans', { year }),
    queryFn: () => must(api.GET('/api/v1/training/plans', { params: { query: { year } } })),
  });

export const useTrainingRecords = (year: number) =>
  useQuery({
    queryKey: trainingKeys.list('/api/v1/training/records', { year }),
    queryFn: () => must(api.GET('/api/v1/training/records', { params: { query: { year } } })),
  });

export const useQualifications = (expiring: boolean) =>
  useQuery({
    queryKey: trainingKeys.list('/api/v1/training/qualifications', { expiring }),
    queryFn: () => must(api.GET('/api/v1/training/qualifications', { params: { query: expiring ? { expiring: 'true' } : {} } })),
  });

export const useQualificationMatrix = () =>
  useQuery({ queryKey: trainingKeys.list('/api/v1/training/qualifications/matrix'), queryFn: () => must(api.GET('/api/v1/training/qualifications/matrix')) });

export const usePublicCertificate = (token: string) =>
  useQuery({
    queryKey: ['public', 'certificate', token],
    queryFn: () => must(api.GET('/api/v1/public/certificates/{token}', { params: { path: { token } } })),
    retry: false,
  });

function useSavedSession() {
  const qc = useQueryClient();
  return (s: TrainingSessionDetail) => {
    qc.setQueryData(trainingKeys.detail('session', s.id), s);
    return qc.invalidateQueries({ queryKey: trainingKeys.lists() });
  };
}
function useRefreshLists() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trainingKeys.lists() });
}

export function useCreateSession() {
  const saved = useSavedSession();
  return useMutation({ mutationFn: (body: BodyOf<typeof SESSIONS, 'post'>) => must(api.POST(SESSIONS, { body })), onSuccess: saved });
}

/** Edit a planned session with the version read (R-TR-1); a 409 (changed meanwhile, or completed) reloads it. */
export function useUpdateSession() {
  const saved = useSavedSession();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<typeof SESSION, 'patch'>) => must(api.PATCH(SESSION, { params: { path: { id } }, body })),
    onSuccess: saved,
    onError: (_e, v) => qc.invalidateQueries({ queryKey: trainingKeys.detail('session', v.id) }),
  });
}

export function useAddAttendee() {
  const saved = useSavedSession();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/training/sessions/{id}/attendees', 'post'>) =>
      must(api.POST('/api/v1/training/sessions/{id}/attendees', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useUpdateAttendee() {
  const saved = useSavedSession();
  return useMutation({
    mutationFn: ({ id, attendeeId, ...body }: { id: string; attendeeId: string } & BodyOf<'/api/v1/training/sessions/{id}/attendees/{attendeeId}', 'patch'>) =>
      must(api.PATCH('/api/v1/training/sessions/{id}/attendees/{attendeeId}', { params: { path: { id, attendeeId } }, body })),
    onSuccess: saved,
  });
}

export function useCreatePlan() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/training/plans', 'post'>) => must(api.POST('/api/v1/training/plans', { body })),
    onSuccess: refresh,
  });
}

export function useCreateRecord() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/training/records', 'post'>) => must(api.POST('/api/v1/training/records', { body })),
    onSuccess: refresh,
  });
}

export function useAssessRecord() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/training/records/{id}/assessment', 'patch'>) =>
      must(api.PATCH('/api/v1/training/records/{id}/assessment', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useGrantQualification() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/training/qualifications', 'post'>) => must(api.POST('/api/v1/training/qualifications', { body })),
    onSuccess: refresh,
  });
}

export function useRenewQualification() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/training/qualifications/{id}', 'patch'>) =>
      must(api.PATCH('/api/v1/training/qualifications/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}
