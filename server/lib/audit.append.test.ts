// The audit chain appended at commit (issue 6): entries written during a transaction reach the
// chain in one audit_append() call just before COMMIT, hashed in SQL exactly as hashEntry()
// hashes them in JS; a rolled-back transaction leaves nothing behind.
import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { openTestDatabase } from '../test/harness.ts';
import { auditLog } from './audit.tables.ts';
import { bodyWithoutSeq, canonicalJson, hashEntry, recordAudit, systemActor, verifyChain } from './audit.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop?.());

const tail = async () => (await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];

describe('audit entries appended at commit', () => {
  it('the body without seq plus the seq is exactly the canonical body hashEntry() hashes', () => {
    const row = {
      at: new Date('2026-11-30T01:02:03.456Z'),
      actorId: null,
      actorName: '系统',
      entity: 'device',
      entityId: 'x',
      action: 'update',
      before: { b: 1, a: ['z', { y: null }] },
      after: null,
    };
    const full = canonicalJson({ ...row, at: row.at.toISOString(), seq: 42 });
    expect(`${bodyWithoutSeq(row)}42}`).toBe(full);
  });

  it('entries of one transaction are appended together in order, after the writes, and the chain verifies', async () => {
    const before = await tail();
    await database.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'a', action: 'create', after: { n: 1, text: '中文 "quoted" \\ back' } });
      await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'b', action: 'create', after: { n: 2 } });
      // Not yet in the chain while the transaction runs: appended just before COMMIT.
      expect((await tx.select().from(auditLog).where(gt(auditLog.seq, before.seq))).length).toBe(0);
    });
    const added = await database.db.select().from(auditLog).where(gt(auditLog.seq, before.seq)).orderBy(auditLog.seq);
    expect(added.map((r) => r.entityId)).toEqual(['a', 'b']);
    expect(added[0].prevHash).toBe(before.hash);
    expect(added[1].prevHash).toBe(added[0].hash);
    expect(added[0].hash).toBe(hashEntry(before.hash, added[0]));
    expect((await verifyChain(database.db)).ok).toBe(true);
  });

  it('a transaction that rolls back leaves no audit entry', async () => {
    const before = await tail();
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'gone', action: 'create' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await tail()).seq).toBe(before.seq);
  });

  it('an entry recorded outside a transaction is appended at once', async () => {
    const before = await tail();
    await recordAudit(database.db, { actor: systemActor, entity: 'bench', entityId: 'now', action: 'touch' });
    const after = await tail();
    expect(after.entityId).toBe('now');
    expect(after.prevHash).toBe(before.hash);
    expect((await verifyChain(database.db)).ok).toBe(true);
  });

  it('concurrent transactions keep one linear chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: `c${i}`, action: 'create' });
          await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: `c${i}`, action: 'update' });
        }),
      ),
    );
    const report = await verifyChain(database.db);
    expect(report.ok).toBe(true);
  });
});
