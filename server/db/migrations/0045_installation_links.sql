-- The installation record joined with its work orders and its training (issue 12 items 2 and 5):
-- the installation work order opened by the notice (one per installation; older rows may stay
-- null), the operator training session created at acceptance, and the return/exchange (or repair)
-- work order opened by a dead-on-arrival / installation-defect decision (seed 003 包修、包换、包退).
ALTER TABLE "installations" ADD COLUMN "work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "training_session_id" uuid;--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "defect_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_training_session_id_training_sessions_id_fk" FOREIGN KEY ("training_session_id") REFERENCES "public"."training_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installations" ADD CONSTRAINT "installations_defect_work_order_id_work_orders_id_fk" FOREIGN KEY ("defect_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "installations_work_order_uq" ON "installations" USING btree ("work_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "installations_defect_work_order_uq" ON "installations" USING btree ("defect_work_order_id");
