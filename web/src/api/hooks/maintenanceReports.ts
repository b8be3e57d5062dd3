// 月度巡检报告 (issue 13 §1; seed 002): the monthly inspection report's data for one customer and
// month (the screen's summary) and the PDF's address (downloaded with api.download).
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type MonthlyReport = components['schemas']['MaintenanceMonthlyReport'];
export const maintenanceReportKeys = keysFor('maintenance-reports');
const SUMMARY = '/api/v1/maintenance-reports/monthly/summary';

export const useMonthlyReport = (query: GetQuery<typeof SUMMARY> | null) =>
  useQuery({
    queryKey: maintenanceReportKeys.list(SUMMARY, query ?? {}),
    queryFn: () => must(api.GET(SUMMARY, { params: { query: query as GetQuery<typeof SUMMARY> } })),
    enabled: query !== null,
  });

/** The PDF of the same report (inline, Chinese). */
export const monthlyReportPdfUrl = (q: { customerId: string; month: string; deviceId?: string }) =>
  `/api/v1/maintenance-reports/monthly?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])}`;
