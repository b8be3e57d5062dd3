// Traceability (追溯, issue 14 §5, R-REG-5): a unit's dossier and the "who has it?" lot/serial search.
// The model search is a ListPage over /api/v1/traceability/models.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, must } from '../../api';
import { keysFor } from '../keys';

export type DeviceDossier = components['schemas']['DeviceDossier'];
export type TracePartRow = components['schemas']['TracePartRow'];
export type TracePartResult = components['schemas']['TracePartResult'];
export type TraceModelRow = components['schemas']['TraceModelRow'];

export const traceKeys = keysFor('traceability');
// Under the device's keys, so a write to the unit (a hold, an edit) refreshes its dossier too.
const deviceKeys = keysFor('devices');

export const useDossier = (id: string) =>
  useQuery({
    queryKey: deviceKeys.detail(id, 'dossier'),
    queryFn: () => must(api.GET('/api/v1/devices/{id}/dossier', { params: { path: { id } } })),
  });

export type PartTraceParams = { lot?: string; serial?: string; partCode?: string };

/** Runs only once a lot or serial is given (an empty search is refused by the server). */
export const usePartTrace = (p: PartTraceParams) =>
  useQuery({
    queryKey: [...traceKeys.lists(), 'parts', p],
    queryFn: () => must(api.GET('/api/v1/traceability/parts', { params: { query: p } })),
    enabled: !!(p.lot || p.serial),
    placeholderData: keepPreviousData,
  });
