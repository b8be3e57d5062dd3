-- Work queues for the after-service sweep (issue 6, "timers at scale"). The minute sweep
-- (server/modules/followups/followups.jobs.ts) asked "which reviewed/closed work order has no
-- plan / no survey yet?", "which accepted device lacks its standing plan?" and "which notice is
-- not fanned out yet?" with anti-joins over whole tables: ~12 s a minute at a million work orders
-- with nothing to do. Now triggers note each candidate when it appears and the sweep reads only
-- these small queues, clearing an entry in the transaction that does the work. A queue entry only
-- says "look here": the unique indexes on followup_plans, surveys and notification_fanout stay the
-- exactly-once guarantee, and the sweep re-checks every condition against the records. Work orders
-- and devices are never written here. Not in the Drizzle schema; queried with sql``. Also: the
-- complaint deadline reminder reads open complaints by a partial index, not every complaint ever.

-- A work order that became reviewed/closed and may still lack its repair plan and/or its survey.
CREATE TABLE care_pending (
  work_order_id uuid PRIMARY KEY REFERENCES work_orders(id) ON DELETE CASCADE,
  needs_plan boolean NOT NULL DEFAULT true,
  needs_survey boolean NOT NULL DEFAULT true,
  queued_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
-- An accepted device to look at on or after due_on: '-infinity' = now (new, or its acceptance,
-- warranty end or retirement changed); otherwise the day after its warranty ends (post-warranty plan).
CREATE TABLE care_pending_devices (
  device_id uuid PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  due_on date NOT NULL DEFAULT '-infinity',
  queued_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
CREATE INDEX care_pending_devices_due_idx ON care_pending_devices (due_on);--> statement-breakpoint
-- A notice not yet turned into channel outbox rows (fanOut, server/modules/channels).
CREATE TABLE notification_fanout_pending (
  notification_id uuid PRIMARY KEY REFERENCES notifications(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);--> statement-breakpoint
CREATE INDEX notification_fanout_pending_created_idx ON notification_fanout_pending (created_at);--> statement-breakpoint

-- Work orders inserted already reviewed/closed (bulk loads): one statement, one insert. A new
-- work order cannot have a plan or a survey yet (both reference it).
CREATE FUNCTION care_pending_inserted_work_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO care_pending (work_order_id)
  SELECT n.id FROM care_new n WHERE n.status IN ('reviewed', 'closed')
  ON CONFLICT (work_order_id) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER work_orders_care_pending_insert AFTER INSERT ON work_orders
  REFERENCING NEW TABLE AS care_new FOR EACH STATEMENT EXECUTE FUNCTION care_pending_inserted_work_orders();--> statement-breakpoint
-- A work order becoming reviewed or closed (also again after a correction, R-WO-5: then it
-- normally has both already and nothing is queued).
CREATE FUNCTION care_pending_completed_work_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  plan boolean := NOT EXISTS (SELECT 1 FROM followup_plans p WHERE p.work_order_id = NEW.id);
  survey boolean := NOT EXISTS (SELECT 1 FROM surveys s WHERE s.work_order_id = NEW.id);
BEGIN
  IF plan OR survey THEN
    INSERT INTO care_pending (work_order_id, needs_plan, needs_survey) VALUES (NEW.id, plan, survey)
    ON CONFLICT (work_order_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER work_orders_care_pending_status AFTER UPDATE OF status ON work_orders FOR EACH ROW
  WHEN (NEW.status IN ('reviewed', 'closed') AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION care_pending_completed_work_order();--> statement-breakpoint

-- Devices: queued when they start to qualify for a standing cadence or its type may change.
CREATE FUNCTION care_pending_inserted_devices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO care_pending_devices (device_id)
  SELECT n.id FROM care_new n WHERE n.acceptance_date IS NOT NULL AND n.warranty_end IS NOT NULL AND n.status <> 'retired'
  ON CONFLICT (device_id) DO UPDATE SET due_on = '-infinity', queued_at = now();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER devices_care_pending_insert AFTER INSERT ON devices
  REFERENCING NEW TABLE AS care_new FOR EACH STATEMENT EXECUTE FUNCTION care_pending_inserted_devices();--> statement-breakpoint
CREATE FUNCTION care_pending_changed_device() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- On conflict the row is locked by a sweep working on this device: this waits for it, so the
  -- device is looked at again with the change (the sweep takes the queue row's lock first).
  INSERT INTO care_pending_devices (device_id) VALUES (NEW.id)
  ON CONFLICT (device_id) DO UPDATE SET due_on = '-infinity', queued_at = now();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER devices_care_pending_change AFTER UPDATE OF acceptance_date, warranty_end, status ON devices FOR EACH ROW
  WHEN (NEW.acceptance_date IS NOT NULL AND NEW.warranty_end IS NOT NULL AND NEW.status <> 'retired'
    AND (OLD.acceptance_date IS NULL OR OLD.warranty_end IS DISTINCT FROM NEW.warranty_end OR OLD.status = 'retired'))
  EXECUTE FUNCTION care_pending_changed_device();--> statement-breakpoint

CREATE FUNCTION notification_fanout_pending_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_fanout_pending (notification_id, created_at)
  SELECT n.id, n.created_at FROM care_new n
  ON CONFLICT (notification_id) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER notifications_fanout_pending_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS care_new FOR EACH STATEMENT EXECUTE FUNCTION notification_fanout_pending_inserted();--> statement-breakpoint

-- Complaint deadline reminders (remindDeadlines) look only at open complaints, not at every one ever closed.
CREATE INDEX complaints_open_deadline_idx ON complaints (deadline) WHERE status NOT IN ('draft', 'closed');--> statement-breakpoint

-- Recomputes the three queues from the records: the back-fill below, and for bulk loaders that
-- write plans, surveys or fan-out marks directly (scripts/large). A superset is harmless (the
-- sweep re-checks), so the day boundary is taken a day wide on both sides.
CREATE FUNCTION care_queues_refill(as_of date DEFAULT current_date) RETURNS void LANGUAGE sql AS $$
  DELETE FROM care_pending;
  INSERT INTO care_pending (work_order_id, needs_plan, needs_survey, queued_at)
  SELECT w.id, p.id IS NULL, s.id IS NULL, w.updated_at
  FROM work_orders w
  LEFT JOIN followup_plans p ON p.work_order_id = w.id
  LEFT JOIN surveys s ON s.work_order_id = w.id
  WHERE w.status IN ('reviewed', 'closed') AND (p.id IS NULL OR s.id IS NULL);
  DELETE FROM care_pending_devices;
  INSERT INTO care_pending_devices (device_id, due_on)
  SELECT d.id,
    CASE WHEN (d.warranty_end >= as_of - 1 AND wp.id IS NULL) OR (d.warranty_end <= as_of AND pw.id IS NULL) THEN '-infinity'::date
         ELSE d.warranty_end + 1 END
  FROM devices d
  LEFT JOIN followup_plans wp ON wp.device_id = d.id AND wp.service_type = 'warranty_period'
  LEFT JOIN followup_plans pw ON pw.device_id = d.id AND pw.service_type = 'post_warranty'
  WHERE d.acceptance_date IS NOT NULL AND d.warranty_end IS NOT NULL AND d.status <> 'retired'
    AND (d.warranty_end >= as_of - 1 OR pw.id IS NULL);
  DELETE FROM notification_fanout_pending;
  INSERT INTO notification_fanout_pending (notification_id, created_at)
  SELECT n.id, n.created_at FROM notifications n
  WHERE n.created_at > now() - interval '7 days'
    AND NOT EXISTS (SELECT 1 FROM notification_fanout f WHERE f.notification_id = n.id);
$$;--> statement-breakpoint
SELECT care_queues_refill();--> statement-breakpoint
ANALYZE care_pending, care_pending_devices, notification_fanout_pending;
