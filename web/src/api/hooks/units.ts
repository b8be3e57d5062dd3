// Organisation (issue 15 §1, R-ORG-1): units, the unit page, the caller's own units (a branch
// manager's default filter), and branch daily reports (分公司日报, seed 002 §12) with sign / receive.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Unit = components['schemas']['Unit'];
export type UnitDetail = components['schemas']['UnitDetail'];
export type BranchReport = components['schemas']['BranchDailyReport'];
export type BranchReportDetail = components['schemas']['BranchDailyReportDetail'];

export const unitKeys = keysFor('units');
export const branchReportKeys = keysFor('branch-reports');

export const useUnitOverview = (id: string) =>
  useQuery({
    queryKey: [...unitKeys.detail(id), 'overview'],
    queryFn: () => must(api.GET('/api/v1/units/{id}/overview', { params: { path: { id } } })),
    enabled: !!id,
  });

/** The units the signed-in user manages, branches first (staleTime: the tree rarely changes). */
export const useMyUnits = (enabled = true) =>
  useQuery({ queryKey: [...unitKeys.all, 'mine'], queryFn: () => must(api.GET('/api/v1/units/mine')), staleTime: 300_000, enabled });

export function useSaveUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id
        ? must(api.PATCH('/api/v1/units/{id}', { params: { path: { id } }, body: body as BodyOf<'/api/v1/units/{id}', 'patch'> }))
        : must(api.POST('/api/v1/units', { body: body as BodyOf<'/api/v1/units', 'post'> })),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export const useBranchReport = (id: string) =>
  useQuery({
    queryKey: branchReportKeys.detail(id),
    queryFn: () => must(api.GET('/api/v1/branch-reports/{id}', { params: { path: { id } } })),
    enabled: !!id,
  });

function useSaved() {
  const qc = useQueryClient();
  return (d: BranchReportDetail) => {
    qc.setQueryData(branchReportKeys.detail(d.id), d);
    return qc.invalidateQueries({ queryKey: branchReportKeys.lists() });
  };
}

export function usePrepareBranchReport() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/branch-reports', 'post'>) => must(api.POST('/api/v1/branch-reports', { body })),
    onSuccess: saved,
  });
}

export function useSignBranchReport() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/branch-reports/{id}/sign', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/branch-reports/{id}/sign', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useReceiveBranchReport() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/branch-reports/{id}/receive', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/branch-reports/{id}/receive', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
