-- Issue 10 item 9: an engineer whose van lacks a part asks for it from the central or emergency store; the parts administrator fulfils the request with a ledger transfer into the van (or refuses it).
CREATE TYPE "public"."transfer_request_status" AS ENUM('requested', 'fulfilled', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TABLE "parts_transfer_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "transfer_request_status" DEFAULT 'requested' NOT NULL,
	"part_id" uuid NOT NULL,
	"qty" integer NOT NULL,
	"from_warehouse_id" uuid NOT NULL,
	"to_warehouse_id" uuid NOT NULL,
	"work_order_id" uuid,
	"requested_by_id" uuid,
	"requested_by_name" text NOT NULL,
	"note" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decision_note" text,
	"lot" text,
	"transfer_id" uuid,
	CONSTRAINT "parts_transfer_requests_qty_ck" CHECK ("qty" > 0),
	CONSTRAINT "parts_transfer_requests_distinct_ck" CHECK ("from_warehouse_id" <> "to_warehouse_id"),
	CONSTRAINT "parts_transfer_requests_fulfilled_ck" CHECK ("status" <> 'fulfilled' OR "transfer_id" IS NOT NULL)
);--> statement-breakpoint
ALTER TABLE "parts_transfer_requests" ADD CONSTRAINT "parts_transfer_requests_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_transfer_requests" ADD CONSTRAINT "parts_transfer_requests_from_warehouse_id_warehouses_id_fk" FOREIGN KEY ("from_warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_transfer_requests" ADD CONSTRAINT "parts_transfer_requests_to_warehouse_id_warehouses_id_fk" FOREIGN KEY ("to_warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_transfer_requests" ADD CONSTRAINT "parts_transfer_requests_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parts_transfer_requests_status_idx" ON "parts_transfer_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "parts_transfer_requests_requester_idx" ON "parts_transfer_requests" USING btree ("requested_by_id","created_at");--> statement-breakpoint
CREATE INDEX "parts_transfer_requests_wo_idx" ON "parts_transfer_requests" USING btree ("work_order_id");--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD COLUMN "source" text DEFAULT 'non_stock' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD COLUMN "source_note" text;--> statement-breakpoint
UPDATE "work_order_parts" SET "source" = 'stock' WHERE "ledger_entry_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_source_ck" CHECK ("source" IN ('stock', 'customer_supplied', 'non_stock') AND ("source" = 'stock') = ("ledger_entry_id" IS NOT NULL));
