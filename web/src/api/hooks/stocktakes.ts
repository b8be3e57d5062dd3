// Stocktaking (R-PT-4): count sheets per warehouse, submitted and approved; approval posts the
// variances as ledger adjustments. Keys under the shared 'parts' root (./parts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { invalidatePaths, partsKeys, stockMoved } from './parts';

export type Stocktake = components['schemas']['Stocktake'];
export type StocktakeLine = components['schemas']['StocktakeLine'];

const LIST = '/api/v1/parts/stocktakes';

export const useStocktake = (id: string) =>
  useQuery({ queryKey: partsKeys.detail(id), queryFn: () => must(api.GET('/api/v1/parts/stocktakes/{id}', { params: { path: { id } } })) });

/** The server answers with the sheet: it becomes the cached detail, and the list refreshes. */
function useSheetWrite<V>(write: (v: V) => Promise<Stocktake>, after?: (s: Stocktake) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (s) => {
      qc.setQueryData(partsKeys.detail(s.id), s);
      return Promise.all([invalidatePaths(qc, LIST), after?.(s)]);
    },
  });
}

export const useCreateStocktake = () => useSheetWrite((body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })));

export const useCountStocktake = () =>
  useSheetWrite(({ id, ...body }: { id: string } & BodyOf<'/api/v1/parts/stocktakes/{id}/count', 'post'>) =>
    must(api.POST('/api/v1/parts/stocktakes/{id}/count', { params: { path: { id } }, body })),
  );

export const useSubmitStocktake = () =>
  useSheetWrite((s: Pick<Stocktake, 'id' | 'version'>) =>
    must(api.POST('/api/v1/parts/stocktakes/{id}/submit', { params: { path: { id: s.id } }, body: { version: s.version } })),
  );

/** Approval posts the variances to the ledger, so stock moves. */
export function useDecideStocktake() {
  const qc = useQueryClient();
  return useSheetWrite(
    ({ id, ...body }: { id: string } & BodyOf<'/api/v1/parts/stocktakes/{id}/decide', 'post'>) =>
      must(api.POST('/api/v1/parts/stocktakes/{id}/decide', { params: { path: { id } }, body })),
    (s) => (s.status === 'approved' ? stockMoved(qc) : undefined),
  );
}
