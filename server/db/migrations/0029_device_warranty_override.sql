-- Issue 10 item 2: a device's warranty end is derived (acceptance date + the model's warranty
-- months) unless an explicit override with a reason is recorded.
ALTER TABLE "devices" ADD COLUMN "warranty_end_override" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "warranty_override_reason" text;--> statement-breakpoint
-- Values typed before this rule that differ from the derived end are kept, flagged as overrides
-- so that they are visible and can be cleared; missing ends of accepted devices are derived.
-- The date arithmetic matches defaultWarrantyEnd in contracts.rules.ts (month end clamped, minus one day).
UPDATE "devices" d SET "warranty_end_override" = true, "warranty_override_reason" = '系统升级前录入的保修截止日期（与推算值不同） / Entered before derivation (differs from the derived date)'
FROM "device_models" m
WHERE m.id = d.model_id AND d.warranty_end IS NOT NULL
  AND d.warranty_end IS DISTINCT FROM (CASE WHEN d.acceptance_date IS NULL THEN NULL ELSE (d.acceptance_date + make_interval(months => m.warranty_months))::date - 1 END);--> statement-breakpoint
UPDATE "devices" d SET "warranty_end" = (d.acceptance_date + make_interval(months => m.warranty_months))::date - 1
FROM "device_models" m
WHERE m.id = d.model_id AND d.warranty_end IS NULL AND d.acceptance_date IS NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_warranty_override_ck" CHECK (CASE WHEN "warranty_end_override" THEN "warranty_end" IS NOT NULL AND length(btrim(coalesce("warranty_override_reason", ''))) > 0 ELSE "warranty_override_reason" IS NULL END);
