// Demo attachments (issue 12 item 0): after the demo company is loaded, a unit, its model and a
// worked order each show something, served from the store like any upload; loading twice adds nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count } from '../../test/service.ts';
import { seedDemoAttachments } from './attachments.seed.ts';
import { fileBlobStore } from './attachments.store.ts';

let env: TestEnv;
let tmp: string;
beforeAll(async () => {
  env = await createTestEnv();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'att-seed-'));
});
afterAll(async () => {
  await env?.close();
  await rm(tmp, { recursive: true, force: true });
});

it('seeds a nameplate photo with its EXIF time and a thumbnail, a manual on the model, once', async () => {
  const store = fileBlobStore(tmp);
  const n = await seedDemoAttachments(env.database.db, store, 'Asia/Shanghai');
  expect(n).toBeGreaterThanOrEqual(2);
  const rows = (
    await env.database.query<{ owner_kind: string; sha256: string; thumb_sha256: string | null; taken_at: Date | null }>(
      'select * from attachments order by owner_kind',
    )
  ).rows;
  expect(rows.map((r) => r.owner_kind)).toEqual(expect.arrayContaining(['device', 'model']));
  const photo = rows.find((r) => r.owner_kind === 'device');
  expect(photo?.thumb_sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(new Date(photo?.taken_at as Date).toISOString()).toBe('2026-11-20T02:15:00.000Z');
  for (const r of rows) expect(await store.head(r.sha256)).not.toBeNull();
  expect(await seedDemoAttachments(env.database.db, store, 'Asia/Shanghai')).toBe(0);
  expect(await count(env, "select count(*) as n from audit_log where entity = 'attachment'")).toBe(n);
});
