-- Organisation (issue 15 §1, R-ORG-1): branches / service centres / teams with a manager;
-- customers, sites, engineers (users) and warehouses belong to one unit. Unit-routed notices
-- copy the company's service managers per unit_settings. Branch daily reports (seed 002 §12)
-- are signed by the branch manager (e-signature) before head office receives them.
CREATE TABLE "units" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "kind" text NOT NULL,
  "code" text NOT NULL,
  "name" text NOT NULL,
  "manager_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "parent_id" uuid REFERENCES "units"("id") ON DELETE restrict,
  "active" boolean DEFAULT true NOT NULL,
  CONSTRAINT "units_kind_ck" CHECK ("kind" IN ('branch', 'service_centre', 'team')),
  CONSTRAINT "units_name_ck" CHECK (length(btrim("name")) > 0),
  CONSTRAINT "units_parent_ck" CHECK ("parent_id" IS NULL OR "parent_id" <> "id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_uq" ON "units" (lower("code"));
--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" ("parent_id");
--> statement-breakpoint
CREATE INDEX "units_manager_idx" ON "units" ("manager_id");
--> statement-breakpoint
CREATE TABLE "unit_settings" (
  "id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
  "manager_copy" text DEFAULT 'breaches' NOT NULL,
  "version" smallint DEFAULT 1 NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "unit_settings_one_ck" CHECK ("id" = 1),
  CONSTRAINT "unit_settings_copy_ck" CHECK ("manager_copy" IN ('always', 'breaches', 'never'))
);
--> statement-breakpoint
INSERT INTO "unit_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TABLE "branch_daily_reports" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "unit_id" uuid NOT NULL REFERENCES "units"("id") ON DELETE restrict,
  "day" date NOT NULL,
  "status" text DEFAULT 'draft' NOT NULL,
  "content" jsonb NOT NULL,
  "prepared_by_name" text NOT NULL,
  "signature_id" uuid REFERENCES "e_signatures"("id") ON DELETE restrict,
  "signed_at" timestamp with time zone,
  "signed_by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "signed_by_name" text,
  "comment" text,
  "received_at" timestamp with time zone,
  "received_by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "received_by_name" text,
  CONSTRAINT "branch_daily_reports_status_ck" CHECK ("status" IN ('draft', 'signed', 'received')),
  -- signed and received reports carry their signature; received ones who received them.
  CONSTRAINT "branch_daily_reports_signed_ck" CHECK ("status" = 'draft' OR ("signature_id" IS NOT NULL AND "signed_at" IS NOT NULL)),
  CONSTRAINT "branch_daily_reports_received_ck" CHECK ("status" <> 'received' OR "received_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "branch_daily_reports_day_uq" ON "branch_daily_reports" ("unit_id", "day");
--> statement-breakpoint
CREATE INDEX "branch_daily_reports_status_idx" ON "branch_daily_reports" ("status", "day");
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "unit_id" uuid REFERENCES "units"("id") ON DELETE restrict;
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "unit_id" uuid REFERENCES "units"("id") ON DELETE restrict;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "unit_id" uuid REFERENCES "units"("id") ON DELETE restrict;
--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "unit_id" uuid REFERENCES "units"("id") ON DELETE restrict;
--> statement-breakpoint
CREATE INDEX "customers_unit_idx" ON "customers" ("unit_id");
--> statement-breakpoint
CREATE INDEX "sites_unit_idx" ON "sites" ("unit_id");
--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" ("unit_id");
--> statement-breakpoint
CREATE INDEX "warehouses_unit_idx" ON "warehouses" ("unit_id");
