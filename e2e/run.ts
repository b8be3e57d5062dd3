// Browser flows: builds the web UI if needed, starts the real server on a fresh embedded
// database (demo data seeded), runs the node:test flows in Debian's Chromium through
// playwright-core, then stops the server. `npm run test:e2e`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../scripts/lib/server-process.ts';

const root = path.resolve(import.meta.dirname, '..');

const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(path.join(tmpdir(), 'medservice-e2e-'));
let code = 1;
try {
  const server = await startServer({ dataDir, databaseUrl: '', stdio: ['ignore', 'inherit', 'inherit'], timeoutMs: 300_000, pollMs: 300 });
  try {
    const files = readdirSync(path.join(root, 'e2e'))
      .filter((f) => f.endsWith('.e2e.ts'))
      .map((f) => path.join(root, 'e2e', f));
    const only = process.argv.slice(2);
    const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : files)], {
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: server.baseUrl },
    });
    code = run.status ?? 1;
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
