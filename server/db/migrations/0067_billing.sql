-- Invoices, receivables, cash hand-over and budgets (issue 15 §4, R-FE-1, R-FE-2; seed 002 §5,
-- seed 004 §9). Invoice entries, reminders and hand-over items are insert-only.
CREATE TABLE "billing_accounts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "payment_terms_days" integer DEFAULT 30 NOT NULL,
  "sales_owner_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  CONSTRAINT "billing_accounts_customer_uq" UNIQUE("customer_id"),
  CONSTRAINT "billing_accounts_terms_ck" CHECK ("payment_terms_days" BETWEEN 0 AND 365)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "issue_date" date NOT NULL,
  "terms_days" integer NOT NULL,
  "due_date" date NOT NULL,
  "currency" text DEFAULT 'CNY' NOT NULL,
  "total" numeric(14, 2) NOT NULL,
  "note" text,
  "created_by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "created_by_name" text NOT NULL,
  CONSTRAINT "invoices_total_ck" CHECK (total > 0),
  CONSTRAINT "invoices_due_ck" CHECK (due_date >= issue_date)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_uq" ON "invoices" ("number");
--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" ("customer_id", "issue_date");
--> statement-breakpoint
CREATE INDEX "invoices_due_idx" ON "invoices" ("due_date");
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "invoice_id" uuid NOT NULL REFERENCES "invoices"("id") ON DELETE restrict,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "description" text NOT NULL,
  "amount" numeric(14, 2) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_work_order_uq" ON "invoice_lines" ("work_order_id");
--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" ("invoice_id");
--> statement-breakpoint
CREATE TABLE "invoice_entries" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "invoice_id" uuid NOT NULL REFERENCES "invoices"("id") ON DELETE restrict,
  "kind" text NOT NULL,
  "amount" numeric(14, 2) NOT NULL,
  "number" text,
  "reference" text,
  "reason" text,
  "reverses_id" uuid REFERENCES "invoice_entries"("id") ON DELETE restrict,
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  "recorded_by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "recorded_by_name" text NOT NULL,
  CONSTRAINT "invoice_entries_kind_ck" CHECK (kind IN ('payment', 'payment_reversal', 'credit_note')),
  CONSTRAINT "invoice_entries_amount_ck" CHECK (amount > 0),
  CONSTRAINT "invoice_entries_reason_ck" CHECK (kind = 'payment' OR reason IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "invoice_entries_invoice_idx" ON "invoice_entries" ("invoice_id", "at");
--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_entries_reverses_uq" ON "invoice_entries" ("reverses_id");
--> statement-breakpoint
CREATE TRIGGER invoice_entries_no_update BEFORE UPDATE OR DELETE ON invoice_entries FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TABLE "invoice_reminders" (
  "invoice_id" uuid NOT NULL REFERENCES "invoices"("id") ON DELETE restrict,
  "bucket" text NOT NULL,
  "sent_at" timestamp with time zone NOT NULL,
  CONSTRAINT "invoice_reminders_pk" PRIMARY KEY("invoice_id", "bucket")
);
--> statement-breakpoint
CREATE TABLE "cash_handovers" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "engineer_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "engineer_name" text NOT NULL,
  "amount" numeric(14, 2) NOT NULL,
  "currency" text DEFAULT 'CNY' NOT NULL,
  "handed_at" timestamp with time zone NOT NULL,
  "note" text,
  "status" text DEFAULT 'pending' NOT NULL,
  "confirmed_at" timestamp with time zone,
  "confirmed_by_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "confirmed_by_name" text,
  CONSTRAINT "cash_handovers_status_ck" CHECK (status IN ('pending', 'confirmed')),
  CONSTRAINT "cash_handovers_confirmed_ck" CHECK (status = 'pending' OR confirmed_at IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cash_handovers_number_uq" ON "cash_handovers" ("number");
--> statement-breakpoint
CREATE INDEX "cash_handovers_status_idx" ON "cash_handovers" ("status", "handed_at");
--> statement-breakpoint
CREATE TABLE "cash_handover_items" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "handover_id" uuid NOT NULL REFERENCES "cash_handovers"("id") ON DELETE restrict,
  "payment_id" uuid NOT NULL REFERENCES "work_order_payments"("id") ON DELETE restrict,
  "amount" numeric(14, 2) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cash_handover_items_payment_uq" ON "cash_handover_items" ("payment_id");
--> statement-breakpoint
CREATE INDEX "cash_handover_items_handover_idx" ON "cash_handover_items" ("handover_id");
--> statement-breakpoint
CREATE TABLE "budget_years" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "year" integer NOT NULL,
  "labour_cost_per_hour" numeric(14, 2) DEFAULT '0' NOT NULL,
  "travel_cost_per_km" numeric(14, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "budget_years_year_uq" ON "budget_years" ("year");
--> statement-breakpoint
CREATE TABLE "budget_lines" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "year" integer NOT NULL,
  "category" text NOT NULL,
  "department" text DEFAULT '' NOT NULL,
  "project" text DEFAULT '' NOT NULL,
  "amount" numeric(14, 2) NOT NULL,
  CONSTRAINT "budget_lines_category_ck" CHECK (category IN ('installation', 'maintenance', 'parts', 'support', 'training', 'travel')),
  CONSTRAINT "budget_lines_amount_ck" CHECK (amount >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "budget_lines_key_uq" ON "budget_lines" ("year", "category", "department", "project");
--> statement-breakpoint
CREATE TABLE "cost_tags" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "department" text DEFAULT '' NOT NULL,
  "project" text DEFAULT '' NOT NULL,
  CONSTRAINT "cost_tags_work_order_uq" UNIQUE("work_order_id")
);
