// Loaner units (备用机, R-SLA-3): the pool, the loans, lending one for a request and taking it
// back (issue 11 item 2). A lend or a return changes the loans, the pool's availability and the
// request (its loaner clock stops); nothing else is refreshed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';
import { requestKeys } from './requests';

export type Loan = components['schemas']['Loan'];
export type LoanerUnit = components['schemas']['LoanerUnit'];

export const loanKeys = keysFor('loans');
export const loanerUnitKeys = keysFor('loaner-units');
const poolKey = loanerUnitKeys.list('/api/v1/loaner-units');

export const useLoans = (query: GetQuery<'/api/v1/loans'>) =>
  useQuery({ queryKey: loanKeys.list('/api/v1/loans', query), queryFn: () => must(api.GET('/api/v1/loans', { params: { query } })) });

export const useLoanerUnits = (enabled = true) => useQuery({ queryKey: poolKey, queryFn: () => must(api.GET('/api/v1/loaner-units')), enabled });

export function useAddLoanerUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/loaner-units', 'post'>) => must(api.POST('/api/v1/loaner-units', { body })),
    // The server answers with the whole pool.
    onSuccess: (pool) => qc.setQueryData(poolKey, pool),
  });
}

function useLoanChanged() {
  const qc = useQueryClient();
  return (loan: Loan) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: loanKeys.lists() }),
      qc.invalidateQueries({ queryKey: poolKey }),
      qc.invalidateQueries({ queryKey: requestKeys.detail(loan.requestId) }),
    ]);
}

export function useLend() {
  const changed = useLoanChanged();
  return useMutation({
    mutationFn: ({ requestId, ...body }: { requestId: string } & BodyOf<'/api/v1/requests/{id}/loaner', 'post'>) =>
      must(api.POST('/api/v1/requests/{id}/loaner', { params: { path: { id: requestId } }, body })),
    onSuccess: changed,
  });
}

export function useReturnLoan() {
  const changed = useLoanChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/loans/{id}/return', 'post'>) =>
      must(api.POST('/api/v1/loans/{id}/return', { params: { path: { id } }, body })),
    onSuccess: changed,
  });
}
