// Daily reports (R-WO-7, issue 11 item 2): one person's day and the service supervisor's day,
// read-only, generated from recorded work.
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type TechnicianDaily = components['schemas']['TechnicianDaily'];
export type SupervisorDaily = components['schemas']['SupervisorDaily'];
export type TechnicianOrder = TechnicianDaily['orders'][number];
export type DailyTotals = TechnicianDaily['totals'];
/** A work order in short (open emergencies, same-day misses). */
export type BriefOrder = SupervisorDaily['openEmergencies'][number];
export type SupervisorEngineer = SupervisorDaily['engineers'][number];

export const reportKeys = keysFor('reports');

export const useTechnicianDaily = (query: GetQuery<'/api/v1/reports/technician-daily'>) =>
  useQuery({
    queryKey: reportKeys.list('/api/v1/reports/technician-daily', query),
    queryFn: () => must(api.GET('/api/v1/reports/technician-daily', { params: { query } })),
    retry: false,
  });

export const useSupervisorDaily = (query: GetQuery<'/api/v1/reports/supervisor-daily'>) =>
  useQuery({
    queryKey: reportKeys.list('/api/v1/reports/supervisor-daily', query),
    queryFn: () => must(api.GET('/api/v1/reports/supervisor-daily', { params: { query } })),
    retry: false,
  });
