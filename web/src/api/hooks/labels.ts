// Device labels (QR, 扫码报修, issue 16 §2): a device's label, revoking it, the engineer's open work
// orders on a device, the public scan page (no login: the same client, empty CSRF header without a
// session) and the call-back queue of scanned reports.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type LabelScan = components['schemas']['LabelScan'];
export type ScanReport = components['schemas']['ScanReport'];

const deviceKeys = keysFor('devices');
const publicKeys = keysFor('public');
export const scanReportKeys = keysFor('scan-reports');

export const useDeviceLabel = (id: string, enabled = true) =>
  useQuery({
    queryKey: deviceKeys.detail(id, 'label'),
    queryFn: () => must(api.GET('/api/v1/devices/{id}/label', { params: { path: { id } } })),
    enabled: !!id && enabled,
  });

export function useRevokeLabel(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/devices/{id}/label/revoke', 'post'>) =>
      must(api.POST('/api/v1/devices/{id}/label/revoke', { params: { path: { id } }, body })),
    onSuccess: (l) => qc.setQueryData(deviceKeys.detail(id, 'label'), l),
  });
}

export const useMyOpenWorkOrders = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: deviceKeys.detail(id, 'my-open-work-orders'),
    queryFn: () => must(api.GET('/api/v1/devices/{id}/my-open-work-orders', { params: { path: { id } } })),
    enabled: !!id && enabled,
  });

// ---- the public scan page ----

export const useLabelScan = (token: string) =>
  useQuery({
    queryKey: publicKeys.detail('label', token),
    queryFn: () => must(api.GET('/api/v1/public/labels/{token}', { params: { path: { token } } })),
    retry: false,
  });

export const useReportFromLabel = (token: string) =>
  useMutation({
    mutationFn: (body: BodyOf<'/api/v1/public/labels/{token}/reports', 'post'>) =>
      must(api.POST('/api/v1/public/labels/{token}/reports', { params: { path: { token } }, body })),
  });

// ---- the call-back queue ----

export function useConvertScanReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/v1/scan-reports/{id}/convert', 'post'> }) =>
      must(api.POST('/api/v1/scan-reports/{id}/convert', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: scanReportKeys.all }),
  });
}

export function useDismissScanReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/v1/scan-reports/{id}/dismiss', 'post'> }) =>
      must(api.POST('/api/v1/scan-reports/{id}/dismiss', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: scanReportKeys.all }),
  });
}
