// Quality tracking (质量跟踪, issue 14 §5, R-REG-6): one tracked model with its trend, flags and
// tracking-visit plan, and quality's flag writes (newly launched, unstable, visit cadence). A write
// refreshes the model and the tracked-models list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type QualityTrackedModel = components['schemas']['QualityTrackedModel'];
export type QualityTrackedModelDetail = components['schemas']['QualityTrackedModelDetail'];
export type QualityTrendMonth = components['schemas']['QualityTrendMonth'];
export type QualitySettings = components['schemas']['QualitySettings'];

export const qualityKeys = keysFor('quality-tracking');
const ONE = '/api/v1/quality-tracking/models/{id}';

export const useQualityModel = (id: string) => useQuery({ queryKey: qualityKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })) });

function useSaved() {
  const qc = useQueryClient();
  return (d: QualityTrackedModelDetail) => {
    qc.setQueryData(qualityKeys.detail(d.id), d);
    return qc.invalidateQueries({ queryKey: qualityKeys.lists() });
  };
}

export function useSetNewLaunch() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/quality-tracking/models/{id}/new-launch', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/quality-tracking/models/{id}/new-launch', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useSetUnstable() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/quality-tracking/models/{id}/unstable', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/quality-tracking/models/{id}/unstable', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useSetVisitInterval() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/quality-tracking/models/{id}/interval', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/quality-tracking/models/{id}/interval', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

// ---- the quality numbers (R-REG-6): read by all staff, changed by quality/executive ----

const SETTINGS = '/api/v1/quality-tracking/settings';
export const qualitySettingsKey = ['quality-tracking', 'settings'] as const;

export const useQualitySettings = () => useQuery({ queryKey: qualitySettingsKey, queryFn: () => must(api.GET(SETTINGS)) });

/** Saves the numbers; the trend and every model (computed with them) are read again. */
export function useSaveQualitySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof SETTINGS, 'put'>) => must(api.PUT(SETTINGS, { body })),
    onSuccess: (d) => {
      qc.setQueryData(qualitySettingsKey, d);
      return qc.invalidateQueries({ queryKey: qualityKeys.all });
    },
  });
}
