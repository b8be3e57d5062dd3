CREATE TYPE "public"."payment_method" AS ENUM('collected', 'invoiced');--> statement-breakpoint
CREATE TYPE "public"."travel_mode" AS ENUM('per_km', 'per_zone');--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"labour_per_hour" numeric(12, 2) NOT NULL,
	"call_out_fee" numeric(12, 2) NOT NULL,
	"travel_mode" "travel_mode" NOT NULL,
	"travel_per_km" numeric(12, 2) NOT NULL,
	"travel_urban" numeric(12, 2) NOT NULL,
	"travel_suburban" numeric(12, 2) NOT NULL,
	"travel_remote" numeric(12, 2) NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"method" "payment_method" NOT NULL,
	"reference" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "travel_km" numeric(8, 1);--> statement-breakpoint
ALTER TABLE "work_order_payments" ADD CONSTRAINT "work_order_payments_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "price_lists_version_uq" ON "price_lists" USING btree ("version_no");--> statement-breakpoint
CREATE INDEX "price_lists_effective_idx" ON "price_lists" USING btree ("effective_from");--> statement-breakpoint
CREATE INDEX "work_order_payments_wo_idx" ON "work_order_payments" USING btree ("work_order_id","at");