-- Calls, missed calls, hotline hours, the on-call roster and consultations (issue 12 item 4;
-- SPEC R-CL-1, seed 003 §11, seed 004 §5.1, seed 002: 服务电话 9:00–22:00).
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"direction" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer DEFAULT 0 NOT NULL,
	"caller_name" text,
	"phone" text NOT NULL,
	"customer_id" uuid CONSTRAINT "calls_customer_id_customers_id_fk" REFERENCES "customers"("id") ON DELETE restrict,
	"department_id" uuid CONSTRAINT "calls_department_id_departments_id_fk" REFERENCES "departments"("id") ON DELETE set null,
	"device_id" uuid CONSTRAINT "calls_device_id_devices_id_fk" REFERENCES "devices"("id") ON DELETE restrict,
	"topic" text NOT NULL,
	"outcome" text DEFAULT 'resolved' NOT NULL,
	"handled_by_id" uuid NOT NULL CONSTRAINT "calls_handled_by_id_users_id_fk" REFERENCES "users"("id") ON DELETE restrict,
	"notes" text,
	"linked_kind" text,
	"linked_id" uuid,
	CONSTRAINT "calls_direction_ck" CHECK ("direction" IN ('inbound', 'outbound')),
	CONSTRAINT "calls_outcome_ck" CHECK ("outcome" IN ('resolved', 'info_given', 'callback_needed', 'request', 'consultation', 'complaint', 'other')),
	CONSTRAINT "calls_linked_kind_ck" CHECK ("linked_kind" IN ('request', 'consultation', 'complaint')),
	CONSTRAINT "calls_duration_ck" CHECK ("duration_seconds" >= 0),
	CONSTRAINT "calls_linked_ck" CHECK (("linked_kind" IS NULL) = ("linked_id" IS NULL))
);--> statement-breakpoint
CREATE INDEX "calls_started_idx" ON "calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "calls_phone_idx" ON "calls" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "calls_customer_idx" ON "calls" USING btree ("customer_id", "started_at");--> statement-breakpoint
CREATE TABLE "missed_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"phone" text NOT NULL,
	"caller_name" text,
	"customer_id" uuid CONSTRAINT "missed_calls_customer_id_customers_id_fk" REFERENCES "customers"("id") ON DELETE restrict,
	"received_at" timestamp with time zone NOT NULL,
	"callback_due_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"pbx_ref" text,
	"note" text,
	"called_back_at" timestamp with time zone,
	"callback_call_id" uuid CONSTRAINT "missed_calls_callback_call_id_calls_id_fk" REFERENCES "calls"("id") ON DELETE restrict,
	"overdue_notified_at" timestamp with time zone,
	CONSTRAINT "missed_calls_source_ck" CHECK ("source" IN ('pbx', 'manual')),
	CONSTRAINT "missed_calls_called_back_ck" CHECK (("called_back_at" IS NULL) = ("callback_call_id" IS NULL)),
	CONSTRAINT "missed_calls_due_ck" CHECK ("callback_due_at" >= "received_at")
);--> statement-breakpoint
CREATE UNIQUE INDEX "missed_calls_pbx_ref_uq" ON "missed_calls" USING btree ("pbx_ref");--> statement-breakpoint
CREATE INDEX "missed_calls_due_idx" ON "missed_calls" USING btree ("callback_due_at") WHERE "called_back_at" IS NULL;--> statement-breakpoint
CREATE TABLE "hotline_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"singleton" boolean DEFAULT true NOT NULL,
	"always_open" boolean DEFAULT false NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"closed_on_holidays" boolean DEFAULT false NOT NULL,
	"callback_minutes" integer DEFAULT 30 NOT NULL,
	CONSTRAINT "hotline_settings_singleton_ck" CHECK ("singleton"),
	CONSTRAINT "hotline_settings_callback_ck" CHECK ("callback_minutes" BETWEEN 5 AND 1440)
);--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_settings_singleton_uq" ON "hotline_settings" USING btree ("singleton");--> statement-breakpoint
-- seed 002: 售后服務組應保證服務電話的暢通(9:00-22:00), every day.
INSERT INTO "hotline_settings" ("weekly_hours") VALUES ('{"1":[["09:00","22:00"]],"2":[["09:00","22:00"]],"3":[["09:00","22:00"]],"4":[["09:00","22:00"]],"5":[["09:00","22:00"]],"6":[["09:00","22:00"]],"7":[["09:00","22:00"]]}');--> statement-breakpoint
CREATE TABLE "on_call_roster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duty_date" date NOT NULL,
	"engineer_id" uuid NOT NULL CONSTRAINT "on_call_roster_engineer_id_users_id_fk" REFERENCES "users"("id") ON DELETE restrict,
	"phone" text NOT NULL,
	"note" text
);--> statement-breakpoint
CREATE UNIQUE INDEX "on_call_roster_date_uq" ON "on_call_roster" USING btree ("duty_date");--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"question" text NOT NULL,
	"customer_id" uuid NOT NULL CONSTRAINT "consultations_customer_id_customers_id_fk" REFERENCES "customers"("id") ON DELETE restrict,
	"device_id" uuid CONSTRAINT "consultations_device_id_devices_id_fk" REFERENCES "devices"("id") ON DELETE restrict,
	"model_id" uuid CONSTRAINT "consultations_model_id_device_models_id_fk" REFERENCES "device_models"("id") ON DELETE restrict,
	"asker_name" text,
	"asker_phone" text,
	"asked_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid CONSTRAINT "consultations_assignee_id_users_id_fk" REFERENCES "users"("id") ON DELETE restrict,
	"expert_id" uuid CONSTRAINT "consultations_expert_id_users_id_fk" REFERENCES "users"("id") ON DELETE restrict,
	"escalation_reason" text,
	"escalated_at" timestamp with time zone,
	"research" text,
	"researched_at" timestamp with time zone,
	"answer" text,
	"answered_by_id" uuid CONSTRAINT "consultations_answered_by_id_users_id_fk" REFERENCES "users"("id") ON DELETE restrict,
	"answered_at" timestamp with time zone,
	"answer_minutes" integer,
	"closed_at" timestamp with time zone,
	"kb_candidate" boolean DEFAULT false NOT NULL,
	"call_id" uuid CONSTRAINT "consultations_call_id_calls_id_fk" REFERENCES "calls"("id") ON DELETE restrict,
	CONSTRAINT "consultations_status_ck" CHECK ("status" IN ('open', 'escalated', 'researched', 'answered', 'closed')),
	CONSTRAINT "consultations_answer_ck" CHECK ("status" NOT IN ('answered', 'closed') OR ("answer" IS NOT NULL AND "answered_at" IS NOT NULL)),
	CONSTRAINT "consultations_escalation_ck" CHECK ("status" <> 'escalated' OR ("expert_id" IS NOT NULL AND "escalation_reason" IS NOT NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_number_uq" ON "consultations" USING btree ("number");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status", "asked_at");--> statement-breakpoint
CREATE INDEX "consultations_customer_idx" ON "consultations" USING btree ("customer_id", "asked_at");
