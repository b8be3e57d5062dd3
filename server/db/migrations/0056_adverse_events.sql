-- Adverse events (不良事件, issue 14 §2, R-REG-2): the event with its reporting clock from the
-- awareness date, the national report form (jsonb, vigilance.form.ts), signed submission (R-AU-1),
-- follow-up reports, configurable clocks, clock warnings sent once per level, the cluster watch
-- (possible group events) and notices to the supplier / manufacturer with a tracked reply.
CREATE TABLE "adverse_events" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "state" text DEFAULT 'draft' NOT NULL,
  "device_id" uuid REFERENCES "devices"("id") ON DELETE restrict,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "complaint_id" uuid REFERENCES "complaints"("id") ON DELETE restrict,
  "work_order_id" uuid REFERENCES "work_orders"("id") ON DELETE restrict,
  "event_date" date NOT NULL,
  "aware_at" timestamp with time zone NOT NULL,
  "patient_impact" text NOT NULL,
  "group_event" boolean DEFAULT false NOT NULL,
  "description" text NOT NULL,
  "device_problem" text,
  "fault_key" text,
  "actions_taken" text,
  "reportable" boolean,
  "reportability_reason" text,
  "decided_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "decided_by_name" text,
  "decided_at" timestamp with time zone,
  "report_form" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "report_due_at" timestamp with time zone,
  "report_number" text,
  "reported_on" date,
  "submitted_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "submitted_by_name" text,
  "submitted_at" timestamp with time zone,
  "signature_meaning" text,
  "signature_hash" text,
  "evaluation" text,
  "closed_at" timestamp with time zone,
  "closed_by_name" text,
  "created_by_name" text NOT NULL,
  CONSTRAINT "adverse_events_description_ck" CHECK (length(btrim("description")) > 0),
  CONSTRAINT "adverse_events_reported_ck" CHECK ("state" = 'draft' or ("state" = 'closed' and "reportable" = false) or ("report_number" is not null and "submitted_at" is not null and "signature_hash" is not null)),
  CONSTRAINT "adverse_events_closed_ck" CHECK (("state" = 'closed') = ("closed_at" is not null))
);--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_events_number_uq" ON "adverse_events" ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_events_complaint_uq" ON "adverse_events" ("complaint_id") WHERE complaint_id is not null;--> statement-breakpoint
CREATE INDEX "adverse_events_device_idx" ON "adverse_events" ("device_id","aware_at");--> statement-breakpoint
CREATE INDEX "adverse_events_due_idx" ON "adverse_events" ("report_due_at") WHERE submitted_at is null;--> statement-breakpoint
CREATE TABLE "adverse_event_reports" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "adverse_event_id" uuid NOT NULL REFERENCES "adverse_events"("id") ON DELETE restrict,
  "kind" text NOT NULL,
  "report_date" date NOT NULL,
  "report_number" text,
  "content" text NOT NULL,
  "submitted_by_name" text NOT NULL
);--> statement-breakpoint
CREATE INDEX "adverse_event_reports_event_idx" ON "adverse_event_reports" ("adverse_event_id","report_date");--> statement-breakpoint
CREATE TABLE "adverse_event_settings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "singleton" boolean DEFAULT true NOT NULL,
  "death_days" integer DEFAULT 7 NOT NULL,
  "serious_injury_days" integer DEFAULT 20 NOT NULL,
  "other_days" integer DEFAULT 30 NOT NULL,
  "group_event_hours" integer DEFAULT 12 NOT NULL,
  "cluster_min_customers" integer DEFAULT 3 NOT NULL,
  "cluster_window_days" integer DEFAULT 30 NOT NULL,
  CONSTRAINT "adverse_event_settings_singleton_ck" CHECK ("singleton")
);--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_event_settings_singleton_uq" ON "adverse_event_settings" ("singleton");--> statement-breakpoint
INSERT INTO "adverse_event_settings" ("singleton") VALUES (true);--> statement-breakpoint
CREATE TABLE "adverse_event_warnings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "adverse_event_id" uuid NOT NULL REFERENCES "adverse_events"("id") ON DELETE restrict,
  "level" text NOT NULL,
  "due_at" timestamp with time zone NOT NULL,
  "sent_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_event_warnings_uq" ON "adverse_event_warnings" ("adverse_event_id","level","due_at");--> statement-breakpoint
CREATE TABLE "adverse_event_clusters" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "model_id" uuid NOT NULL REFERENCES "device_models"("id") ON DELETE restrict,
  "fault_key" text NOT NULL,
  "fault_label" text NOT NULL,
  "customer_count" integer NOT NULL,
  "event_ids" uuid[] NOT NULL,
  "first_aware_at" timestamp with time zone NOT NULL,
  "last_aware_at" timestamp with time zone NOT NULL,
  "state" text DEFAULT 'open' NOT NULL,
  "review_note" text,
  "reviewed_by_name" text
);--> statement-breakpoint
CREATE UNIQUE INDEX "adverse_event_clusters_open_uq" ON "adverse_event_clusters" ("model_id","fault_key") WHERE state = 'open';--> statement-breakpoint
CREATE TABLE "adverse_event_notices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "adverse_event_id" uuid NOT NULL REFERENCES "adverse_events"("id") ON DELETE restrict,
  "supplier_id" uuid REFERENCES "suppliers"("id") ON DELETE restrict,
  "recipient" text NOT NULL,
  "sent_at" timestamp with time zone NOT NULL,
  "content" text NOT NULL,
  "reply_due" date NOT NULL,
  "reply_text" text,
  "replied_on" date,
  "sent_by_name" text NOT NULL,
  CONSTRAINT "adverse_event_notices_recipient_ck" CHECK (length(btrim("recipient")) > 0)
);--> statement-breakpoint
CREATE INDEX "adverse_event_notices_event_idx" ON "adverse_event_notices" ("adverse_event_id","sent_at");
