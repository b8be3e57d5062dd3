-- Corrections after sign-off are new versions (issue 13 §2, R-PM-2 "like service reports", R-WO-5):
-- the record says which version it is; every version is kept, insert-only.
ALTER TABLE "maintenance_records" ADD COLUMN "content_version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "maintenance_record_versions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "record_id" uuid NOT NULL REFERENCES "maintenance_records"("id") ON DELETE restrict,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "n" integer NOT NULL,
  "reason" text,
  "content" jsonb NOT NULL,
  "content_hash" text NOT NULL,
  "by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "by_name" text NOT NULL,
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  -- every correction names its reason; v1 (the record as signed) has none.
  CONSTRAINT "maintenance_record_versions_reason_ck" CHECK ("n" = 1 OR "reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_record_versions_n_uq" ON "maintenance_record_versions" ("record_id", "n");
--> statement-breakpoint
CREATE TRIGGER maintenance_record_versions_no_update BEFORE UPDATE OR DELETE ON maintenance_record_versions FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER maintenance_record_versions_no_truncate BEFORE TRUNCATE ON maintenance_record_versions FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- Renewal quote from the price list (issue 13 §3, R-CT-1): the paid-service price list has no
-- contract line, so renewals keep an annual maintenance-contract price per model or per category,
-- effective from a date; a quote is the sum over the contract's devices × years, overridable with a reason.
CREATE TABLE "renewal_price_lines" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "model_id" uuid REFERENCES "device_models"("id") ON DELETE restrict,
  "category" "device_category",
  "annual_price" numeric(14, 2) NOT NULL,
  "currency" text DEFAULT 'CNY' NOT NULL,
  "effective_from" date NOT NULL,
  "note" text,
  CONSTRAINT "renewal_price_lines_scope_ck" CHECK (("model_id" IS NULL) <> ("category" IS NULL)),
  CONSTRAINT "renewal_price_lines_price_ck" CHECK ("annual_price" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_price_lines_model_uq" ON "renewal_price_lines" ("model_id", "effective_from") WHERE model_id is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_price_lines_category_uq" ON "renewal_price_lines" ("category", "effective_from") WHERE category is not null;
--> statement-breakpoint
ALTER TABLE "renewals" ADD COLUMN "quote_lines" jsonb;
--> statement-breakpoint
ALTER TABLE "renewals" ADD COLUMN "quote_computed" numeric(14, 2);
--> statement-breakpoint
ALTER TABLE "renewals" ADD COLUMN "quote_override_reason" text;
