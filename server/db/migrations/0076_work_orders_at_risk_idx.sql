-- Issue 17 item 4: the board's at-risk lane (assigned, not resolved, at_risk_from ≤ now) is one
-- range of this small partial index, its total an index count. A migration of its own because
-- the build runs before the migration's transaction (migrate-concurrently.ts), after the column
-- of 0075 exists; without locking work_orders.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "work_orders_at_risk_idx" ON "work_orders" USING btree ("at_risk_from") WHERE at_risk_from is not null and status in ('dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back');
