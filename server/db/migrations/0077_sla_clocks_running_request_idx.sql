-- Issue 17 item 4: the running clocks of the board's cards (≈150 requests) looked up by request.
-- Without it the planner walked every running clock in due order (sla_clocks_running_due_idx,
-- 5,438 at 1M work orders, 15 ms) and filtered by request; with it, 0.6 ms. Paused clocks are
-- included, unlike sla_clocks_next_request_idx.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "sla_clocks_running_request_idx" ON "sla_clocks" USING btree ("request_id","due_at") WHERE stopped_at is null;
