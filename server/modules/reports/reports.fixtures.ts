// Test helpers: walk a repair through the real API (register → dispatch → steps → content →
// parts → sign → review), and a small RGBA PNG for the drawn signature.
import { deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import type { Client, TestEnv } from '../../test/harness.ts';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A w×h RGBA PNG with a dark diagonal stroke on a transparent ground, as a data URL. */
export function signaturePng(w = 24, h = 8): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const on = Math.abs(Math.round((x * h) / w) - y) <= 1;
      const o = y * (w * 4 + 1) + 1 + x * 4;
      raw[o] = 10;
      raw[o + 1] = 20;
      raw[o + 2] = 90;
      raw[o + 3] = on ? 255 : 0;
    }
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

export interface Flow {
  requestId: string;
  workOrderId: string;
  number: string;
}

type Step = 'dispatched' | 'accepted' | 'on_the_way' | 'on_site' | 'resolved' | 'signed_off' | 'closed';

export interface FlowOptions {
  serial: string;
  receivedAt?: string;
  deviceDown?: boolean;
  lead: string; // username
  /** Helpers dispatched with the lead (usernames). */
  helpers?: string[];
  /** How far to go. */
  until: Step;
  content?: Record<string, unknown>;
  parts?: Record<string, unknown>[];
  signer?: string;
}

export async function idOf(env: TestEnv, sql: string): Promise<string> {
  return (await env.database.query<{ id: string }>(sql)).rows[0].id;
}

const ORDER: Step[] = ['dispatched', 'accepted', 'on_the_way', 'on_site', 'resolved', 'signed_off', 'closed'];

/** Walks one repair through the API as customer service and the lead engineer would. */
export async function runFlow(env: TestEnv, dispatcher: Client, o: FlowOptions): Promise<Flow> {
  const deviceId = await idOf(env, `select id from devices where serial_number = '${o.serial}'`);
  const reg = await dispatcher.post('/api/v1/requests', {
    deviceId,
    faultDescription: '染色不均匀，报警代码 E-21，仪器停止运行',
    deviceDown: o.deviceDown ?? false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    ...(o.receivedAt ? { receivedAt: o.receivedAt } : {}),
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const id = reg.data.workOrderId as string;
  const flow = { requestId: reg.data.id as string, workOrderId: id, number: reg.data.workOrderNumber as string };
  const reach = (s: Step) => ORDER.indexOf(s) <= ORDER.indexOf(o.until);
  const version = async (c: Client) => (await c.get(`/api/v1/work-orders/${id}`)).data.version as number;
  const ok = (r: { statusCode: number; body: string }) => expect(r.statusCode, r.body).toBeLessThan(300);

  const leadId = await idOf(env, `select id from users where username = '${o.lead}'`);
  const helperIds = await Promise.all((o.helpers ?? []).map((u) => idOf(env, `select id from users where username = '${u}'`)));
  ok(await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: await version(dispatcher), leadEngineerId: leadId, helperIds }));
  if (!reach('accepted')) return flow;
  const eng = await env.as(o.lead);
  const step = async (to: string) => ok(await eng.post(`/api/v1/work-orders/${id}/transition`, { version: await version(eng), to }));
  await step('accepted');
  if (!reach('on_the_way')) return flow;
  await step('on_the_way');
  if (!reach('on_site')) return flow;
  await step('on_site');
  if (o.content) ok(await eng.patch(`/api/v1/work-orders/${id}`, { version: await version(eng), ...o.content }));
  for (const p of o.parts ?? []) ok(await eng.post(`/api/v1/work-orders/${id}/parts`, p));
  if (!reach('resolved')) return flow;
  await step('resolved');
  if (!reach('signed_off')) return flow;
  ok(
    await eng.post(`/api/v1/work-orders/${id}/sign`, {
      version: await version(eng),
      signerName: o.signer ?? '王红',
      signaturePng: signaturePng(),
    }),
  );
  if (!reach('closed')) return flow;
  ok(await dispatcher.post(`/api/v1/work-orders/${id}/review`, { version: await version(dispatcher), verdict: 'approved', password: DEMO_PASSWORD }));
  return flow;
}
