// The dashboard's tiles: one count per list (page size 1, the total). The keys are the lists'
// own keys, so a write that refreshes a resource's lists refreshes its tiles too.
import { useQueries } from '@tanstack/react-query';
import { type GetData, getPage, type ListPath } from '../../api';
import { keysFor, rootOf } from '../keys';

export interface CountOf {
  path: ListPath;
  query: Record<string, string>;
}

export const useCounts = (lists: CountOf[]) =>
  useQueries({
    queries: lists.map(({ path, query }) => {
      const q = { ...query, pageSize: 1 };
      return {
        queryKey: keysFor(rootOf(path)).list(path, q),
        queryFn: () => getPage(path, q),
        // The big lists stop counting at 10,000 (`totalExact: false`): "10000+".
        select: (page: GetData<ListPath>) => ({ total: page.total, capped: 'totalExact' in page && page.totalExact === false }),
        retry: false,
      };
    }),
  });
