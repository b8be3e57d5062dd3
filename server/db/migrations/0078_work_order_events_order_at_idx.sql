-- Issue 17 item 4: the daily reports read each live order's events up to the day's end in time
-- order (one lookup per order, ~5,000 orders a day at 1M work orders). With only
-- work_order_events_wo_idx (work_order_id, id) each lookup was a bitmap scan and a sort:
-- 48 ms for the day's lookups alone; walking this index in order, 16 ms.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "work_order_events_order_at_idx" ON "work_order_events" USING btree ("work_order_id","at","id");
