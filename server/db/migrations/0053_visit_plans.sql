-- Quarterly visit plans kept (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行;
-- seed 003 §6): key accounts (重点客户) with their own visit frequency, one plan per customer and
-- quarter, its lines month by month (on site / phone, standing or key-account), the missed notice.
CREATE TYPE "public"."visit_kind" AS ENUM('onsite', 'phone');--> statement-breakpoint
CREATE TYPE "public"."visit_period" AS ENUM('month', 'quarter');--> statement-breakpoint
CREATE TYPE "public"."visit_line_source" AS ENUM('standing', 'key_account');--> statement-breakpoint
CREATE TABLE "key_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"period" "visit_period" NOT NULL,
	"visits" integer NOT NULL,
	"method" "visit_kind" NOT NULL,
	"note" text,
	CONSTRAINT "key_accounts_visits_ck" CHECK ("visits" between 1 and 10)
);--> statement-breakpoint
ALTER TABLE "key_accounts" ADD CONSTRAINT "key_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "key_accounts_customer_uq" ON "key_accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE TABLE "visit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"assignee_id" uuid,
	"generated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visit_plans_quarter_ck" CHECK ("quarter" between 1 and 4 and "year" between 2000 and 2100)
);--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_plans_customer_quarter_uq" ON "visit_plans" USING btree ("customer_id","year","quarter");--> statement-breakpoint
CREATE INDEX "visit_plans_quarter_idx" ON "visit_plans" USING btree ("year","quarter");--> statement-breakpoint
CREATE TABLE "visit_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"plan_id" uuid NOT NULL,
	"month" text NOT NULL,
	"kind" "visit_kind" NOT NULL,
	"seq" integer NOT NULL,
	"source" "visit_line_source" NOT NULL,
	"assignee_id" uuid,
	"missed_notified_at" timestamp with time zone,
	CONSTRAINT "visit_plan_lines_month_ck" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "seq" >= 1)
);--> statement-breakpoint
ALTER TABLE "visit_plan_lines" ADD CONSTRAINT "visit_plan_lines_plan_id_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."visit_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_lines" ADD CONSTRAINT "visit_plan_lines_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_plan_lines_slot_uq" ON "visit_plan_lines" USING btree ("plan_id","month","kind","seq");--> statement-breakpoint
CREATE INDEX "visit_plan_lines_month_idx" ON "visit_plan_lines" USING btree ("month");
