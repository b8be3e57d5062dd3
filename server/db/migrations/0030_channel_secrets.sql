-- placeholder: 0030_channel_secrets (hand-written; replace with the real statements, separated by --> statement-breakpoint)
SELECT 1;
