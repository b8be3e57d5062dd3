// The audit ledger without a global lock (issue 17 item 2): writers never wait on each other,
// the sealer chains finished transactions in order and never skips one still open, each batch
// is signed with a key outside the database and checkpointed to a file, and verify-audit names
// each kind of tampering: an edited row, a deleted middle row, a deleted tail, a rewritten checkpoint.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from '../db/client.ts';
import { migrationsFolder } from '../db/migrate.ts';
import { migrateConcurrently } from '../db/migrate-concurrently.ts';
import { openTestDatabase } from '../test/harness.ts';
import { type Checkpoint, type Ledger, LedgerError, merkleRoot, openLedger, sealAudit, verifyChain } from './audit.ledger.ts';
import { auditBatches, auditLog, auditSeals } from './audit.tables.ts';
import { recordAudit, systemActor } from './audit.ts';

const onPostgres = !!process.env.DATABASE_URL;
const freshLedger = () => openLedger({ dataDir: mkdtempSync(path.join(tmpdir(), 'ledger-')), create: true });

/** A database of its own (from the template) with its own ledger, sealed once. */
async function sealedWorld() {
  const { database, drop } = await openTestDatabase();
  const ledger = freshLedger();
  await recordAudit(database.db, { actor: systemActor, entity: 'bench', entityId: 'w', action: 'create', after: { n: 1 } });
  await sealAudit(database.db, ledger);
  return { database, drop, ledger };
}

/** As the database owner, with the guard triggers off: what an attacker below the product can do. */
async function asOwner(database: Database, statements: string) {
  const tables = ['audit_log', 'audit_seals', 'audit_batches'];
  await database.exec(
    `${tables.map((t) => `alter table ${t} disable trigger user;`).join('\n')}\n${statements}\n${tables.map((t) => `alter table ${t} enable trigger user;`).join('\n')}`,
  );
}

const write = (database: Database, id: string) =>
  recordAudit(database.db, { actor: systemActor, entity: 'bench', entityId: id, action: 'create', after: { id } });

describe('the audit ledger', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let ledger: Ledger;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    ledger = freshLedger();
  });
  afterAll(() => drop?.());

  it('the key is made on first use, readable by its owner only; a configured key file that is missing stops the start', () => {
    expect(ledger.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(statSync(ledger.keyFile).mode & 0o777).toBe(0o600);
    expect(openLedger({ dataDir: path.dirname(path.dirname(ledger.keyFile)) }).keyId).toBe(ledger.keyId);
    expect(() => openLedger({ dataDir: tmpdir(), keyFile: '/nonexistent/audit.key' })).toThrow(LedgerError);
  });

  it('a written entry is listed at once and chained by the next seal into a signed batch the checkpoint file names', async () => {
    await write(database, 'first');
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'first'));
    expect(row.xid).not.toBeNull();
    expect((await database.db.select().from(auditSeals).where(eq(auditSeals.seq, row.seq))).length).toBe(0);
    expect((await verifyChain(database.db, { ledger })).unsealed).toBeGreaterThan(0);

    const sealed = await sealAudit(database.db, ledger);
    expect(sealed?.entries).toBeGreaterThan(0);
    const [seal] = await database.db.select().from(auditSeals).where(eq(auditSeals.seq, row.seq));
    expect(seal.pos).toBe(sealed?.lastPos);
    const batches = await database.db.select().from(auditBatches).orderBy(asc(auditBatches.id));
    const last = batches[batches.length - 1];
    const hashes = (
      await database.db.select().from(auditSeals).where(sql`${auditSeals.pos} between ${last.firstPos} and ${last.lastPos}`).orderBy(asc(auditSeals.pos))
    ).map((s) => s.hash);
    expect(last.root).toBe(merkleRoot(hashes));
    const lines = readFileSync(ledger.checkpointFile, 'utf8').trim().split('\n');
    const cp = JSON.parse(lines[lines.length - 1]) as Checkpoint;
    expect(cp).toMatchObject({ batch: last.id, lastPos: last.lastPos, root: last.root, head: last.head, keyId: ledger.keyId });
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: true, unsealed: 0, batches: batches.length, checkpoints: batches.length });
    // Nothing new: no empty batch.
    expect(await sealAudit(database.db, ledger)).toBeNull();
  });

  it('sealed chain rows and batches are insert-only, like the entries', async () => {
    await expect(database.query('update audit_seals set hash = hash')).rejects.toThrow(/append-only/);
    await expect(database.query('delete from audit_batches')).rejects.toThrow(/append-only/);
    await expect(database.query('truncate audit_seals')).rejects.toThrow(/append-only/);
  });

  it.runIf(onPostgres)('two writers holding their audited transactions open do not wait on each other', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const heldHasWritten = new Promise<void>((r) => {
      inserted = r;
    });
    // A: its entry is in the table (not just buffered), and the transaction stays open.
    const a = database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select audit_append(${JSON.stringify([{ at: new Date().toISOString(), actorId: null, actorName: 'system', entity: 'bench', entityId: 'held', action: 'create', before: null, after: null }])}::jsonb)`,
      );
      inserted();
      await held;
    });
    await heldHasWritten;
    // B commits its own entry while A is open: before issue 17 it queued on A's chain lock.
    const t0 = performance.now();
    await database.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: 'later', action: 'create' });
    });
    expect(performance.now() - t0).toBeLessThan(2_000);

    // The seal meanwhile leaves B unchained: A, older and still open, must come first.
    await sealAudit(database.db, ledger);
    const chained = async (id: string) =>
      (
        await database.db
          .select({ pos: auditSeals.pos })
          .from(auditSeals)
          .innerJoin(auditLog, eq(auditLog.seq, auditSeals.seq))
          .where(eq(auditLog.entityId, id))
      )[0]?.pos ?? null;
    expect(await chained('later')).toBeNull();
    release();
    await a;
    await sealAudit(database.db, ledger);
    const [posA, posB] = [await chained('held'), await chained('later')];
    expect(posA).not.toBeNull();
    expect(posB).toBe((posA ?? 0) + 1);
    expect((await verifyChain(database.db, { ledger })).ok).toBe(true);
  });

  it.runIf(onPostgres)('concurrent writers and a sealer running among them leave one complete, verified chain', async () => {
    const before = Number((await database.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0].n);
    let sealing = true;
    const sealer = (async () => {
      while (sealing) await sealAudit(database.db, ledger);
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: `c${i}`, action: 'create' });
          await recordAudit(tx, { actor: systemActor, entity: 'bench', entityId: `c${i}`, action: 'update' });
        }),
      ),
    );
    sealing = false;
    await sealer;
    await sealAudit(database.db, ledger);
    const report = await verifyChain(database.db, { ledger });
    expect(report).toMatchObject({ ok: true, unsealed: 0, checked: before + 80 });
  });
});

describe('tampering below the product is reported', () => {
  const worlds: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of worlds) await d();
  });
  const world = async () => {
    const w = await sealedWorld();
    worlds.push(w.drop);
    return w;
  };
  const posOfMiddle = async (database: Database) => {
    const [{ n }] = (await database.query<{ n: string }>('select max(pos)::text as n from audit_seals')).rows;
    return Math.max(2, Math.floor(Number(n) / 2));
  };

  it('an edited entry: hash mismatch at its chain position', async () => {
    const { database, ledger } = await world();
    const victim = await posOfMiddle(database);
    await asOwner(database, `update audit_log set action = 'forged' where seq = (select seq from audit_seals where pos = ${victim});`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'hash_mismatch', brokenAt: victim, checked: victim - 1 });
  });

  it('a deleted entry in the middle: the chain position is missing', async () => {
    const { database, ledger } = await world();
    const victim = await posOfMiddle(database);
    await asOwner(database, `delete from audit_log where seq = (select seq from audit_seals where pos = ${victim});`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'row_missing', brokenAt: victim });
    // Removing its chain row as well leaves a gap.
    await asOwner(database, `delete from audit_seals where pos = ${victim};`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'row_missing', brokenAt: victim });
  });

  it('a deleted tail since the last checkpoint — entries, chain rows and batches all gone — is found by the checkpoint file', async () => {
    const { database, ledger } = await world();
    await write(database, 'tail-1');
    await write(database, 'tail-2');
    const sealed = await sealAudit(database.db, ledger);
    const [last] = await database.db.select().from(auditBatches).orderBy(sql`id desc`).limit(1);
    expect(sealed?.lastPos).toBe(last.lastPos);
    await asOwner(
      database,
      `delete from audit_log where seq in (select seq from audit_seals where pos >= ${last.firstPos});
       delete from audit_seals where pos >= ${last.firstPos};
       delete from audit_batches where id = ${last.id};`,
    );
    // Without the file the database looks whole; the signed checkpoint says otherwise.
    expect((await verifyChain(database.db, { ledger: null })).ok).toBe(true);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'tail_deleted', brokenAt: last.firstPos });
  });

  it('a rewritten batch (its head re-signed without the key) fails on the signature', async () => {
    const { database, ledger } = await world();
    await write(database, 'second batch');
    await sealAudit(database.db, ledger);
    const [last] = await database.db.select().from(auditBatches).orderBy(sql`id desc`).limit(1);
    expect(last.id).toBeGreaterThan(1);
    await asOwner(database, `update audit_batches set signature = (select signature from audit_batches where id = 1) where id = ${last.id};`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'batch_mismatch', brokenAt: last.firstPos });
  });

  it('a rewritten checkpoint (to hide a shorter tail) fails its signature; a removed line breaks the chain of lines', async () => {
    const { database, ledger } = await world();
    await write(database, 'more');
    await sealAudit(database.db, ledger);
    const original = readFileSync(ledger.checkpointFile, 'utf8');
    const lines = original.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const forged = { ...(JSON.parse(lines[lines.length - 1]) as Checkpoint), lastPos: 1 };
    writeFileSync(ledger.checkpointFile, `${[...lines.slice(0, -1), JSON.stringify(forged)].join('\n')}\n`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'checkpoint_invalid', brokenAt: lines.length });
    writeFileSync(ledger.checkpointFile, `${[lines[1], ...lines.slice(2)].join('\n')}\n`);
    expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: false, reason: 'checkpoint_invalid', brokenAt: 1 });
    writeFileSync(ledger.checkpointFile, original);
    expect((await verifyChain(database.db, { ledger })).ok).toBe(true);
  });
});

describe('upgrading a database chained before the ledger (migration 0036)', () => {
  it('the entries chained under the old lock keep their hashes, and the first seal puts them in a signed batch before the new ones', async () => {
    const database = await openPglite(undefined);
    try {
      // Migrations up to 0035, then three entries appended the old way (audit_append of 0020).
      const old = mkdtempSync(path.join(tmpdir(), 'migrations-'));
      cpSync(migrationsFolder, old, { recursive: true });
      rmSync(path.join(old, '0036_audit_ledger.sql'));
      const journal = JSON.parse(readFileSync(path.join(old, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 36);
      writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
      const pg = drizzlePglite(database.pglite as NonNullable<typeof database.pglite>);
      await migrateConcurrently(pg, null, old);
      for (const id of ['o1', 'o2', 'o3']) {
        const entry = {
          at: '2026-12-01T00:00:00.000Z',
          actorId: null,
          actorName: 'system',
          entity: 'bench',
          entityId: id,
          action: 'create',
          before: null,
          after: { id },
        };
        const body = `{"action":"create","actorId":null,"actorName":"system","after":{"id":"${id}"},"at":"2026-12-01T00:00:00.000Z","before":null,"entity":"bench","entityId":"${id}","seq":`;
        await database.query('select audit_append($1::jsonb)', [JSON.stringify([{ ...entry, body }])]);
      }
      const oldHashes = (await database.query<{ hash: string }>('select hash from audit_log order by seq')).rows.map((r) => r.hash);
      // The product's migrator: later migrations build indexes CONCURRENTLY (0039), refused in a transaction.
      await migrateConcurrently(pg, null, migrationsFolder);

      const ledger = freshLedger();
      expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: true, checked: 3, batches: 0 });
      await write(database, 'new');
      expect(await sealAudit(database.db, ledger)).toMatchObject({ batches: 2, entries: 1, lastPos: 4 });
      const seals = await database.db.select().from(auditSeals).orderBy(asc(auditSeals.pos));
      expect(seals.slice(0, 3).map((s) => s.hash)).toEqual(oldHashes);
      expect(seals[3].prevHash).toBe(oldHashes[2]);
      const batches = await database.db.select().from(auditBatches).orderBy(asc(auditBatches.id));
      expect(batches.map((b) => [b.firstPos, b.lastPos])).toEqual([
        [1, 3],
        [4, 4],
      ]);
      expect(await verifyChain(database.db, { ledger })).toMatchObject({ ok: true, checked: 4, batches: 2, checkpoints: 2, unsealed: 0 });
    } finally {
      await database.close();
    }
  }, 180_000); // A fresh PGlite migrated from scratch: slow when the machine is shared.
});
