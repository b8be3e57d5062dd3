-- Training (issue 12 item 3, R-TR-1; seed 004 §5.2/§8, seed 003 办法§18, seed 001): customer
-- training sessions with attendees, assessments and numbered certificates; staff training plans,
-- records with self/supervisor/customer assessments; qualifications per engineer × model or skill.
CREATE TABLE "training_sessions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "department_id" uuid REFERENCES "departments"("id") ON DELETE restrict,
  "model_id" uuid NOT NULL REFERENCES "device_models"("id") ON DELETE restrict,
  "device_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  "title" text NOT NULL,
  "held_on" date NOT NULL,
  "place" text NOT NULL,
  "trainer_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "syllabus" text NOT NULL,
  "pass_mark" integer DEFAULT 60 NOT NULL,
  CONSTRAINT "training_sessions_pass_mark_ck" CHECK ("pass_mark" BETWEEN 0 AND 100)
);--> statement-breakpoint
CREATE INDEX "training_sessions_customer_idx" ON "training_sessions" ("customer_id", "held_on");--> statement-breakpoint
CREATE TABLE "training_attendees" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "session_id" uuid NOT NULL REFERENCES "training_sessions"("id") ON DELETE restrict,
  "name" text NOT NULL,
  "department" text,
  "job_title" text,
  "phone" text,
  "score" integer,
  "passed" boolean,
  "certificate_number" text,
  "certificate_token" text,
  "certificate_issued_at" timestamp with time zone,
  CONSTRAINT "training_attendees_score_ck" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100),
  CONSTRAINT "training_attendees_passed_ck" CHECK (("score" IS NULL) = ("passed" IS NULL)),
  -- A certificate only for one who passed (R-TR-1), number and token together.
  CONSTRAINT "training_attendees_certificate_ck" CHECK (("certificate_number" IS NULL) = ("certificate_token" IS NULL) AND ("certificate_number" IS NULL OR "passed"))
);--> statement-breakpoint
CREATE INDEX "training_attendees_session_idx" ON "training_attendees" ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendees_certificate_uq" ON "training_attendees" ("certificate_number");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendees_token_uq" ON "training_attendees" ("certificate_token");--> statement-breakpoint
CREATE TABLE "staff_training_plans" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "year" integer NOT NULL,
  "topic" text NOT NULL,
  "model_id" uuid REFERENCES "device_models"("id") ON DELETE restrict,
  "skill" text,
  "planned_month" integer NOT NULL,
  "trainee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  CONSTRAINT "staff_training_plans_year_ck" CHECK ("year" BETWEEN 2000 AND 2100),
  CONSTRAINT "staff_training_plans_month_ck" CHECK ("planned_month" BETWEEN 1 AND 12)
);--> statement-breakpoint
CREATE INDEX "staff_training_plans_year_idx" ON "staff_training_plans" ("year", "planned_month");--> statement-breakpoint
CREATE TABLE "staff_training_records" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "plan_id" uuid REFERENCES "staff_training_plans"("id") ON DELETE restrict,
  "trainee_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "topic" text NOT NULL,
  "model_id" uuid REFERENCES "device_models"("id") ON DELETE restrict,
  "skill" text,
  "held_on" date NOT NULL,
  "hours" numeric(5, 1) NOT NULL,
  "trainer" text NOT NULL,
  "self_score" integer,
  "supervisor_score" integer,
  "customer_score" integer,
  "assessment_comment" text,
  CONSTRAINT "staff_training_records_hours_ck" CHECK ("hours" > 0 AND "hours" <= 1000),
  CONSTRAINT "staff_training_records_scores_ck" CHECK (coalesce("self_score", 0) BETWEEN 0 AND 100 AND coalesce("supervisor_score", 0) BETWEEN 0 AND 100 AND coalesce("customer_score", 0) BETWEEN 0 AND 100)
);--> statement-breakpoint
CREATE INDEX "staff_training_records_trainee_idx" ON "staff_training_records" ("trainee_id", "held_on");--> statement-breakpoint
CREATE TABLE "qualifications" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "model_id" uuid REFERENCES "device_models"("id") ON DELETE restrict,
  "skill" text,
  "granted_on" date NOT NULL,
  "expires_on" date NOT NULL,
  "granted_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "basis_record_id" uuid REFERENCES "staff_training_records"("id") ON DELETE restrict,
  "basis" text NOT NULL,
  -- Per engineer × model, or × skill: exactly one of the two (R-TR-1).
  CONSTRAINT "qualifications_subject_ck" CHECK (("model_id" IS NULL) <> ("skill" IS NULL)),
  CONSTRAINT "qualifications_dates_ck" CHECK ("expires_on" > "granted_on")
);--> statement-breakpoint
CREATE INDEX "qualifications_user_idx" ON "qualifications" ("user_id", "model_id");--> statement-breakpoint
CREATE INDEX "qualifications_expiry_idx" ON "qualifications" ("expires_on");
