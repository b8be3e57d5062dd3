-- Appointment times agreed with the customer (issue 10 item 12): the planned arrival and an optional window end, and the indexes the dispatch board's assigned-today lane and day timeline read by
ALTER TABLE "work_orders" ADD COLUMN "appointment_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "appointment_end_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_appointment_window_ck" CHECK ("appointment_end_at" IS NULL OR ("appointment_at" IS NOT NULL AND "appointment_end_at" > "appointment_at"));--> statement-breakpoint
CREATE INDEX "work_orders_appointment_idx" ON "work_orders" USING btree ("appointment_at") WHERE "appointment_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "work_orders_dispatched_idx" ON "work_orders" USING btree ("dispatched_at") WHERE "dispatched_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "work_orders_arrived_idx" ON "work_orders" USING btree ("arrived_at") WHERE "arrived_at" IS NOT NULL;
