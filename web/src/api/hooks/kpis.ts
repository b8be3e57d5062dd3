// KPIs and the management dashboard (管理驾驶舱, R-RP-1, issue 15 §3): the definitions, the
// dashboard over a range and filters, the drill-down behind one number, and the rollup refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type KpiDashboard = components['schemas']['KpiDashboard'];
export type KpiGroup = components['schemas']['KpiGroup'];
export type KpiDefinition = components['schemas']['KpiDefinition'];
export type KpiValues = components['schemas']['KpiValues'];
export type KpiKey = KpiDefinition['key'];
export type DashboardQuery = GetQuery<'/api/v1/kpis/dashboard'>;
export type DrillQuery = GetQuery<'/api/v1/kpis/drill'>;

export const kpiKeys = keysFor('kpis');

export const useKpiDefinitions = () =>
  useQuery({ queryKey: kpiKeys.list('definitions'), queryFn: () => must(api.GET('/api/v1/kpis/definitions')), staleTime: Number.POSITIVE_INFINITY });

export const useKpiDashboard = (query: DashboardQuery) =>
  useQuery({ queryKey: kpiKeys.list('dashboard', query), queryFn: () => must(api.GET('/api/v1/kpis/dashboard', { params: { query } })) });

export const useKpiDrill = (query: DrillQuery | null) =>
  useQuery({
    queryKey: kpiKeys.list('drill', query ?? {}),
    queryFn: () => must(api.GET('/api/v1/kpis/drill', { params: { query: query as DrillQuery } })),
    enabled: !!query,
  });

export function useKpiRollup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/kpis/rollup', 'post'>) => must(api.POST('/api/v1/kpis/rollup', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: kpiKeys.all }),
  });
}
