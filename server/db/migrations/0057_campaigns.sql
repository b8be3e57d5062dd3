-- Recalls and field actions (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1; seed 004
-- §5.3): the campaign, its frozen selection of affected units and one notice per affected customer.
-- Campaign work runs through work orders of kind `upgrade` (no new work_order_kind value).
CREATE TABLE "campaigns" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "type" text NOT NULL,
  "title" text NOT NULL,
  "reason" text NOT NULL,
  "notice_content" text NOT NULL,
  "content_version" integer DEFAULT 1 NOT NULL,
  "deadline_days" integer NOT NULL,
  "cost_fee" numeric(12, 2),
  "status" text DEFAULT 'draft' NOT NULL,
  "created_by_name" text NOT NULL,
  "criteria" jsonb,
  "frozen_at" timestamp with time zone,
  "frozen_by_name" text,
  "notify_started_at" timestamp with time zone,
  "closed_at" timestamp with time zone,
  "closed_by_name" text,
  "closing_note" text,
  "signature_meaning" text,
  "signature_hash" text,
  CONSTRAINT "campaigns_title_ck" CHECK (length(btrim("title")) > 0),
  CONSTRAINT "campaigns_deadline_ck" CHECK ("deadline_days" between 1 and 365),
  CONSTRAINT "campaigns_closed_ck" CHECK (("status" = 'closed') = ("closed_at" is not null) and ("closed_at" is null or "signature_hash" is not null))
);--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_number_uq" ON "campaigns" ("number");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" ("status","created_at");--> statement-breakpoint
CREATE TABLE "campaign_units" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "campaign_id" uuid NOT NULL REFERENCES "campaigns"("id") ON DELETE restrict,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "serial_number" text NOT NULL,
  "software_version" text,
  "in_warranty" boolean NOT NULL,
  "fee" numeric(12, 2) DEFAULT '0' NOT NULL,
  "consent" text,
  "consent_at" timestamp with time zone,
  "consent_by_name" text,
  "consent_note" text,
  "work_order_id" uuid REFERENCES "work_orders"("id") ON DELETE restrict,
  "outcome" text,
  "outcome_reason" text,
  "verification" text,
  "resolved_at" timestamp with time zone,
  "resolved_by_name" text,
  CONSTRAINT "campaign_units_resolved_ck" CHECK (("outcome" is null) = ("resolved_at" is null)),
  CONSTRAINT "campaign_units_verified_ck" CHECK ("outcome" is null or "outcome" not in ('corrected', 'replaced') or length(btrim(coalesce("verification", ''))) > 0),
  CONSTRAINT "campaign_units_reason_ck" CHECK ("outcome" is null or "outcome" <> 'not_found' or length(btrim(coalesce("outcome_reason", ''))) > 0)
);--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_units_uq" ON "campaign_units" ("campaign_id","device_id");--> statement-breakpoint
CREATE INDEX "campaign_units_customer_idx" ON "campaign_units" ("campaign_id","customer_id");--> statement-breakpoint
CREATE INDEX "campaign_units_device_idx" ON "campaign_units" ("device_id");--> statement-breakpoint
CREATE TABLE "campaign_notices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "campaign_id" uuid NOT NULL REFERENCES "campaigns"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "unit_count" integer NOT NULL,
  "sent_at" timestamp with time zone,
  "channel" text,
  "content_version" integer,
  "recipients" integer,
  "ack_at" timestamp with time zone,
  "ack_by_name" text,
  "ack_channel" text,
  "ack_note" text,
  "escalated_at" timestamp with time zone,
  CONSTRAINT "campaign_notices_ack_ck" CHECK ("ack_at" is null or "sent_at" is not null)
);--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_notices_uq" ON "campaign_notices" ("campaign_id","customer_id");--> statement-breakpoint
CREATE INDEX "campaign_notices_customer_idx" ON "campaign_notices" ("customer_id","created_at");
