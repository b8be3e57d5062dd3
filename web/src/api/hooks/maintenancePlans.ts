// Yearly maintenance plans (保养计划, issue 13 §1, R-PM-1): the visits of a year with filters, the
// plan vs done report, generate / regenerate a contract's plan, move a visit (date and/or
// engineer, with the version read), the hospital's answer, and the notice / work-order lead days.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type MaintenanceVisit = components['schemas']['MaintenanceVisit'];
export type PlanReportRow = components['schemas']['MaintenancePlanReportRow'];
export const maintenancePlanKeys = keysFor('maintenance-visits');
const LIST = '/api/v1/maintenance-visits';
const REPORT = '/api/v1/maintenance-plans/report';

export const useMaintenanceVisits = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: maintenancePlanKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useMaintenancePlanReport = (query: GetQuery<typeof REPORT>) =>
  useQuery({ queryKey: maintenancePlanKeys.list(REPORT, query), queryFn: () => must(api.GET(REPORT, { params: { query } })) });

export const useMaintenancePlanSettings = () => useQuery({ queryKey: ['maintenance-settings'], queryFn: () => must(api.GET('/api/v1/maintenance-settings')) });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: maintenancePlanKeys.all });
}

export function useGenerateMaintenancePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/maintenance-plans/generate', 'post'>) => must(api.POST('/api/v1/maintenance-plans/generate', { body })),
    onSuccess: refresh,
  });
}

export function useMoveMaintenanceVisit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/v1/maintenance-visits/{id}', 'patch'> }) =>
      must(api.PATCH('/api/v1/maintenance-visits/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useRespondMaintenanceVisit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/v1/maintenance-visits/{id}/respond', 'post'> }) =>
      must(api.POST('/api/v1/maintenance-visits/{id}/respond', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}
