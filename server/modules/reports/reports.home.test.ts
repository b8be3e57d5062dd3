// Stories of the home screen (issue 17 item 3): one request brings every tile the caller may see,
// with the figures the lists the tiles open have always shown, in one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

/** The lists each tile opens (the dashboard's former requests, page size 1 and the total). */
const LISTS: Record<string, string> = {
  myWork: '/api/v1/work-orders?mine=true&status=dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back,resolved',
  unassigned: '/api/v1/requests?status=open',
  emergencies: '/api/v1/requests?open=true&urgency=emergency',
  openRequests: '/api/v1/requests?open=true',
  toReview: '/api/v1/work-orders?status=signed_off',
  myOpenRequests: '/api/v1/requests?open=true',
  customers: '/api/v1/customers',
  devices: '/api/v1/devices',
  down: '/api/v1/devices?status=down',
  contracts: '/api/v1/contracts?state=active',
  expiring: '/api/v1/contracts?expiringWithinDays=90',
};

describe('the home screen', () => {
  it.each([
    ['dispatcher', ['unassigned', 'emergencies', 'openRequests', 'toReview', 'customers', 'devices', 'down', 'contracts', 'expiring']],
    ['engineer', ['myWork', 'emergencies', 'openRequests', 'customers', 'devices', 'down', 'contracts', 'expiring']],
    ['manager', ['unassigned', 'emergencies', 'openRequests', 'toReview', 'customers', 'devices', 'down', 'contracts', 'expiring']],
    ['executive', ['emergencies', 'openRequests', 'customers', 'devices', 'down', 'contracts', 'expiring']],
    ['renhe', ['myOpenRequests', 'devices', 'down', 'contracts', 'expiring']],
  ])('%s sees their tiles in one call, each the total of the list it opens', async (username, keys) => {
    const c = await env.as(username);
    const home = await c.get('/api/v1/home');
    expect(home.statusCode).toBe(200);
    expect(home.data.tiles.map((t: { key: string }) => t.key)).toEqual(keys);
    for (const t of home.data.tiles) {
      const list = await c.get(`${LISTS[t.key]}${LISTS[t.key].includes('?') ? '&' : '?'}pageSize=1`);
      expect(list.statusCode, t.key).toBe(200);
      expect({ key: t.key, total: t.total }).toEqual({ key: t.key, total: list.data.total });
    }
    expect(home.data.tiles.some((t: { total: number }) => t.total > 0)).toBe(true);
  });

  it('the tiles cost one statement (the session is cached), where the lists they replace cost dozens', async () => {
    const c = await env.as('dispatcher');
    await c.get('/api/v1/home'); // the session is now cached
    const sent: string[] = [];
    const off = env.database.tap((q) => sent.push(q));
    try {
      expect((await c.get('/api/v1/home')).statusCode).toBe(200);
      const home = sent.length;
      sent.length = 0;
      for (const url of Object.values(LISTS)) await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=1`);
      const lists = sent.filter((q) => !/^(begin|commit)$/i.test(q.trim())).length;
      console.log(`home: ${home} statement(s); the ${Object.keys(LISTS).length} lists: ${lists}`);
      expect(home).toBe(1);
      expect(lists).toBeGreaterThan(20);
    } finally {
      off();
    }
  });

  it('without a session there are no tiles', async () => {
    expect((await env.anonymous().get('/api/v1/home')).statusCode).toBe(401);
  });
});
