import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The web UI lives in web/ and builds to dist/web, which the server serves with an SPA
// fallback. In development (`npx vite`) API calls are proxied to the server on :3000.
//
// Chunks: every screen is loaded on demand (React.lazy in web/src/App.tsx). Libraries are kept
// in a few stable vendor chunks that every screen shares, so navigating reuses what is cached:
//   react       React, the router, TanStack Query, i18next — everything the entry needs;
//   antd        the antd pieces the entry itself uses (login form, ConfigProvider, App, Spin);
//   antd-pages  the rest of antd (tables, pickers, menus…), fetched with the first screen.
// Screen-specific libraries (echarts, signature_pad) stay in their screens' chunks.
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

export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
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
