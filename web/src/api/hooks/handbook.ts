// Service handbook (售后服务手册, issue 15 §5, R-KB-1) and model documents (办法§17): one entry with
// its versions and what the reader may do, the writes (draft, from a work order, edit, steps),
// suggestions by unit/model + fault text, what's new, fault codes; a write refreshes the lists.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type HandbookEntry = components['schemas']['HandbookEntry'];
export type HandbookEntryDetail = components['schemas']['HandbookEntryDetail'];
export type HandbookSuggestion = components['schemas']['HandbookSuggestion'];
export type ModelDocument = components['schemas']['ModelDocument'];

export const handbookKeys = keysFor('handbook');
export const documentKeys = keysFor('model-documents');
const ONE = '/api/v1/handbook/entries/{id}';

export const useHandbookEntry = (id: string) =>
  useQuery({ queryKey: handbookKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })), enabled: !!id });

export const useHandbookDiff = (id: string, from: number, to: number) =>
  useQuery({
    queryKey: [...handbookKeys.detail(id), 'diff', from, to],
    queryFn: () => must(api.GET('/api/v1/handbook/entries/{id}/diff', { params: { path: { id }, query: { from, to } } })),
    enabled: !!id && from > 0 && to > 0 && from !== to,
  });

export const useHandbookSuggestions = (p: { deviceId?: string | null; modelId?: string | null; q: string }) =>
  useQuery({
    queryKey: [...handbookKeys.all, 'suggest', p.deviceId ?? '', p.modelId ?? '', p.q],
    queryFn: () =>
      must(
        api.GET('/api/v1/handbook/suggest', {
          params: { query: { q: p.q, deviceId: p.deviceId ?? undefined, modelId: p.modelId ?? undefined, limit: 5 } },
        }),
      ),
    enabled: p.q.trim().length >= 2,
    staleTime: 30_000,
  });

export const useWhatsNew = (month: string | undefined) =>
  useQuery({
    queryKey: [...handbookKeys.all, 'whats-new', month ?? ''],
    queryFn: () => must(api.GET('/api/v1/handbook/whats-new', { params: { query: month ? { month } : {} } })),
  });

export const useFaultCodes = (modelId: string | null | undefined) =>
  useQuery({
    queryKey: [...handbookKeys.all, 'fault-codes', modelId ?? ''],
    queryFn: () => must(api.GET('/api/v1/handbook/fault-codes', { params: { query: { modelId: modelId as string } } })),
    enabled: !!modelId,
  });

export const useModelDocuments = (modelId?: string) =>
  useQuery({
    queryKey: [...documentKeys.all, modelId ?? ''],
    queryFn: () => must(api.GET('/api/v1/model-documents', { params: { query: modelId ? { modelId } : {} } })),
  });

function useSaved() {
  const qc = useQueryClient();
  return (d: HandbookEntryDetail) => {
    qc.setQueryData(handbookKeys.detail(d.id), d);
    return qc.invalidateQueries({ queryKey: handbookKeys.lists() });
  };
}

export function useCreateEntry() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/handbook/entries', 'post'>) => must(api.POST('/api/v1/handbook/entries', { body })),
    onSuccess: saved,
  });
}

export function useDraftFromWorkOrder() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (workOrderId: string) => must(api.POST('/api/v1/handbook/entries/from-work-order', { body: { workOrderId } })),
    onSuccess: saved,
  });
}

export function useUpdateEntry() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/handbook/entries/{id}', 'patch'> & { id: string }) =>
      must(api.PATCH(ONE, { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export type HandbookStep = 'submit' | 'publish' | 'reject' | 'retire';
export function useEntryStep() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: HandbookStep; body: { version: number; note?: string | null } }) =>
      must(
        api.POST(`/api/v1/handbook/entries/{id}/${step}` as '/api/v1/handbook/entries/{id}/reject', {
          params: { path: { id } },
          body: body as BodyOf<'/api/v1/handbook/entries/{id}/reject', 'post'>,
        }),
      ),
    onSuccess: saved,
  });
}

export function useSaveModelDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/model-documents', 'post'>) => must(api.POST('/api/v1/model-documents', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

export function useOfferModelDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/model-documents/{id}', 'patch'> & { id: string }) =>
      must(api.PATCH('/api/v1/model-documents/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentKeys.all }),
  });
}
