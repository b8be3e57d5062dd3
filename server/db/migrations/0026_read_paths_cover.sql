-- Read paths (issue 6, bench/reads.ts): a customer's or an engineer's orders with their requests,
-- so their next deadlines need no visit to the table.
DROP INDEX "work_orders_lead_idx";--> statement-breakpoint
DROP INDEX "work_orders_customer_idx";--> statement-breakpoint
CREATE INDEX "work_orders_lead_idx" ON "work_orders" USING btree ("lead_engineer_id","created_at","request_id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","created_at","request_id");