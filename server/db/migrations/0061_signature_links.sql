-- Acceptance signatures bound to what was signed (issue 14 §6, R-AU-1): the sha256 of the
-- installation's acceptance facts (number, serial, commissioning results, acceptance date, party)
-- on each new installation_signatures row. Staff parties also get an e_signatures row with the
-- same hash; the customer (no account) has only this one. Null on rows signed before.
ALTER TABLE "installation_signatures" ADD COLUMN "content_hash" text;
--> statement-breakpoint
ALTER TABLE "installation_signatures" ADD CONSTRAINT "installation_signatures_hash_ck" CHECK ("content_hash" is null or "content_hash" ~ '^[0-9a-f]{64}$');
