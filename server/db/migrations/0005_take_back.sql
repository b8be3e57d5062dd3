CREATE TYPE "public"."goods_direction" AS ENUM('in', 'out');--> statement-breakpoint
CREATE TYPE "public"."goods_receipt_status" AS ENUM('open', 'returned');--> statement-breakpoint
CREATE TABLE "goods_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"work_order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"items" jsonb NOT NULL,
	"accessories" text[] DEFAULT '{}'::text[] NOT NULL,
	"condition" text NOT NULL,
	"customer_signer_name" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by_id" uuid,
	"taken_by_name" text NOT NULL,
	"status" "goods_receipt_status" DEFAULT 'open' NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_by_name" text,
	"return_signer_name" text,
	"return_condition" text
);
--> statement-breakpoint
CREATE TABLE "goods_register" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"direction" "goods_direction" NOT NULL,
	"receipt_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"items" jsonb NOT NULL,
	"accessories" text[] DEFAULT '{}'::text[] NOT NULL,
	"condition" text NOT NULL,
	"counterpart_name" text NOT NULL,
	"handled_by_id" uuid,
	"handled_by_name" text NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "repair_card_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"technician_id" uuid,
	"technician_name" text NOT NULL,
	"minutes" integer NOT NULL,
	"description" text NOT NULL,
	"parts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "goods_receipts" ADD CONSTRAINT "goods_receipts_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_receipts" ADD CONSTRAINT "goods_receipts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_receipts" ADD CONSTRAINT "goods_receipts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_register" ADD CONSTRAINT "goods_register_receipt_id_goods_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."goods_receipts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_register" ADD CONSTRAINT "goods_register_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_register" ADD CONSTRAINT "goods_register_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_register" ADD CONSTRAINT "goods_register_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_card_entries" ADD CONSTRAINT "repair_card_entries_receipt_id_goods_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."goods_receipts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_card_entries" ADD CONSTRAINT "repair_card_entries_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "goods_receipts_number_uq" ON "goods_receipts" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_receipts_open_uq" ON "goods_receipts" USING btree ("work_order_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "goods_receipts_customer_idx" ON "goods_receipts" USING btree ("customer_id","taken_at");--> statement-breakpoint
CREATE INDEX "goods_register_at_idx" ON "goods_register" USING btree ("at");--> statement-breakpoint
CREATE INDEX "goods_register_customer_idx" ON "goods_register" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "goods_register_receipt_idx" ON "goods_register" USING btree ("receipt_id");--> statement-breakpoint
CREATE INDEX "repair_card_entries_receipt_idx" ON "repair_card_entries" USING btree ("receipt_id","at");