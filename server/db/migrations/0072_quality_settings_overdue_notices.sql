-- Issue 14 leftovers. (1) 经营办法§38: a notice to a supplier/manufacturer that passes its reply-due
-- day unanswered is chased once — the job claims the row by setting overdue_notified_at (a re-run
-- or a concurrent sweep finds it set and sends nothing). An adverse-event notice now records who
-- sent it (sent_by), so the sender can be told; older notices have none (quality is told alone).
ALTER TABLE "supplier_notices" ADD COLUMN "overdue_notified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "adverse_event_notices" ADD COLUMN "overdue_notified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "adverse_event_notices" ADD COLUMN "sent_by" uuid REFERENCES "users"("id") ON DELETE restrict;
--> statement-breakpoint
CREATE INDEX "adverse_event_notices_due_idx" ON "adverse_event_notices" ("reply_due") WHERE replied_on is null and overdue_notified_at is null;
--> statement-breakpoint
-- (2) R-REG-6: the quality-tracking numbers are settings (one row; defaults = the former constants).
CREATE TABLE "quality_settings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "singleton" boolean DEFAULT true NOT NULL,
  "new_launch_years" integer DEFAULT 2 NOT NULL,
  "visit_every_months" integer DEFAULT 3 NOT NULL,
  "repeat_window_days" integer DEFAULT 30 NOT NULL,
  "trend_months" integer DEFAULT 12 NOT NULL,
  "jump_factor" numeric(3, 1) DEFAULT 2 NOT NULL,
  "jump_trailing_months" integer DEFAULT 6 NOT NULL,
  "jump_min_faults" integer DEFAULT 3 NOT NULL,
  CONSTRAINT "quality_settings_singleton_ck" CHECK ("singleton"),
  CONSTRAINT "quality_settings_new_launch_years_ck" CHECK ("new_launch_years" between 1 and 10),
  CONSTRAINT "quality_settings_visit_every_ck" CHECK ("visit_every_months" between 1 and 12),
  CONSTRAINT "quality_settings_repeat_window_ck" CHECK ("repeat_window_days" between 1 and 365),
  CONSTRAINT "quality_settings_trend_months_ck" CHECK ("trend_months" between 3 and 36),
  CONSTRAINT "quality_settings_jump_factor_ck" CHECK ("jump_factor" between 1.1 and 10),
  CONSTRAINT "quality_settings_jump_trailing_ck" CHECK ("jump_trailing_months" between 1 and 24 and "jump_trailing_months" < "trend_months"),
  CONSTRAINT "quality_settings_jump_min_faults_ck" CHECK ("jump_min_faults" between 1 and 1000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "quality_settings_singleton_uq" ON "quality_settings" ("singleton");
--> statement-breakpoint
INSERT INTO "quality_settings" ("singleton") VALUES (true);
--> statement-breakpoint
-- A model's own tracking-visit cadence is optional now: null follows quality_settings.visit_every_months.
-- (Rows written before kept the 3 they were given.)
ALTER TABLE "model_quality_flags" ALTER COLUMN "visit_every_months" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "model_quality_flags" ALTER COLUMN "visit_every_months" DROP DEFAULT;
