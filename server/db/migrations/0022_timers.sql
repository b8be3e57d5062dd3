-- Timers at scale (issue 6, bench/timers.ts): the SLA sweep and the follow-up reminder pass find what is due by short index range scans instead of reading every running clock / pending follow-up each minute.
CREATE INDEX "followups_pending_window_idx" ON "followups" USING btree ("earliest_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_ref_idx" ON "notifications" USING btree ("ref_id","kind");--> statement-breakpoint
CREATE INDEX "sla_clocks_warn_pending_idx" ON "sla_clocks" USING btree ("warn_at") WHERE stopped_at is null and paused_at is null and warned_at is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_breach_pending_idx" ON "sla_clocks" USING btree ("due_at") WHERE stopped_at is null and paused_at is null and breached_at is null;