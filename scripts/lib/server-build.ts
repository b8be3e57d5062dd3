// The server as one ES module, dist/server/main.mjs (issue 17 item 5): what `npm start`, the
// browser flows, the reliability suite and the benchmarks run. The tests (vitest) and `npm run
// dev` run the TypeScript sources as before.
// Why: loading the server's ~520 TypeScript files one by one cost a restart ~0.4 s of its ~1.9 s
// and ~35 MB of RSS: Node strips the types of each file (amaro, in WebAssembly), reads and
// resolves each, and looks up the nearest package.json for each. One file removes all of that.
// Packages stay outside (external): Node loads them as before, native and WebAssembly ones
// included. drizzle-orm is the exception: it is bundled, so the bundle needs no
// server/preload.ts (which the sources still need; it says why).
// The bundle is rebuilt when a file under server/, this file or package-lock.json is newer than
// it; a fresh one costs one directory walk (a few ms).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Where the bundle of the checkout at `root` is. */
export function serverBundle(root: string) {
  return path.join(root, 'dist', 'server', 'main.mjs');
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** True when the bundle is missing or older than a server source, this builder or the lock file (drizzle-orm is inside). */
export function serverBuildStale(root: string) {
  const out = serverBundle(root);
  if (!existsSync(out)) return true;
  const lock = path.join(root, 'package-lock.json');
  const sources = Math.max(
    newestMtime(path.join(root, 'server')),
    statSync(path.join(here, 'server-build.ts')).mtimeMs,
    existsSync(lock) ? statSync(lock).mtimeMs : 0,
  );
  return statSync(out).mtimeMs < sources;
}

/**
 * Builds dist/server/main.mjs when it is stale; returns its path. Safe to call from several
 * processes at once (the reliability suite starts servers in parallel): each writes a file of
 * its own and renames it into place, and the rename is atomic.
 */
export async function ensureServerBuild(root: string, log: (m: string) => void = () => {}): Promise<string> {
  const out = serverBundle(root);
  if (!serverBuildStale(root)) return out;
  const started = Date.now();
  log('Building the server (first start or sources changed, about 1 s)…');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'server', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: out,
    write: false,
    // A linked map for whoever wants mapped stack traces (NODE_OPTIONS=--enable-source-maps);
    // not on by default: parsing the 5 MB map at every start costs ~0.3 s and ~80 MB.
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Packages stay outside, loaded by Node as before; drizzle-orm (plain JavaScript) comes
        // inside, so Node's ES loader never walks its ~110 files (see server/preload.ts).
        name: 'packages-outside',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => (/^drizzle-orm(\/|$)/.test(args.path) ? undefined : { path: args.path, external: true }));
        },
      },
      {
        // A bundled file keeps its own location: paths next to it (migrations, fonts,
        // createRequire) resolve as they do from the sources.
        name: 'keep-import-meta',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            let contents = readFileSync(args.path, 'utf8');
            if (contents.includes('import.meta')) {
              contents = contents
                .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
                .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
                .replaceAll('import.meta.filename', JSON.stringify(args.path));
            }
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  const stamp = new Date(started);
  // The map first, the module last: a reader never finds a module without its files.
  mkdirSync(path.dirname(out), { recursive: true });
  const files = [...result.outputFiles.filter((f) => f.path !== out), ...result.outputFiles.filter((f) => f.path === out)];
  for (const file of files) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    // Stamped with the build's start: a source saved while building leaves the bundle stale.
    utimesSync(tmp, stamp, stamp);
    renameSync(tmp, file.path);
  }
  log(`Server built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return out;
}
