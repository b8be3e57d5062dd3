// Recalls and field actions (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1): one
// campaign, its units, notices and progress, the portal's notices, and the writes (create, preview,
// freeze, notify, acknowledge, consent, unit work order, resolve, close with the password again).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Campaign = components['schemas']['Campaign'];
export type CampaignDetail = components['schemas']['CampaignDetail'];
export type CampaignUnit = components['schemas']['CampaignUnit'];
export type CampaignNotice = components['schemas']['CampaignNotice'];
export type CampaignPreview = components['schemas']['CampaignPreview'];
export type CampaignProgress = components['schemas']['CampaignProgress'];
export type CampaignSerialFile = components['schemas']['CampaignSerialFile'];
export type CampaignCriteria = BodyOf<'/api/v1/campaigns/{id}/preview', 'post'>['criteria'];

export const campaignKeys = keysFor('campaigns');
const ONE = '/api/v1/campaigns/{id}';
const UNITS = '/api/v1/campaigns/{id}/units';
const NOTICES = '/api/v1/campaigns/{id}/notices';
const MINE = '/api/v1/campaign-notices';

export const useCampaign = (id: string) => useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })) });

export const useCampaignUnits = (id: string, query: GetQuery<typeof UNITS>) =>
  useQuery({ queryKey: campaignKeys.detail(id, 'units', JSON.stringify(query)), queryFn: () => must(api.GET(UNITS, { params: { path: { id }, query } })) });

export const useCampaignNotices = (id: string, query: GetQuery<typeof NOTICES>) =>
  useQuery({ queryKey: campaignKeys.detail(id, 'notices', JSON.stringify(query)), queryFn: () => must(api.GET(NOTICES, { params: { path: { id }, query } })) });

export const useCampaignProgress = (id: string) =>
  useQuery({ queryKey: campaignKeys.detail(id, 'progress'), queryFn: () => must(api.GET('/api/v1/campaigns/{id}/progress', { params: { path: { id } } })) });

export const useMyNotices = (query: GetQuery<typeof MINE> = {}) =>
  useQuery({ queryKey: campaignKeys.list(MINE, query), queryFn: () => must(api.GET(MINE, { params: { query } })) });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: campaignKeys.all });
}

export function useCreateCampaign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: BodyOf<'/api/v1/campaigns', 'post'>) => must(api.POST('/api/v1/campaigns', { body })), onSuccess: refresh });
}

export function usePreviewCampaign(id: string) {
  return useMutation({
    mutationFn: (criteria: CampaignCriteria) => must(api.POST('/api/v1/campaigns/{id}/preview', { params: { path: { id } }, body: { criteria } })),
  });
}

/** Reads an uploaded .xlsx/.csv of serials (R-REG-3): matched serials, lines not matched, the preview. Stores nothing. */
export function useSerialsFile(id: string) {
  return useMutation({
    mutationFn: ({ file, modelId }: { file: File; modelId?: string }) =>
      must(
        api.POST('/api/v1/campaigns/{id}/serials-file', {
          params: { path: { id }, query: { modelId } },
          // The contract types the multipart part `file` (format: binary) as a string; the File
          // travels as FormData, which openapi-fetch sends as is.
          body: { file: file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file, file.name);
            return form;
          },
        }),
      ),
  });
}

export function useFreezeCampaign(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/campaigns/{id}/freeze', 'post'>) => must(api.POST('/api/v1/campaigns/{id}/freeze', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useNotifyCampaign(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (version: number) => must(api.POST('/api/v1/campaigns/{id}/notify', { params: { path: { id } }, body: { version } })),
    onSuccess: refresh,
  });
}

export function useCloseCampaign(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/campaigns/{id}/close', 'post'>) => must(api.POST('/api/v1/campaigns/{id}/close', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useAckNotice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      campaignId,
      noticeId,
      ...body
    }: BodyOf<'/api/v1/campaigns/{id}/notices/{noticeId}/ack', 'post'> & { campaignId: string; noticeId: string }) =>
      must(api.POST('/api/v1/campaigns/{id}/notices/{noticeId}/ack', { params: { path: { id: campaignId, noticeId } }, body })),
    onSuccess: refresh,
  });
}

type UnitStep = 'consent' | 'work-order' | 'resolve';
export function useUnitStep(campaignId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ step, unitId, body }: { step: UnitStep; unitId: string; body: Record<string, unknown> & { version: number } }) => {
      const path = { id: campaignId, unitId };
      if (step === 'consent')
        return must(
          api.POST('/api/v1/campaigns/{id}/units/{unitId}/consent', {
            params: { path },
            body: body as BodyOf<'/api/v1/campaigns/{id}/units/{unitId}/consent', 'post'>,
          }),
        );
      if (step === 'work-order')
        return must(
          api.POST('/api/v1/campaigns/{id}/units/{unitId}/work-order', {
            params: { path },
            body: body as BodyOf<'/api/v1/campaigns/{id}/units/{unitId}/work-order', 'post'>,
          }),
        );
      return must(
        api.POST('/api/v1/campaigns/{id}/units/{unitId}/resolve', {
          params: { path },
          body: body as BodyOf<'/api/v1/campaigns/{id}/units/{unitId}/resolve', 'post'>,
        }),
      );
    },
    onSuccess: refresh,
  });
}
