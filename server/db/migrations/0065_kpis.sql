-- KPI pre-aggregation (R-RP-1, issue 15 §3): per-record facts (drill-down) and their daily sums
-- per engineer, customer and model (dashboard), rebuilt by the kpis.rollup job. Derived data: no
-- foreign keys (a rebuild recomputes them; a deleted record simply drops out).
CREATE TABLE "kpi_facts" (
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"day" date NOT NULL,
	"engineer_id" uuid,
	"customer_id" uuid,
	"model_id" uuid,
	"work_order_id" uuid,
	"orders" integer DEFAULT 0 NOT NULL,
	"repairs" integer DEFAULT 0 NOT NULL,
	"ftf" integer DEFAULT 0 NOT NULL,
	"restore_n" integer DEFAULT 0 NOT NULL,
	"restore_minutes" numeric DEFAULT 0 NOT NULL,
	"respond_met" integer DEFAULT 0 NOT NULL,
	"respond_total" integer DEFAULT 0 NOT NULL,
	"arrive_met" integer DEFAULT 0 NOT NULL,
	"arrive_total" integer DEFAULT 0 NOT NULL,
	"restore_met" integer DEFAULT 0 NOT NULL,
	"restore_total" integer DEFAULT 0 NOT NULL,
	"repeat30" integer DEFAULT 0 NOT NULL,
	"repeat90" integer DEFAULT 0 NOT NULL,
	"survey_n" integer DEFAULT 0 NOT NULL,
	"survey_score" numeric DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"followups_due" integer DEFAULT 0 NOT NULL,
	"followups_on_time" integer DEFAULT 0 NOT NULL,
	"visits_planned" integer DEFAULT 0 NOT NULL,
	"visits_done" integer DEFAULT 0 NOT NULL,
	"missed_calls" integer DEFAULT 0 NOT NULL,
	"callbacks" integer DEFAULT 0 NOT NULL,
	"callback_minutes" numeric DEFAULT 0 NOT NULL,
	"renewals_won" integer DEFAULT 0 NOT NULL,
	"renewals_lost" integer DEFAULT 0 NOT NULL,
	"parts_qty" numeric DEFAULT 0 NOT NULL,
	"parts_cost" numeric DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_facts_source_source_id_pk" PRIMARY KEY("source","source_id")
);--> statement-breakpoint
CREATE INDEX "kpi_facts_day_idx" ON "kpi_facts" USING btree ("day","engineer_id");--> statement-breakpoint
CREATE TABLE "kpi_daily" (
	"day" date NOT NULL,
	"engineer_key" uuid NOT NULL,
	"customer_key" uuid NOT NULL,
	"model_key" uuid NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"repairs" bigint DEFAULT 0 NOT NULL,
	"ftf" bigint DEFAULT 0 NOT NULL,
	"restore_n" bigint DEFAULT 0 NOT NULL,
	"restore_minutes" numeric DEFAULT 0 NOT NULL,
	"respond_met" bigint DEFAULT 0 NOT NULL,
	"respond_total" bigint DEFAULT 0 NOT NULL,
	"arrive_met" bigint DEFAULT 0 NOT NULL,
	"arrive_total" bigint DEFAULT 0 NOT NULL,
	"restore_met" bigint DEFAULT 0 NOT NULL,
	"restore_total" bigint DEFAULT 0 NOT NULL,
	"repeat30" bigint DEFAULT 0 NOT NULL,
	"repeat90" bigint DEFAULT 0 NOT NULL,
	"survey_n" bigint DEFAULT 0 NOT NULL,
	"survey_score" numeric DEFAULT 0 NOT NULL,
	"complaints" bigint DEFAULT 0 NOT NULL,
	"followups_due" bigint DEFAULT 0 NOT NULL,
	"followups_on_time" bigint DEFAULT 0 NOT NULL,
	"visits_planned" bigint DEFAULT 0 NOT NULL,
	"visits_done" bigint DEFAULT 0 NOT NULL,
	"missed_calls" bigint DEFAULT 0 NOT NULL,
	"callbacks" bigint DEFAULT 0 NOT NULL,
	"callback_minutes" numeric DEFAULT 0 NOT NULL,
	"renewals_won" bigint DEFAULT 0 NOT NULL,
	"renewals_lost" bigint DEFAULT 0 NOT NULL,
	"parts_qty" numeric DEFAULT 0 NOT NULL,
	"parts_cost" numeric DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_daily_day_engineer_key_customer_key_model_key_pk" PRIMARY KEY("day","engineer_key","customer_key","model_key")
);--> statement-breakpoint
CREATE INDEX "work_orders_resolved_idx" ON "work_orders" USING btree ("resolved_at") WHERE resolved_at is not null;
--> statement-breakpoint
CREATE TABLE "appraisals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"engineer_id" uuid NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"kpis" jsonb NOT NULL,
	"kpi_score" numeric,
	"customer_rating" numeric,
	"surveys" integer DEFAULT 0 NOT NULL,
	"supervisor_score" integer,
	"supervisor_comment" text,
	"assessed_by_id" uuid,
	"assessed_by_name" text,
	"assessed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledgement_note" text,
	CONSTRAINT "appraisals_month_ck" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "appraisals_supervisor_ck" CHECK ("supervisor_score" is null or "supervisor_score" between 0 and 100),
	CONSTRAINT "appraisals_status_ck" CHECK ("status" in ('draft', 'assessed', 'acknowledged'))
);--> statement-breakpoint
ALTER TABLE "appraisals" ADD CONSTRAINT "appraisals_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisals" ADD CONSTRAINT "appraisals_assessed_by_id_users_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appraisals_engineer_month_uq" ON "appraisals" USING btree ("engineer_id","month");--> statement-breakpoint
CREATE INDEX "appraisals_month_idx" ON "appraisals" USING btree ("month");--> statement-breakpoint
CREATE TABLE "appraisal_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appraisal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"complaint_id" uuid,
	"repeat" boolean DEFAULT false NOT NULL,
	"created_by_name" text NOT NULL,
	CONSTRAINT "appraisal_items_amount_ck" CHECK ("amount" > 0),
	CONSTRAINT "appraisal_items_kind_ck" CHECK ("kind" in ('penalty', 'reward'))
);--> statement-breakpoint
ALTER TABLE "appraisal_items" ADD CONSTRAINT "appraisal_items_appraisal_id_appraisals_id_fk" FOREIGN KEY ("appraisal_id") REFERENCES "public"."appraisals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_items" ADD CONSTRAINT "appraisal_items_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appraisal_items_appraisal_idx" ON "appraisal_items" USING btree ("appraisal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_items_complaint_uq" ON "appraisal_items" USING btree ("appraisal_id","complaint_id") WHERE complaint_id is not null;
