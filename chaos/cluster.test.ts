// Several HTTP processes on one port (issue 17 item 7, HTTP_PROCESSES, server/cluster.ts): the
// primary starts up once and runs the job worker and the audit sealer; two forked processes
// answer on the one port and share sessions through PostgreSQL. A session logged out through one
// process stops on the other within the session cache's bound; a killed HTTP process is started
// again; SIGTERM to the primary stops them all.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../server/db/client.ts';
import { SESSION_CACHE_MS } from '../server/http/session-cache.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { ChaosServer, sleep } from './lib/server.ts';

const PG_ADMIN = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('cleanup:', e));
});

interface Reply {
  status: number;
  body: string;
  cookies: string[];
}

/**
 * A client on one kept-alive connection: the primary hands each connection to one HTTP process,
 * so every request of this client reaches the same process. `pid` is the process that answers,
 * read from its JSON request log (pino writes the pid) by a marker in the first request's URL.
 */
class Pinned {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  pid = 0;
  readonly server: ChaosServer;
  constructor(server: ChaosServer) {
    this.server = server;
  }

  request(method: string, url: string, o: { cookie?: string; csrf?: string; json?: unknown } = {}): Promise<Reply> {
    const body = o.json === undefined ? undefined : JSON.stringify(o.json);
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (o.cookie) headers.cookie = o.cookie;
    if (o.csrf) headers['x-csrf-token'] = o.csrf;
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.server.url}${url}`, { method, headers, agent: this.agent }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async identify(): Promise<number> {
    const marker = randomUUID();
    expect((await this.request('GET', `/api/health?probe=${marker}`)).status).toBe(200);
    for (let i = 0; i < 100 && !this.pid; i++) {
      const line = this.server.output.find((l) => l.includes(marker));
      if (line) this.pid = Number(/"pid":(\d+)/.exec(line)?.[1]);
      else await sleep(50);
    }
    expect(this.pid, `no request log line for ${marker}:\n${this.server.tail()}`).toBeGreaterThan(0);
    return this.pid;
  }

  close() {
    this.agent.destroy();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('two HTTP processes on one port (HTTP_PROCESSES=2)', () => {
  it('share sessions, stop a revoked one on both, run the job worker once, restart a killed process and stop on SIGTERM', async () => {
    const name = `medservice_cluster_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(PG_ADMIN, 1);
    await admin.exec(`create database ${name}`);
    cleanups.push(async () => {
      await admin.exec(`set statement_timeout = '60s'`);
      await admin.exec(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
      await admin.close();
    });
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-cluster-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    // No arguments: HTTP and the job worker, the worker staying in the primary.
    const server = await ChaosServer.start({
      dataDir,
      databaseUrl: url,
      env: { HTTP_PROCESSES: '2', SEED_DEMO: 'auto', LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    });
    cleanups.push(() => server.stop());
    const clients: Pinned[] = [];
    cleanups.push(() => {
      for (const c of clients) c.close();
    });

    // Started once: one start-up line naming the worker; two HTTP processes, each with its own LISTEN.
    const pidsIn = (re: RegExp) => server.output.flatMap((l) => (re.test(l) ? [Number(/pid (\d+)/.exec(l)?.[1])] : []));
    // The primary prints its start-up line once both HTTP processes and the worker are up, a moment
    // after the health check answers; on a loaded machine that moment can be seconds.
    for (let i = 0; i < 600 && (pidsIn(/HTTP process ready/).length < 2 || !pidsIn(/MedService ready in/).length); i++) await sleep(50);
    const ready = pidsIn(/MedService ready in/);
    expect(ready, server.tail()).toHaveLength(1);
    expect(server.output.find((l) => l.includes('MedService ready in'))).toMatch(/\(2 http processes \+ worker, pid \d+\)/);
    const primary = ready[0];
    const workers = pidsIn(/HTTP process ready/);
    expect(new Set(workers).size).toBe(2);
    expect(workers).not.toContain(primary);
    expect(server.output.filter((l) => l.includes('Demo data loaded'))).toHaveLength(1);
    const db = await openPostgres(url, 1);
    cleanups.push(() => db.close());
    const listening = async () =>
      (await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen ms_sessions'`))
        .rows[0].n;
    expect(await listening()).toBe(2);

    // One client pinned to each HTTP process.
    const a = new Pinned(server);
    clients.push(a);
    await a.identify();
    let b = a;
    for (let i = 0; i < 20 && b.pid === a.pid; i++) {
      b = new Pinned(server);
      clients.push(b);
      await b.identify();
    }
    expect(b.pid).not.toBe(a.pid);
    expect(workers).toEqual(expect.arrayContaining([a.pid, b.pid]));

    // Logged in through one process, the session works on the other.
    const login = await a.request('POST', '/api/v1/auth/login', { json: { username: 'dispatcher', password: DEMO_PASSWORD } });
    expect(login.status, login.body).toBe(200);
    const cookie = login.cookies.join('; ');
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
    for (const c of [b, a, b]) {
      const me = await c.request('GET', '/api/v1/auth/me', { cookie });
      expect(me.status, me.body).toBe(200);
      expect(JSON.parse(me.body).user.username).toBe('dispatcher');
    }

    // Logged out through the first, it stops on the second (which had it cached) within the cache bound.
    expect((await a.request('POST', '/api/v1/auth/logout', { cookie, csrf })).status).toBe(204);
    const t0 = Date.now();
    let onB = 200;
    while (onB === 200 && Date.now() - t0 < SESSION_CACHE_MS + 2_000) {
      onB = (await b.request('GET', '/api/v1/auth/me', { cookie })).status;
      if (onB === 200) await sleep(100);
    }
    expect(onB).toBe(401);
    expect(Date.now() - t0).toBeLessThanOrEqual(SESSION_CACHE_MS + 2_000);
    expect((await a.request('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);

    // A killed HTTP process: the other keeps answering on the port, and the primary starts a new one.
    a.close();
    process.kill(a.pid, 'SIGKILL');
    const ended = () => server.output.some((l) => l.includes(`(pid ${a.pid}) ended (signal SIGKILL)`));
    for (let i = 0; i < 100 && !ended(); i++) await sleep(50);
    expect(ended(), server.tail()).toBe(true);
    const other = new Pinned(server);
    clients.push(other);
    expect(await other.identify()).toBe(b.pid);
    for (let i = 0; i < 1200 && pidsIn(/HTTP process ready/).length < 3; i++) await sleep(100);
    const restarted = pidsIn(/HTTP process ready/)[2];
    expect(restarted, server.tail()).toBeGreaterThan(0);
    expect(alive(restarted)).toBe(true);
    for (let i = 0; i < 100 && (await listening()) < 2; i++) await sleep(100);
    expect(await listening()).toBe(2);

    // SIGTERM to the primary stops every process.
    for (const c of clients) c.close();
    await server.stop();
    expect([primary, b.pid, restarted].filter(alive)).toEqual([]);
  }, 600_000);
});
