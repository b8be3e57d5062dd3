// Maintenance templates (保养模板, issue 13 §1, R-PM-1): the list with filters, one template, the
// template a model resolves to, and create / replace (with the version read; 409 when stale).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type MaintenanceTemplate = components['schemas']['MaintenanceTemplate'];
export type MaintenanceTemplateBody = BodyOf<typeof LIST, 'post'>;
export const maintenanceKeys = keysFor('maintenance-templates');
const LIST = '/api/v1/maintenance-templates';

export const useMaintenanceTemplates = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: maintenanceKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useMaintenanceTemplate = (id: string | null) =>
  useQuery({
    queryKey: maintenanceKeys.detail(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/maintenance-templates/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });

export const useModelMaintenanceTemplate = (modelId: string | null) =>
  useQuery({
    queryKey: ['device-models', 'detail', modelId ?? '', 'maintenance-template'],
    queryFn: () => must(api.GET('/api/v1/device-models/{id}/maintenance-template', { params: { path: { id: modelId as string } } })),
    enabled: !!modelId,
    retry: false,
  });

function useSaved() {
  const qc = useQueryClient();
  return (t: MaintenanceTemplate) => {
    qc.setQueryData(maintenanceKeys.detail(t.id), t);
    void qc.invalidateQueries({ queryKey: ['device-models'] });
    return qc.invalidateQueries({ queryKey: maintenanceKeys.lists() });
  };
}

export function useCreateMaintenanceTemplate() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: MaintenanceTemplateBody) => must(api.POST(LIST, { body })), onSuccess: saved });
}

export function useUpdateMaintenanceTemplate() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/v1/maintenance-templates/{id}', 'put'> }) =>
      must(api.PUT('/api/v1/maintenance-templates/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
