// Invoices and receivables, cash hand-over, budgets (issue 15 §4, R-FE-1, R-FE-2): reads and writes
// typed by the contract; a write puts the answered invoice into its detail key and refreshes the
// invoice lists and the receivables summary.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Invoice = components['schemas']['Invoice'];
export type InvoiceDetail = components['schemas']['InvoiceDetail'];
export type Receivables = components['schemas']['Receivables'];
export type CashHandover = components['schemas']['CashHandover'];
export type Budget = components['schemas']['Budget'];
export type BudgetVsActual = components['schemas']['BudgetVsActual'];

export const invoiceKeys = keysFor('invoices');
export const receivableKeys = keysFor('receivables');
export const handoverKeys = keysFor('cash-handovers');
export const budgetKeys = keysFor('budgets');

export const useInvoice = (id: string) =>
  useQuery({ queryKey: invoiceKeys.detail(id), queryFn: () => must(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })), enabled: !!id });

export const useReceivables = () => useQuery({ queryKey: receivableKeys.all, queryFn: () => must(api.GET('/api/v1/receivables')) });

export const useInvoiceCandidates = (customerId: string | undefined) =>
  useQuery({
    queryKey: [...invoiceKeys.all, 'candidates', customerId],
    queryFn: () => must(api.GET('/api/v1/invoices-candidates', { params: { query: { customerId: customerId as string } } })),
    enabled: !!customerId,
  });

function useSaved() {
  const qc = useQueryClient();
  return (d: InvoiceDetail) => {
    qc.setQueryData(invoiceKeys.detail(d.id), d);
    return Promise.all([invoiceKeys.lists(), receivableKeys.all, [...invoiceKeys.all, 'candidates']].map((queryKey) => qc.invalidateQueries({ queryKey })));
  };
}

export function useCreateInvoice() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<'/api/v1/invoices', 'post'>) => must(api.POST('/api/v1/invoices', { body })), onSuccess: saved });
}

export function useInvoicePayment() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/invoices/{id}/payments', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/invoices/{id}/payments', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useCreditNote() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/invoices/{id}/credit-notes', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/invoices/{id}/credit-notes', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useReverseEntry() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, entryId, ...body }: BodyOf<'/api/v1/invoices/{id}/entries/{entryId}/reverse', 'post'> & { id: string; entryId: string }) =>
      must(api.POST('/api/v1/invoices/{id}/entries/{entryId}/reverse', { params: { path: { id, entryId } }, body })),
    onSuccess: saved,
  });
}

export const useCashOnHand = () => useQuery({ queryKey: [...handoverKeys.all, 'on-hand'], queryFn: () => must(api.GET('/api/v1/cash-handovers/on-hand')) });

export function useHandOver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/cash-handovers', 'post'>) => must(api.POST('/api/v1/cash-handovers', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

export function useConfirmHandover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/cash-handovers/{id}/confirm', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/cash-handovers/{id}/confirm', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

export const useBudget = (year: number) =>
  useQuery({ queryKey: budgetKeys.detail(String(year)), queryFn: () => must(api.GET('/api/v1/budgets/{year}', { params: { path: { year } } })) });

export const useBudgetActual = (year: number) =>
  useQuery({
    queryKey: [...budgetKeys.detail(String(year)), 'actual'],
    queryFn: () => must(api.GET('/api/v1/budgets/{year}/actual', { params: { path: { year } } })),
  });

export function useSaveBudget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ year, ...body }: BodyOf<'/api/v1/budgets/{year}', 'post'> & { year: number }) =>
      must(api.POST('/api/v1/budgets/{year}', { params: { path: { year } }, body })),
    onSuccess: (d) => {
      qc.setQueryData(budgetKeys.detail(String(d.year)), d);
      return qc.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
