-- QR labels on devices (扫码报修, issue 16 §2): a label names its device by a random 128-bit key
-- (never the database id); the QR carries the key with an HMAC of it (labels.token.ts). Revoking
-- a label keeps the row (the old QR then answers "label revoked") and issues a new one: at most
-- one live label per device.
CREATE TABLE "device_labels" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "label_key" text NOT NULL,
  "issued_by_name" text NOT NULL,
  "revoked_at" timestamp with time zone,
  "revoked_by_name" text,
  "revoke_reason" text,
  CONSTRAINT "device_labels_key_ck" CHECK ("label_key" ~ '^[0-9a-f]{32}$'),
  CONSTRAINT "device_labels_revoked_ck" CHECK (("revoked_at" IS NULL) = ("revoked_by_name" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "device_labels_key_uq" ON "device_labels" ("label_key");
--> statement-breakpoint
CREATE UNIQUE INDEX "device_labels_live_uq" ON "device_labels" ("device_id") WHERE "revoked_at" IS NULL;
--> statement-breakpoint
-- A fault reported by scanning a label without an account: held for a dispatcher's call-back
-- (no SMS channel exists to verify the phone), then converted into a repair request or dismissed.
CREATE TABLE "scan_reports" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "label_id" uuid NOT NULL REFERENCES "device_labels"("id") ON DELETE restrict,
  "reporter_name" text NOT NULL,
  "reporter_phone" text NOT NULL,
  "fault_description" text NOT NULL,
  "device_down" boolean DEFAULT false NOT NULL,
  "status" text DEFAULT 'held' NOT NULL,
  "request_id" uuid REFERENCES "service_requests"("id") ON DELETE restrict,
  "handled_at" timestamp with time zone,
  "handled_by_name" text,
  "dismiss_reason" text,
  CONSTRAINT "scan_reports_status_ck" CHECK ("status" IN ('held', 'converted', 'dismissed')),
  CONSTRAINT "scan_reports_converted_ck" CHECK (("status" = 'converted') = ("request_id" IS NOT NULL)),
  CONSTRAINT "scan_reports_dismissed_ck" CHECK ("status" <> 'dismissed' OR "dismiss_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "scan_reports_held_idx" ON "scan_reports" ("created_at") WHERE "status" = 'held';
--> statement-breakpoint
CREATE INDEX "scan_reports_device_idx" ON "scan_reports" ("device_id");
--> statement-breakpoint
-- The service hotline printed on every label (服务热线).
ALTER TABLE "hotline_settings" ADD COLUMN "phone" text;
--> statement-breakpoint
UPDATE "hotline_settings" SET "phone" = '400-800-1234' WHERE "phone" IS NULL;
