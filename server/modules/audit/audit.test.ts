// Stories of the audit trail (R-AU-1): every change leaves an entry in the same transaction,
// entries cannot be changed, and tampering below the product is detected.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, sealAudit, setAuditLedger, verifyChain } from '../../lib/audit.ledger.ts';
import { GENESIS_HASH, hashEntry } from '../../lib/audit.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let admin: Client;
const ledger = openLedger({ dataDir: mkdtempSync(path.join(tmpdir(), 'ledger-')), create: true });
const seal = () => sealAudit(env.database.db, ledger);
beforeAll(async () => {
  setAuditLedger(ledger);
  env = await createTestEnv();
  admin = await env.as('admin');
});
afterAll(() => env?.close());

describe('audit trail', () => {
  it('the demo data and every change since form one verified chain', async () => {
    await admin.post('/api/v1/customers', { code: 'AU-1', name: '审计医院' });
    const n = Number((await env.database.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0].n);
    // Written, listed, not chained yet: the page shows it, verify counts it as waiting.
    const waiting = await admin.get('/api/v1/audit/verify');
    expect(waiting.data).toMatchObject({ ok: true });
    expect(waiting.data.checked + waiting.data.unsealed).toBe(n);
    const page = await admin.get('/api/v1/audit?entity=customer&pageSize=1');
    expect(page.data.items[0]).toMatchObject({ entity: 'customer', action: 'create', pos: null, hash: null });
    await seal();
    const r = await admin.get('/api/v1/audit/verify');
    expect(r.data).toMatchObject({ ok: true, checked: n, unsealed: 0 });
    expect(r.data.checkpoints).toBe(r.data.batches);
    expect((await admin.get('/api/v1/audit?entity=customer&pageSize=1')).data.items[0].pos).toBe(r.data.lastSeq);
  });

  it('every registry record has its create entry, and no entry points at nothing', async () => {
    const orphans = await env.database.query(`
      select 'customer' as e, id::text from customers where id::text not in (select entity_id from audit_log where entity = 'customer' and action = 'create')
      union all select 'device', id::text from devices where id::text not in (select entity_id from audit_log where entity = 'device' and action = 'create')
      union all select 'contract', id::text from contracts where id::text not in (select entity_id from audit_log where entity = 'contract' and action = 'create')`);
    expect(orphans.rows).toEqual([]);
  });

  it('concurrent writers keep the chain linear and valid', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => admin.post('/api/v1/customers', { code: `PAR-${i}`, name: `并发${i}` })));
    await seal();
    expect(await verifyChain(env.database.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows, whoever asks', async () => {
    await expect(env.database.query(`update audit_log set actor_name = 'someone else' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(env.database.query('delete from audit_log where seq = 1')).rejects.toThrow(/append-only/);
    await expect(env.database.query('truncate audit_log')).rejects.toThrow(/append-only/);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });

  it('an entry edited with the guard switched off is found: the chain names the first broken entry', async () => {
    const before = await admin.get('/api/v1/audit/verify');
    const victim = Math.max(2, Math.floor(before.data.lastSeq / 2));
    await env.database.exec(`
      alter table audit_log disable trigger audit_log_no_update;
      update audit_log set after = jsonb_set(after, '{name}', '"篡改"') where seq = (select seq from audit_seals where pos = ${victim});
      alter table audit_log enable trigger audit_log_no_update;`);
    const r = await admin.get('/api/v1/audit/verify');
    expect(r.data).toMatchObject({ ok: false, brokenAt: victim, reason: 'hash_mismatch', checked: victim - 1 });
  });

  it('the hash covers every field: changing any one changes it', () => {
    const row = {
      seq: 1,
      at: new Date('2026-01-01T00:00:00Z'),
      actorId: null,
      actorName: 'a',
      entity: 'e',
      entityId: '1',
      action: 'create',
      before: null,
      after: { x: 1 },
    };
    const h = hashEntry(GENESIS_HASH, row);
    const variants = [
      { seq: 2 },
      { at: new Date('2026-01-01T00:00:00.001Z') },
      { actorName: 'b' },
      { entity: 'f' },
      { entityId: '2' },
      { action: 'update' },
      { before: {} },
      { after: { x: 2 } },
    ];
    for (const v of variants) expect(hashEntry(GENESIS_HASH, { ...row, ...v })).not.toBe(h);
    expect(hashEntry('1'.repeat(64), row)).not.toBe(h);
    // …but not the order of keys inside a JSON value (jsonb reorders them).
    expect(hashEntry(GENESIS_HASH, { ...row, after: { b: 1, a: 2 } })).toBe(hashEntry(GENESIS_HASH, { ...row, after: { a: 2, b: 1 } }));
  });

  it('quality can read the history of one record with filters; an engineer cannot', async () => {
    const quality = await env.as('quality');
    const c = (await admin.get('/api/v1/customers?q=AU-1')).data.items[0];
    const h = await quality.get(`/api/v1/audit?entity=customer&entityId=${c.id}`);
    expect(h.data.items).toHaveLength(1);
    expect(h.data.items[0]).toMatchObject({ action: 'create', actorName: '系统管理员', after: { code: 'AU-1' } });
    expect((await (await env.as('engineer')).get('/api/v1/audit')).statusCode).toBe(403);
  });
});
