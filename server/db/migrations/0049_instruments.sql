-- Service tools and measuring instruments with calibration (issue 13 §5; seed 001
-- 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查; ISO 13485 §7.6): the register with its
-- holder and due date, calibrations with certificates, hand-over history. Never deleted.
CREATE TYPE "public"."instrument_kind" AS ENUM('electrical_safety_analyser', 'thermometer', 'dose_meter', 'phantom', 'multimeter', 'pressure_gauge', 'other');--> statement-breakpoint
CREATE TYPE "public"."instrument_status" AS ENUM('in_use', 'in_store', 'out_for_calibration', 'out_of_tolerance', 'retired');--> statement-breakpoint
CREATE TYPE "public"."instrument_holder_kind" AS ENUM('engineer', 'warehouse', 'store');--> statement-breakpoint
CREATE TYPE "public"."calibration_result" AS ENUM('pass', 'fail', 'adjusted');--> statement-breakpoint
CREATE TABLE "instruments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "code" text NOT NULL,
  "name" text NOT NULL,
  "kind" "instrument_kind" NOT NULL,
  "maker" text,
  "model" text,
  "serial_number" text,
  "holder_kind" "instrument_holder_kind" DEFAULT 'store' NOT NULL,
  "holder_user_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "holder_warehouse_id" uuid REFERENCES "warehouses"("id") ON DELETE restrict,
  "status" "instrument_status" DEFAULT 'in_store' NOT NULL,
  "calibration_interval_months" integer NOT NULL,
  "last_calibrated_on" date,
  "next_due_on" date,
  "notes" text,
  "retired_at" timestamp with time zone,
  "retired_reason" text,
  "reminded_due_soon_for" date,
  "reminded_overdue_for" date,
  CONSTRAINT "instruments_interval_ck" CHECK ("calibration_interval_months" BETWEEN 1 AND 120),
  -- The holder is exactly what its kind says: an engineer, a van/warehouse, or the store.
  CONSTRAINT "instruments_holder_ck" CHECK (
    ("holder_kind" = 'engineer' AND "holder_user_id" IS NOT NULL AND "holder_warehouse_id" IS NULL)
    OR ("holder_kind" = 'warehouse' AND "holder_warehouse_id" IS NOT NULL AND "holder_user_id" IS NULL)
    OR ("holder_kind" = 'store' AND "holder_user_id" IS NULL AND "holder_warehouse_id" IS NULL)),
  -- Retired with a reason, and only then.
  CONSTRAINT "instruments_retired_ck" CHECK (("status" = 'retired') = ("retired_at" IS NOT NULL) AND ("retired_at" IS NULL) = ("retired_reason" IS NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "instruments_code_uq" ON "instruments" (lower("code"));--> statement-breakpoint
CREATE INDEX "instruments_next_due_idx" ON "instruments" ("next_due_on");--> statement-breakpoint
CREATE INDEX "instruments_holder_user_idx" ON "instruments" ("holder_user_id");--> statement-breakpoint
CREATE TABLE "instrument_calibrations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "instrument_id" uuid NOT NULL REFERENCES "instruments"("id") ON DELETE restrict,
  "calibrated_on" date NOT NULL,
  "result" "calibration_result" NOT NULL,
  "certificate_number" text,
  "lab" text,
  "valid_until" date,
  "note" text,
  "recorded_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  CONSTRAINT "instrument_calibrations_valid_ck" CHECK ("valid_until" IS NULL OR "valid_until" > "calibrated_on")
);--> statement-breakpoint
CREATE INDEX "instrument_calibrations_instrument_idx" ON "instrument_calibrations" ("instrument_id", "calibrated_on");--> statement-breakpoint
CREATE TABLE "instrument_handovers" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "instrument_id" uuid NOT NULL REFERENCES "instruments"("id") ON DELETE restrict,
  "from_kind" "instrument_holder_kind" NOT NULL,
  "from_user_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "from_warehouse_id" uuid REFERENCES "warehouses"("id") ON DELETE restrict,
  "to_kind" "instrument_holder_kind" NOT NULL,
  "to_user_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "to_warehouse_id" uuid REFERENCES "warehouses"("id") ON DELETE restrict,
  "handed_over_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "note" text
);--> statement-breakpoint
CREATE INDEX "instrument_handovers_instrument_idx" ON "instrument_handovers" ("instrument_id", "created_at");
