// Van replenishment requests (调拨申请, issue 10 item 9, R-PT-5): an engineer asks the stores for a
// part their van lacks; the parts administrator ships it (a ledger transfer into the van) or
// refuses it; the requester may withdraw it. Keys under the shared 'parts' root (./parts).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { invalidatePaths, partsOptionsChanged, stockMoved } from './parts';

export type TransferRequest = components['schemas']['TransferRequest'];

const LIST = '/api/v1/parts/transfer-requests';

/** The requests list, and what a job can take (its pending requested quantities). */
function useRequestsChanged() {
  const qc = useQueryClient();
  return () => Promise.all([invalidatePaths(qc, LIST), partsOptionsChanged(qc)]);
}

export function useRequestTransfer() {
  const changed = useRequestsChanged();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/parts/transfer-requests', 'post'>) => must(api.POST('/api/v1/parts/transfer-requests', { body })),
    onSuccess: changed,
  });
}

export function useCancelTransferRequest() {
  const changed = useRequestsChanged();
  return useMutation({
    mutationFn: (r: Pick<TransferRequest, 'id' | 'version'>) =>
      must(api.POST('/api/v1/parts/transfer-requests/{id}/cancel', { params: { path: { id: r.id } }, body: { version: r.version } })),
    onSuccess: changed,
  });
}

export type TransferDecision =
  | { id: string; step: 'fulfil'; body: BodyOf<'/api/v1/parts/transfer-requests/{id}/fulfil', 'post'> }
  | { id: string; step: 'reject'; body: BodyOf<'/api/v1/parts/transfer-requests/{id}/reject', 'post'> };

/** Ships a request (stock moves into the van) or refuses it with a reason. */
export function useDecideTransferRequest() {
  const qc = useQueryClient();
  const changed = useRequestsChanged();
  return useMutation({
    mutationFn: (d: TransferDecision) =>
      d.step === 'fulfil'
        ? must(api.POST('/api/v1/parts/transfer-requests/{id}/fulfil', { params: { path: { id: d.id } }, body: d.body }))
        : must(api.POST('/api/v1/parts/transfer-requests/{id}/reject', { params: { path: { id: d.id } }, body: d.body })),
    onSuccess: (_, d) => Promise.all([changed(), d.step === 'fulfil' ? stockMoved(qc) : undefined]),
  });
}
