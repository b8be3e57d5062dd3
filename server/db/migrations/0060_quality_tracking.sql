-- Quality tracking (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7): quality's flags on a model
-- (newly launched with a tracking end, unstable with reason/who/when, cleared with a reason; the
-- tracking-visit cadence), the tracking-visit lines per unit and period (one per unit and period),
-- and the rate-jump alerts (one per model and month: quality is told exactly once).
CREATE TABLE "model_quality_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"launch_date" date,
	"new_until" date,
	"unstable" boolean DEFAULT false NOT NULL,
	"unstable_reason" text,
	"unstable_since" timestamp with time zone,
	"unstable_by_id" uuid,
	"unstable_by_name" text,
	"cleared_at" timestamp with time zone,
	"cleared_by_name" text,
	"cleared_reason" text,
	"visit_every_months" integer DEFAULT 3 NOT NULL,
	CONSTRAINT "model_quality_flags_new_ck" CHECK (("launch_date" is null) = ("new_until" is null) and ("new_until" is null or "new_until" >= "launch_date")),
	CONSTRAINT "model_quality_flags_unstable_ck" CHECK (not "unstable" or (length(btrim(coalesce("unstable_reason", ''))) > 0 and "unstable_since" is not null)),
	CONSTRAINT "model_quality_flags_every_ck" CHECK ("visit_every_months" between 1 and 12)
);--> statement-breakpoint
ALTER TABLE "model_quality_flags" ADD CONSTRAINT "model_quality_flags_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_quality_flags" ADD CONSTRAINT "model_quality_flags_unstable_by_id_users_id_fk" FOREIGN KEY ("unstable_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_quality_flags_model_uq" ON "model_quality_flags" USING btree ("model_id");--> statement-breakpoint
CREATE TABLE "quality_visit_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"period_start" text NOT NULL,
	"due_month" text NOT NULL
);--> statement-breakpoint
ALTER TABLE "quality_visit_lines" ADD CONSTRAINT "quality_visit_lines_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_visit_lines" ADD CONSTRAINT "quality_visit_lines_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_visit_lines" ADD CONSTRAINT "quality_visit_lines_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_visit_lines_device_period_uq" ON "quality_visit_lines" USING btree ("device_id","period_start");--> statement-breakpoint
CREATE INDEX "quality_visit_lines_model_idx" ON "quality_visit_lines" USING btree ("model_id","period_start");--> statement-breakpoint
CREATE TABLE "quality_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"month" text NOT NULL,
	"faults" integer NOT NULL,
	"units" integer NOT NULL,
	"rate" numeric(8, 1) NOT NULL,
	"baseline" numeric(8, 1) NOT NULL,
	"notified_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_model_month_uq" ON "quality_alerts" USING btree ("model_id","month");
