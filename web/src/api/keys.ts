// Query keys, one shape for every resource (issue 11 item 2): [root, 'list', path, query] for
// lists and [root, 'detail', id, ...part] for a record. The root is the path segment after
// /api/v1/ ('work-orders', 'parts', …), so a mutation can invalidate exactly its resource's lists
// and the one record it changed, and ListPage's keys (built from its endpoint) match the hooks'.

/** '/api/v1/work-orders/{id}/sign' → 'work-orders'. */
export const rootOf = (path: string): string => path.replace(/^\/api\/v1\//, '').split(/[/?]/)[0];

export function keysFor(root: string) {
  return {
    all: [root] as const,
    lists: () => [root, 'list'] as const,
    list: (path: string, query?: object) => [root, 'list', path, query ?? {}] as const,
    details: () => [root, 'detail'] as const,
    detail: (id: string, ...part: string[]) => [root, 'detail', id, ...part] as const,
  };
}
