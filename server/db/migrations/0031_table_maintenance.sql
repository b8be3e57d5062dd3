-- placeholder: 0031_table_maintenance (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
