// Complaints (客户投诉, R-CP-1..5): the list, one file, registering, the file's fields and its
// lifecycle steps, the staff to choose from, and the monthly statistics (issue 11 item 2). A write
// answers with the complaint: it becomes the cached detail; lists and statistics refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Complaint = components['schemas']['Complaint'];
export type ComplaintStats = components['schemas']['ComplaintStats'];
/** One bar group of the statistics (a cause, model, customer or staff member). */
export type ComplaintStatsLine = ComplaintStats['byCause'][number];
export type ComplaintUpdate = BodyOf<'/api/v1/complaints/{id}', 'patch'>;

export const complaintKeys = keysFor('complaints');
const LIST = '/api/v1/complaints';
const STATS = '/api/v1/complaints/stats';

export const useComplaints = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: complaintKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useComplaint = (id: string) =>
  useQuery({ queryKey: complaintKeys.detail(id), queryFn: () => must(api.GET('/api/v1/complaints/{id}', { params: { path: { id } } })) });

export const useComplaintStaff = () =>
  useQuery({ queryKey: complaintKeys.list('/api/v1/complaints/staff'), queryFn: () => must(api.GET('/api/v1/complaints/staff')) });

export const useComplaintStats = (month: string) =>
  useQuery({ queryKey: complaintKeys.list(STATS, { month }), queryFn: () => must(api.GET(STATS, { params: { query: { month } } })) });

/** The answered complaint into its detail; the list and the statistics refreshed. */
function useSaved() {
  const qc = useQueryClient();
  return (c: Complaint) => {
    qc.setQueryData(complaintKeys.detail(c.id), c);
    return qc.invalidateQueries({ queryKey: complaintKeys.lists() });
  };
}

export function useRegisterComplaint() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof LIST, 'post'>) => must(api.POST(LIST, { body })), onSuccess: saved });
}

export function useUpdateComplaint() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ComplaintUpdate) => must(api.PATCH('/api/v1/complaints/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useComplaintStep() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/complaints/{id}/transition', 'post'>) =>
      must(api.POST('/api/v1/complaints/{id}/transition', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
