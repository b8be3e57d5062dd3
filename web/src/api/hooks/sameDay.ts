// The same-day rule (R-WO-6, issue 11 item 2): the misses report for the sales director and the
// written reason with a promised date on a work order that missed. A reason changes the work
// order (answered, replaces the cached one) and the report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, download, type GetQuery, must, qs } from '../../api';
import { workOrderKeys } from './workOrders';

export type SameDayMiss = components['schemas']['SameDayMiss'];

const MISSES = '/api/v1/work-orders/same-day-misses';

export const useSameDayMisses = (query: GetQuery<typeof MISSES>, enabled = true) =>
  useQuery({ queryKey: workOrderKeys.list(MISSES, query), queryFn: () => must(api.GET(MISSES, { params: { query } })), enabled });

/** The same report as Excel (a download, kept in a mutation for its pending state and error). */
export const useExportSameDayMisses = () =>
  useMutation({ mutationFn: (query: GetQuery<typeof MISSES>) => download(`${MISSES}/export${qs(query)}`, 'same-day-misses.xlsx') });

export function useRecordDelayReason() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/work-orders/{id}/delay-reason', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/delay-reason', { params: { path: { id } }, body })),
    onSuccess: (wo) => {
      qc.setQueryData(workOrderKeys.detail(wo.id), wo);
      return qc.invalidateQueries({ queryKey: workOrderKeys.list(MISSES) });
    },
  });
}
