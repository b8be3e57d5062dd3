// `npm start` runs this first: builds the web UI into dist/web when it is missing or older
// than its sources, so a fresh clone needs nothing but `npm install && npm start`.
// Plain JavaScript on purpose: it must run before anything else is set up.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'web')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (existsSync(out) && statSync(out).mtimeMs >= sources) process.exit(0);
// The build takes ~25 s on a small machine: on a terminal a ticking line shows it is alive
// (issue 10 item 16); in CI or a log file (no TTY) one line before and one after, no ticking.
const started = Date.now();
const tty = process.stdout.isTTY && !process.env.CI;
const label = 'Building the web UI (first start or sources changed, about 30 s)…';
if (tty) process.stdout.write(label);
else console.log(label);
const ticker = tty ? setInterval(() => process.stdout.write(`\r${label} ${Math.round((Date.now() - started) / 1000)} s`), 1000) : null;
const build = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
build.on('exit', (code, signal) => {
  if (ticker) clearInterval(ticker);
  const secs = Math.round((Date.now() - started) / 1000);
  if (tty) process.stdout.write('\n');
  if (code !== 0) {
    console.error(`The web UI build failed (${signal ?? `exit ${code}`}) after ${secs} s.`);
    process.exit(code ?? 1);
  }
  console.log(`Web UI built in ${secs} s.`);
});
