// Backups and attachments (issue 12 item 0): a database dump holds the attachment rows, not
// their bytes. Blobs are content-addressed and never rewritten or deleted, so a plain file copy of
// DATA_DIR/blobs (or the bucket's own versioning) is their backup; what can go wrong is a restore
// whose rows name bytes the store does not hold. This check finds those rows.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { BlobStore } from './attachments.store.ts';

export interface BlobCheck {
  /** Distinct blobs the rows name (originals and thumbnails). */
  checked: number;
  /** Blobs named by rows but absent from the store, with how many rows name each. */
  missing: { sha256: string; rows: number }[];
}

export async function verifyBlobs(ex: Executor, store: BlobStore, concurrency = 8): Promise<BlobCheck> {
  const r = await ex.execute<{ sha: string; n: number }>(sql`
    select sha, count(*)::int as n from (
      select sha256 as sha from attachments
      union all
      select thumb_sha256 from attachments where thumb_sha256 is not null
    ) s group by sha order by sha`);
  const rows = r.rows;
  const missing: BlobCheck['missing'] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++];
        if (!(await store.head(row.sha))) missing.push({ sha256: row.sha, rows: row.n });
      }
    }),
  );
  missing.sort((a, b) => a.sha256.localeCompare(b.sha256));
  return { checked: rows.length, missing };
}
