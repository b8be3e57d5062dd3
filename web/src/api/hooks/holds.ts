// Safety holds (停用, issue 14 §1, R-REG-1): one hold with what the reader may do, and the writes
// (place, release with the password again, retire). A write refreshes the hold lists and the
// unit's device record (its status and banner), work orders and the dispatch board.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type DeviceHold = components['schemas']['DeviceHold'];
export type DeviceHoldDetail = components['schemas']['DeviceHoldDetail'];
export type HoldSummary = components['schemas']['DeviceHoldSummary'];

export const holdKeys = keysFor('device-holds');
const ONE = '/api/v1/device-holds/{id}';

export const useHold = (id: string) => useQuery({ queryKey: holdKeys.detail(id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })) });

function useSaved() {
  const qc = useQueryClient();
  return (d: DeviceHoldDetail) => {
    qc.setQueryData(holdKeys.detail(d.id), d);
    return Promise.all(
      [holdKeys.lists(), keysFor('devices').all, keysFor('work-orders').all, keysFor('dispatch').all].map((queryKey) => qc.invalidateQueries({ queryKey })),
    );
  };
}

export function usePlaceHold() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/device-holds', 'post'>) => must(api.POST('/api/v1/device-holds', { body })),
    onSuccess: saved,
  });
}

export function useReleaseHold() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/device-holds/{id}/release', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/device-holds/{id}/release', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useRetireHold() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/device-holds/{id}/retire', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/device-holds/{id}/retire', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
