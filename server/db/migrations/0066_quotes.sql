-- Warranty exclusions (R-WX-1, seed 003 人为或不可抗力) and quotes before paid work (issue 15 §4, R-FE-1).
CREATE TABLE "warranty_exclusions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "category" text NOT NULL,
  "reason" text NOT NULL,
  "evidence" text NOT NULL,
  "status" text DEFAULT 'proposed' NOT NULL,
  "proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
  "proposed_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "proposed_by_name" text NOT NULL,
  "decided_at" timestamp with time zone,
  "decided_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "decided_by_name" text,
  "decision_note" text,
  CONSTRAINT "warranty_exclusions_reason_ck" CHECK (length(btrim("reason")) > 0 and length(btrim("evidence")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "warranty_exclusions_live_uq" ON "warranty_exclusions" ("work_order_id") WHERE status in ('proposed', 'confirmed');
--> statement-breakpoint
CREATE TABLE "quotes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "exclusion_id" uuid REFERENCES "warranty_exclusions"("id") ON DELETE restrict,
  "basis" text NOT NULL,
  "status" text DEFAULT 'draft' NOT NULL,
  "currency" text NOT NULL,
  "price_list_version" integer NOT NULL,
  "lines" jsonb NOT NULL,
  "labour" numeric(14, 2) NOT NULL,
  "parts" numeric(14, 2) NOT NULL,
  "travel" numeric(14, 2) NOT NULL,
  "call_out" numeric(14, 2) NOT NULL,
  "total" numeric(14, 2) NOT NULL,
  "valid_until" date NOT NULL,
  "note" text,
  "created_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "created_by_name" text NOT NULL,
  "sent_at" timestamp with time zone,
  "sent_by_name" text,
  "decided_at" timestamp with time zone,
  "decided_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "decided_by_name" text,
  "accepted_via" text,
  "signer_name" text,
  "signature_png" text,
  "decision_reason" text,
  "expired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_uq" ON "quotes" ("number");
--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_open_uq" ON "quotes" ("work_order_id") WHERE status in ('draft', 'sent');
--> statement-breakpoint
CREATE INDEX "quotes_customer_idx" ON "quotes" ("customer_id", "created_at");
--> statement-breakpoint
CREATE INDEX "quotes_due_idx" ON "quotes" ("valid_until") WHERE status = 'sent';
