-- Traceability (R-REG-5, issue 14 §5): the dossier reads each section by the unit's id, and "who
-- has it?" finds a part lot or serial by an exact, case-insensitive match. Complaints were only
-- indexed by customer; part lines and ledger lots not at all (EXPLAIN: seq scans on big tables).
CREATE INDEX "complaints_device_idx" ON "complaints" USING btree ("device_id","received_at");--> statement-breakpoint
CREATE INDEX "work_order_parts_installed_serial_idx" ON "work_order_parts" USING btree (lower("installed_serial")) WHERE installed_serial is not null;--> statement-breakpoint
CREATE INDEX "work_order_parts_removed_serial_idx" ON "work_order_parts" USING btree (lower("removed_serial")) WHERE removed_serial is not null;--> statement-breakpoint
CREATE INDEX "parts_ledger_lot_idx" ON "parts_ledger" USING btree (lower("lot")) WHERE lot <> '';
