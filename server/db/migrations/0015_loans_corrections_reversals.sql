CREATE TYPE "public"."loan_outcome" AS ENUM('met', 'breached');--> statement-breakpoint
CREATE TYPE "public"."loan_status" AS ENUM('open', 'returned');--> statement-breakpoint
ALTER TYPE "public"."payment_method" ADD VALUE 'reversal';--> statement-breakpoint
CREATE TABLE "loaner_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"loaner_device_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"served_device_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" "loan_status" DEFAULT 'open' NOT NULL,
	"lent_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"outcome" "loan_outcome" NOT NULL,
	"lent_by_id" uuid,
	"lent_by_name" text NOT NULL,
	"notes" text,
	"returned_at" timestamp with time zone,
	"return_condition" text,
	"returned_by_id" uuid,
	"returned_by_name" text
);
--> statement-breakpoint
CREATE TABLE "work_order_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"from_version" integer NOT NULL,
	"to_version" integer NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"previous_snapshot" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "priority_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_payments" ADD COLUMN "reverses_id" uuid;--> statement-breakpoint
ALTER TABLE "work_order_payments" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "loaner_units" ADD CONSTRAINT "loaner_units_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_loaner_device_id_devices_id_fk" FOREIGN KEY ("loaner_device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_served_device_id_devices_id_fk" FOREIGN KEY ("served_device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_corrections" ADD CONSTRAINT "work_order_corrections_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loaner_units_device_uq" ON "loaner_units" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_loaner_open_uq" ON "loans" USING btree ("loaner_device_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "loans_request_open_uq" ON "loans" USING btree ("request_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "loans_loaner_idx" ON "loans" USING btree ("loaner_device_id","lent_at");--> statement-breakpoint
CREATE INDEX "loans_served_idx" ON "loans" USING btree ("served_device_id","lent_at");--> statement-breakpoint
CREATE INDEX "loans_customer_idx" ON "loans" USING btree ("customer_id","lent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_corrections_version_uq" ON "work_order_corrections" USING btree ("work_order_id","to_version");--> statement-breakpoint
ALTER TABLE "work_order_payments" ADD CONSTRAINT "work_order_payments_reverses_id_work_order_payments_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."work_order_payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_payments_reverses_uq" ON "work_order_payments" USING btree ("reverses_id");