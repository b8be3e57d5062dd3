-- placeholder: 0034_appointments (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
