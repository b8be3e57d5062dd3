-- Issue 16 §1 (offline engineer app): a step recorded on the phone without a signal keeps the
-- phone's time as the event time (`at`, bounded by the server) and the time the server received
-- it here. Rows from before this migration were received when they happened (null = same as at).
ALTER TABLE "work_order_events" ADD COLUMN "received_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "work_order_events" ALTER COLUMN "received_at" SET DEFAULT now();
