-- Issue 17 item 4: the dispatch board's at-risk lane as one index range. At 1M work orders the
-- lane semi-joined every assigned open order to every running clock (≈5,400) to evaluate the
-- warning/breach rule, O(open work) per board. Now each work order keeps the instant from which
-- its request is at risk: the earliest, over its running clocks (paused ones included), of the
-- sweep's marks (warned_at, breached_at), the warning point warn_at (reached while running, or
-- already passed when it was paused) and just after due_at (likewise). The board's rule
-- "warned, breached, or coalesce(paused_at, now) ≥ warn_at or > due_at" is then
-- at_risk_from ≤ now, with no write needed when a running clock merely crosses its warning point.
-- Kept by the same statement-level triggers as next_due_at (migration 0031).
ALTER TABLE "work_orders" ADD COLUMN "at_risk_from" timestamp with time zone;--> statement-breakpoint
CREATE FUNCTION sla_clock_at_risk_from(warned_at timestamptz, breached_at timestamptz, warn_at timestamptz, due_at timestamptz, paused_at timestamptz)
  RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT least(warned_at, breached_at,
    CASE WHEN paused_at IS NULL OR paused_at >= warn_at THEN warn_at END,
    CASE WHEN paused_at IS NULL OR paused_at > due_at THEN due_at + interval '1 microsecond' END)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_orders_next_due_refresh(request_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE work_orders w SET next_due_at = n.due_at, next_due_kind = n.kind, at_risk_from = n.at_risk_from
  FROM (SELECT r.id AS request_id, c.due_at, c.kind, a.at_risk_from FROM unnest(request_ids) AS r(id)
        LEFT JOIN LATERAL (SELECT c.due_at, c.kind FROM sla_clocks c
          WHERE c.request_id = r.id AND c.stopped_at IS NULL AND c.paused_at IS NULL
          ORDER BY c.due_at, c.kind LIMIT 1) c ON true
        LEFT JOIN LATERAL (SELECT min(sla_clock_at_risk_from(c.warned_at, c.breached_at, c.warn_at, c.due_at, c.paused_at)) AS at_risk_from
          FROM sla_clocks c WHERE c.request_id = r.id AND c.stopped_at IS NULL) a ON true) n
  WHERE w.request_id = n.request_id
    AND (w.next_due_at IS DISTINCT FROM n.due_at OR w.next_due_kind IS DISTINCT FROM n.kind OR w.at_risk_from IS DISTINCT FROM n.at_risk_from)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sla_clocks_next_due_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of what decides the next deadline or the at-risk instant. The sweep's marks
  -- are set after the warning point, so they rarely move at_risk_from, and the refresh writes
  -- (and locks) a work order only when a value changes.
  PERFORM work_orders_next_due_refresh(array(
    SELECT DISTINCT x.request_id FROM new_clocks n JOIN old_clocks o ON o.id = n.id,
      LATERAL (VALUES (n.request_id), (o.request_id)) AS x(request_id)
    WHERE (n.request_id, n.kind, n.due_at, n.stopped_at, n.paused_at, n.warn_at, n.warned_at, n.breached_at)
      IS DISTINCT FROM (o.request_id, o.kind, o.due_at, o.stopped_at, o.paused_at, o.warn_at, o.warned_at, o.breached_at)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_orders_next_due_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.due_at, c.kind INTO NEW.next_due_at, NEW.next_due_kind FROM sla_clocks c
    WHERE c.request_id = NEW.request_id AND c.stopped_at IS NULL AND c.paused_at IS NULL
    ORDER BY c.due_at, c.kind LIMIT 1;
  SELECT min(sla_clock_at_risk_from(c.warned_at, c.breached_at, c.warn_at, c.due_at, c.paused_at)) INTO NEW.at_risk_from
    FROM sla_clocks c WHERE c.request_id = NEW.request_id AND c.stopped_at IS NULL;
  RETURN NEW;
END $$;--> statement-breakpoint
-- Back-fill: only work with a running clock has an instant (a few thousand rows at 1M).
UPDATE work_orders w SET at_risk_from = n.at_risk_from
  FROM (SELECT c.request_id, min(sla_clock_at_risk_from(c.warned_at, c.breached_at, c.warn_at, c.due_at, c.paused_at)) AS at_risk_from
        FROM sla_clocks c WHERE c.stopped_at IS NULL GROUP BY c.request_id) n
  WHERE w.request_id = n.request_id;
