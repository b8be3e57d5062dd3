// 时限预警 (R-SLA-4, issue 11 item 2): running SLA clocks warned, breached or at least 75 % used,
// read every minute. Keyed under the dispatch root, so whatever refreshes dispatch lists refreshes it.
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type AtRiskItem = components['schemas']['AtRiskWorkOrder'];

const AT_RISK = '/api/v1/dispatch/at-risk';

export const useAtRisk = (query: GetQuery<typeof AT_RISK>) =>
  useQuery({
    queryKey: keysFor('dispatch').list(AT_RISK, query),
    queryFn: () => must(api.GET(AT_RISK, { params: { query } })),
    refetchInterval: 60_000,
  });
