-- placeholder: 0032_customer_notices (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
