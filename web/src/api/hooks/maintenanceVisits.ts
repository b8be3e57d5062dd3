// Maintenance visit records (issue 13 §1 recording, §2; R-PM-1, R-PM-2): the record of a maintenance
// work order and its steps (open, arrival, departure, task, reading, finding), a device's readings
// over time, an instrument's affected readings, and the manager's evidence exceptions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';
import { workOrderKeys } from './workOrders';

export type MaintenanceVisit = components['schemas']['MaintenanceVisitRecord'];
export type MaintenanceReading = components['schemas']['MaintenanceReading'];
export type EvidenceException = components['schemas']['EvidenceException'];
const visitKey = (workOrderId: string) => ['work-orders', 'detail', workOrderId, 'maintenance-record'] as const;
export const evidenceKeys = keysFor('maintenance-evidence-exceptions');
const RECORD = '/api/v1/work-orders/{id}/maintenance-record';

export const useMaintenanceVisit = (workOrderId: string, enabled = true) =>
  useQuery({
    queryKey: visitKey(workOrderId),
    queryFn: () => must(api.GET(RECORD, { params: { path: { id: workOrderId } } })),
    enabled,
  });

type Step =
  | { kind: 'open' }
  | { kind: 'arrival' | 'departure'; body: BodyOf<'/api/v1/work-orders/{id}/maintenance-record/arrival', 'post'> }
  | { kind: 'task'; key: string; body: BodyOf<'/api/v1/work-orders/{id}/maintenance-record/tasks/{key}', 'put'> }
  | { kind: 'reading'; body: BodyOf<'/api/v1/work-orders/{id}/maintenance-record/readings', 'post'> }
  | { kind: 'finding'; body: BodyOf<'/api/v1/work-orders/{id}/maintenance-record/findings', 'post'> };

/** One step on the visit record; the answer is the whole record, and the work order (its abilities) is read again. */
export function useVisitStep(workOrderId: string) {
  const qc = useQueryClient();
  const path = { id: workOrderId };
  return useMutation({
    mutationFn: (s: Step) => {
      switch (s.kind) {
        case 'open':
          return must(api.POST(RECORD, { params: { path } }));
        case 'arrival':
          return must(api.POST('/api/v1/work-orders/{id}/maintenance-record/arrival', { params: { path }, body: s.body }));
        case 'departure':
          return must(api.POST('/api/v1/work-orders/{id}/maintenance-record/departure', { params: { path }, body: s.body }));
        case 'task':
          return must(api.PUT('/api/v1/work-orders/{id}/maintenance-record/tasks/{key}', { params: { path: { id: workOrderId, key: s.key } }, body: s.body }));
        case 'reading':
          return must(api.POST('/api/v1/work-orders/{id}/maintenance-record/readings', { params: { path }, body: s.body }));
        case 'finding':
          return must(api.POST('/api/v1/work-orders/{id}/maintenance-record/findings', { params: { path }, body: s.body }));
      }
    },
    onSuccess: (v) => {
      qc.setQueryData(visitKey(workOrderId), v);
      void qc.invalidateQueries({ queryKey: workOrderKeys.detail(workOrderId), exact: true });
    },
  });
}

export const useDeviceReadings = (deviceId: string | null, checkKey?: string) =>
  useQuery({
    queryKey: ['devices', 'detail', deviceId ?? '', 'maintenance-readings', checkKey ?? ''],
    queryFn: () => must(api.GET('/api/v1/devices/{id}/maintenance-readings', { params: { path: { id: deviceId as string }, query: { checkKey } } })),
    enabled: !!deviceId,
  });

export const useInstrumentReadings = (instrumentId: string | null) =>
  useQuery({
    queryKey: ['instruments', 'detail', instrumentId ?? '', 'maintenance-readings'],
    queryFn: () => must(api.GET('/api/v1/instruments/{id}/maintenance-readings', { params: { path: { id: instrumentId as string }, query: {} } })),
    enabled: !!instrumentId,
  });

const EXCEPTIONS = '/api/v1/maintenance-evidence-exceptions';
export const useEvidenceExceptions = (query: GetQuery<typeof EXCEPTIONS>) =>
  useQuery({ queryKey: evidenceKeys.list(EXCEPTIONS, query), queryFn: () => must(api.GET(EXCEPTIONS, { params: { query } })) });

// R-PM-2: a signed record is corrected by new versions (like service reports); every version stays readable.
export type MaintenanceRecordVersions = components['schemas']['MaintenanceRecordVersions'];
const versionsKey = (workOrderId: string) => [...visitKey(workOrderId), 'versions'] as const;
export const useMaintenanceRecordVersions = (workOrderId: string, enabled = true) =>
  useQuery({
    queryKey: versionsKey(workOrderId),
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/maintenance-record/versions', { params: { path: { id: workOrderId } } })),
    enabled,
  });

export function useCorrectMaintenanceRecord(workOrderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/work-orders/{id}/maintenance-record/corrections', 'post'>) =>
      must(api.POST('/api/v1/work-orders/{id}/maintenance-record/corrections', { params: { path: { id: workOrderId } }, body })),
    onSuccess: (v) => {
      qc.setQueryData(visitKey(workOrderId), v);
      void qc.invalidateQueries({ queryKey: versionsKey(workOrderId) });
    },
  });
}
