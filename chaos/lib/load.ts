// Write load for the reliability tests: N concurrent clients registering repair requests in a
// loop, like a busy service desk. Every 2xx is an acknowledged write whose id must survive any
// fault; a network error, timeout or 5xx is unacknowledged (it may or may not have committed)
// and is never retried with the same expectations — the next call is a new request.
import { sleep } from './server.ts';

export interface Ack {
  requestId: string;
  workOrderId: string;
}

export interface Outcome {
  /** ms since the load started */
  at: number;
  ms: number;
  /** HTTP status, 0 for a network error, -1 for the client's own timeout (a hang). */
  status: number;
  code?: string;
  detail?: string;
  contentType?: string;
}

export interface LoadOptions {
  baseUrl: string;
  clients?: number;
  username?: string;
  password?: string;
  /** Accept-Language of every call. */
  locale?: 'zh-CN' | 'en-US';
  /** A call taking longer than this is abandoned and counted as a hang (status -1). */
  timeoutMs?: number;
}

interface Session {
  cookie: string;
  csrf: string;
}

function cookieValue(setCookies: string[], name: string) {
  for (const c of setCookies) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c);
    if (m) return m[1];
  }
  return undefined;
}

export class Load {
  readonly acked: Ack[] = [];
  readonly outcomes: Outcome[] = [];
  sent = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private sessions: Session[] = [];
  private devices: string[] = [];
  private t0 = 0;
  private readonly clients: number;
  private readonly locale: string;
  private readonly timeoutMs: number;

  private readonly opts: LoadOptions;

  constructor(opts: LoadOptions) {
    this.opts = opts;
    this.clients = opts.clients ?? 16;
    this.locale = opts.locale ?? 'en-US';
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  /**
   * Logs in and picks the devices. Login is rate-limited per address and account (10 a minute),
   * so up to 8 sessions are shared round-robin by the clients. Sessions live in the database and
   * survive a server restart.
   */
  async prepare() {
    const n = Math.min(this.clients, 8);
    for (let i = 0; i < n; i++) {
      const r = await fetch(`${this.opts.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': this.locale },
        body: JSON.stringify({ username: this.opts.username ?? 'dispatcher', password: this.opts.password ?? 'MedService2026' }),
      });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
      const set = r.headers.getSetCookie();
      const token = cookieValue(set, 'ms_session');
      const csrf = cookieValue(set, 'ms_csrf');
      if (!token || !csrf) throw new Error('login set no session cookies');
      this.sessions.push({ cookie: `ms_session=${token}; ms_csrf=${csrf}`, csrf: decodeURIComponent(csrf) });
    }
    const s = this.sessions[0];
    for (let page = 1; ; page++) {
      const r = await fetch(`${this.opts.baseUrl}/api/v1/devices?pageSize=200&page=${page}`, { headers: { cookie: s.cookie } });
      if (r.status !== 200) throw new Error(`device list failed: ${r.status}`);
      const body = (await r.json()) as { items: { id: string; status: string }[]; total: number };
      for (const d of body.items) if (d.status !== 'retired') this.devices.push(d.id);
      if (page * 200 >= body.total || body.items.length === 0) break;
    }
    if (this.devices.length === 0) throw new Error('no devices to report on');
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.t0 = performance.now();
    this.loops = Array.from({ length: this.clients }, (_, i) => this.loop(i));
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Milliseconds since start(). */
  now() {
    return performance.now() - this.t0;
  }

  /** Counts since a mark, for per-phase figures. */
  mark() {
    return { sent: this.sent, acked: this.acked.length, outcomes: this.outcomes.length };
  }

  since(m: ReturnType<Load['mark']>) {
    const outs = this.outcomes.slice(m.outcomes);
    return { sent: this.sent - m.sent, acked: this.acked.length - m.acked, outcomes: outs };
  }

  private body(client: number) {
    return {
      deviceId: this.devices[Math.floor(Math.random() * this.devices.length)],
      faultDescription: `chaos load: client ${client}, call ${this.sent}`,
      deviceDown: false,
      channel: 'phone',
      reporterName: '压力测试',
      reporterPhone: '13800000000',
    };
  }

  private async loop(client: number) {
    const session = this.sessions[client % this.sessions.length];
    while (this.running) {
      this.sent++;
      const started = performance.now();
      const outcome: Outcome = { at: started - this.t0, ms: 0, status: 0 };
      try {
        const r = await fetch(`${this.opts.baseUrl}/api/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': this.locale },
          body: JSON.stringify(this.body(client)),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        outcome.status = r.status;
        outcome.contentType = r.headers.get('content-type') ?? undefined;
        const data = (await r.json().catch(() => null)) as { id?: string; workOrderId?: string; code?: string; detail?: string } | null;
        if (r.status >= 200 && r.status < 300 && data?.id && data.workOrderId) {
          this.acked.push({ requestId: data.id, workOrderId: data.workOrderId });
        } else {
          outcome.code = data?.code;
          outcome.detail = data?.detail;
        }
      } catch (e) {
        outcome.status = (e as Error).name === 'TimeoutError' ? -1 : 0;
      }
      outcome.ms = performance.now() - started;
      this.outcomes.push(outcome);
      // A refused or failed call: back off a little instead of spinning on a dead server.
      if (outcome.status < 200 || outcome.status >= 500) await sleep(100);
    }
  }
}

/** Outcome counts by status, e.g. { '201': 812, '503': 40, 'network': 12 }. */
export function tally(outcomes: Outcome[]) {
  const t: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.status === 0 ? 'network' : o.status === -1 ? 'hang' : String(o.status);
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}
