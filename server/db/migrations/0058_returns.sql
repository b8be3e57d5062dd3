-- Returns and exchanges (退货/换货, issue 14 §4, R-REG-4; seed 003 质管部退货组): receipt, quality
-- check of the returned goods, decision (repair / exchange / refund / scrap) with who decided, and
-- the follow-through; a DOA defect at installation opens one. Supplier/manufacturer notices
-- (经营办法§38, issue 14 §5) for a return or a complaint, with the tracked reply.
CREATE TABLE "return_records" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "number" text NOT NULL,
  "kind" text NOT NULL,
  "item" text NOT NULL,
  "status" text DEFAULT 'registered' NOT NULL,
  "customer_id" uuid NOT NULL REFERENCES "customers"("id") ON DELETE restrict,
  "device_id" uuid REFERENCES "devices"("id") ON DELETE restrict,
  "part_id" uuid REFERENCES "parts"("id") ON DELETE restrict,
  "quantity" integer,
  "lot_or_serial" text,
  "reason" text NOT NULL,
  "complaint_id" uuid REFERENCES "complaints"("id") ON DELETE restrict,
  "work_order_id" uuid REFERENCES "work_orders"("id") ON DELETE restrict,
  "installation_id" uuid REFERENCES "installations"("id") ON DELETE restrict,
  "registered_at" timestamp with time zone DEFAULT now() NOT NULL,
  "registered_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "registered_by_name" text NOT NULL,
  "received_on" date,
  "received_by_name" text,
  "arrival_condition" text,
  "inspected_at" timestamp with time zone,
  "inspector_id" uuid REFERENCES "users"("id") ON DELETE restrict,
  "inspector_name" text,
  "findings" text,
  "inspection_result" text,
  "decision" text,
  "decided_at" timestamp with time zone,
  "decided_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "decided_by_name" text,
  "decision_reason" text,
  "done_at" timestamp with time zone,
  "done_by_name" text,
  "exchange_serial" text,
  "refund_reference" text,
  "repair_work_order_id" uuid REFERENCES "work_orders"("id") ON DELETE restrict,
  "scrap_record" text,
  "follow_through_note" text,
  "cancelled_at" timestamp with time zone,
  "cancel_reason" text,
  CONSTRAINT "return_records_reason_ck" CHECK (length(btrim("reason")) > 0),
  CONSTRAINT "return_records_item_ck" CHECK (("item" = 'device' and "device_id" is not null) or ("item" = 'part' and "part_id" is not null and "quantity" > 0))
);--> statement-breakpoint
CREATE UNIQUE INDEX "return_records_number_uq" ON "return_records" ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "return_records_installation_uq" ON "return_records" ("installation_id") WHERE installation_id is not null;--> statement-breakpoint
CREATE INDEX "return_records_customer_idx" ON "return_records" ("customer_id","registered_at");--> statement-breakpoint
CREATE INDEX "return_records_device_idx" ON "return_records" ("device_id","registered_at");--> statement-breakpoint
CREATE TABLE "supplier_notices" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "version" integer DEFAULT 1 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "subject" text NOT NULL,
  "subject_id" uuid NOT NULL,
  "supplier_id" uuid REFERENCES "suppliers"("id") ON DELETE restrict,
  "manufacturer" text,
  "recipient_name" text NOT NULL,
  "sent_on" date NOT NULL,
  "channel" text NOT NULL,
  "content" text NOT NULL,
  "sent_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "sent_by_name" text NOT NULL,
  "reply_due_on" date NOT NULL,
  "replied_on" date,
  "reply_text" text,
  "reply_recorded_by" uuid REFERENCES "users"("id") ON DELETE restrict,
  "reply_recorded_by_name" text,
  CONSTRAINT "supplier_notices_recipient_ck" CHECK ("supplier_id" is not null or length(btrim(coalesce("manufacturer", ''))) > 0),
  CONSTRAINT "supplier_notices_content_ck" CHECK (length(btrim("content")) > 0),
  CONSTRAINT "supplier_notices_reply_ck" CHECK (("replied_on" is null) = ("reply_text" is null))
);--> statement-breakpoint
CREATE INDEX "supplier_notices_subject_idx" ON "supplier_notices" ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "supplier_notices_due_idx" ON "supplier_notices" ("reply_due_on") WHERE replied_on is null;
