-- Issue 14 §4 (R-REG-4): a returned part is booked into a warehouse's faulty (quarantine) stock
-- when it is received; the return keeps the warehouse, so a scrap decision books it out there.
ALTER TABLE "return_records" ADD COLUMN "warehouse_id" uuid REFERENCES "warehouses"("id") ON DELETE restrict;
--> statement-breakpoint
-- A faulty unit coming back into stock names its work order (take-out on a job) or, for goods a
-- customer returned, its return number in the reference.
ALTER TABLE "parts_ledger" DROP CONSTRAINT "parts_ledger_return_ck";
--> statement-breakpoint
ALTER TABLE "parts_ledger" ADD CONSTRAINT "parts_ledger_return_ck" CHECK (kind <> 'return_faulty' OR (condition = 'faulty' AND (work_order_id IS NOT NULL OR reference IS NOT NULL)));
