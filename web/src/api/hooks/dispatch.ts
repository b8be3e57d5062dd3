// The dispatch board (派工看板, R-DSP-1/2; issue 11 item 2): the lanes, the engineers' day and the
// ranked engineers for one job. Reads only; dispatching is a work-order write (hooks/workOrders).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type DispatchBoard = components['schemas']['DispatchBoard'];
export type BoardItem = DispatchBoard['unassigned'][number];
/** The board's lane size and filters (GET /dispatch/board query). */
export type BoardParams = GetQuery<'/api/v1/dispatch/board'>;
export type Suggestion = components['schemas']['DispatchSuggestion'];
export type Timeline = components['schemas']['DispatchTimeline'];
export type TimelineBlock = Timeline['engineers'][number]['blocks'][number];

export const dispatchKeys = keysFor('dispatch');

/** Each lane's most urgent `limit` cards with its total, narrowed by the filters given. */
export const useDispatchBoard = (query: BoardParams = {}) =>
  useQuery({
    queryKey: dispatchKeys.detail('board', JSON.stringify(query)),
    queryFn: () => must(api.GET('/api/v1/dispatch/board', { params: { query } })),
    placeholderData: keepPreviousData, // "load more" and a filter keep the cards shown until the answer
    refetchInterval: 60_000,
    retry: false,
  });

/** Engineers as rows for one company-local day (YYYY-MM-DD). */
export const useDispatchTimeline = (date: string) =>
  useQuery({
    queryKey: dispatchKeys.detail('timeline', date),
    queryFn: () => must(api.GET('/api/v1/dispatch/timeline', { params: { query: { date } } })),
    refetchInterval: 60_000,
    retry: false,
  });

/** The full ranking for one work order (R-DSP-2). */
export const useSuggestions = (workOrderId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: dispatchKeys.detail('suggestions', workOrderId ?? ''),
    queryFn: () => must(api.GET('/api/v1/dispatch/suggestions', { params: { query: { workOrderId: workOrderId ?? '' } } })),
    enabled: enabled && !!workOrderId,
    retry: false,
  });
