CREATE TABLE "work_order_same_day" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"missed_at" timestamp with time zone NOT NULL,
	"reason" text,
	"promised_date" date,
	"reason_at" timestamp with time zone,
	"reason_by_id" uuid,
	"reason_by_name" text
);
--> statement-breakpoint
ALTER TABLE "work_order_same_day" ADD CONSTRAINT "work_order_same_day_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_same_day_wo_uq" ON "work_order_same_day" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_order_same_day_open_idx" ON "work_order_same_day" USING btree ("missed_at") WHERE reason is null;