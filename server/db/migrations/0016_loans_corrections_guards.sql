-- R-WO-4 / R-FE-1: a payment is positive; a reversal is negative, names the payment it
-- cancels and gives a reason. The method is compared as text: the enum value 'reversal' is
-- added by the previous migration, possibly in the same transaction.
ALTER TABLE work_order_payments DROP CONSTRAINT work_order_payments_amount_ck;
--> statement-breakpoint
ALTER TABLE work_order_payments ADD CONSTRAINT work_order_payments_amount_ck CHECK (
  CASE WHEN method::text = 'reversal' THEN amount < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL
       ELSE amount > 0 AND reverses_id IS NULL END);
--> statement-breakpoint
-- R-WO-5: a correction is a new version, never edited or removed.
ALTER TABLE work_order_corrections ADD CONSTRAINT work_order_corrections_version_ck CHECK (to_version = from_version + 1 AND from_version >= 1);
--> statement-breakpoint
CREATE TRIGGER work_order_corrections_no_update BEFORE UPDATE OR DELETE ON work_order_corrections FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- R-SLA-3: a loan comes back after it went out, and a returned loan says when and in what state.
ALTER TABLE loans ADD CONSTRAINT loans_return_ck CHECK (
  (status = 'open') = (returned_at IS NULL) AND (returned_at IS NULL OR (returned_at >= lent_at AND return_condition IS NOT NULL)));
--> statement-breakpoint
ALTER TABLE loans ADD CONSTRAINT loans_not_self_ck CHECK (loaner_device_id <> served_device_id);
