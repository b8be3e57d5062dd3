-- Read paths (issue 6, bench/reads.ts): past the first page of the next-deadline order, each
-- request's order and its sort key come from the index alone.
DROP INDEX "work_orders_request_idx";--> statement-breakpoint
CREATE INDEX "work_orders_request_idx" ON "work_orders" USING btree ("request_id","created_at","id");