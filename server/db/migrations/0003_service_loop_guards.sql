-- SLA clocks and their events belong to a request (declared here: the tables import each
-- other, so the reference cannot be written in the Drizzle schema without a cycle).
ALTER TABLE sla_clocks ADD CONSTRAINT sla_clocks_request_fk FOREIGN KEY (request_id) REFERENCES service_requests(id) ON DELETE RESTRICT;
--> statement-breakpoint
ALTER TABLE sla_events ADD CONSTRAINT sla_events_request_fk FOREIGN KEY (request_id) REFERENCES service_requests(id) ON DELETE RESTRICT;
--> statement-breakpoint
-- R-AU-1 / R-WO-4: a signature cannot be edited or removed; the same guard as the audit trail.
CREATE TRIGGER work_order_signatures_no_update BEFORE UPDATE OR DELETE ON work_order_signatures FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER work_order_signatures_no_truncate BEFORE TRUNCATE ON work_order_signatures FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- The lead engineer is set whenever a work order has been dispatched.
ALTER TABLE work_orders ADD CONSTRAINT work_orders_lead_when_dispatched_ck CHECK (status IN ('new', 'cancelled') OR lead_engineer_id IS NOT NULL);
