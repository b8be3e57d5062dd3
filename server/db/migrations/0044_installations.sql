-- Installation and acceptance (issue 12 item 2, R-IN-1; seed 004 §3, seed 003, seed 002 part 1):
-- installation notices with their site check, commissioning, three-party acceptance and handover;
-- checklist templates per model or category; per-accessory warranty terms of a model.
CREATE TYPE "public"."installation_status" AS ENUM('notified', 'site_check_failed', 'site_checked', 'installing', 'commissioned', 'accepted', 'handed_over', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."installation_party" AS ENUM('consent', 'service', 'customer', 'quality');--> statement-breakpoint
CREATE TYPE "public"."installation_defect_decision" AS ENUM('repair', 'exchange', 'return');--> statement-breakpoint
CREATE TABLE "installation_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"model_id" uuid,
	"category" text,
	"items" jsonb NOT NULL,
	CONSTRAINT "installation_templates_kind_ck" CHECK ("kind" in ('site_check', 'commissioning')),
	CONSTRAINT "installation_templates_scope_ck" CHECK (("model_id" is null) <> ("category" is null))
);--> statement-breakpoint
CREATE UNIQUE INDEX "installation_templates_scope_uq" ON "installation_templates" USING btree ("kind", coalesce("model_id"::text, ''), coalesce("category", ''));--> statement-breakpoint
CREATE TABLE "installations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"status" "installation_status" DEFAULT 'notified' NOT NULL,
	"device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"site_address" text NOT NULL,
	"planned_date" date NOT NULL,
	"sales_contact" text NOT NULL,
	"notes" text,
	"engineer_id" uuid,
	"created_by_id" uuid,
	"site_check" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"site_checked_at" timestamp with time zone,
	"install_started_at" timestamp with time zone,
	"commissioning" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consent_name" text,
	"consent_at" timestamp with time zone,
	"commissioned_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"acceptance_date" date,
	"training_due_at" timestamp with time zone,
	"handover" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handover_due_on" date,
	"handed_over_at" timestamp with time zone,
	"defect" text,
	"defect_decision" "installation_defect_decision",
	"defect_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	-- Seed 003: commissioning completes only with the customer's consent to the written results.
	CONSTRAINT "installations_consent_ck" CHECK ("status" not in ('commissioned', 'accepted', 'handed_over') or (consent_name is not null and consent_at is not null)),
	CONSTRAINT "installations_cancel_ck" CHECK ("status" <> 'cancelled' or cancel_reason is not null),
	CONSTRAINT "installations_defect_ck" CHECK (("defect" is null) = ("defect_decision" is null))
);--> statement-breakpoint
CREATE UNIQUE INDEX "installations_number_uq" ON "installations" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "installations_device_live_uq" ON "installations" USING btree ("device_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "installations_customer_idx" ON "installations" USING btree ("customer_id", "created_at");--> statement-breakpoint
CREATE INDEX "installations_handover_due_idx" ON "installations" USING btree ("handover_due_on") WHERE status = 'accepted';--> statement-breakpoint
CREATE TABLE "installation_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"installation_id" uuid NOT NULL,
	"party" "installation_party" NOT NULL,
	"meaning" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_user_id" uuid,
	"signed_at" timestamp with time zone NOT NULL,
	"image_png" text NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "installation_signatures_party_uq" ON "installation_signatures" USING btree ("installation_id", "party");--> statement-breakpoint
CREATE TABLE "accessory_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"part_number" text,
	"months" integer NOT NULL,
	"consumable" boolean DEFAULT false NOT NULL,
	CONSTRAINT "accessory_terms_months_ck" CHECK ("months" >= 0 and "months" <= 240)
);--> statement-breakpoint
CREATE UNIQUE INDEX "accessory_terms_model_name_uq" ON "accessory_terms" USING btree ("model_id", "name");--> statement-breakpoint
ALTER TABLE "installation_templates" ADD CONSTRAINT "installation_templates_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installation_signatures" ADD CONSTRAINT "installation_signatures_installation_id_installations_id_fk" FOREIGN KEY ("installation_id") REFERENCES "public"."installations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installation_signatures" ADD CONSTRAINT "installation_signatures_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accessory_terms" ADD CONSTRAINT "accessory_terms_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;

