// A private, throw-away PostgreSQL cluster for tests that stop the database server (outage
// drills), so the shared server other tests use is never touched. initdb runs as the postgres
// OS user (PostgreSQL refuses root) into a temp dir it owns, trust auth, socket in the same dir.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.ts';

const run = promisify(execFile);

function pgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error(`no PostgreSQL binaries under ${base}`);
  return path.join(base, versions[0], 'bin');
}

export class PrivateCluster {
  readonly dir: string;
  readonly port: number;
  private readonly bin: string;

  private constructor(dir: string, port: number, bin: string) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
  }

  get dataDir() {
    return path.join(this.dir, 'data');
  }

  url(db = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  /** Async, so the load and the probes keep running (and are timed fairly) while pg_ctl waits. */
  private async run(tool: string, args: string[]) {
    const exe = path.join(this.bin, tool);
    const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    return (await run(cmd, argv, { cwd: this.dir, timeout: 120_000 })).stdout;
  }

  static async create(): Promise<PrivateCluster> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ms-pgcluster-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    const c = new PrivateCluster(dir, await freePort(), pgBin());
    await c.run('initdb', ['-D', c.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    return c;
  }

  async start() {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.run('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'postgres.log'), '-o', opts, '-w', '-t', '60', 'start']);
  }

  /** fast: roll back open transactions and disconnect; immediate: like a crash of the server. */
  async stop(mode: 'fast' | 'immediate' = 'fast') {
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async running() {
    try {
      await this.run('pg_ctl', ['-D', this.dataDir, 'status']);
      return true;
    } catch {
      return false;
    }
  }

  log() {
    try {
      return readFileSync(path.join(this.dir, 'postgres.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops (immediately) if running and deletes everything. Never throws. */
  async destroy() {
    try {
      if (await this.running()) await this.stop('immediate');
    } catch {
      /* best effort */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
