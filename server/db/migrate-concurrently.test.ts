// A migration may build or drop an index on a big table with CONCURRENTLY (issue 17): the
// statement runs on its own before the migration's transaction, and inside it only its
// IF [NOT] EXISTS form remains (a no-op then; the build itself on embedded PGlite).
import { describe, expect, it } from 'vitest';
import { splitConcurrent } from './migrate-concurrently.ts';

describe('CREATE INDEX CONCURRENTLY in a migration', () => {
  it('an index build runs alone with IF NOT EXISTS, and in the transaction without CONCURRENTLY', () => {
    const s = splitConcurrent(
      '-- why\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "service_requests_received_id_idx" ON "service_requests" USING btree ("received_at" DESC,"id");',
    );
    expect(s).toEqual({
      alone: 'CREATE INDEX concurrently if not exists "service_requests_received_id_idx" ON "service_requests" USING btree ("received_at" DESC,"id")',
      inTransaction: 'CREATE INDEX if not exists "service_requests_received_id_idx" ON "service_requests" USING btree ("received_at" DESC,"id")',
      index: 'service_requests_received_id_idx',
      create: true,
    });
  });

  it('a unique index and a drop are split the same way; every other statement is left to the transaction', () => {
    expect(splitConcurrent('create unique index concurrently x_uq on t (a)')?.inTransaction).toBe('create unique index if not exists x_uq on t (a)');
    expect(splitConcurrent('DROP INDEX CONCURRENTLY IF EXISTS "old_idx";\n')).toMatchObject({
      alone: 'DROP INDEX concurrently if exists "old_idx"',
      inTransaction: 'DROP INDEX if exists "old_idx"',
      create: false,
    });
    expect(splitConcurrent('CREATE INDEX "x" ON "t" ("a");')).toBeNull();
    expect(splitConcurrent('ALTER TABLE "t" ADD COLUMN "c" int;')).toBeNull();
  });
});
