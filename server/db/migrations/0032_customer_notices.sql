-- Intentionally empty. Reserved for customer notices (issue 10 item 8), which needed no schema
-- change: notices are ordinary notifications to the hospital's portal users and reuse the
-- notifications and outbox tables. Kept so the journal stays contiguous.
SELECT 1;
