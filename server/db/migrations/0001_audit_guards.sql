-- R-AU-1: audit rows cannot be changed or removed through any path, the product's or a
-- stray SQL session's. Tampering by a superuser who drops the trigger is still caught by the
-- hash chain.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (R-AU-1): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- Invariants the services check first; the database backs them (ARCHITECTURE principle 2).
ALTER TABLE contracts ADD CONSTRAINT contracts_period_ck CHECK (end_date >= start_date);
--> statement-breakpoint
ALTER TABLE devices ADD CONSTRAINT devices_acceptance_after_install_ck CHECK (acceptance_date IS NULL OR install_date IS NULL OR acceptance_date >= install_date);
--> statement-breakpoint
ALTER TABLE devices ADD CONSTRAINT devices_warranty_after_acceptance_ck CHECK (warranty_end IS NULL OR acceptance_date IS NULL OR warranty_end >= acceptance_date);
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_customer_role_ck CHECK (('customer_user' = ANY (roles)) = (customer_id IS NOT NULL));
