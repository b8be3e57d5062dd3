import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '/work/wt/h4/scripts/lib/server-process.ts';
const dataDir = mkdtempSync(path.join(tmpdir(), 'h4-e2e-'));
let code = 1;
try {
  const server = await startServer({ dataDir, databaseUrl: '', stdio: ['ignore', 'inherit', 'inherit'], timeoutMs: 900_000, pollMs: 500, root: '/work/wt/h4' });
  try {
    const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '/work/wt/h4/e2e/traceability.e2e.ts'], { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: server.baseUrl } });
    code = run.status ?? 1;
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
