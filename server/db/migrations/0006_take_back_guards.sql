-- R-WO-3: the goods in/out register (客户商品进出登记簿) and the repair card (修护卡) are
-- records of what happened: append-only, like the audit trail.
CREATE TRIGGER goods_register_no_update BEFORE UPDATE OR DELETE ON goods_register FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER goods_register_no_truncate BEFORE TRUNCATE ON goods_register FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER repair_card_entries_no_update BEFORE UPDATE OR DELETE ON repair_card_entries FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
ALTER TABLE goods_receipts ADD CONSTRAINT goods_receipts_items_ck CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) > 0);
--> statement-breakpoint
ALTER TABLE goods_receipts ADD CONSTRAINT goods_receipts_returned_ck CHECK ((status = 'returned') = (returned_at IS NOT NULL AND return_signer_name IS NOT NULL));
--> statement-breakpoint
ALTER TABLE goods_receipts ADD CONSTRAINT goods_receipts_return_order_ck CHECK (returned_at IS NULL OR returned_at >= taken_at);
--> statement-breakpoint
ALTER TABLE repair_card_entries ADD CONSTRAINT repair_card_entries_minutes_ck CHECK (minutes >= 0);
