// Health reports the database and the job queue; pg-boss runs on the same database
// (the PGlite adapter in embedded mode, a pool on a PostgreSQL server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.ts';
import { registerJobs, startQueue } from '../../jobs/queue.ts';
import { createTestEnv, openTestDatabase, type TestEnv } from '../../test/harness.ts';

describe('health and the job queue', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env?.close());

  it('without a running queue, health says degraded but the database is ok', async () => {
    const r = await env.anonymous().get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'degraded', database: { ok: true }, queue: { running: false } });
  });

  it('a started queue runs the heartbeat job and health turns ok', async () => {
    const { database, drop } = await openTestDatabase();
    const url =
      database.kind === 'postgres'
        ? process.env.DATABASE_URL?.replace(/\/[^/]*$/, `/${(await database.query<{ d: string }>('select current_database() as d')).rows[0].d}`)
        : undefined;
    const queue = await startQueue(database, url);
    try {
      const jobs = { database, dataDir: '.tmp', backupKeep: 0, timeZone: 'Asia/Shanghai', publicUrl: 'http://localhost' };
      await registerJobs(queue, jobs, ['system.heartbeat', 'system.sessions.purge', 'system.backup']);
      await queue.send('system.heartbeat', {});
      let beat: unknown;
      for (let i = 0; i < 200 && !beat; i++) {
        await new Promise((r) => setTimeout(r, 250));
        beat = (await database.query<{ value: unknown }>(`select value from system_state where key = 'heartbeat'`)).rows[0]?.value;
      }
      expect(beat).toMatchObject({ at: expect.any(String) });
      // Expired sessions are purged by their job; live ones stay.
      const uid = (await database.query<{ id: string }>(`select id from users where username = 'engineer'`)).rows[0].id;
      await database.query(
        `insert into sessions (id, user_id, expires_at) values ('old', $1, now() - interval '1 hour'), ('live', $1, now() + interval '1 hour')`,
        [uid],
      );
      await queue.send('system.sessions.purge', {});
      let left: string[] = [];
      for (let i = 0; i < 200; i++) {
        await new Promise((r) => setTimeout(r, 250));
        left = (await database.query<{ id: string }>(`select id from sessions where id in ('old', 'live')`)).rows.map((r) => r.id);
        if (!left.includes('old')) break;
      }
      expect(left).toEqual(['live']);
      const app = await buildApp({
        database,
        queue,
        auth: { db: database.db, secret: 's'.repeat(40), ttlHours: 1, secureCookies: false },
        dataDir: '.tmp',
        timeZone: 'Asia/Shanghai',
      });
      const r = await app.inject({ method: 'GET', url: '/api/health' });
      expect(r.json()).toMatchObject({ status: 'ok', queue: { ok: true, running: true, lastHeartbeat: expect.any(String) } });
      await app.close();
    } finally {
      await queue.stop();
      await drop();
    }
  }, 120_000); // A queue start and two job round trips: slow when the machine is shared.
});
