// Backups of the embedded database. PGlite does not fsync (pglite #1107), so embedded mode
// takes scheduled dumps; `npm run cli -- restore` brings one back while the app is stopped.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export function backupDir(dataDir: string) {
  return path.join(path.resolve(dataDir), 'backups');
}

export async function writeBackup(pglite: PGlite, file: string): Promise<{ file: string; bytes: number }> {
  const blob = await pglite.dumpDataDir('gzip');
  const buf = Buffer.from(await blob.arrayBuffer());
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, buf);
  return { file, bytes: buf.length };
}

/** A timestamped dump in DATA_DIR/backups, keeping the newest `keep`. */
export async function scheduledBackup(pglite: PGlite, dataDir: string, keep: number) {
  const dir = backupDir(dataDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const result = await writeBackup(pglite, path.join(dir, `medservice-${stamp}.tar.gz`));
  const files = readdirSync(dir)
    .filter((f) => /^medservice-.*\.tar\.gz$/.test(f))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep))) rmSync(path.join(dir, old));
  return result;
}
