// The audit ledger (issue 17 item 2), built the way transparency logs are: writers append
// entries without any lock (lib/audit.ts), and one sealer at a time gives the entries of every
// FINISHED transaction their place in the hash chain. It takes the rows whose xid is below the
// oldest transaction of the database still running (sealingHorizon): every transaction below it has ended, so none
// still in flight can later turn up before a sealed row (a long transaction holds the sealing
// back, it is never skipped). Each sealing is one batch: its entries chained in (xid, seq)
// order, the Merkle root of their hashes (RFC 6962), and a head that chains the batch to the
// previous one, signed with an Ed25519 key that is not in the database. The signed head is
// also appended to a checkpoint file outside the database, each line carrying the hash of the
// line before, so that a database owner who deletes the newest entries cannot hide it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { auditBatches, auditLog, auditSeals } from './audit.tables.ts';
import { canonicalJson, GENESIS_HASH, hashEntry } from './audit.ts';

/** Only the sealer takes it (writers take no lock at all), so two sealers never chain at once. */
const SEAL_LOCK = 7172001;

export class LedgerError extends Error {}

/** Where the ledger's key and checkpoints live; neither is in the database. */
export interface Ledger {
  keyFile: string;
  checkpointFile: string;
  privateKey: KeyObject | null;
  publicKey: KeyObject | null;
  /** First 16 hex digits of sha256(public key, SPKI DER): names the key in every batch and checkpoint. */
  keyId: string | null;
  /** The checkpoint file's last line as this process knows it (read once, then kept). */
  last?: { batch: number; lineHash: string };
}

/**
 * The ledger key: `keyFile` (AUDIT_KEY_FILE) if given — it must exist —, else
 * DATA_DIR/keys/audit-ed25519, created (mode 600) on first use when `create` is set.
 */
export function openLedger(opts: { dataDir: string; keyFile?: string; create?: boolean }): Ledger {
  const dir = path.resolve(opts.dataDir);
  const keyFile = opts.keyFile ? path.resolve(opts.keyFile) : path.join(dir, 'keys', 'audit-ed25519');
  const checkpointFile = path.join(dir, 'audit-checkpoints.jsonl');
  if (!existsSync(keyFile)) {
    if (opts.keyFile) throw new LedgerError(`AUDIT_KEY_FILE ${keyFile} does not exist.`);
    if (!opts.create) return { keyFile, checkpointFile, privateKey: null, publicKey: null, keyId: null };
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      chmodSync(keyFile, 0o600);
    } catch (e) {
      // Another process on this DATA_DIR made it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyFile));
  } catch (e) {
    throw new LedgerError(`The audit ledger key ${keyFile} cannot be read: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new LedgerError(`The audit ledger key ${keyFile} is not an Ed25519 private key.`);
  const publicKey = createPublicKey(privateKey);
  return { keyFile, checkpointFile, privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

function keyIdOf(publicKey: KeyObject) {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

let current: Ledger | null = null;
/** The process's ledger (main.ts sets it at start); the audit page verifies against it. */
export function setAuditLedger(ledger: Ledger | null) {
  current = ledger;
}
export function auditLedger(): Ledger | null {
  return current;
}

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 6962 Merkle tree hash over the entry hashes (hex), as hex. */
export function merkleRoot(hashes: string[]): string {
  const tree = (leaves: Buffer[]): Buffer => {
    if (leaves.length === 0) return sha256('');
    if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0]);
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return sha256(Buffer.from([1]), tree(leaves.slice(0, k)), tree(leaves.slice(k)));
  };
  return tree(hashes.map((h) => Buffer.from(h, 'hex'))).toString('hex');
}

export interface BatchHead {
  batch: number;
  firstPos: number;
  lastPos: number;
  uptoXid: string;
  root: string;
  prevHead: string;
  sealedAt: string;
}

type BatchRow = typeof auditBatches.$inferSelect;
/** A stored batch's head fields, as signed and as written to the checkpoint file. */
const headFields = (b: BatchRow): BatchHead => ({
  batch: b.id,
  firstPos: b.firstPos,
  lastPos: b.lastPos,
  uptoXid: b.uptoXid,
  root: b.root,
  prevHead: b.prevHead,
  sealedAt: b.sealedAt.toISOString(),
});

/** The head of a batch: what is signed, in the database and in the checkpoint file alike. */
export function headOf(b: BatchHead): string {
  return sha256(canonicalJson({ ...b })).toString('hex');
}
const signedMessage = (head: string) => Buffer.from(`medservice-audit-head:${head}`);

export interface Checkpoint extends BatchHead {
  head: string;
  keyId: string;
  sig: string;
  /** sha256 of the previous line of the file (GENESIS_HASH for the first). */
  prev: string;
}

export interface SealResult {
  /** Batches written (a catch-up batch for entries chained before 0036, then the new one). */
  batches: number;
  entries: number;
  lastPos: number;
}

/**
 * Seals every entry of the transactions that have ended: one batch, signed. Returns null when
 * another sealer holds the lock or nothing was waiting. Then appends the new heads to the
 * checkpoint file (after COMMIT: a checkpoint never names a batch that did not commit).
 */
export async function sealAudit(db: Db, ledger: Ledger, log: (m: string) => void = () => {}): Promise<SealResult | null> {
  const { privateKey, keyId } = ledger;
  if (!privateKey || !keyId) throw new LedgerError('sealing needs the ledger key');
  const result = await db.transaction(async (tx) => {
    const [{ locked }] = (await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as locked`)).rows;
    if (!locked) return null;
    const [lastBatch] = await tx.select().from(auditBatches).orderBy(desc(auditBatches.id)).limit(1);
    const [tail] = await tx.select({ pos: auditSeals.pos, hash: auditSeals.hash }).from(auditSeals).orderBy(desc(auditSeals.pos)).limit(1);
    let batchId = lastBatch?.id ?? 0;
    let prevHead = lastBatch?.head ?? GENESIS_HASH;
    let batchedTo = lastBatch?.lastPos ?? 0;
    const lower = lastBatch?.uptoXid ?? '0';
    let pos = tail?.pos ?? 0;
    let prevHash = tail?.hash ?? GENESIS_HASH;
    let batches = 0;
    const writeBatch = async (firstPos: number, lastPos: number, uptoXid: string, hashes: string[]) => {
      const head: BatchHead = { batch: ++batchId, firstPos, lastPos, uptoXid, root: merkleRoot(hashes), prevHead, sealedAt: new Date().toISOString() };
      const h = headOf(head);
      const signature = sign(null, signedMessage(h), privateKey).toString('base64');
      await tx
        .insert(auditBatches)
        .values({ id: head.batch, firstPos, lastPos, uptoXid, root: head.root, prevHead, head: h, sealedAt: new Date(head.sealedAt), keyId, signature });
      prevHead = h;
      batchedTo = lastPos;
      batches++;
    };
    // Entries chained before migration 0036 (or by a sealer that stopped between its inserts,
    // which one transaction rules out): put them in a signed batch first.
    if (pos > batchedTo) {
      const olds = await tx
        .select({ hash: auditSeals.hash })
        .from(auditSeals)
        .where(and(gt(auditSeals.pos, batchedTo), lte(auditSeals.pos, pos)))
        .orderBy(asc(auditSeals.pos));
      await writeBatch(
        batchedTo + 1,
        pos,
        lower,
        olds.map((r) => r.hash),
      );
    }
    const horizon = await sealingHorizon(tx, lower);
    const rows = await tx
      .select()
      .from(auditLog)
      .where(and(sql`${auditLog.xid} >= ${lower}::xid8`, sql`${auditLog.xid} < ${horizon}::xid8`))
      .orderBy(asc(auditLog.xid), asc(auditLog.seq));
    if (rows.length === 0) return batches > 0 ? { batches, entries: 0, lastPos: pos } : null;
    const firstPos = pos + 1;
    const seals = rows.map((r) => {
      const hash = hashEntry(prevHash, r);
      const seal = { pos: ++pos, seq: r.seq, prevHash, hash };
      prevHash = hash;
      return seal;
    });
    for (let i = 0; i < seals.length; i += 1000) await tx.insert(auditSeals).values(seals.slice(i, i + 1000));
    await writeBatch(
      firstPos,
      pos,
      horizon,
      seals.map((s) => s.hash),
    );
    return { batches, entries: seals.length, lastPos: pos };
  });
  // Also when nothing was sealed: catches up a checkpoint a crash missed after its COMMIT.
  await writeCheckpoints(db, ledger, log);
  return result;
}

/**
 * Seals every `everyMs` (never two runs at once) until stop(), which seals once more: the
 * window in which an entry is written but not yet chained and signed is a few seconds, plus
 * the longest transaction still open.
 */
export function startSealer(db: Db, ledger: Ledger, opts: { everyMs: number; log: (m: string) => void }) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => sealAudit(db, ledger, opts.log)).catch((e) => opts.log(`audit ledger: sealing failed: ${(e as Error).message}`));
    return running;
  };
  const timer = setInterval(run, opts.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await run();
    },
  };
}

/**
 * The sealing horizon: an xid such that every transaction of THIS database below it has ended
 * (and, if it committed, is visible to the statements that follow), never below `lower` (the
 * previous horizon). First the snapshot's xmax (latest completed xid + 1: every xid below it
 * has ended or is still listed as running), then the oldest transaction of this database still
 * running or prepared, its 32-bit xid widened to 64 bits as the value nearest that xmax (a
 * running xid may lie above it). An xid assigned after the xmax was read lies above it.
 * pg_snapshot_xmin() would also do, but it counts every database of the cluster: a long
 * transaction next door would hold the sealing back.
 */
async function sealingHorizon(tx: Executor, lower: string): Promise<string> {
  const [{ top }] = (await tx.execute<{ top: string }>(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as top`)).rows;
  const [{ horizon }] = (
    await tx.execute<{ horizon: string }>(sql`
      with running as (
        select backend_xid::text::bigint as x from pg_stat_activity
         where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()
        union all
        select transaction::text::bigint from pg_prepared_xacts where database = current_database()),
      widened as (
        select ${top}::bigint + d - case when d >= 2147483648 then 4294967296 else 0 end as x
          from (select ((x - ${top}::bigint) % 4294967296 + 4294967296) % 4294967296 as d from running) r)
      select greatest(${lower}::bigint, least(${top}::bigint, (select min(x) from widened)))::text as horizon`)
  ).rows;
  return horizon;
}

/** sha256 of a checkpoint line's text: the next line's `prev`. */
const lineHash = (line: string) => sha256(line).toString('hex');

export function readCheckpoints(file: string): { lines: string[] } {
  if (!existsSync(file)) return { lines: [] };
  return {
    lines: readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0),
  };
}

/**
 * Appends to the checkpoint file every batch the database holds after the file's last line,
 * with the signature stored with the batch (so one missed after a crash is caught up later).
 * A file AHEAD of the database is evidence (entries deleted or a backup restored): left as is.
 */
export async function writeCheckpoints(ex: Executor, ledger: Ledger, log: (m: string) => void = () => {}) {
  if (!ledger.last) {
    const { lines } = readCheckpoints(ledger.checkpointFile);
    const lastLine = lines.at(-1);
    let batch = 0;
    try {
      batch = lastLine ? Number((JSON.parse(lastLine) as Checkpoint).batch) || 0 : 0;
    } catch {
      batch = Number.POSITIVE_INFINITY;
    }
    ledger.last = { batch, lineHash: lastLine ? lineHash(lastLine) : GENESIS_HASH };
  }
  const last = ledger.last;
  const [top] = await ex.select({ id: auditBatches.id }).from(auditBatches).orderBy(desc(auditBatches.id)).limit(1);
  if (top && top.id < last.batch) {
    log(`audit ledger: the database's last batch (${top.id}) is behind the checkpoint file (${last.batch}); run verify-audit. No checkpoint written.`);
    return;
  }
  const batches = await ex.select().from(auditBatches).where(gt(auditBatches.id, last.batch)).orderBy(asc(auditBatches.id));
  if (batches.length === 0) return;
  mkdirSync(path.dirname(ledger.checkpointFile), { recursive: true });
  let text = '';
  let prev = last.lineHash;
  for (const b of batches) {
    const cp: Checkpoint = {
      ...headFields(b),
      head: b.head,
      keyId: b.keyId,
      sig: b.signature,
      prev,
    };
    const line = JSON.stringify(cp);
    text += `${line}\n`;
    prev = lineHash(line);
  }
  // One append (O_APPEND): the lines land whole, after whatever the file holds.
  appendFileSync(ledger.checkpointFile, text, { mode: 0o600 });
  ledger.last = { batch: batches[batches.length - 1].id, lineHash: prev };
}

export type TamperReason = 'hash_mismatch' | 'link_mismatch' | 'row_missing' | 'batch_mismatch' | 'tail_deleted' | 'checkpoint_invalid';

export interface ChainReport {
  ok: boolean;
  /** Chained entries verified. */
  checked: number;
  /** Position of the last chained entry (null: none yet). */
  lastSeq: number | null;
  /** Entries without a place in the chain (written since the last seal, or by a transaction still open). */
  unsealed: number;
  batches: number;
  /** Checkpoint file lines verified (0 when no ledger key is at hand). */
  checkpoints: number;
  /** Chain position (or, for a checkpoint, its line number) where the first fault is. */
  brokenAt?: number;
  reason?: TamperReason;
  detail?: string;
}

/**
 * Verifies the whole ledger: every entry's hash and link (walking the chain in order), that no
 * position is missing and every chained entry's row exists, every batch's Merkle root, link,
 * head and signature, and — with a ledger at hand — every checkpoint line (signature and chain
 * of lines) against the batch it names: a batch (or any entry) named by a checkpoint but gone
 * from the database is a deleted tail.
 */
export async function verifyChain(ex: Executor, opts: { ledger?: Ledger | null; pageSize?: number } = {}): Promise<ChainReport> {
  const ledger = opts.ledger === undefined ? current : opts.ledger;
  const pageSize = opts.pageSize ?? 2000;
  let checked = 0;
  let lastSeq: number | null = null;
  let nBatches = 0;
  const fail = (reason: TamperReason, brokenAt: number, detail: string, checkpoints = 0): ChainReport => ({
    ok: false,
    checked,
    lastSeq,
    unsealed: 0,
    batches: nBatches,
    checkpoints,
    brokenAt,
    reason,
    detail,
  });

  // 1. The checkpoint file stands on its own: each line signed, each chained to the line before.
  const checkpoints = new Map<number, Checkpoint>();
  let lastCheckpoint: Checkpoint | null = null;
  if (ledger?.publicKey) {
    const { lines } = readCheckpoints(ledger.checkpointFile);
    let prev = GENESIS_HASH;
    for (const [i, line] of lines.entries()) {
      let cp: Checkpoint;
      try {
        cp = JSON.parse(line) as Checkpoint;
      } catch {
        return fail('checkpoint_invalid', i + 1, `checkpoint line ${i + 1} is not JSON`);
      }
      const { head, keyId, sig, prev: linePrev, ...body } = cp;
      const fields: BatchHead = {
        batch: body.batch,
        firstPos: body.firstPos,
        lastPos: body.lastPos,
        uptoXid: body.uptoXid,
        root: body.root,
        prevHead: body.prevHead,
        sealedAt: body.sealedAt,
      };
      if (linePrev !== prev) return fail('checkpoint_invalid', i + 1, `checkpoint line ${i + 1} does not follow the line before it`);
      if (headOf(fields) !== head) return fail('checkpoint_invalid', i + 1, `checkpoint line ${i + 1} does not match its head`);
      if (keyId !== ledger.keyId || !verifyHead(ledger.publicKey, head, sig))
        return fail('checkpoint_invalid', i + 1, `checkpoint line ${i + 1} is not signed by the ledger key`);
      if (lastCheckpoint && cp.batch <= lastCheckpoint.batch)
        return fail('checkpoint_invalid', i + 1, `checkpoint line ${i + 1} goes back to batch ${cp.batch}`);
      checkpoints.set(cp.batch, cp);
      lastCheckpoint = cp;
      prev = lineHash(line);
    }
  }
  const nCheckpoints = checkpoints.size;

  // 2. The chain, batch by batch, entries read in pages of positions.
  let prevHash = GENESIS_HASH;
  let prevHead = GENESIS_HASH;
  let prevBatch = 0;
  let batchedTo = 0;
  let sealPage: { pos: number; seq: number; prevHash: string; hash: string; row: typeof auditLog.$inferSelect | null }[] = [];
  let pageAt = 0;
  let readTo = 0;
  let exhausted = false;
  const nextSeal = async () => {
    if (pageAt >= sealPage.length) {
      if (exhausted) return null;
      const rows = await ex
        .select({ seal: auditSeals, row: auditLog })
        .from(auditSeals)
        .leftJoin(auditLog, eq(auditLog.seq, auditSeals.seq))
        .where(gt(auditSeals.pos, readTo))
        .orderBy(asc(auditSeals.pos))
        .limit(pageSize);
      if (rows.length < pageSize) exhausted = true;
      if (rows.length === 0) return null;
      sealPage = rows.map((r) => ({ ...r.seal, row: r.row }));
      pageAt = 0;
      readTo = sealPage[sealPage.length - 1].pos;
    }
    return sealPage[pageAt++];
  };
  /** Checks the next entry of the chain; returns its hash, or a failure. */
  const checkNext = async (): Promise<string | ChainReport | null> => {
    const s = await nextSeal();
    if (!s) return null;
    const expected = (lastSeq ?? 0) + 1;
    if (s.pos !== expected) return fail('row_missing', expected, `chain position ${expected} is missing`);
    if (!s.row) return fail('row_missing', s.pos, `the entry at chain position ${s.pos} (seq ${s.seq}) is missing`);
    if (s.prevHash !== prevHash) return fail('link_mismatch', s.pos, `chain position ${s.pos} does not link to the one before`);
    if (hashEntry(prevHash, s.row) !== s.hash) return fail('hash_mismatch', s.pos, `the entry at chain position ${s.pos} (seq ${s.seq}) was changed`);
    prevHash = s.hash;
    checked++;
    lastSeq = s.pos;
    return s.hash;
  };

  let afterBatch = 0;
  for (;;) {
    const page = await ex.select().from(auditBatches).where(gt(auditBatches.id, afterBatch)).orderBy(asc(auditBatches.id)).limit(500);
    if (page.length === 0) break;
    for (const b of page) {
      if (b.id !== prevBatch + 1) return fail('batch_mismatch', batchedTo + 1, `batch ${prevBatch + 1} is missing`);
      const hashes: string[] = [];
      while ((lastSeq ?? 0) < b.lastPos) {
        const r = await checkNext();
        if (r === null) break;
        if (typeof r !== 'string') return r;
        hashes.push(r);
      }
      if ((lastSeq ?? 0) < b.lastPos)
        return fail('row_missing', (lastSeq ?? 0) + 1, `batch ${b.id} names chain positions up to ${b.lastPos}; the chain ends at ${lastSeq ?? 0}`);
      const fields = headFields(b);
      const bad = (why: string) => fail('batch_mismatch', b.firstPos, `batch ${b.id}: ${why}`, nCheckpoints);
      if (b.firstPos !== batchedTo + 1) return bad(`starts at ${b.firstPos}, not ${batchedTo + 1}`);
      if (b.prevHead !== prevHead) return bad('does not link to the batch before');
      if (merkleRoot(hashes) !== b.root) return bad('its Merkle root does not match its entries');
      if (headOf(fields) !== b.head) return bad('its head does not match its fields');
      if (ledger?.publicKey && (b.keyId !== ledger.keyId || !verifyHead(ledger.publicKey, b.head, b.signature)))
        return bad('its signature does not verify with the ledger key');
      const cp = checkpoints.get(b.id);
      if (cp && cp.head !== b.head) return bad('differs from its signed checkpoint');
      prevHead = b.head;
      prevBatch = b.id;
      batchedTo = b.lastPos;
      nBatches++;
    }
    afterBatch = page[page.length - 1].id;
  }
  // Entries chained before migration 0036 and not batched yet (until the first seal).
  for (;;) {
    const r = await checkNext();
    if (r === null) break;
    if (typeof r !== 'string') return r;
  }
  // 3. A deleted tail: the checkpoint file names a batch, or a position, the database lost.
  if (lastCheckpoint && (lastCheckpoint.batch > prevBatch || lastCheckpoint.lastPos > (lastSeq ?? 0))) {
    return fail(
      'tail_deleted',
      (lastSeq ?? 0) + 1,
      `the checkpoint of batch ${lastCheckpoint.batch} names entries up to chain position ${lastCheckpoint.lastPos}; the database ends at batch ${prevBatch}, position ${lastSeq ?? 0}`,
      nCheckpoints,
    );
  }
  // Every entry without a place in the chain: written since the last seal or by a transaction
  // still open — or, below the last horizon, one the sealer skipped or a row forged behind it.
  const [{ n }] = (
    await ex.execute<{ n: number }>(sql`select count(*)::int as n from audit_log a where not exists (select 1 from audit_seals s where s.seq = a.seq)`)
  ).rows;
  return { ok: true, checked, lastSeq, unsealed: Number(n), batches: nBatches, checkpoints: nCheckpoints };
}

function verifyHead(publicKey: KeyObject, head: string, sig: string) {
  try {
    return verify(null, signedMessage(head), publicKey, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/** Chain positions of these entries (null: not sealed yet), for the audit page. */
export async function chainPositions(ex: Executor, seqs: number[]) {
  if (seqs.length === 0) return new Map<number, { pos: number; prevHash: string; hash: string }>();
  const rows = await ex.select().from(auditSeals).where(inArray(auditSeals.seq, seqs));
  return new Map(rows.map((r) => [r.seq, { pos: r.pos, prevHash: r.prevHash, hash: r.hash }]));
}
