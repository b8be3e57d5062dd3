import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The web UI lives in web/ and builds to dist/web, which the server serves with an SPA
// fallback. In development (`npx vite`) API calls are proxied to the server on :3000.
//
// Chunks (issue 17 item 6): every screen is loaded on demand (React.lazy in web/src/App.tsx).
//   react   React, the router, TanStack Query, i18next, openapi-fetch: the entry's libraries, in
//           one stable vendor chunk. With the entry itself (the login page as plain elements,
//           the login strings, App.tsx's routes) that is all the login page loads — no antd.
//   antd    no group of its own: rolldown splits it by which screens use what, so a screen
//           fetches the antd components it renders (the list: Table, Select, Menu, Card …) and
//           the pieces every screen shares (cssinjs, theme, motion, trigger) land in shared
//           chunks fetched once. Two antd vendor chunks (one for the login form, one with all
//           the rest) made the login page 295 KB gzip and the list 510.
// Screen-specific libraries (echarts, signature_pad) stay in their screens' chunks; antd's
// providers and every screen's strings come with the signed-in layout (AntShell, messages.ts).
const core = /node_modules[\\/](react|react-dom|scheduler|react-router|react-i18next|i18next|@tanstack|openapi-fetch)[\\/]/;

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json)$/;

/**
 * Writes name.br and name.gz beside each emitted text file, so the server sends them as they
 * are (@fastify/static `preCompressed`) instead of compressing on every request. A variant that
 * would not be smaller is left out; the server then falls back to the plain file.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'medservice:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir as string;
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const raw = await readFile(file);
            const [b, g] = await Promise.all([
              br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
              gz(raw, { level: 9 }),
            ]);
            if (b.length < raw.length) await writeFile(`${file}.br`, b);
            if (g.length < raw.length) await writeFile(`${file}.gz`, g);
          }),
      );
    },
  };
}

/**
 * Issue 16 §1: emits /sw.js from web/sw.template.js with the list of every built file (the app
 * shell, each screen's JS and CSS chunks, icons), so the service worker caches them at install
 * and the engineer's screens open offline. A new build gets a new cache name.
 */
function serviceWorker(): Plugin {
  return {
    name: 'medservice:service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => /\.(js|css|png|svg|woff2?)$/.test(name) && name !== 'sw.js')
        .map((name) => `/${name}`);
      files.push('/icons/icon-192.png', '/icons/icon-512.png');
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const template = await readFile(path.resolve('web/sw.template.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('__BUILD_VERSION__', version).replace('__PRECACHE__', JSON.stringify([...new Set(files)])),
      });
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), precompress(), serviceWorker()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: core, priority: 3 }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
