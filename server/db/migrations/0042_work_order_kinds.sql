-- Issue 12 item 1: work orders get a kind (workorders.kinds.ts). Every existing work order came
-- from a repair request: the default backfills 'repair' (a constant default, no table rewrite).
CREATE TYPE "public"."work_order_kind" AS ENUM('repair', 'installation', 'maintenance', 'upgrade', 'training', 'consultation', 'return_exchange');--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "kind" "work_order_kind" DEFAULT 'repair' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "planned_date" date;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "origin_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_origin_work_order_id_work_orders_id_fk" FOREIGN KEY ("origin_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Only a return/exchange names the job it comes from (seed 003 包修、包换、包退).
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_origin_kind_ck" CHECK (origin_work_order_id is null or kind = 'return_exchange');--> statement-breakpoint
-- The kind filter (list, board, device timeline): non-repair jobs only, a small partial index that
-- leaves the repair-heavy read paths (issue 17) untouched; existing rows are all repairs, so it starts empty.
CREATE INDEX IF NOT EXISTS "work_orders_kind_idx" ON "work_orders" USING btree ("kind","created_at","id") WHERE kind <> 'repair';
