-- Yearly maintenance plans (issue 13 §1, R-PM-1): a plan per contract, device and year generated
-- from the contract's visits per year (else the template's interval), its visits spread over the
-- covered part of the year on working days and engineers' load; the hospital told in advance and
-- answering in the portal; each visit turned into one maintenance work order (unique link).
CREATE TYPE "public"."maintenance_visit_status" AS ENUM('planned', 'notified', 'confirmed', 'reschedule_requested', 'ordered', 'done', 'missed', 'cancelled');--> statement-breakpoint
CREATE TABLE "maintenance_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contract_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"template_id" uuid,
	"visits_per_year" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by_id" uuid,
	CONSTRAINT "maintenance_plans_year_ck" CHECK ("year" between 2000 and 2100)
);--> statement-breakpoint
CREATE TABLE "maintenance_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"plan_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"planned_date" date NOT NULL,
	"engineer_id" uuid,
	"status" "maintenance_visit_status" DEFAULT 'planned' NOT NULL,
	"notice_sent_at" timestamp with time zone,
	"customer_response" text,
	"responded_at" timestamp with time zone,
	"requested_date" date,
	"request_reason" text,
	"work_order_id" uuid,
	"overdue_flagged_at" timestamp with time zone,
	CONSTRAINT "maintenance_visits_response_ck" CHECK ("customer_response" is null or "customer_response" in ('confirmed', 'reschedule'))
);--> statement-breakpoint
CREATE TABLE "maintenance_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"singleton" boolean DEFAULT true NOT NULL,
	"notice_days" integer DEFAULT 7 NOT NULL,
	"order_days" integer DEFAULT 7 NOT NULL,
	CONSTRAINT "maintenance_settings_singleton_ck" CHECK ("singleton"),
	CONSTRAINT "maintenance_settings_days_ck" CHECK ("notice_days" between 1 and 60 and "order_days" between 0 and 60)
);--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_template_id_maintenance_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."maintenance_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_generated_by_id_users_id_fk" FOREIGN KEY ("generated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_plan_id_maintenance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."maintenance_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_plans_contract_device_year_uq" ON "maintenance_plans" USING btree ("contract_id","device_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_visits_work_order_uq" ON "maintenance_visits" USING btree ("work_order_id") WHERE work_order_id is not null;--> statement-breakpoint
CREATE INDEX "maintenance_visits_plan_idx" ON "maintenance_visits" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "maintenance_visits_date_idx" ON "maintenance_visits" USING btree ("planned_date");--> statement-breakpoint
CREATE INDEX "maintenance_visits_customer_idx" ON "maintenance_visits" USING btree ("customer_id","planned_date");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_settings_singleton_uq" ON "maintenance_settings" USING btree ("singleton");
