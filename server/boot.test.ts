// Start-up stories: configuration errors name the variable, the embedded data directory is
// locked against a second process, the session secret is generated once and kept, and the
// operator CLI works end to end on a fresh embedded database.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir, openDatabase, processStart, StartupError, sessionSecret } from './boot.ts';
import { EnvError, loadEnv } from './env.ts';

const run = promisify(execFile);
// The project's Node 24 (type stripping), whichever Node runs the test runner.
const node = existsSync('node_modules/.bin/node') ? path.resolve('node_modules/.bin/node') : process.execPath;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'ms-boot-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DATABASE_URL: undefined,
      SESSION_TTL_HOURS: 12,
      TZ_COMPANY: 'Asia/Shanghai',
      PGLITE_SHARED_BUFFERS: '64MB',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['SESSION_SECRET', 'too-short'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'everyone; drop table'],
    ['HTTP_PROCESSES', 'many'],
    ['HTTP_PROCESSES', '0'],
    ['PGLITE_SHARED_BUFFERS', 'lots'],
    ['PGLITE_SHARED_BUFFERS', '0MB'],
    ['PGLITE_SHARED_BUFFERS', '64 MB'],
  ])('a bad %s (%s) stops start-up with a message naming it', (key, value) => {
    expect(() => loadEnv({ [key]: value })).toThrow(EnvError);
    expect(() => loadEnv({ [key]: value })).toThrow(new RegExp(`${key}=`));
  });

  it('TRUST_PROXY: unset is a proxy on this host; true/false, a hop count or addresses/CIDRs for a proxy elsewhere (issue 17 item 7)', () => {
    expect(loadEnv({}).TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).TRUST_PROXY).toEqual(['10.0.0.5', '10.0.1.0/24']);
  });

  it('HTTP_PROCESSES: one by default; several or auto (= cores) on PostgreSQL; the embedded database refuses more than one (issue 17 item 7)', () => {
    const pg = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };
    expect(loadEnv({}).HTTP_PROCESSES).toBe(1);
    expect(loadEnv({ ...pg, HTTP_PROCESSES: '3' }).HTTP_PROCESSES).toBe(3);
    expect(loadEnv({ ...pg, HTTP_PROCESSES: 'auto' }).HTTP_PROCESSES).toBe(os.availableParallelism());
    expect(loadEnv({ HTTP_PROCESSES: 'auto' }).HTTP_PROCESSES).toBe(1);
    expect(() => loadEnv({ HTTP_PROCESSES: '2' })).toThrow(/HTTP_PROCESSES=2: several HTTP processes need PostgreSQL/);
  });

  it("PGLITE_SHARED_BUFFERS sizes the embedded database's buffer cache over its postgresql.conf (issue 17 item 5: RSS)", async () => {
    const dir = tmp();
    for (const size of ['48MB', '64MB']) {
      const { database, release } = await openDatabase(loadEnv({ DATA_DIR: dir, PGLITE_SHARED_BUFFERS: size }));
      try {
        expect((await database.query<{ shared_buffers: string }>('show shared_buffers')).rows[0].shared_buffers).toBe(size);
      } finally {
        await database.close();
        release();
      }
    }
  }, 120_000); // Two PGlite opens, the first with initdb.

  it('an empty DATABASE_URL means the embedded database', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe('embedded data directory', () => {
  it('a second process is refused while the first holds the lock; a stale lock is taken over', () => {
    const dir = tmp();
    // The parent process is alive: pretend it holds the lock.
    writeFileSync(path.join(dir, 'medservice.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(StartupError);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    writeFileSync(path.join(dir, 'medservice.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'medservice.lock'), 'utf8')).toBe(`${process.pid} ${processStart(process.pid)}`);
    release();
    expect(existsSync(path.join(dir, 'medservice.lock'))).toBe(false);
  });

  it('a server killed with SIGKILL leaves its lock behind, and the next start takes it over without manual cleanup', async () => {
    const dir = tmp();
    const holder = spawn(
      node,
      [
        '--input-type=module',
        '-e',
        `const { lockDataDir } = await import(${JSON.stringify(path.resolve('server/boot.ts'))}); lockDataDir(process.argv[1]); console.log('locked'); setInterval(() => {}, 1000);`,
        dir,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on('data', (d) => String(d).includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    expect(readFileSync(path.join(dir, 'medservice.lock'), 'utf8')).toMatch(new RegExp(`^${holder.pid}\\b`)); // stale, still there
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'medservice.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
    release();
  }, 60_000);

  it.skipIf(processStart(process.pid) === null)('a pid reused by another program after a crash does not hold the lock', () => {
    const dir = tmp();
    const file = path.join(dir, 'medservice.lock');
    // The parent is alive, but the lock names a different start time: the pid was reused.
    writeFileSync(file, `${process.ppid} 1`);
    lockDataDir(dir)();
    writeFileSync(file, `${process.ppid} ${processStart(process.ppid)}`);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
  });

  it('the session secret is generated once, kept private, and reused', () => {
    const dir = tmp();
    const env = loadEnv({ DATA_DIR: dir });
    const a = sessionSecret(env);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(sessionSecret(env)).toBe(a);
    expect(statSync(path.join(dir, 'session-secret')).mode & 0o077).toBe(0);
    expect(sessionSecret(loadEnv({ DATA_DIR: dir, SESSION_SECRET: 'z'.repeat(40) }))).toBe('z'.repeat(40));
  });
});

describe('operator CLI on a fresh embedded database', () => {
  it('creates a user, verifies the audit chain, backs up and restores', async () => {
    const dir = tmp();
    const cli = (...args: string[]) => run(node, ['server/cli.ts', ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' } });
    expect((await cli('create-user', '--username', 'ops', '--password', 'Ops-pass-2026', '--role', 'admin')).stdout).toContain('Created user ops');
    await expect(cli('create-user', '--username', 'ops2', '--password', 'weak', '--role', 'admin')).rejects.toMatchObject({
      stderr: expect.stringContaining('at least 10 characters'),
    });
    await expect(cli('create-user', '--username', 'ops3', '--password', 'Ops-pass-2026', '--role', 'wizard')).rejects.toMatchObject({
      stderr: expect.stringContaining('Unknown role'),
    });
    expect((await cli('verify-audit')).stdout).toMatch(/Audit ledger ok: 1 entries in 1 batches .*, 1 signed checkpoints, 0 entries not sealed yet/);
    const backup = path.join(dir, 'b.tar.gz');
    expect((await cli('backup', '--out', backup)).stdout).toContain('Backup written');
    await cli('create-user', '--username', 'later', '--password', 'Later-pass-2026', '--role', 'engineer');
    const restored = (await cli('restore', '--from', backup)).stdout;
    expect(restored).toMatch(/Restored .* Audit chain: ok, 1 entries/);
    // The dump holds no attachment bytes; the restore says whether the store still has them all.
    expect(restored).toContain('Attachments: all 0 stored blobs present.');
    expect((await cli('verify-blobs')).stdout).toContain('Attachments: all 0 stored blobs present.');
    // The user created after the backup is gone, so creating it again succeeds.
    expect((await cli('create-user', '--username', 'later', '--password', 'Later-pass-2026', '--role', 'engineer')).stdout).toContain('Created user later');
    // The checkpoints of the lost entry were set aside with the old data; the ledger goes on from the backup.
    expect((await cli('verify-audit')).stdout).toMatch(/Audit ledger ok: 2 entries in 2 batches .*, 2 signed checkpoints/);
  }, 480_000); // Two full starts on PGlite plus CLI runs: minutes when the machine is shared (load 16 took >240 s).
});
