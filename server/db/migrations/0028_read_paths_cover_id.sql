-- Read paths (issue 6, bench/reads.ts): the order's id too, so a customer's or an engineer's
-- page is read from the index alone.
DROP INDEX "work_orders_lead_idx";--> statement-breakpoint
DROP INDEX "work_orders_customer_idx";--> statement-breakpoint
CREATE INDEX "work_orders_lead_idx" ON "work_orders" USING btree ("lead_engineer_id","created_at","id","request_id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","created_at","id","request_id");