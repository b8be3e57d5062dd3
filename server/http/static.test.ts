// The web UI as the server sends it: the build's pre-compressed .br/.gz files chosen by
// Accept-Encoding, hashed assets cached for a year, index.html (and the SPA fallback that
// answers with it) revalidated on every load.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';

const INDEX = `<!doctype html><html><head><script type="module" src="/assets/x-abc123.js"></script></head><body>${'<div></div>'.repeat(50)}</body></html>`;
const JS = `export const greeting = ${JSON.stringify('hello '.repeat(200))};\n`;

let webDir: string;
let app: Api;
let drop: () => Promise<void>;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'ms-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  const put = (name: string, body: string) => {
    writeFileSync(path.join(webDir, name), body);
    writeFileSync(path.join(webDir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(path.join(webDir, `${name}.gz`), gzipSync(body));
  };
  put('index.html', INDEX);
  put('assets/x-abc123.js', JS);
  const db = await openTestDatabase();
  drop = db.drop;
  app = await buildApp(
    {
      database: db.database,
      queue: null,
      auth: { db: db.database.db, secret: 'test-secret-'.padEnd(40, 'x'), ttlHours: 12, secureCookies: false },
      dataDir: '.tmp',
      timeZone: 'Asia/Shanghai',
    },
    { webDir },
  );
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await drop?.();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the web UI files', () => {
  it('a browser that takes brotli gets the .br file as it is, marked br, cached for a year', async () => {
    const r = await get('/assets/x-abc123.js', 'gzip, deflate, br, zstd');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe(JS);
  });

  it('a client that takes only gzip gets the .gz file', async () => {
    const r = await get('/assets/x-abc123.js', 'gzip');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(gunzipSync(r.rawPayload).toString()).toBe(JS);
  });

  it('a client that asks for no encoding gets the plain file, still marked as varying by encoding', async () => {
    for (const r of [await get('/assets/x-abc123.js'), await get('/assets/x-abc123.js', 'identity')]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(r.body).toBe(JS);
    }
  });

  it('the start page and any screen address (the SPA fallback) answer index.html, compressed, revalidated every time', async () => {
    for (const url of ['/', '/work-orders?pageSize=50', '/requests/123']) {
      const r = await get(url, 'br');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.headers['content-encoding'], url).toBe('br');
      expect(String(r.headers.vary).toLowerCase(), url).toContain('accept-encoding');
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(r.rawPayload).toString(), url).toBe(INDEX);
    }
    const plain = await get('/devices');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body).toBe(INDEX);
  });

  it('a chunk of an older build is a 404, not index.html (which a browser cannot run as a script)', async () => {
    const r = await get('/assets/gone-old123.js', 'br');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});
