// Repair requests (报修, R-REQ-1..3; issue 11 item 2): the register, one request with its SLA
// clocks, registering, and the clock steps (answer, pause, resume). Each write puts the answered
// request in its detail and refreshes the lists that show its status or next deadline.
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type ServiceRequest = components['schemas']['ServiceRequest'];
export type ServiceRequestDetail = components['schemas']['ServiceRequestDetail'];
export type Clock = components['schemas']['SlaClock'];

export const requestKeys = keysFor('requests');
const workOrderKeys = keysFor('work-orders');
const dispatchKeys = keysFor('dispatch');
const deviceKeys = keysFor('devices');

export const useRequest = (id: string | undefined) =>
  useQuery({
    queryKey: requestKeys.detail(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/requests/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });

export const useRequests = (query: GetQuery<'/api/v1/requests'>, enabled = true) =>
  useQuery({
    queryKey: requestKeys.list('/api/v1/requests', query),
    queryFn: () => must(api.GET('/api/v1/requests', { params: { query } })),
    enabled,
  });

/** R-REQ-3: the urgency the server would propose for this unit, shown before registering. */
export const useUrgencyProposal = (deviceId: string | undefined, deviceDown: boolean, enabled = true) => {
  const query = { deviceId: deviceId ?? '', deviceDown: deviceDown ? ('true' as const) : ('false' as const) };
  return useQuery({
    queryKey: requestKeys.detail('proposed-urgency', query.deviceId, query.deviceDown),
    queryFn: () => must(api.GET('/api/v1/requests/proposed-urgency', { params: { query } })),
    enabled: enabled && !!deviceId,
    placeholderData: keepPreviousData, // no flicker while the down switch is answered
  });
};

/** The answered request into its detail; the registers and work-order lists (next deadline) refreshed, and the board. */
function saved(qc: QueryClient, r: ServiceRequestDetail) {
  qc.setQueryData(requestKeys.detail(r.id), r);
  return Promise.all([
    qc.invalidateQueries({ queryKey: requestKeys.lists() }),
    qc.invalidateQueries({ queryKey: workOrderKeys.lists() }),
    qc.invalidateQueries({ queryKey: dispatchKeys.all }),
  ]);
}

/** Register a request: it opens a work order and may mark the unit down. */
export function useRegisterRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/requests', 'post'>) => must(api.POST('/api/v1/requests', { body })),
    onSuccess: (r) => Promise.all([saved(qc, r), qc.invalidateQueries({ queryKey: deviceKeys.detail(r.deviceId) })]),
  });
}

// ---- the unit reported: read from the devices resource for the registration form ----

/** Units matching the picker's search box (serial, UDI, model, customer). */
export function useDeviceSearch(q: string) {
  const query = { q, pageSize: 30 };
  return useQuery({ queryKey: deviceKeys.list('/api/v1/devices', query), queryFn: () => must(api.GET('/api/v1/devices', { params: { query } })) });
}

/** The unit named in the address (`?deviceId=`), as its list row. */
export const useIntakeDevice = (id: string | null) =>
  useQuery({
    queryKey: deviceKeys.detail(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/devices/{id}', { params: { path: { id: id ?? '' } } })),
    select: (d) => d.device,
    enabled: !!id,
  });

export function useRespond() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/requests/{id}/respond', 'post'>) =>
      must(api.POST('/api/v1/requests/{id}/respond', { params: { path: { id } }, body })),
    onSuccess: (r) => saved(qc, r),
  });
}

export function usePause() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/requests/{id}/pause', 'post'>) =>
      must(api.POST('/api/v1/requests/{id}/pause', { params: { path: { id } }, body })),
    onSuccess: (r) => saved(qc, r),
  });
}

export function useResume() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/requests/{id}/resume', 'post'>) =>
      must(api.POST('/api/v1/requests/{id}/resume', { params: { path: { id } }, body })),
    onSuccess: (r) => saved(qc, r),
  });
}
