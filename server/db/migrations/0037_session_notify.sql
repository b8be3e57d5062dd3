-- Session cache invalidation across instances (issue 17 item 3): every change that can revoke a session or change what a cached session stands for sends NOTIFY ms_sessions with the users concerned (comma-separated ids), delivered at commit to every listening instance. Statement-level triggers, so raw SQL (scripts, tests) is covered too and a bulk delete sends one notice. A payload too long for NOTIFY becomes '*' (forget everything). Deleting a user cascades to its sessions, which notifies.
CREATE FUNCTION notify_session_users(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text := array_to_string(ids, ',');
BEGIN
  IF payload IS NULL OR payload = '' THEN
    RETURN;
  END IF;
  PERFORM pg_notify('ms_sessions', CASE WHEN length(payload) > 7000 THEN '*' ELSE payload END);
END $$;--> statement-breakpoint
CREATE FUNCTION sessions_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Expired sessions are refused by their own expiry; the hourly purge of them need not tell anyone.
  PERFORM notify_session_users(array(SELECT DISTINCT user_id::text FROM old_rows WHERE expires_at > now()));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION sessions_updated_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notify_session_users(array(SELECT DISTINCT user_id::text FROM old_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION users_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only what a session carries (who, roles, hospital, language, active, password); a login's
  -- last_login_at or a phone number change tells nobody.
  PERFORM notify_session_users(array(
    SELECT DISTINCT n.id::text FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.username, n.display_name, n.roles, n.customer_id, n.locale, n.active, n.password_hash)
      IS DISTINCT FROM (o.username, o.display_name, o.roles, o.customer_id, o.locale, o.active, o.password_hash)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sessions_deleted_notify AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed_notify();--> statement-breakpoint
CREATE TRIGGER sessions_updated_notify AFTER UPDATE ON sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_updated_notify();--> statement-breakpoint
CREATE TRIGGER users_updated_notify AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_changed_notify();
