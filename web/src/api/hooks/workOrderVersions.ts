// Content versions of a work-order report (R-WO-5, issue 11 item 2): every version as signed or
// corrected, one version in full, and posting a correction (a new version, reviewed again).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { workOrderKeys } from './workOrders';

export type WorkOrderVersion = components['schemas']['WorkOrderVersion'];
export type WorkOrderVersionDetail = components['schemas']['WorkOrderVersionDetail'];
export type Correction = BodyOf<'/api/v1/work-orders/{id}/corrections', 'post'>;

const versionsKey = (id: string) => workOrderKeys.detail(id, 'versions');

/** The versions of the order as it is now: `wo.version` in the key reads them again whenever the order changes (a review adds to them). */
export const useWorkOrderVersions = (wo: { id: string; version: number }) =>
  useQuery({
    queryKey: [...versionsKey(wo.id), 'all', String(wo.version)],
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/versions', { params: { path: { id: wo.id } } })),
  });

export const useWorkOrderVersion = (id: string, n: number | null) =>
  useQuery({
    queryKey: [...versionsKey(id), String(n)],
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/versions/{n}', { params: { path: { id, n: n ?? 0 } } })),
    enabled: n !== null,
  });

export function useCorrectWorkOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Correction) => must(api.POST('/api/v1/work-orders/{id}/corrections', { params: { path: { id } }, body })),
    onSuccess: (wo) => {
      qc.setQueryData(workOrderKeys.detail(wo.id), wo);
      return qc.invalidateQueries({ queryKey: versionsKey(wo.id) });
    },
  });
}
