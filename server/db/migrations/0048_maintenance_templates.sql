-- Maintenance templates (issue 13 §1, R-PM-1; seed 004 §4): per device model or device category,
-- the tasks, the checks with range and unit, the parts kit, the interval, the estimated duration,
-- the minimum time on site and the photos a visit must bring (R-PM-2 evidence, used by the visits).
CREATE TABLE "maintenance_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid,
	"category" "device_category",
	"name" text NOT NULL,
	"interval_months" integer NOT NULL,
	"estimated_minutes" integer NOT NULL,
	"min_on_site_minutes" integer NOT NULL,
	"photos_required" integer DEFAULT 0 NOT NULL,
	"tasks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parts_kit" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "maintenance_templates_scope_ck" CHECK (("model_id" is null) <> ("category" is null)),
	CONSTRAINT "maintenance_templates_interval_ck" CHECK ("interval_months" between 1 and 24),
	CONSTRAINT "maintenance_templates_minutes_ck" CHECK ("estimated_minutes" between 1 and 1440 and "min_on_site_minutes" between 0 and "estimated_minutes"),
	CONSTRAINT "maintenance_templates_photos_ck" CHECK ("photos_required" between 0 and 20)
);--> statement-breakpoint
ALTER TABLE "maintenance_templates" ADD CONSTRAINT "maintenance_templates_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_templates_model_uq" ON "maintenance_templates" USING btree ("model_id") WHERE model_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_templates_category_uq" ON "maintenance_templates" USING btree ("category") WHERE category is not null;
