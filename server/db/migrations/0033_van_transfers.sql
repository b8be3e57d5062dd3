-- placeholder: 0033_van_transfers (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
