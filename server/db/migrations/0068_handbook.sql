-- Service handbook (售后服务手册, issue 15 §5, R-KB-1; seed 002; 办法§17): entries by model or
-- category and fault code (working copy + frozen published versions with search bigrams), the
-- fault-code table per model, the monthly what's-new digest key, and the model documents.
CREATE TABLE "handbook_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"model_id" uuid,
	"category" "device_category",
	"fault_code" text,
	"title" text NOT NULL,
	"symptoms" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"fix" text DEFAULT '' NOT NULL,
	"part_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_revision" integer DEFAULT 0 NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"review_note" text,
	"source_work_order_id" uuid,
	"retired_at" timestamp with time zone,
	CONSTRAINT "handbook_entries_subject_ck" CHECK (("model_id" is null) <> ("category" is null)),
	CONSTRAINT "handbook_entries_title_ck" CHECK (length(btrim("title")) > 0)
);--> statement-breakpoint
ALTER TABLE "handbook_entries" ADD CONSTRAINT "handbook_entries_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_entries" ADD CONSTRAINT "handbook_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_entries" ADD CONSTRAINT "handbook_entries_source_work_order_id_work_orders_id_fk" FOREIGN KEY ("source_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handbook_entries_number_uq" ON "handbook_entries" USING btree ("number");--> statement-breakpoint
CREATE INDEX "handbook_entries_model_idx" ON "handbook_entries" USING btree ("model_id","state");--> statement-breakpoint
CREATE INDEX "handbook_entries_source_idx" ON "handbook_entries" USING btree ("source_work_order_id") WHERE source_work_order_id is not null;--> statement-breakpoint
CREATE TABLE "handbook_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"model_id" uuid,
	"category" "device_category",
	"fault_code" text,
	"title" text NOT NULL,
	"symptoms" text NOT NULL,
	"cause" text NOT NULL,
	"fix" text NOT NULL,
	"part_codes" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"grams" text[] NOT NULL,
	"author_name" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_by_name" text NOT NULL,
	"review_note" text
);--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_entry_id_handbook_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."handbook_entries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handbook_versions_entry_revision_uq" ON "handbook_versions" USING btree ("entry_id","revision");--> statement-breakpoint
CREATE INDEX "handbook_versions_published_idx" ON "handbook_versions" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "handbook_versions_grams_idx" ON "handbook_versions" USING gin ("grams");--> statement-breakpoint
CREATE TABLE "handbook_fault_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"code" text NOT NULL,
	"meaning" text NOT NULL
);--> statement-breakpoint
ALTER TABLE "handbook_fault_codes" ADD CONSTRAINT "handbook_fault_codes_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handbook_fault_codes_model_code_uq" ON "handbook_fault_codes" USING btree ("model_id","code");--> statement-breakpoint
CREATE TABLE "handbook_digests" (
	"month" text PRIMARY KEY NOT NULL,
	"entries" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "model_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"doc_version" text NOT NULL,
	"offered_to_customer" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "model_documents_title_ck" CHECK (length(btrim("title")) > 0)
);--> statement-breakpoint
ALTER TABLE "model_documents" ADD CONSTRAINT "model_documents_model_id_device_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."device_models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_documents_model_idx" ON "model_documents" USING btree ("model_id");
