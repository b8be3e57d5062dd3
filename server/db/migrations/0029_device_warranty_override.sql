-- placeholder: 0029_device_warranty_override (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
