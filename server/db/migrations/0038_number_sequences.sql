-- Yearly document numbers from sequences (issue 17 item 1): next_number('BX', 2026) draws
-- BX-2026-000124 from the sequence number_bx_2026 without locking anything — the counters
-- upsert it replaces locked the year's row until the drawing statement ended, so concurrent
-- registrations queued on it. The sequence is created on the year's first draw, starting after
-- whatever the counters row already handed out (numbers issued before this migration, or by
-- scripts/large). Like the upsert it is not rolled back: a failed registration leaves a gap.
CREATE FUNCTION next_number(prefix text, yr int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  seq text := format('number_%s_%s', lower(prefix), yr);
  n bigint;
BEGIN
  IF to_regclass(seq) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE SEQUENCE %I START WITH %s', seq,
        coalesce((SELECT value FROM counters WHERE key = prefix || '-' || yr), 0) + 1);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- another transaction created it first
    END;
  END IF;
  n := nextval(seq::regclass);
  RETURN prefix || '-' || yr || '-' || lpad(n::text, greatest(6, length(n::text)), '0');
END $$;--> statement-breakpoint
-- For bulk generators that number rows themselves from the counters (scripts/large): moves
-- what the sequences of a prefix handed out into counters and drops them, so the next draw
-- recreates each after the generated numbers. Not for use while the application registers.
CREATE FUNCTION fold_number_sequences(prefix text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s record;
  last bigint;
BEGIN
  FOR s IN SELECT c.relname, substr(c.relname, length(prefix) + 9) AS yr FROM pg_class c
    WHERE c.relkind = 'S' AND c.relname ~ ('^number_' || lower(prefix) || '_[0-9]{4}$') LOOP
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %I', s.relname) INTO last;
    INSERT INTO counters (key, value) VALUES (prefix || '-' || s.yr, last)
      ON CONFLICT (key) DO UPDATE SET value = greatest(counters.value, excluded.value);
    EXECUTE format('DROP SEQUENCE %I', s.relname);
  END LOOP;
END $$;
