CREATE TYPE "public"."complaint_channel" AS ENUM('hotline', 'email', 'portal', 'survey', 'followup', 'onsite');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('minor', 'normal', 'major');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('draft', 'open', 'investigating', 'replied', 'verified', 'closed');--> statement-breakpoint
CREATE TYPE "public"."followup_method" AS ENUM('phone', 'onsite');--> statement-breakpoint
CREATE TYPE "public"."followup_outcome" AS ENUM('no_problem', 'solved_by_phone', 'escalated');--> statement-breakpoint
CREATE TYPE "public"."followup_service_type" AS ENUM('installation', 'upgrade', 'technical_support', 'repair', 'maintenance', 'warranty_period', 'post_warranty');--> statement-breakpoint
CREATE TYPE "public"."followup_status" AS ENUM('pending', 'escalated', 'approved', 'done');--> statement-breakpoint
CREATE TYPE "public"."followup_track" AS ENUM('main', 'tracking', 'onsite', 'phone');--> statement-breakpoint
CREATE TYPE "public"."output_quality" AS ENUM('normal', 'poor');--> statement-breakpoint
CREATE TYPE "public"."survey_channel" AS ENUM('link', 'portal', 'phone');--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"status" "complaint_status" DEFAULT 'open' NOT NULL,
	"channel" "complaint_channel" NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"customer_id" uuid NOT NULL,
	"complainant_name" text NOT NULL,
	"complainant_phone" text,
	"device_id" uuid,
	"device_identifier" text,
	"work_order_id" uuid,
	"followup_id" uuid,
	"survey_id" uuid,
	"matter" text NOT NULL,
	"cause" text,
	"severity" "complaint_severity" DEFAULT 'normal' NOT NULL,
	"owner_id" uuid,
	"deadline" date,
	"reportable" boolean,
	"reportability_reason" text,
	"investigation_started_on" date,
	"investigation_ended_on" date,
	"investigation_result" text,
	"no_investigation_reason" text,
	"root_cause" text,
	"corrective_action" text,
	"reply" text,
	"replied_at" timestamp with time zone,
	"verification" text,
	"substantiated" boolean,
	"responsible_id" uuid,
	"repeat_of_id" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "followup_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"work_order_id" uuid,
	"service_type" "followup_service_type" NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"rule_set_id" uuid,
	"rule_version_no" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"owner_id" uuid,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_type" "followup_service_type" NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" text,
	"key" text NOT NULL,
	"track" "followup_track" NOT NULL,
	"method" "followup_method" NOT NULL,
	"earliest_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"status" "followup_status" DEFAULT 'pending' NOT NULL,
	"questionnaire_id" uuid,
	"answers" jsonb,
	"quality" "output_quality",
	"outcome" "followup_outcome",
	"record" text,
	"remarks" text,
	"contact_name" text,
	"done_at" timestamp with time zone,
	"visitor_id" uuid,
	"visitor_name" text,
	"problem" text,
	"proposed_plan" text,
	"approved_plan" text,
	"approved_at" timestamp with time zone,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"customer_informed_at" timestamp with time zone,
	"request_id" uuid,
	"guidance" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_id" uuid,
	"reviewed_by_name" text
);
--> statement-breakpoint
CREATE TABLE "followup_questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"device_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"items" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"nonce_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"channel" "survey_channel",
	"attitude" smallint,
	"skill" smallint,
	"timeliness" smallint,
	"promise" smallint,
	"comments" text,
	"respondent_name" text,
	"entered_by_id" uuid,
	"entered_by_name" text,
	"complaint_flag" text
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_followup_id_followups_id_fk" FOREIGN KEY ("followup_id") REFERENCES "public"."followups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_plans" ADD CONSTRAINT "followup_plans_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_plans" ADD CONSTRAINT "followup_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_plans" ADD CONSTRAINT "followup_plans_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_plans" ADD CONSTRAINT "followup_plans_rule_set_id_followup_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."followup_rule_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_plans" ADD CONSTRAINT "followup_plans_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_plan_id_followup_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."followup_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_questionnaire_id_followup_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."followup_questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number_uq" ON "complaints" USING btree ("number");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_plans_work_order_uq" ON "followup_plans" USING btree ("work_order_id") WHERE work_order_id is not null;--> statement-breakpoint
CREATE INDEX "followup_plans_device_idx" ON "followup_plans" USING btree ("device_id","completed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_rule_sets_version_uq" ON "followup_rule_sets" USING btree ("service_type","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "followups_plan_key_uq" ON "followups" USING btree ("plan_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "followups_number_uq" ON "followups" USING btree ("number");--> statement-breakpoint
CREATE INDEX "followups_open_idx" ON "followups" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "followups_assignee_idx" ON "followups" USING btree ("assignee_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_questionnaires_code_uq" ON "followup_questionnaires" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_work_order_uq" ON "surveys" USING btree ("work_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_nonce_uq" ON "surveys" USING btree ("nonce_hash");--> statement-breakpoint
CREATE INDEX "surveys_customer_idx" ON "surveys" USING btree ("customer_id","created_at");