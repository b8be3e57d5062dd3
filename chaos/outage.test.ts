// A 10-second database outage under write load (issue 6, reliability 2), on a private
// PostgreSQL cluster so the shared one is never stopped. While the database is away the server
// stays up, answers every call quickly with a translated 503 problem (no hang, no 500), and
// health says 'degraded'; when it returns, health is 'ok' again, the job queue runs again and
// calls succeed — without restarting our server — and no acknowledged write is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../server/db/client.ts';
import { t } from '../server/lib/i18n.ts';
import { PrivateCluster } from './lib/cluster.ts';
import { Load, tally } from './lib/load.ts';
import { ChaosServer, type Health, health, sleep } from './lib/server.ts';
import { verifyWrites } from './lib/verify.ts';

const OUTAGE_MS = 10_000;
const CLIENTS = 16;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('cleanup:', e));
});

interface Probe extends Health {
  at: number;
}

function countBy<T>(items: T[], key: (x: T) => string) {
  const c: Record<string, number> = {};
  for (const x of items) c[key(x)] = (c[key(x)] ?? 0) + 1;
  return c;
}

describe('the database goes away for 10 seconds under load', () => {
  // fast: an operator restarts PostgreSQL; immediate: PostgreSQL crashes.
  it.each(['fast', 'immediate'] as const)(
    'stopped %s: clients get a quick translated 503, health says degraded then ok, writes resume, none acknowledged is lost',
    async (mode) => {
      const cluster = await PrivateCluster.create();
      cleanups.push(() => cluster.destroy());
      await cluster.start();
      const admin = await openPostgres(cluster.url(), 1);
      await admin.exec('create database medservice');
      await admin.close();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-chaos-outage-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const server = await ChaosServer.start({ dataDir, databaseUrl: cluster.url('medservice') });
      cleanups.push(() => server.stop());
      const pid = server.pid;

      const load = new Load({ baseUrl: server.url, clients: CLIENTS, locale: 'en-US' });
      await load.prepare();
      const probes: Probe[] = [];
      let probing = true;
      const prober = (async () => {
        while (probing) {
          const h = await health(server.url);
          probes.push({ ...h, at: load.now() - h.ms }); // when the probe was sent
          await sleep(250);
        }
      })();
      load.start();
      const before = load.mark();
      await sleep(3000);
      const phaseBefore = load.since(before);

      const outage = load.mark();
      await cluster.stop(mode);
      const stoppedAt = load.now();
      await sleep(OUTAGE_MS);
      const aliveDuringOutage = server.alive();
      if (!aliveDuringOutage) {
        await load.stop();
        probing = false;
        await prober;
        expect.fail(`the server died when the database went away:\n${server.tail(60)}`);
      }
      const upAt = load.now();
      await cluster.start();
      const phaseOutage = load.since(outage);

      // Health is 'ok' again without touching our server.
      const recovery = load.mark();
      let okAt: number | null = null;
      for (let i = 0; i < 240 && okAt === null; i++) {
        const last = probes.at(-1);
        if (last && last.at > upAt && last.status === 'ok') okAt = last.at;
        else await sleep(250);
      }
      await sleep(3000); // writes go on after recovery
      const phaseRecovery = load.since(recovery);
      await load.stop();
      probing = false;
      await prober;

      // The job queue runs again: the minute heartbeat job is done after the database came back.
      const upIso = new Date(Date.now() - (load.now() - upAt)).toISOString();
      let heartbeatAfter: string | null = null;
      for (let i = 0; i < 150 && !heartbeatAfter; i++) {
        const h = await health(server.url);
        const beat = (h.body as { queue: { lastHeartbeat: string | null } } | null)?.queue.lastHeartbeat ?? null;
        if (beat && beat > upIso) heartbeatAfter = beat;
        else await sleep(1000);
      }

      const during = probes.filter((p) => p.at > stoppedAt && p.at < upAt);
      const outageOutcomes = phaseOutage.outcomes;
      const refused = outageOutcomes.filter((o) => o.status === 503);
      const other = outageOutcomes.filter((o) => o.status !== 503 && (o.status < 200 || o.status >= 300));
      const max503 = Math.max(0, ...refused.map((o) => o.ms));
      const median503 = refused.map((o) => o.ms).sort((a, b) => a - b)[Math.floor(refused.length / 2)] ?? 0;
      const secondsToOk = okAt === null ? null : Math.round((okAt - upAt) / 100) / 10;

      const queueErrors = server.output.filter((l) => l.includes('[queue]')).length;
      console.log(`\n[outage ${mode}] ${CLIENTS} clients, PostgreSQL stopped (${mode}) for ${OUTAGE_MS / 1000} s`);
      console.table([
        { phase: 'before', sent: phaseBefore.sent, acked: phaseBefore.acked, outcomes: JSON.stringify(tally(phaseBefore.outcomes)) },
        { phase: 'outage', sent: phaseOutage.sent, acked: phaseOutage.acked, outcomes: JSON.stringify(tally(phaseOutage.outcomes)) },
        { phase: 'recovery', sent: phaseRecovery.sent, acked: phaseRecovery.acked, outcomes: JSON.stringify(tally(phaseRecovery.outcomes)) },
      ]);
      console.log(
        `[outage ${mode}] 503 count ${refused.length}, latency of a 503 median ${Math.round(median503)} ms / max ${Math.round(max503)} ms, health during outage ${JSON.stringify(countBy(during, (p) => `${p.httpStatus} ${p.status}`))}, ` +
          `seconds until healthy again ${secondsToOk}, heartbeat after recovery ${heartbeatAfter}, queue errors logged ${queueErrors}`,
      );

      const all = [...phaseBefore.outcomes, ...phaseOutage.outcomes, ...phaseRecovery.outcomes];
      const internal = server.output.filter((l) => l.includes('unhandled error'));
      for (const l of internal.slice(0, 3)) console.log(`  SERVER: ${l.slice(0, 1500)}`);

      // The server process never went down or restarted.
      expect(aliveDuringOutage).toBe(true);
      expect(server.alive()).toBe(true);
      expect(server.pid).toBe(pid);
      expect(server.starts).toBe(1);
      // Every failed call during the outage was a problem+json 503 in the caller's language, none hung.
      expect(refused.length).toBeGreaterThan(0);
      expect(other.map((o) => o.status)).toEqual([]);
      for (const o of refused) {
        expect(o.contentType).toMatch(/^application\/problem\+json/);
        expect(o.code).toBe('service_unavailable');
        expect(o.detail).toBe(t('service_unavailable', 'en-US'));
      }
      // Health: the process answers, reports degraded (503) while the database is away, then ok.
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((p) => p.httpStatus !== 0)).toBe(true);
      expect(during.some((p) => p.httpStatus === 503 && p.status === 'degraded' && p.body?.database.ok === false)).toBe(true);
      expect(okAt, `health never ok again:\n${server.tail()}`).not.toBeNull();
      expect(heartbeatAfter, 'the job queue runs again').not.toBeNull();
      expect(phaseRecovery.acked).toBeGreaterThan(0);
      // Never a 500, a hang or a refused connection, before, during or after.
      expect(all.filter((o) => o.status !== 201 && o.status !== 503).map((o) => o.status)).toEqual([]);

      await server.stop();
      const database = await openPostgres(cluster.url('medservice'), 2);
      try {
        const findings = await verifyWrites(database, load.acked);
        console.log(
          `[outage ${mode}] requests sent ${load.sent}, acknowledged ${load.acked.length}, records checked ${findings.checked}, failures found ${findings.failures.length}`,
        );
        for (const f of findings.failures.slice(0, 20)) console.log(`  FAILURE: ${f}`);
        expect(findings.failures).toEqual([]);
      } finally {
        await database.close();
      }
    },
    420_000,
  );
});
