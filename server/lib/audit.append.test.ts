// Audit entries appended at commit (issue 6): entries written during a transaction reach the
// table in one audit_append() call just before COMMIT, without any lock (issue 17 item 2); the
// sealer then chains them in order; a rolled-back transaction leaves nothing behind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { openTestDatabase } from '../test/harness.ts';
import { openLedger, sealAudit, verifyChain } from './audit.ledger.ts';
import { auditLog, auditSeals } from './audit.tables.ts';
import { bodyWithoutSeq, canonicalJson, hashEntry, recordAudit, systemActor } from './audit.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop?.());

const ledger = openLedger({ dataDir: mkdtempSync(path.join(tmpdir(), 'ledger-')), create: true });
const sealsOf = async (seqs: number[]) => database.db.select().from(auditSeals).where(inArray(auditSeals.seq, seqs)).orderBy(auditSeals.pos);
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

  it('entries of one transaction are appended together in order, after the writes, and chained in that order by the next seal', async () => {
    const before = await tail();
    await database.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'a', action: 'create', after: { n: 1, text: '中文 "quoted" \\ back' } });
      await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'b', action: 'create', after: { n: 2 } });
      // Not yet in the table while the transaction runs: appended just before COMMIT.
      expect((await tx.select().from(auditLog).where(gt(auditLog.seq, before.seq))).length).toBe(0);
    });
    const added = await database.db.select().from(auditLog).where(gt(auditLog.seq, before.seq)).orderBy(auditLog.seq);
    expect(added.map((r) => r.entityId)).toEqual(['a', 'b']);
    expect(added[0].xid).toBe(added[1].xid);
    await sealAudit(database.db, ledger);
    const [sa, sb] = await sealsOf(added.map((r) => r.seq));
    expect(sb.pos).toBe(sa.pos + 1);
    expect(sb.prevHash).toBe(sa.hash);
    expect(sa.hash).toBe(hashEntry(sa.prevHash, added[0]));
    expect((await verifyChain(database.db, { ledger })).ok).toBe(true);
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
    await recordAudit(database.db, { actor: systemActor, entity: 'bench', entityId: 'now', action: 'touch' });
    const after = await tail();
    expect(after.entityId).toBe('now');
    await sealAudit(database.db, ledger);
    expect((await database.db.select().from(auditSeals).where(eq(auditSeals.seq, after.seq))).length).toBe(1);
    expect((await verifyChain(database.db, { ledger })).ok).toBe(true);
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
    await sealAudit(database.db, ledger);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: true, unsealed: 0 });
  });
});
