-- Issue 14 §5 (经营办法§38): one table for the notices to a supplier/manufacturer. An adverse
-- event's notice becomes a supplier_notices row with subject 'adverse_event' (same id, so the
-- audit ledger's old 'adverse_event_notice' entries still find their record); the returns
-- module's notice functions and its one overdue-reply job now serve every subject.
-- sent_at: the moment an adverse-event notice was recorded (its page shows the time); null for
-- notices entered with the day only (sent_on).
ALTER TABLE "supplier_notices" ADD COLUMN "sent_at" timestamp with time zone;
--> statement-breakpoint
-- The old table never recorded how a notice went out: 'other'. Without a supplier the recipient
-- is the manufacturer (the recipient CHECK). The old table lacked the content and reply CHECKs of
-- this one; the API never wrote such rows, but a blank content or a half-recorded reply must not
-- stop the upgrade: a blank content reads '—', a reply text without its day takes the day of the
-- row's last change, a reply day without text an empty text.
INSERT INTO "supplier_notices" (
  "id", "version", "created_at", "updated_at", "subject", "subject_id", "supplier_id", "manufacturer", "recipient_name",
  "sent_on", "sent_at", "channel", "content", "sent_by", "sent_by_name", "reply_due_on", "replied_on", "reply_text", "overdue_notified_at"
)
SELECT
  n."id", n."version", n."created_at", n."updated_at", 'adverse_event', n."adverse_event_id", n."supplier_id",
  CASE WHEN n."supplier_id" IS NULL THEN n."recipient" END, n."recipient",
  (n."sent_at" AT TIME ZONE 'Asia/Shanghai')::date, n."sent_at", 'other',
  CASE WHEN length(btrim(n."content")) > 0 THEN n."content" ELSE '—' END,
  n."sent_by", n."sent_by_name", n."reply_due",
  coalesce(n."replied_on", CASE WHEN n."reply_text" IS NOT NULL THEN (n."updated_at" AT TIME ZONE 'Asia/Shanghai')::date END),
  coalesce(n."reply_text", CASE WHEN n."replied_on" IS NOT NULL THEN '' END),
  n."overdue_notified_at"
FROM "adverse_event_notices" n;
--> statement-breakpoint
DROP TABLE "adverse_event_notices";
