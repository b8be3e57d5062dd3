-- R-WO-4 / R-FE-1: prices are never negative, payments are positive and append-only (a
-- correction is a new line), and every database starts with a default price list (version 1)
-- that finance edits into new versions.
ALTER TABLE price_lists ADD CONSTRAINT price_lists_amounts_ck CHECK (labour_per_hour >= 0 AND call_out_fee >= 0 AND travel_per_km >= 0 AND travel_urban >= 0 AND travel_suburban >= 0 AND travel_remote >= 0);
--> statement-breakpoint
ALTER TABLE price_lists ADD CONSTRAINT price_lists_version_ck CHECK (version_no >= 1);
--> statement-breakpoint
CREATE TRIGGER price_lists_no_update BEFORE UPDATE OR DELETE ON price_lists FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
ALTER TABLE work_order_payments ADD CONSTRAINT work_order_payments_amount_ck CHECK (amount > 0);
--> statement-breakpoint
CREATE TRIGGER work_order_payments_no_update BEFORE UPDATE OR DELETE ON work_order_payments FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
ALTER TABLE work_orders ADD CONSTRAINT work_orders_travel_km_ck CHECK (travel_km IS NULL OR travel_km >= 0);
--> statement-breakpoint
INSERT INTO price_lists (version_no, effective_from, currency, labour_per_hour, call_out_fee, travel_mode, travel_per_km, travel_urban, travel_suburban, travel_remote, note, created_by_name)
VALUES (1, '2000-01-01T00:00:00Z', 'CNY', 300.00, 200.00, 'per_zone', 3.00, 100.00, 300.00, 800.00, '默认价格表（可由财务修改）', 'system');
