-- Contract and warranty expiry notices and the renewal pipeline (issue 13 §3, R-CT-1; seed 002
-- part 1 §4 and §15): the notice days setting, each notice recorded once per contract, kind and
-- end date (the unique index makes a re-run or a second worker send nothing), the renewal
-- opportunities, and the link from a renewed contract to its predecessor.
CREATE TYPE "public"."renewal_stage" AS ENUM('notice_sent', 'visited', 'quoted', 'won', 'lost');--> statement-breakpoint
CREATE TYPE "public"."renewal_source" AS ENUM('maintenance_contract', 'warranty_contract', 'factory_warranty');--> statement-breakpoint
CREATE TYPE "public"."renewal_notice_kind" AS ENUM('customer_expiry', 'sales_warranty_expiry');--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "previous_contract_id" uuid REFERENCES "contracts"("id") ON DELETE set null;--> statement-breakpoint
CREATE INDEX "contracts_previous_idx" ON "contracts" ("previous_contract_id");--> statement-breakpoint
CREATE TABLE "renewal_settings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "singleton" boolean DEFAULT true NOT NULL,
  "customer_notice_days" integer DEFAULT 30 NOT NULL,
  "sales_notice_days" integer DEFAULT 90 NOT NULL,
  CONSTRAINT "renewal_settings_singleton_ck" CHECK ("singleton"),
  CONSTRAINT "renewal_settings_days_ck" CHECK ("customer_notice_days" BETWEEN 1 AND 365 AND "sales_notice_days" BETWEEN 1 AND 365)
);--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_settings_singleton_uq" ON "renewal_settings" ("singleton");--> statement-breakpoint
CREATE TABLE "renewal_notices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "contract_id" uuid REFERENCES "contracts"("id") ON DELETE cascade,
  -- A device's factory warranty (free maintenance) ending: no contract, the device instead.
  "device_id" uuid REFERENCES "devices"("id") ON DELETE cascade,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "kind" "renewal_notice_kind" NOT NULL,
  "expires_on" date NOT NULL,
  "days_before" integer NOT NULL,
  "sent_on" date NOT NULL,
  "recipients" integer DEFAULT 0 NOT NULL,
  CONSTRAINT "renewal_notices_subject_ck" CHECK (("contract_id" IS NULL) <> ("device_id" IS NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_notices_once_uq" ON "renewal_notices" ("contract_id", "kind", "expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_notices_device_once_uq" ON "renewal_notices" ("device_id", "kind", "expires_on");--> statement-breakpoint
CREATE INDEX "renewal_notices_customer_idx" ON "renewal_notices" ("customer_id");--> statement-breakpoint
CREATE TABLE "renewals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "contract_id" uuid REFERENCES "contracts"("id") ON DELETE cascade,
  "device_id" uuid REFERENCES "devices"("id") ON DELETE cascade,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "source" "renewal_source" NOT NULL,
  "expires_on" date NOT NULL,
  "owner_id" uuid REFERENCES "users"("id") ON DELETE set null,
  "stage" "renewal_stage" DEFAULT 'notice_sent' NOT NULL,
  "quote_amount" numeric(14, 2),
  "quote_currency" text DEFAULT 'CNY' NOT NULL,
  "quoted_at" timestamp with time zone,
  "visited_at" timestamp with time zone,
  "lost_reason" text,
  "decided_at" timestamp with time zone,
  "new_contract_id" uuid REFERENCES "contracts"("id") ON DELETE set null,
  -- Lost only with a reason; won only with a quote and the new contract.
  CONSTRAINT "renewals_subject_ck" CHECK (("contract_id" IS NULL) <> ("device_id" IS NULL)),
  CONSTRAINT "renewals_lost_ck" CHECK ("stage" <> 'lost' OR "lost_reason" IS NOT NULL),
  CONSTRAINT "renewals_won_ck" CHECK ("stage" <> 'won' OR ("quote_amount" IS NOT NULL AND "new_contract_id" IS NOT NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "renewals_contract_uq" ON "renewals" ("contract_id", "expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "renewals_device_uq" ON "renewals" ("device_id", "expires_on");--> statement-breakpoint
CREATE INDEX "renewals_owner_idx" ON "renewals" ("owner_id");--> statement-breakpoint
CREATE INDEX "renewals_expires_idx" ON "renewals" ("expires_on");--> statement-breakpoint
CREATE INDEX "renewals_stage_idx" ON "renewals" ("stage");--> statement-breakpoint
CREATE INDEX "renewals_customer_idx" ON "renewals" ("customer_id");
