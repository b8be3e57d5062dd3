-- Electronic signatures that hold up (issue 14 §6, R-AU-1): who signed, when, what the signature
-- means, and the sha256 of the signed content. Insert-only, like the audit trail.
CREATE TABLE "e_signatures" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "entity" text NOT NULL,
  "entity_id" uuid NOT NULL,
  "meaning" text NOT NULL,
  "meaning_text" text NOT NULL,
  "signer_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "signer_name" text NOT NULL,
  "signed_at" timestamp with time zone DEFAULT now() NOT NULL,
  "content_hash" text NOT NULL,
  CONSTRAINT "e_signatures_hash_ck" CHECK ("content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "e_signatures_entity_idx" ON "e_signatures" ("entity", "entity_id", "signed_at");
--> statement-breakpoint
CREATE TRIGGER e_signatures_no_update BEFORE UPDATE OR DELETE ON e_signatures FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER e_signatures_no_truncate BEFORE TRUNCATE ON e_signatures FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
