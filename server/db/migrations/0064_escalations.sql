-- The technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1): experts by tier, escalations with
-- question/answer/remote guidance, auto-escalation hours per urgency (fired once per work order and
-- step: the partial unique index), progress notes, and the temporary measure (degraded) recorded
-- apart from the restore clock.
CREATE TABLE "expert_tiers" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE restrict,
  "tier" text NOT NULL,
  "model_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  "categories" text[] DEFAULT '{}'::text[] NOT NULL,
  CONSTRAINT "expert_tiers_tier_ck" CHECK (tier in ('L2', 'L3'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "expert_tiers_user_uq" ON "expert_tiers" ("user_id");
--> statement-breakpoint
CREATE TABLE "escalations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "from_tier" text NOT NULL,
  "to_tier" text NOT NULL,
  "status" text DEFAULT 'open' NOT NULL,
  "question" text NOT NULL,
  "asked_by" uuid,
  "asked_by_name" text NOT NULL,
  "asked_at" timestamp with time zone NOT NULL,
  "assignee_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "answer" text,
  "answered_at" timestamp with time zone,
  "answered_by_name" text,
  "guidance_channel" text,
  "guidance_minutes" integer,
  "guidance_note" text,
  "guidance_at" timestamp with time zone,
  "closed_at" timestamp with time zone,
  "closed_by_name" text,
  "close_note" text,
  "auto_step" text,
  CONSTRAINT "escalations_tier_order_ck" CHECK (to_tier > from_tier),
  CONSTRAINT "escalations_minutes_ck" CHECK (guidance_minutes is null or guidance_minutes between 0 and 10000),
  CONSTRAINT "escalations_tiers_ck" CHECK (from_tier in ('L1', 'L2', 'L3') and to_tier in ('L1', 'L2', 'L3') and (auto_step is null or auto_step = to_tier)),
  CONSTRAINT "escalations_status_ck" CHECK (status in ('open', 'answered', 'closed')),
  CONSTRAINT "escalations_channel_ck" CHECK (guidance_channel is null or guidance_channel in ('phone', 'video', 'on_site'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_auto_step_uq" ON "escalations" ("work_order_id", "auto_step") WHERE auto_step is not null;
--> statement-breakpoint
CREATE INDEX "escalations_work_order_idx" ON "escalations" ("work_order_id", "asked_at");
--> statement-breakpoint
CREATE INDEX "escalations_open_idx" ON "escalations" ("asked_at") WHERE status <> 'closed';
--> statement-breakpoint
CREATE TABLE "escalation_settings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "urgency" text NOT NULL,
  "l2_after_hours" integer,
  "l3_after_hours" integer,
  CONSTRAINT "escalation_settings_order_ck" CHECK (l2_after_hours is null or l3_after_hours is null or l3_after_hours > l2_after_hours)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_settings_urgency_uq" ON "escalation_settings" ("urgency");
--> statement-breakpoint
-- Plain (calendar) hours after the request was received; emergency 2 h → L2, 6 h → L3; urgent 8 h / 24 h; the others never by time.
INSERT INTO "escalation_settings" ("urgency", "l2_after_hours", "l3_after_hours") VALUES
  ('emergency', 2, 6), ('urgent', 8, 24), ('normal', NULL, NULL), ('low', NULL, NULL);
--> statement-breakpoint
CREATE TABLE "work_order_progress_notes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "note" text NOT NULL,
  "by_id" uuid,
  "by_name" text NOT NULL,
  "at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "work_order_progress_notes_wo_idx" ON "work_order_progress_notes" ("work_order_id", "at");
--> statement-breakpoint
CREATE TABLE "work_order_degradations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE restrict,
  "degraded_at" timestamp with time zone NOT NULL,
  "measure" text NOT NULL,
  "by_name" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_degradations_wo_uq" ON "work_order_degradations" ("work_order_id");
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "degraded_at" timestamp with time zone;
