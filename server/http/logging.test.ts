// The console log an operator reads (issue 10 item 16): one short line per API request by
// default, warnings and errors in words; JSON lines only when LOG_FORMAT=json.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.ts';
import { loggerOptions } from './logging.ts';

async function run(format: 'pretty' | 'json') {
  const lines: string[] = [];
  const opts = loggerOptions('info', format);
  const logger =
    format === 'json' ? { ...(opts as object), stream: { write: (l: string) => lines.push(l) } } : loggerOptions('info', 'pretty', (l) => lines.push(l));
  const app = Fastify({ logger });
  app.get('/api/v1/ping', async () => ({ ok: true }));
  app.get('/assets/app.js', async () => 'x');
  app.get('/api/v1/boom', async (req) => {
    req.log.warn({ code: 'made_up' }, 'problem code without a translated message');
    throw new Error('kaput');
  });
  await app.ready();
  await app.inject({ method: 'GET', url: '/api/v1/ping?x=1' });
  await app.inject({ method: 'GET', url: '/assets/app.js' });
  await app.inject({ method: 'GET', url: '/api/v1/boom' });
  await app.close();
  return lines.join('').trimEnd().split('\n');
}

describe('request logs', () => {
  it('by default: one line per API request with time, method, URL, status and ms; static files only when they fail', async () => {
    const lines = await run('pretty');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d GET \/api\/v1\/ping\?x=1 200 \d+ ms$/);
    expect(lines.some((l) => l.includes('/assets/app.js'))).toBe(false);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d WARN problem code without a translated message \(GET \/api\/v1\/boom\) \{"code":"made_up"\}$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d GET \/api\/v1\/boom 500 \d+ ms$/));
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
  });

  it('LOG_FORMAT=json gives pino’s JSON lines for collectors; the default is pretty and a bad value is refused', async () => {
    const lines = await run('json');
    expect(lines.every((l) => JSON.parse(l).level >= 30)).toBe(true);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('request completed');
    expect(loadEnv({}).LOG_FORMAT).toBe('pretty');
    expect(loadEnv({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => loadEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
