-- Appends a transaction's audit entries to the hash chain in one statement (issue 6).
-- Writers buffer their entries during the transaction (server/lib/audit.ts) and call this just
-- before COMMIT, so the chain lock is held for one statement and the commit instead of the
-- whole transaction. Each entry carries its canonical JSON body without the trailing seq
-- (seq sorts last among the keys): the hash is sha256(prev_hash || '\n' || body || seq || '}'),
-- exactly hashEntry() in server/lib/audit.ts, so verifyChain() checks both kinds of rows alike.
CREATE OR REPLACE FUNCTION audit_append(entries jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  e jsonb;
  prev text;
  s bigint;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(7172001);
  -- A new snapshot per statement in a volatile function: this is the tail committed before the lock was ours.
  SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    s := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    h := encode(sha256(convert_to(prev || E'\n' || (e->>'body') || s::text || '}', 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor_id, actor_name, entity, entity_id, action, before, after, prev_hash, hash)
    VALUES (s, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorName', e->>'entity', e->>'entityId', e->>'action',
            nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb), prev, h);
    prev := h;
  END LOOP;
END $$;
