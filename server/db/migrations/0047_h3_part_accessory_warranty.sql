-- Per-accessory warranty on parts lines (issue 12 item 2; seed 003: 穿刺器…2年质保…可免费更换新品(质保不延长)):
-- a line whose part matches an accessory term of the device's model, while that term runs from the
-- device's acceptance, is covered (free). The term that covered it and its last covered day are kept
-- on the line as the reason shown (配件保修至 …). Null: the line follows the job's category.
ALTER TABLE "work_order_parts" ADD COLUMN "accessory_term_id" uuid;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD COLUMN "accessory_warranty_until" date;
