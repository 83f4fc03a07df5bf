-- A new desk joining: every customer central holds, in pages, instead of replaying the
-- whole change feed one change at a time.
--
-- Run by migration c0006 as the administrator, with {owner} filled in. The desk reads
-- the feed's head first (leeway_feed_head), then every customer page by page
-- (leeway_customers_page, keyset by id), then the other changes up to that head
-- (leeway_pull_other: policies, staff, vouchers, referrals...), and only then pulls the
-- feed after the head as usual. A customer changed while the pages are read is sent
-- again by the feed after the head, and applying a customer twice is harmless, so the
-- pages need no long-running snapshot transaction (each call is short and bounded).

-- The non-customer part of the feed, found without walking every customer change.
CREATE INDEX IF NOT EXISTS ix_central_changes_not_customer
  ON central_changes (seq) WHERE kind <> 'customer';


-- leeway_feed_head(): the newest change's sequence number (0 when the feed is empty).
CREATE OR REPLACE FUNCTION leeway_feed_head() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN coalesce((SELECT max(c.seq) FROM central_changes c), 0);
END $$;


-- leeway_customers_page(after, limit): up to `limit` customers (at most 50,000) whose id
-- sorts after `after` (NULL: from the first), in id order: the contact fields (JSON) and
-- each field's clock.
CREATE OR REPLACE FUNCTION leeway_customers_page(p_after text, p_limit integer)
RETURNS TABLE (id text, data text, clocks text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN QUERY SELECT c.id::text, c.data, c.clocks FROM central_customers c
                WHERE p_after IS NULL OR c.id > p_after ORDER BY c.id
                LIMIT least(greatest(p_limit, 1), 50000);
END $$;


-- leeway_pull_other(after, upto, limit): the feed's changes in (after, upto] that are not
-- customers, in order (what a joining desk needs besides the customer pages).
CREATE OR REPLACE FUNCTION leeway_pull_other(p_after bigint, p_upto bigint, p_limit integer)
RETURNS TABLE (seq bigint, kind text, key text, data text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN QUERY SELECT c.seq::bigint, c.kind::text, c.key::text, c.data
                 FROM central_changes c
                WHERE c.seq > p_after AND c.seq <= p_upto AND c.kind <> 'customer'
                ORDER BY c.seq LIMIT least(greatest(p_limit, 1), 5000);
END $$;


DO $$
DECLARE
  f text;
  r record;
BEGIN
  FOREACH f IN ARRAY ARRAY['leeway_feed_head()', 'leeway_customers_page(text, integer)',
                           'leeway_pull_other(bigint, bigint, integer)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO {owner}', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    -- Desks registered before this revision may call the new functions too.
    FOR r IN SELECT t.role_name FROM central_terminals t WHERE t.role_name IS NOT NULL LOOP
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.role_name) THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, r.role_name);
      END IF;
    END LOOP;
  END LOOP;
END $$;
