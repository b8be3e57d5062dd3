// The work-order list's first page is asked for while the session is checked (issue 17 item 6);
// the screen must then show exactly what it would have fetched itself, and nothing stale or failed.
import { describe, expect, it, vi } from 'vitest';
import { fetchEarly, listParams, listQuery, takeEarly } from './early.ts';

const spec = { endpoint: '/api/v1/work-orders' as const, filterKeys: ['status', 'mine'] };
const page = (n: number) => ({ items: [], total: n, page: 1, pageSize: 50 });

describe('a list opened at start-up (api/early.ts)', () => {
  it('the screen takes the page fetched with /auth/me under its own query key, once; the next query fetches', async () => {
    const early = vi.fn(async () => page(1));
    fetchEarly(spec, '?pageSize=50&status=new&other=x', early);
    // The query the screen builds from the same address: only its own filter keys, in its order.
    const { key } = listQuery(spec.endpoint, listParams(new URLSearchParams('?status=new&pageSize=50&other=x'), spec.filterKeys));
    expect(early).toHaveBeenCalledWith('/api/v1/work-orders', { pageSize: '50', status: 'new' });
    const fetchAgain = vi.fn(async () => page(2));
    expect(await takeEarly(key, fetchAgain)).toEqual(page(1));
    expect(fetchAgain).not.toHaveBeenCalled();
    expect(await takeEarly(key, fetchAgain)).toEqual(page(2));
  });

  it('an early answer that failed (no session yet) is fetched again rather than shown', async () => {
    fetchEarly(spec, '?mine=true', async () => {
      throw new Error('401');
    });
    const { key } = listQuery(spec.endpoint, { mine: 'true' });
    expect(await takeEarly(key, async () => page(3))).toEqual(page(3));
  });

  it('another address does not take it', async () => {
    fetchEarly(spec, '?status=new', async () => page(4));
    const { key } = listQuery(spec.endpoint, { status: 'closed' });
    expect(await takeEarly(key, async () => page(5))).toEqual(page(5));
  });
});
