-- Issue 10 item 6: the next-deadline order from work_orders alone. Each work order carries its
-- request's running (not paused) clock due first, kept by triggers on sla_clocks, so the default
-- list is one index range on one table and its plan cannot depend on join statistics (without
-- statistics the old clocks-to-orders join took seconds at 1,300 open requests).
ALTER TABLE "work_orders" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "next_due_kind" "sla_clock_kind";--> statement-breakpoint
CREATE FUNCTION work_orders_next_due_refresh(request_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE work_orders w SET next_due_at = n.due_at, next_due_kind = n.kind
  FROM (SELECT r.id AS request_id, c.due_at, c.kind FROM unnest(request_ids) AS r(id)
        LEFT JOIN LATERAL (SELECT c.due_at, c.kind FROM sla_clocks c
          WHERE c.request_id = r.id AND c.stopped_at IS NULL AND c.paused_at IS NULL
          ORDER BY c.due_at, c.kind LIMIT 1) c ON true) n
  WHERE w.request_id = n.request_id
    AND (w.next_due_at IS DISTINCT FROM n.due_at OR w.next_due_kind IS DISTINCT FROM n.kind)
$$;--> statement-breakpoint
CREATE FUNCTION sla_clocks_next_due_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM work_orders_next_due_refresh(array(SELECT DISTINCT request_id FROM new_clocks));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION sla_clocks_next_due_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of what decides the next deadline: the sweep's warning and breach marks do not
  -- touch the work order (no row lock taken against a user editing it).
  PERFORM work_orders_next_due_refresh(array(
    SELECT DISTINCT x.request_id FROM new_clocks n JOIN old_clocks o ON o.id = n.id,
      LATERAL (VALUES (n.request_id), (o.request_id)) AS x(request_id)
    WHERE (n.request_id, n.kind, n.due_at, n.stopped_at, n.paused_at) IS DISTINCT FROM (o.request_id, o.kind, o.due_at, o.stopped_at, o.paused_at)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION sla_clocks_next_due_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM work_orders_next_due_refresh(array(SELECT DISTINCT request_id FROM old_clocks));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_next_due_insert AFTER INSERT ON sla_clocks REFERENCING NEW TABLE AS new_clocks
  FOR EACH STATEMENT EXECUTE FUNCTION sla_clocks_next_due_inserted();--> statement-breakpoint
CREATE TRIGGER sla_clocks_next_due_update AFTER UPDATE ON sla_clocks REFERENCING OLD TABLE AS old_clocks NEW TABLE AS new_clocks
  FOR EACH STATEMENT EXECUTE FUNCTION sla_clocks_next_due_updated();--> statement-breakpoint
CREATE TRIGGER sla_clocks_next_due_delete AFTER DELETE ON sla_clocks REFERENCING OLD TABLE AS old_clocks
  FOR EACH STATEMENT EXECUTE FUNCTION sla_clocks_next_due_deleted();--> statement-breakpoint
-- A work order created after its request's clocks (bulk loads) picks its next deadline up at once.
CREATE FUNCTION work_orders_next_due_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.due_at, c.kind INTO NEW.next_due_at, NEW.next_due_kind FROM sla_clocks c
    WHERE c.request_id = NEW.request_id AND c.stopped_at IS NULL AND c.paused_at IS NULL
    ORDER BY c.due_at, c.kind LIMIT 1;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER work_orders_next_due_insert BEFORE INSERT ON work_orders
  FOR EACH ROW EXECUTE FUNCTION work_orders_next_due_default();--> statement-breakpoint
UPDATE work_orders w SET next_due_at = n.due_at, next_due_kind = n.kind
  FROM (SELECT DISTINCT ON (c.request_id) c.request_id, c.due_at, c.kind FROM sla_clocks c
        WHERE c.stopped_at IS NULL AND c.paused_at IS NULL ORDER BY c.request_id, c.due_at, c.kind) n
  WHERE w.request_id = n.request_id;--> statement-breakpoint
-- Every deadline page is one range of one of these (partial: only work with a running clock).
CREATE INDEX "work_orders_next_due_idx" ON "work_orders" USING btree ("next_due_at","created_at","id") WHERE next_due_at is not null;--> statement-breakpoint
CREATE INDEX "work_orders_customer_next_due_idx" ON "work_orders" USING btree ("customer_id","next_due_at","created_at","id") WHERE next_due_at is not null;--> statement-breakpoint
CREATE INDEX "work_orders_lead_next_due_idx" ON "work_orders" USING btree ("lead_engineer_id","next_due_at","created_at","id") WHERE next_due_at is not null;--> statement-breakpoint
CREATE INDEX "work_orders_status_next_due_idx" ON "work_orders" USING btree ("status","next_due_at","created_at","id") WHERE next_due_at is not null;
