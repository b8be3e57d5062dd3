// Entry point: `node server/main.ts [--http] [--worker]` (default: both in one process).
// Opens the database, migrates, seeds demo data on a first start, starts the job worker
// and the HTTP server, and shuts down cleanly on SIGINT/SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootMaintenance, openDatabase, prepareDatabase, redact, StartupError, sessionSecret } from './boot.ts';
import { clusterRole, forkHttpProcesses, type HttpProcesses, onPrimaryGone } from './cluster.ts';
import { EnvError, loadEnv } from './env.ts';
import { buildApp } from './http/app.ts';
import { loggerOptions } from './http/logging.ts';
import { prepareJobs, startQueue, startWorkers } from './jobs/queue.ts';
import { LedgerError, openLedger, sealAudit, setAuditLedger, startSealer } from './lib/audit.ledger.ts';
import { loadSecretsKey, SecretError, setSecretsKey } from './lib/secrets.ts';
import { blobStoreFor, seedDemoAttachments } from './modules/attachments/index.ts';
import { sealPlaintextSecrets } from './modules/channels/index.ts';
import { seedOnFirstStart } from './seed/first-start.ts';
import { startupTrace } from './startup-trace.ts';

/** The boot pass of table maintenance waits this long after the server listens. */
const BOOT_MAINTENANCE_DELAY_MS = 5_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const t0 = performance.now();
  const args = new Set(process.argv.slice(2));
  const env = loadEnv();
  const trace = startupTrace(env.STARTUP_TRACE);
  trace.mark('modules loaded');
  // HTTP_PROCESSES > 1 (cluster.ts): the primary starts up and runs the singletons (jobs, sealer),
  // forked processes serve HTTP only.
  const role = clusterRole(env.HTTP_PROCESSES, args.has('--http') || !args.has('--worker'));
  const once = role.kind !== 'http';
  const runHttp = role.kind !== 'primary' && (args.has('--http') || !args.has('--worker'));
  const runWorker = once && (args.has('--worker') || !args.has('--http'));
  let stopping = false;
  const { database, release } = await openDatabase(env);
  const where = env.DATABASE_URL ? `PostgreSQL ${redact(env.DATABASE_URL)}` : `embedded PGlite in ${path.resolve(env.DATA_DIR)}`;
  if (once) console.log(`MedService: database ${where}`);
  trace.mark('database open');
  // The boot pass of table maintenance runs 5 s after the server listens (below).
  if (once) await prepareDatabase(database, trace, { maintain: false });
  // Channel secrets at rest (issue 10 item 5): the key is never in the database; rows saved in
  // plain text before are encrypted now (idempotent), since a migration has no key.
  setSecretsKey(
    loadSecretsKey({
      fromEnv: env.SECRETS_KEY,
      dataDir: env.DATA_DIR,
      postgres: !!env.DATABASE_URL,
      warn: (m) => once && console.warn(`MedService: warning: ${m}`),
    }),
  );
  // The audit ledger's key is not in the database either (issue 17 item 2). Entries a crash left
  // unsealed are sealed now; then every AUDIT_SEAL_SECONDS, and once more at shutdown.
  const ledger = openLedger({ dataDir: env.DATA_DIR, keyFile: env.AUDIT_KEY_FILE, create: true });
  setAuditLedger(ledger);
  const warnLedger = (m: string) => console.warn(`MedService: ${m}`);
  const caughtUp = once ? await sealAudit(database.db, ledger, warnLedger) : null;
  if (caughtUp?.entries) console.log(`MedService: sealed ${caughtUp.entries} audit entries left unsealed by the last run`);
  trace.mark('audit ledger caught up');
  const sealer = once ? startSealer(database.db, ledger, { everyMs: env.AUDIT_SEAL_SECONDS * 1000, log: warnLedger }) : null;
  const sealed = once ? await sealPlaintextSecrets(database.db) : 0;
  if (sealed) console.log(`MedService: encrypted the secrets of ${sealed} channel setting(s) stored in plain text`);
  // Attachments (issue 12 item 0): S3-compatible storage when a bucket is set, else DATA_DIR/blobs.
  const attachments = {
    maxBytes: env.ATTACHMENT_MAX_MB * 1024 * 1024,
    store: blobStoreFor(env),
  };
  // Under the start-up lock, so instances started together on one fresh database seed it once.
  const first =
    env.SEED_DEMO === 'auto' && once
      ? await seedOnFirstStart(
          database,
          env.TZ_COMPANY,
          () => console.log('MedService: first start — loading the demo company and its week of service work (about 15 s)…'),
          attachments.store,
        )
      : null;
  // The demo's photos and a manual, once, right after the demo company was loaded.
  if (first) await seedDemoAttachments(database.db, attachments.store, env.TZ_COMPANY);
  trace.mark('secrets sealed, demo seed checked');
  const seeded = first?.seeded ?? null;
  const week = first?.week ?? null;

  const queue = runWorker || runHttp ? await startQueue(database, env.DATABASE_URL) : null;
  const jobContext = {
    database,
    timeZone: env.TZ_COMPANY,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    dataDir: env.DATA_DIR,
    backupKeep: env.BACKUP_KEEP,
  };
  // Every job of the catalogue (server/jobs/catalog.ts), each module's own (issue 11 item 5):
  // queues and schedules now, so a request may send any of them; the handlers once listening.
  const jobs = queue && runWorker ? await prepareJobs(queue, jobContext) : [];

  trace.mark('queue started, jobs prepared');
  const secret = sessionSecret(env);
  const ctx = {
    database,
    queue,
    auth: { db: database.db, secret, ttlHours: env.SESSION_TTL_HOURS, secureCookies: false },
    dataDir: env.DATA_DIR,
    timeZone: env.TZ_COMPANY,
    attachments,
    publicUrl: env.PUBLIC_URL,
  };
  const app = runHttp
    ? await buildApp(ctx, { logger: loggerOptions(env.LOG_LEVEL, env.LOG_FORMAT), webDir: path.join(root, 'dist', 'web'), trustProxy: env.TRUST_PROXY })
    : null;
  // Requests still running when a stop signal comes are let finish before the database closes
  // (found by bench/write.ts: SIGTERM under load failed in-flight requests with 500s).
  let inFlight = 0;
  app?.addHook('onRequest', async () => {
    inFlight++;
  });
  app?.addHook('onResponse', async () => {
    inFlight--;
  });
  trace.mark('http app built');
  if (app) await app.listen({ port: env.PORT, host: env.HOST });
  trace.mark('listening');
  // After listening, so a restart answers sooner (issue 17 item 5): the job handlers (their first
  // polls and the sweeps found due), and a few seconds later the boot pass of table maintenance
  // (150–300 ms of cold catalogue reads even when nothing is to do, which the first requests
  // would otherwise queue behind on PGlite's one connection; the hot reads need no statistics).
  if (queue && jobs.length) await startWorkers(queue, jobContext, jobs);
  trace.mark('job handlers started');
  let maintained: Promise<unknown> | null = null;
  const maintenanceTimer = once
    ? setTimeout(() => {
        maintained = bootMaintenance(database).catch((e) => console.warn(`MedService: table maintenance at start failed: ${(e as Error).message}`));
      }, BOOT_MAINTENANCE_DELAY_MS)
    : null;
  const httpProcesses: HttpProcesses | null = role.kind === 'primary' ? await forkHttpProcesses(role.processes, (m) => console.warn(`MedService: ${m}`)) : null;
  if (role.kind === 'http') {
    console.log(`MedService: HTTP process ready (pid ${process.pid})`);
    onPrimaryGone(() => void stop('primary process gone'));
    return installStop();
  }

  const shown = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const parts = [runHttp && 'http', httpProcesses && `${env.HTTP_PROCESSES} http processes`, runWorker && 'worker'];
  console.log(`MedService ready in ${Math.round(performance.now() - t0)} ms (${parts.filter(Boolean).join(' + ')}, pid ${process.pid})`);
  if (app || httpProcesses) console.log(`  Web:      http://${shown}:${env.PORT}/\n  API docs: http://${shown}:${env.PORT}/api/docs`);
  if (seeded) {
    console.log(`  Demo data loaded. Log in as any of these users with the password "${seeded.password}":`);
    const tips = new Map((week?.tips ?? []).map((t) => [t.username, t.tip]));
    for (const u of seeded.users) {
      const tip = tips.get(u.username);
      console.log(`    ${u.username.padEnd(12)} ${u.roles.join(', ').padEnd(18)}${tip ? ` try: ${tip}` : ''}`);
    }
  } else if (app || httpProcesses) {
    console.log('  Log in with your account (demo users, if seeded: admin / MedService2026).');
  }

  installStop();

  function installStop() {
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  }
  async function stop(signal: string) {
    if (stopping) return;
    stopping = true;
    if (once) console.log(`MedService: ${signal}, shutting down`);
    // The HTTP processes finish their requests first; the sealer below then seals what they wrote.
    await httpProcesses?.stop();
    await app?.close().catch(() => {});
    for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    if (maintenanceTimer) clearTimeout(maintenanceTimer);
    await maintained;
    await queue?.stop().catch(() => {});
    await sealer?.stop();
    await database.close().catch(() => {});
    release();
    process.exit(0);
  }
}

main().catch((err) => {
  if (err instanceof EnvError || err instanceof StartupError || err instanceof SecretError || err instanceof LedgerError) {
    console.error(`MedService cannot start.\n${err.message}`);
  } else {
    console.error('MedService failed to start:', err);
  }
  process.exit(1);
});
