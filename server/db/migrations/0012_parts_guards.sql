-- R-PT-2: the parts ledger is append-only; a correction is a new movement.
CREATE OR REPLACE FUNCTION parts_ledger_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'parts_ledger is append-only (R-PT-2): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER parts_ledger_no_update BEFORE UPDATE OR DELETE ON parts_ledger FOR EACH ROW EXECUTE FUNCTION parts_ledger_is_append_only();
--> statement-breakpoint
CREATE TRIGGER parts_ledger_no_truncate BEFORE TRUNCATE ON parts_ledger FOR EACH STATEMENT EXECUTE FUNCTION parts_ledger_is_append_only();
--> statement-breakpoint
-- Every movement changes the balance in the same statement. The balance row is locked by the
-- UPDATE, so concurrent issues queue on it and the CHECK below refuses the one that would go
-- below zero.
CREATE OR REPLACE FUNCTION parts_ledger_apply() RETURNS trigger AS $$
BEGIN
  LOOP
    UPDATE stock_balances SET qty = qty + NEW.qty, updated_at = now()
      WHERE part_id = NEW.part_id AND warehouse_id = NEW.warehouse_id AND lot = NEW.lot AND condition = NEW.condition;
    IF FOUND THEN RETURN NEW; END IF;
    BEGIN
      INSERT INTO stock_balances (part_id, warehouse_id, lot, condition, qty, updated_at)
        VALUES (NEW.part_id, NEW.warehouse_id, NEW.lot, NEW.condition, NEW.qty, now());
      RETURN NEW;
    EXCEPTION WHEN unique_violation THEN
      -- Another transaction created the row first: update it on the next turn.
    END;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER parts_ledger_apply AFTER INSERT ON parts_ledger FOR EACH ROW EXECUTE FUNCTION parts_ledger_apply();
--> statement-breakpoint
-- The balance is written by the ledger trigger only.
CREATE OR REPLACE FUNCTION stock_balances_from_ledger_only() RETURNS trigger AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'stock_balances is maintained by the parts ledger: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER stock_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON stock_balances FOR EACH ROW EXECUTE FUNCTION stock_balances_from_ledger_only();
--> statement-breakpoint
CREATE TRIGGER stock_balances_no_truncate BEFORE TRUNCATE ON stock_balances FOR EACH STATEMENT EXECUTE FUNCTION parts_ledger_is_append_only();
--> statement-breakpoint
ALTER TABLE stock_balances ADD CONSTRAINT stock_balances_qty_nonneg_ck CHECK (qty >= 0);
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_sign_ck CHECK (
  (kind IN ('receipt', 'return_faulty', 'transfer_in') AND qty > 0)
  OR (kind IN ('issue', 'transfer_out') AND qty < 0)
  OR (kind = 'adjustment' AND qty <> 0));
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_issue_ck CHECK (kind <> 'issue' OR (work_order_id IS NOT NULL AND condition = 'good'));
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_return_ck CHECK (kind <> 'return_faulty' OR (work_order_id IS NOT NULL AND condition = 'faulty'));
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_transfer_ck CHECK (kind NOT IN ('transfer_in', 'transfer_out') OR transfer_id IS NOT NULL);
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_contract_fk FOREIGN KEY (purchase_contract_id) REFERENCES purchase_contracts(id) ON DELETE RESTRICT;
--> statement-breakpoint
ALTER TABLE parts_ledger ADD CONSTRAINT parts_ledger_stocktake_fk FOREIGN KEY (stocktake_id) REFERENCES stocktakes(id) ON DELETE RESTRICT;
--> statement-breakpoint
ALTER TABLE parts ADD CONSTRAINT parts_levels_ck CHECK (min_stock >= 0 AND emergency_level >= 0 AND unit_cost >= 0);
--> statement-breakpoint
ALTER TABLE warehouses ADD CONSTRAINT warehouses_van_owner_ck CHECK ((kind = 'van') = (owner_id IS NOT NULL));
--> statement-breakpoint
ALTER TABLE purchase_plan_lines ADD CONSTRAINT purchase_plan_lines_qty_ck CHECK (qty > 0);
--> statement-breakpoint
ALTER TABLE purchase_contract_lines ADD CONSTRAINT purchase_contract_lines_qty_ck CHECK (qty > 0 AND unit_price >= 0 AND received_qty >= 0 AND received_qty <= qty);
--> statement-breakpoint
ALTER TABLE stocktake_lines ADD CONSTRAINT stocktake_lines_qty_ck CHECK (booked_qty >= 0 AND (counted_qty IS NULL OR counted_qty >= 0));
--> statement-breakpoint
-- Parts lines of work orders drawn from stock point at the part and at their ledger entry.
ALTER TABLE work_order_parts ADD CONSTRAINT work_order_parts_stock_item_fk FOREIGN KEY (stock_item_id) REFERENCES parts(id) ON DELETE RESTRICT;
--> statement-breakpoint
ALTER TABLE work_order_parts ADD CONSTRAINT work_order_parts_ledger_entry_fk FOREIGN KEY (ledger_entry_id) REFERENCES parts_ledger(id) ON DELETE RESTRICT;
--> statement-breakpoint
-- A line drawn from stock is undone by returning the part, not by deleting the line.
CREATE OR REPLACE FUNCTION work_order_parts_keep_stock_lines() RETURNS trigger AS $$
BEGIN
  IF OLD.ledger_entry_id IS NOT NULL THEN
    RAISE EXCEPTION 'a parts line drawn from stock cannot be deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'work_order_parts_stock_line';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER work_order_parts_keep_stock_lines BEFORE DELETE ON work_order_parts FOR EACH ROW EXECUTE FUNCTION work_order_parts_keep_stock_lines();
