-- Attachments (issue 12 item 0): photos, scans and documents on any record, content-addressed by
-- sha256 in the blob store. Never deleted: withdrawn with a reason or superseded by a newer row.
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"owner_part" text,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"file_name" text NOT NULL,
	"caption" text,
	"thumb_sha256" text,
	"width" integer,
	"height" integer,
	"taken_at" timestamp with time zone,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_by" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"superseded_by_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text,
	CONSTRAINT "attachments_sha256_ck" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "attachments_thumb_sha256_ck" CHECK ("thumb_sha256" IS NULL OR "thumb_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "attachments_status_ck" CHECK ("status" IN ('active', 'superseded', 'withdrawn')),
	CONSTRAINT "attachments_owner_kind_ck" CHECK ("owner_kind" ~ '^[a-z_]{1,40}$'),
	CONSTRAINT "attachments_owner_part_ck" CHECK ("owner_part" IS NULL OR length("owner_part") <= 121),
	CONSTRAINT "attachments_size_ck" CHECK ("size" >= 0),
	CONSTRAINT "attachments_file_name_ck" CHECK (length("file_name") BETWEEN 1 AND 120),
	-- A withdrawn row says when, by whom and why; a superseded one names its successor.
	CONSTRAINT "attachments_withdrawn_ck" CHECK ("status" <> 'withdrawn' OR ("withdrawn_at" IS NOT NULL AND length(btrim("withdraw_reason")) > 0)),
	CONSTRAINT "attachments_superseded_ck" CHECK ("status" <> 'superseded' OR "superseded_by_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_superseded_by_id_attachments_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_kind", "owner_id", "uploaded_at");--> statement-breakpoint
-- Never deleted (issue 12 item 0): the evidence stays; "remove" is a withdrawal with a reason.
CREATE OR REPLACE FUNCTION attachments_are_never_deleted() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'attachments are never deleted; withdraw or supersede instead' USING ERRCODE = 'check_violation', CONSTRAINT = 'attachments_never_deleted';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "attachments_never_deleted" BEFORE DELETE ON "attachments" FOR EACH ROW EXECUTE FUNCTION attachments_are_never_deleted();
