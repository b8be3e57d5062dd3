-- The audit ledger without a global lock (issue 17 item 2). Writers only INSERT their entries
-- (audit_append no longer takes pg_advisory_xact_lock(7172001) nor reads the tail): each row
-- carries the id of the transaction that wrote it (xid). A sealer (server/lib/audit.ledger.ts)
-- later gives every finished transaction's rows their place in the chain, in (xid, seq) order
-- for the xids below pg_snapshot_xmin() — every transaction below it has ended, so none still
-- in flight can later appear before a sealed row — and closes each batch with a Merkle root
-- chained to the previous batch and signed with a key kept outside the database.
-- Every ledger table is insert-only: UPDATE, DELETE and TRUNCATE are refused by triggers.
CREATE TABLE "audit_seals" (
	"pos" bigint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_seals_seq_unique" UNIQUE("seq")
);--> statement-breakpoint
CREATE TABLE "audit_batches" (
	"id" bigint PRIMARY KEY NOT NULL,
	"first_pos" bigint NOT NULL,
	"last_pos" bigint NOT NULL,
	"upto_xid" text NOT NULL,
	"root" text NOT NULL,
	"prev_head" text NOT NULL,
	"head" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);--> statement-breakpoint
-- The chain so far (appended under the old lock, in seq order) keeps its hashes: its rows take
-- the positions 1..n in seq order (seq has gaps where a transaction rolled back). The first
-- seal puts them in a signed batch (no key can be read in a migration).
INSERT INTO audit_seals (pos, seq, prev_hash, hash)
SELECT row_number() OVER (ORDER BY seq), seq, prev_hash, hash FROM audit_log;--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "hash";--> statement-breakpoint
-- Added without a default first, so the existing rows stay as they are (NULL: sealed above).
ALTER TABLE "audit_log" ADD COLUMN "xid" xid8;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
CREATE INDEX "audit_log_xid_idx" ON "audit_log" USING btree ("xid","seq");--> statement-breakpoint
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE OR DELETE ON audit_seals FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
CREATE TRIGGER audit_batches_no_update BEFORE UPDATE OR DELETE ON audit_batches FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
CREATE TRIGGER audit_batches_no_truncate BEFORE TRUNCATE ON audit_batches FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
-- Same call as before (the writers and bench/register-request.pgbench.sql are unchanged): now a
-- plain multi-row INSERT, no lock, no read of the tail. The entries' "body" is no longer used.
CREATE OR REPLACE FUNCTION audit_append(entries jsonb) RETURNS void
LANGUAGE sql VOLATILE AS $$
  INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, action, before, after)
  SELECT (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorName', e->>'entity', e->>'entityId', e->>'action',
         nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb)
    FROM jsonb_array_elements(entries) WITH ORDINALITY AS t(e, n)
   ORDER BY n;
$$;
