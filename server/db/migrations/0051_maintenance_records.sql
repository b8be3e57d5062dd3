-- Maintenance visit records with evidence (issue 13 §1 recording, §2; R-PM-1, R-PM-2): one record
-- per maintenance work order holding the template snapshot, the on-site window and each task's
-- result; its readings (each naming the instrument that took it, issue 13 §5) and its findings (a
-- finding not fixed on the spot opens a linked repair request). Photos are attachments of the work
-- order (owner_part 'maintenance:photo') with their sha256 and EXIF capture time.
CREATE TABLE "maintenance_records" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "template_id" uuid REFERENCES "maintenance_templates"("id") ON DELETE restrict,
  "template_name" text,
  "min_on_site_minutes" integer DEFAULT 0 NOT NULL,
  "photos_required" integer DEFAULT 0 NOT NULL,
  "tasks" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "task_results" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "arrived_at" timestamp with time zone,
  "departed_at" timestamp with time zone,
  "opened_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  CONSTRAINT "maintenance_records_window_ck" CHECK ("departed_at" IS NULL OR ("arrived_at" IS NOT NULL AND "departed_at" >= "arrived_at"))
);--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_records_work_order_uq" ON "maintenance_records" ("work_order_id");--> statement-breakpoint
CREATE INDEX "maintenance_records_device_idx" ON "maintenance_records" ("device_id", "arrived_at");--> statement-breakpoint
CREATE TABLE "maintenance_readings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "record_id" uuid NOT NULL REFERENCES "maintenance_records"("id") ON DELETE restrict,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "check_key" text NOT NULL,
  "label" text NOT NULL,
  "unit" text,
  "min" double precision,
  "max" double precision,
  "expected" text,
  "value" text NOT NULL,
  "numeric_value" double precision,
  "status" text NOT NULL,
  "out_of_range" boolean DEFAULT false NOT NULL,
  "instrument_id" uuid NOT NULL REFERENCES "instruments"("id") ON DELETE restrict,
  "taken_at" timestamp with time zone NOT NULL,
  "taken_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  CONSTRAINT "maintenance_readings_status_ck" CHECK ("status" IN ('in_range', 'low', 'high', 'not_applicable'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_readings_check_uq" ON "maintenance_readings" ("record_id", "check_key");--> statement-breakpoint
CREATE INDEX "maintenance_readings_device_idx" ON "maintenance_readings" ("device_id", "check_key", "taken_at");--> statement-breakpoint
CREATE INDEX "maintenance_readings_instrument_idx" ON "maintenance_readings" ("instrument_id", "taken_at");--> statement-breakpoint
CREATE TABLE "maintenance_findings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "record_id" uuid NOT NULL REFERENCES "maintenance_records"("id") ON DELETE restrict,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "device_id" uuid NOT NULL REFERENCES "devices"("id") ON DELETE restrict,
  "description" text NOT NULL,
  "fixed_on_spot" boolean NOT NULL,
  "request_id" uuid REFERENCES "service_requests"("id") ON DELETE restrict,
  "created_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  -- R-PM-1: a finding not fixed on the spot has its repair request, and only then.
  CONSTRAINT "maintenance_findings_request_ck" CHECK ("fixed_on_spot" = ("request_id" IS NULL))
);--> statement-breakpoint
CREATE INDEX "maintenance_findings_record_idx" ON "maintenance_findings" ("record_id");
