-- Read paths (issue 6, bench/reads.ts): the work-order list's next-deadline order answered from
-- small partial indexes of the running clocks; covering keys for the urgency count and deep pages.
DROP INDEX "service_requests_urgency_idx";--> statement-breakpoint
DROP INDEX "work_orders_created_idx";--> statement-breakpoint
CREATE INDEX "sla_clocks_next_due_idx" ON "sla_clocks" USING btree ("due_at","kind","request_id") WHERE stopped_at is null and paused_at is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_next_request_idx" ON "sla_clocks" USING btree ("request_id","due_at","kind") WHERE stopped_at is null and paused_at is null;--> statement-breakpoint
CREATE INDEX "service_requests_urgency_idx" ON "service_requests" USING btree ("urgency","received_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_created_idx" ON "work_orders" USING btree ("created_at","id","request_id");