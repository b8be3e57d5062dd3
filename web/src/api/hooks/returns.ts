// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4) and supplier/manufacturer notices
// (经营办法§38): one return with what the reader may do, the register and the step writes; a write
// refreshes the return, the return lists and the notice lists.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type ReturnRecord = components['schemas']['ReturnRecord'];
export type ReturnRecordDetail = components['schemas']['ReturnRecordDetail'];
export type ReturnSupplierNotice = components['schemas']['ReturnSupplierNotice'];

export const returnKeys = keysFor('returns');
export const noticeKeys = keysFor('supplier-notices');
const ONE = '/api/v1/returns/{id}';

export const useReturn = (id: string) =>
  useQuery({ queryKey: returnKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })), enabled: !!id });

function useSaved() {
  const qc = useQueryClient();
  return (d: ReturnRecordDetail) => {
    qc.setQueryData(returnKeys.detail(d.id), d);
    return Promise.all([returnKeys.lists(), noticeKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
  };
}

export function useRegisterReturn() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/returns', 'post'>) => must(api.POST('/api/v1/returns', { body })),
    onSuccess: saved,
  });
}

type Step = 'receive' | 'inspect' | 'decide' | 'complete' | 'cancel';
type StepBody = BodyOf<'/api/v1/returns/{id}/receive', 'post'> &
  BodyOf<'/api/v1/returns/{id}/inspect', 'post'> &
  BodyOf<'/api/v1/returns/{id}/decide', 'post'> &
  BodyOf<'/api/v1/returns/{id}/complete', 'post'> &
  BodyOf<'/api/v1/returns/{id}/cancel', 'post'>;

export function useReturnStep() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: Step; body: Partial<StepBody> & { version: number } }) =>
      // One POST per step; the body is the step's (the server validates it strictly).
      must(api.POST(`/api/v1/returns/{id}/${step}` as '/api/v1/returns/{id}/cancel', { params: { path: { id } }, body: body as StepBody })),
    onSuccess: saved,
  });
}

export function useSendNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/supplier-notices', 'post'>) => must(api.POST('/api/v1/supplier-notices', { body })),
    onSuccess: () => Promise.all([returnKeys.all, noticeKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}

export function useNoticeReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/supplier-notices/{id}/reply', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/supplier-notices/{id}/reply', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([returnKeys.all, noticeKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
