-- Issue 17 item 4: the requests list's default order (newest first, then id) read from one index
-- alone, so a deep page (offset 50,000, API only) walks index entries, not 50,000 heap rows.
-- Replaces service_requests_received_idx (received_at only), which serves the same range filters.
-- Built without locking the table (migrate-concurrently.ts runs it outside the migration's transaction).
CREATE INDEX CONCURRENTLY IF NOT EXISTS "service_requests_received_id_idx" ON "service_requests" USING btree ("received_at" DESC,"id");--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS "service_requests_received_idx";
--> statement-breakpoint
-- The work orders by deadline past the jobs with a running clock (last page of the UI, deep pages
-- through the API): the rest in creation order from an index alone, no heap row read for its
-- next_due_at (47,551 heap rows for offset 50,000 at 1M without it).
CREATE INDEX CONCURRENTLY IF NOT EXISTS "work_orders_undue_created_idx" ON "work_orders" USING btree ("created_at","id") WHERE next_due_at is null;
