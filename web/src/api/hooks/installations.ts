// Installations (安装通知 → 现场检查 → 安装调试 → 验收 → 移交, issue 12 item 2, R-IN-1): the list,
// one installation, its commands, and a device's accessory warranties. A command answers with the
// installation: it becomes the cached detail; lists refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Installation = components['schemas']['Installation'];
export type InstallationListItem = components['schemas']['InstallationListItem'];
export const installationKeys = keysFor('installations');
const LIST = '/api/v1/installations';

export const useInstallations = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: installationKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useInstallationCounts = (enabled = true) =>
  useQuery({ queryKey: installationKeys.list('/api/v1/installations/counts'), queryFn: () => must(api.GET('/api/v1/installations/counts')), enabled });

export const useInstallation = (id: string) =>
  useQuery({ queryKey: installationKeys.detail(id), queryFn: () => must(api.GET('/api/v1/installations/{id}', { params: { path: { id } } })) });

export const useDeviceAccessoryWarranty = (deviceId: string) =>
  useQuery({
    queryKey: ['devices', 'detail', deviceId, 'accessory-warranty'],
    queryFn: () => must(api.GET('/api/v1/devices/{id}/accessory-warranty', { params: { path: { id: deviceId } } })),
  });

function useSaved() {
  const qc = useQueryClient();
  return (i: Installation) => {
    qc.setQueryData(installationKeys.detail(i.id), i);
    return qc.invalidateQueries({ queryKey: installationKeys.lists() });
  };
}

export function useCreateNotice() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })), onSuccess: saved });
}

type CommandPath =
  | '/api/v1/installations/{id}/site-check'
  | '/api/v1/installations/{id}/site-check/waive'
  | '/api/v1/installations/{id}/start'
  | '/api/v1/installations/{id}/commissioning'
  | '/api/v1/installations/{id}/sign'
  | '/api/v1/installations/{id}/acceptance-date'
  | '/api/v1/installations/{id}/handover'
  | '/api/v1/installations/{id}/defect'
  | '/api/v1/installations/{id}/cancel';

/** One command on an installation (site check, start, commissioning, a signature, handover …). */
export function useInstallationCommand<P extends CommandPath>(path: P) {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<P, 'post'> }) =>
      // biome-ignore lint/suspicious/noExplicitAny: one helper for the nine command paths, each typed at its call site.
      must(api.POST(path as any, { params: { path: { id } }, body } as any)) as Promise<Installation>,
    onSuccess: saved,
  });
}

export const useInstallationTemplates = () =>
  useQuery({ queryKey: ['installation-templates', 'list'], queryFn: () => must(api.GET('/api/v1/installation-templates')) });

export function useSaveInstallationTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/installation-templates', 'put'>) => must(api.PUT('/api/v1/installation-templates', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['installation-templates'] }),
  });
}

export const useAccessoryTerms = () =>
  useQuery({ queryKey: ['accessory-terms', 'list'], queryFn: () => must(api.GET('/api/v1/accessory-terms', { params: { query: {} } })) });

export function useAddAccessoryTerm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/accessory-terms', 'post'>) => must(api.POST('/api/v1/accessory-terms', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['accessory-terms'] }),
  });
}
