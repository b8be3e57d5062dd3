-- R-WO-6: a delay is explained by a reason and a promised date together, never one alone.
ALTER TABLE work_order_same_day ADD CONSTRAINT work_order_same_day_reason_ck CHECK ((reason IS NULL) = (promised_date IS NULL) AND (reason IS NULL) = (reason_at IS NULL));
--> statement-breakpoint
ALTER TABLE work_order_same_day ADD CONSTRAINT work_order_same_day_order_ck CHECK (due_at >= accepted_at AND missed_at >= due_at);
