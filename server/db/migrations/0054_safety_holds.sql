-- Safety hold (停用, issue 14 §1, R-REG-1; seed 003 医疗器械使用质量监督管理办法): a device with a
-- safety hazard is taken out of use at once; released only by a verification work order reviewed
-- and signed by quality (password again, meaning + content hash, issue 14 §6), or retired.
CREATE TABLE "device_holds" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "reason" text NOT NULL,
  "placed_at" timestamp with time zone DEFAULT now() NOT NULL,
  "placed_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "placed_by_name" text NOT NULL,
  "closed_at" timestamp with time zone,
  "closed_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "closed_by_name" text,
  "outcome" text,
  "release_work_order_id" uuid REFERENCES "work_orders"("id") ON DELETE restrict,
  "release_evidence" text,
  "closing_note" text,
  "signature_meaning" text,
  "signature_hash" text,
  CONSTRAINT "device_holds_reason_ck" CHECK (length(btrim("reason")) > 0),
  CONSTRAINT "device_holds_closed_ck" CHECK (("closed_at" is null) = ("outcome" is null) and ("closed_at" is null) = ("closed_by_name" is null)),
  CONSTRAINT "device_holds_release_ck" CHECK ("outcome" is distinct from 'released' or ("release_work_order_id" is not null and "release_evidence" is not null and "signature_hash" is not null)),
  CONSTRAINT "device_holds_retire_ck" CHECK ("outcome" is distinct from 'retired' or length(btrim(coalesce("closing_note", ''))) > 0)
);--> statement-breakpoint
CREATE UNIQUE INDEX "device_holds_open_uq" ON "device_holds" ("device_id") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "device_holds_device_idx" ON "device_holds" ("device_id","placed_at");--> statement-breakpoint
CREATE INDEX "device_holds_customer_idx" ON "device_holds" ("customer_id","placed_at");
