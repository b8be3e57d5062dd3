// The technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1): a work order's ladder (Q/A,
// progress notes, the temporary measure), the step writes, the auto-escalation hours and experts.
// A write refreshes the work order's ladder, the escalation lists and the work order itself.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Escalation = components['schemas']['Escalation'];
export type WorkOrderLadder = components['schemas']['WorkOrderLadder'];
export type EscalationSettings = components['schemas']['EscalationSettings'];

export const escalationKeys = keysFor('escalations');
const workOrderKeys = keysFor('work-orders');
const settingsKeys = keysFor('escalation-settings');
const expertKeys = keysFor('expert-tiers');

export const useLadder = (workOrderId: string) =>
  useQuery({
    queryKey: workOrderKeys.detail(workOrderId, 'escalations'),
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/escalations', { params: { path: { id: workOrderId } } })),
    enabled: !!workOrderId,
  });

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([escalationKeys.all, workOrderKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useEscalate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ workOrderId, ...body }: BodyOf<'/api/v1/work-orders/{id}/escalations', 'post'> & { workOrderId: string }) =>
      must(api.POST('/api/v1/work-orders/{id}/escalations', { params: { path: { id: workOrderId } }, body })),
    onSuccess: refresh,
  });
}

type Step = 'answer' | 'guidance' | 'close';
type StepBody = BodyOf<'/api/v1/escalations/{id}/answer', 'post'> &
  BodyOf<'/api/v1/escalations/{id}/guidance', 'post'> &
  BodyOf<'/api/v1/escalations/{id}/close', 'post'>;

export function useEscalationStep() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: Step; body: Partial<StepBody> & { version: number } }) =>
      // One POST per step; the body is the step's (the server validates it strictly).
      must(api.POST(`/api/v1/escalations/{id}/${step}` as '/api/v1/escalations/{id}/close', { params: { path: { id } }, body: body as StepBody })),
    onSuccess: refresh,
  });
}

export function useProgressNote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ workOrderId, note }: { workOrderId: string; note: string }) =>
      must(api.POST('/api/v1/work-orders/{id}/progress-notes', { params: { path: { id: workOrderId } }, body: { note } })),
    onSuccess: refresh,
  });
}

export function useDegraded() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ workOrderId, measure }: { workOrderId: string; measure: string }) =>
      must(api.POST('/api/v1/work-orders/{id}/degraded', { params: { path: { id: workOrderId } }, body: { measure } })),
    onSuccess: refresh,
  });
}

export const useLadderSettings = () => useQuery({ queryKey: settingsKeys.all, queryFn: () => must(api.GET('/api/v1/escalation-settings')) });

export function useSaveLadderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ urgency, ...body }: BodyOf<'/api/v1/escalation-settings/{urgency}', 'patch'> & { urgency: EscalationSettings['urgency'] }) =>
      must(api.PATCH('/api/v1/escalation-settings/{urgency}', { params: { path: { urgency } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}

export const useExperts = () => useQuery({ queryKey: expertKeys.all, queryFn: () => must(api.GET('/api/v1/expert-tiers')) });

export function useSetExpert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/expert-tiers', 'post'>) => must(api.POST('/api/v1/expert-tiers', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: expertKeys.all }),
  });
}
