-- Intentionally empty. Reserved for channel secrets (issue 10 item 5), which needed no schema
-- change: the AES-GCM ciphertext is stored in the existing smtp_password/secret columns and the
-- key lives outside the database (server/lib/secrets.ts). Kept so the journal stays contiguous.
SELECT 1;
