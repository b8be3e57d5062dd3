-- Read paths at a million work orders (issue 6, bench/reads.ts): indexes for the lists' filters
-- and default orders, trigram indexes for substring search, the daily reports' live-span index.
-- pg_trgm is a trusted extension (PostgreSQL 13+); PGlite loads it in server/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "work_orders_lead_idx";--> statement-breakpoint
DROP INDEX "work_orders_status_idx";--> statement-breakpoint
CREATE INDEX "customers_name_trgm" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_updated_idx" ON "devices" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "devices_serial_trgm" ON "devices" USING gin ("serial_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_udi_trgm" ON "devices" USING gin ("udi" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_location_trgm" ON "devices" USING gin ("location" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "service_requests_received_idx" ON "service_requests" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "service_requests_urgency_idx" ON "service_requests" USING btree ("urgency","received_at");--> statement-breakpoint
CREATE INDEX "service_requests_number_trgm" ON "service_requests" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "service_requests_phone_trgm" ON "service_requests" USING gin ("reporter_phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "service_requests_fault_trgm" ON "service_requests" USING gin ("fault_description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sla_events_at_idx" ON "sla_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_created_idx" ON "work_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_number_trgm" ON "work_orders" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "work_orders_live_idx" ON "work_orders" USING gist (tstzrange("created_at", case when "closed_at" is null and "cancelled_at" is null then null else greatest("created_at", least("closed_at", "cancelled_at")) end, '[]'));--> statement-breakpoint
CREATE INDEX "work_orders_lead_idx" ON "work_orders" USING btree ("lead_engineer_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("status","created_at");