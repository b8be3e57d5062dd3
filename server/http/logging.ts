// The server's log (issue 10 item 16). Default `LOG_FORMAT=pretty`: one short line per API
// request — time, method, URL, status, milliseconds — and warnings and errors in words, which is
// what an operator watching a console wants. The web UI's static files are not listed unless they
// fail. `LOG_FORMAT=json`: pino's JSON lines as they are (two per request), for log collectors.
import type { FastifyServerOptions } from 'fastify';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export function loggerOptions(
  level: Level,
  format: 'pretty' | 'json',
  out: (line: string) => void = (l) => process.stdout.write(l),
): FastifyServerOptions['logger'] {
  if (format === 'json') return { level };
  return { level, stream: prettyStream(out) };
}

const clock = (ms: number) => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

/** A pino destination that rewrites its JSON lines into short readable ones. */
export function prettyStream(out: (line: string) => void) {
  // pino logs "incoming request" (method, url) and "request completed" (status, time) apart;
  // the first is held by request id until the second, so each request prints once.
  const pending = new Map<string, { method: string; url: string }>();
  return {
    write(chunk: string) {
      let e: Record<string, unknown> & { level: number; time: number; msg?: string; reqId?: string };
      try {
        e = JSON.parse(chunk);
      } catch {
        out(chunk);
        return;
      }
      const req = e.req as { method?: string; url?: string } | undefined;
      const res = e.res as { statusCode?: number } | undefined;
      if (e.msg === 'incoming request' && req && e.reqId) {
        if (pending.size > 10_000) pending.clear(); // requests that never completed (aborted) do not pile up
        pending.set(e.reqId, { method: req.method ?? '', url: req.url ?? '' });
        return;
      }
      if (e.msg === 'request completed' && res && e.reqId) {
        const r = pending.get(e.reqId) ?? { method: '?', url: '?' };
        pending.delete(e.reqId);
        const status = res.statusCode ?? 0;
        if (!r.url.startsWith('/api') && status < 400) return;
        out(`${clock(e.time)} ${r.method} ${r.url} ${status} ${Math.round(Number(e.responseTime ?? 0))} ms\n`);
        return;
      }
      const { level, time, msg, pid: _p, hostname: _h, reqId, err, ...rest } = e;
      const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
      const error = err as { message?: string; stack?: string } | undefined;
      const ctx = reqId && pending.has(reqId) ? ` (${pending.get(reqId)?.method} ${pending.get(reqId)?.url})` : '';
      out(`${clock(time)} ${LEVEL_NAMES[level] ?? level} ${msg ?? ''}${ctx}${extra}${error ? `\n${error.stack ?? error.message}` : ''}\n`);
    },
  };
}
