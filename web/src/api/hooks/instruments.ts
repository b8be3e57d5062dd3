// Service tools and measuring instruments (仪器设备 / 计量器具, issue 13 §5): detail with
// calibrations and hand-overs, the due counts, holder options, and the writes (create, edit,
// calibrate, hand over, retire). A write answers with the detail; lists refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Instrument = components['schemas']['Instrument'];
export type InstrumentDetail = components['schemas']['InstrumentDetail'];
export type InstrumentCalibration = components['schemas']['InstrumentCalibration'];
export type InstrumentHandover = components['schemas']['InstrumentHandover'];

export const instrumentKeys = keysFor('instruments');
const LIST = '/api/v1/instruments';
const ONE = '/api/v1/instruments/{id}';

export const useInstrument = (id: string) =>
  useQuery({ queryKey: instrumentKeys.detail('instrument', id), queryFn: () => must(api.GET(ONE, { params: { path: { id } } })) });

export const useInstrumentSummary = (enabled = true) =>
  useQuery({ queryKey: instrumentKeys.list('/api/v1/instruments/summary'), queryFn: () => must(api.GET('/api/v1/instruments/summary')), enabled });

export const useInstrumentHolders = (enabled = true) =>
  useQuery({ queryKey: instrumentKeys.list('/api/v1/instruments/holders'), queryFn: () => must(api.GET('/api/v1/instruments/holders')), enabled });

function useSaved() {
  const qc = useQueryClient();
  return (d: InstrumentDetail) => {
    qc.setQueryData(instrumentKeys.detail('instrument', d.id), d);
    return qc.invalidateQueries({ queryKey: instrumentKeys.lists() });
  };
}

export function useCreateInstrument() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })), onSuccess: saved });
}

export function useUpdateInstrument() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<typeof ONE, 'patch'> & { id: string }) => must(api.PATCH(ONE, { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useRecordCalibration() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/instruments/{id}/calibrations', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/instruments/{id}/calibrations', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useHandOverInstrument() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/instruments/{id}/handover', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/instruments/{id}/handover', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useRetireInstrument() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/instruments/{id}/retire', 'post'> & { id: string }) =>
      must(api.POST('/api/v1/instruments/{id}/retire', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
