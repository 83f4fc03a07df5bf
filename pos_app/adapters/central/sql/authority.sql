-- Leeway central database: the sync functions desks call, and nothing else they may do.
--
-- Run by migrations c0004, c0005, c0007 and c0008 (it is idempotent) as the administrator,
-- with {owner} (the non-login role that owns these functions) and {database} filled in. Every function is SECURITY DEFINER with a
-- pinned search_path and finds the calling desk from session_user, so a desk can act
-- only as itself. Desk roles are granted CONNECT and EXECUTE on these functions only
-- (see pos_app/adapters/central/connect.py register()).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner}') THEN
    CREATE ROLE {owner} NOLOGIN;
  END IF;
END $$;
GRANT {owner} TO CURRENT_USER;  -- so the administrator may hand the functions to it

-- What head office reports need, derived from each decision event.
ALTER TABLE central_decisions
  ADD COLUMN IF NOT EXISTS approver_id text,
  ADD COLUMN IF NOT EXISTS authority_id text,
  ADD COLUMN IF NOT EXISTS action text,
  ADD COLUMN IF NOT EXISTS reason text,
  ADD COLUMN IF NOT EXISTS category text,
  ADD COLUMN IF NOT EXISTS note text,
  ADD COLUMN IF NOT EXISTS policy_version text,
  ADD COLUMN IF NOT EXISTS currency text,
  ADD COLUMN IF NOT EXISTS discretionary boolean NOT NULL DEFAULT true,
  ADD COLUMN IF NOT EXISTS override boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS allowance_exception boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS approval_channel text;
UPDATE central_decisions SET authority_id = employee_id WHERE authority_id IS NULL;
CREATE INDEX IF NOT EXISTS ix_central_decisions_authority
  ON central_decisions (authority_id, decided_at);
CREATE INDEX IF NOT EXISTS ix_central_decisions_customer_at
  ON central_decisions (customer_id, decided_at);

-- The limits of the published policy, as numbers the functions can use (written by
-- `leeway central policy publish`): customer_budget, budget_seconds, shift_seconds,
-- shift_cap:<tier>, can_approve:<tier> (1 or 0).
CREATE TABLE IF NOT EXISTS central_limits (name text PRIMARY KEY, value bigint NOT NULL);

-- How the central server is run, set by the administrator (not by publishing a policy):
-- push_slots, how many pushes do their work at once, and push_wait_ms, how long a push
-- waits for a slot (at most 15,000; see leeway_push_slot()).
CREATE TABLE IF NOT EXISTS central_settings (name text PRIMARY KEY, value bigint NOT NULL);

-- Desks no longer touch tables, so the row-level policies of c0001 are not needed (and
-- would stop the owner role, which is not the tables' owner).
DROP POLICY IF EXISTS events_read ON central_events;
DROP POLICY IF EXISTS events_own_insert ON central_events;
DROP POLICY IF EXISTS terminals_read ON central_terminals;
DROP POLICY IF EXISTS terminals_own_update ON central_terminals;
ALTER TABLE central_events DISABLE ROW LEVEL SECURITY;
ALTER TABLE central_terminals DISABLE ROW LEVEL SECURITY;

-- PUBLIC keeps nothing: a desk role (or any other role on this server) sees no table.
REVOKE ALL ON DATABASE "{database}" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Desks registered before this revision lose the table grants they had.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT role_name FROM central_terminals WHERE role_name IS NOT NULL LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.role_name) THEN
      EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', r.role_name);
      EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', r.role_name);
    END IF;
  END LOOP;
END $$;

GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {owner};
GRANT USAGE ON SCHEMA public TO {owner};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {owner};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {owner};


-- leeway_terminal(): the calling desk's terminal id. Guarantees: a role that is not a
-- registered desk gets nothing from any function (insufficient_privilege).
CREATE OR REPLACE FUNCTION leeway_terminal() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE tid text;
BEGIN
  SELECT t.id INTO tid FROM central_terminals t WHERE t.role_name = session_user;
  IF tid IS NULL THEN
    RAISE EXCEPTION 'role % is not a registered Leeway desk', session_user
      USING ERRCODE = '42501';
  END IF;
  RETURN tid;
END $$;


-- leeway_try_jsonb(text): the parsed payload, or NULL when it is not JSON (a damaged or
-- hostile event is quarantined, never allowed to fail the whole push).
CREATE OR REPLACE FUNCTION leeway_try_jsonb(doc text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
  RETURN doc::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;


-- leeway_try_timestamp(text): the time, or NULL when it is not one (as leeway_try_jsonb).
CREATE OR REPLACE FUNCTION leeway_try_timestamp(value text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
  RETURN value::timestamp;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;


-- leeway_limit(name): a number of the published policy (NULL when none is published).
CREATE OR REPLACE FUNCTION leeway_limit(p_name text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT value FROM central_limits WHERE name = p_name
$$;


-- leeway_spent(scope, key): what every desk together has granted within the window that
-- counts: for a guest, discretionary decisions in the budget period; for an employee,
-- decisions on their authority (their own, and those they approved) in the shift.
CREATE OR REPLACE FUNCTION leeway_spent(p_scope text, p_key text) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE total bigint;
BEGIN
  IF p_scope = 'customer' THEN
    SELECT coalesce(sum(amount_minor), 0) INTO total FROM central_decisions
     WHERE customer_id = p_key AND discretionary
       AND decided_at >= now() AT TIME ZONE 'UTC'
                         - make_interval(secs => coalesce(leeway_limit('budget_seconds'), 0));
  ELSE
    SELECT coalesce(sum(amount_minor), 0) INTO total FROM central_decisions
     WHERE authority_id = p_key
       AND decided_at >= now() AT TIME ZONE 'UTC'
                         - make_interval(secs => coalesce(leeway_limit('shift_seconds'), 0));
  END IF;
  RETURN total;
END $$;


-- leeway_push_begin(): an empty session-temporary table the desk COPYs its batch into.
-- The table belongs to the owner; the desk may only INSERT into it.
CREATE OR REPLACE FUNCTION leeway_push_begin() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  CREATE TEMP TABLE IF NOT EXISTS leeway_push_batch (
    id text, terminal_id text, seq bigint, hlc text, occurred_at text, actor text,
    approver text, type text, payload text, prev_hash text, hash text);
  TRUNCATE pg_temp.leeway_push_batch;
  EXECUTE format('GRANT INSERT ON pg_temp.leeway_push_batch TO %I', session_user);
END $$;


-- The change feed in commit order. Desks pull central_changes by its sequence and keep
-- a cursor; were two transactions writing it at once, the later sequence number could
-- commit first, a desk could read past the earlier one and never see it. So a
-- transaction takes the feed's own advisory lock before its first change row (the
-- sequence numbers are drawn after it) and keeps it until it ends: writers take turns
-- from there on, and what a reader sees of the feed never has a hole that fills later.
-- Pushes run as one autocommitted statement, so the lock is held for milliseconds.
CREATE OR REPLACE FUNCTION leeway_feed_in_order() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1818584439, -1);  -- the push slots use 0 .. n-1
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS central_changes_in_order ON central_changes;
CREATE TRIGGER central_changes_in_order BEFORE INSERT ON central_changes
  FOR EACH STATEMENT EXECUTE FUNCTION leeway_feed_in_order();


-- leeway_push_slot(): admission control. At most `push_slots` pushes (2 unless the
-- administrator sets about the server's cores in central_settings, see the README) do
-- their work at once; the others wait here, asleep, for a slot. A push is heavy and an
-- allowance request light: with a hundred desks pushing at once every backend would be
-- runnable and a guest's allowance would wait its turn behind them for the CPU. The
-- slot is a transaction-level advisory lock, taken after the desk's own terminal row
-- (so two connections of one desk cannot wait on each other) and released when the
-- push ends (one autocommitted statement). A push that waits longer than 15 s (or
-- `push_wait_ms`) fails with SQLSTATE LWBSY: the desk stays online and tries again at its
-- next sync.
CREATE OR REPLACE FUNCTION leeway_push_slot() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  was text;
  slots integer := greatest(1, least(256, coalesce(
    (SELECT v.value FROM central_settings v WHERE v.name = 'push_slots'), 2)))::integer;
  wait_ms bigint := greatest(1, least(15000, coalesce(
    (SELECT v.value FROM central_settings v WHERE v.name = 'push_wait_ms'), 15000)));
BEGIN
  FOR i IN 0 .. slots - 1 LOOP
    IF pg_try_advisory_xact_lock(1818584439, i) THEN  -- 1818584439: 'leew' in ASCII
      RETURN;
    END IF;
  END LOOP;
  was := current_setting('lock_timeout');
  PERFORM set_config('lock_timeout', wait_ms || 'ms', true);
  BEGIN
    PERFORM pg_advisory_xact_lock(1818584439, floor(random() * slots)::integer);
  EXCEPTION WHEN lock_not_available THEN
    -- Not a network failure: the desk stays online and its events wait for the next sync.
    RAISE EXCEPTION 'central database busy: no push slot came free in % ms', wait_ms
      USING ERRCODE = 'LWBSY';
  END;
  PERFORM set_config('lock_timeout', was, true);  -- the push's own locks: the role's bound
END $$;


-- leeway_push(): store the batch COPYed since leeway_push_begin(), for the calling desk.
-- Guarantees, in one transaction: only the caller's own events are taken; each continues
-- its chain exactly (next sequence, previous hash) or is refused with everything after
-- it; an event delivered again with the same hash is acknowledged again (exactly once);
-- a payload that cannot be applied is stored (the chain stays whole) but quarantined;
-- every projection (decisions, budgets consumed, vouchers, customers, staff, referrals,
-- the change feed) is derived here. Desk-pushed policies are never applied: policies
-- reach desks only when an administrator publishes them.
CREATE OR REPLACE FUNCTION leeway_push()
RETURNS TABLE (event_id text, accepted boolean, why text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
-- A batch (5,000 events of a few hundred bytes, parsed) is sorted and kept in memory
-- rather than spilled to disk; at most push_slots pushes work at once, so the memory a
-- crowd of desks can take is bounded.
SET work_mem = '64MB' AS $$
DECLARE
  tid text := leeway_terminal();
  h_seq bigint;
  h_hash text;
  ev record;
  kinds text[];
  parse_each boolean := false;
BEGIN
  SELECT t.head_seq, t.head_hash INTO h_seq, h_hash
    FROM central_terminals t WHERE t.id = tid FOR UPDATE;
  PERFORM leeway_push_slot();

  -- One pass: the part of the batch that continues the chain, each payload parsed once
  -- (one cast for the whole batch; only a batch holding a payload that is not JSON pays
  -- a try per row), and why an event is quarantined, if it is. (`linked` is
  -- MATERIALIZED so the CASE below reads the parsed payload instead of parsing again.)
  FOR attempt IN 1..2 LOOP
  BEGIN
    DROP TABLE IF EXISTS pg_temp.leeway_push_checked;
    CREATE TEMP TABLE leeway_push_checked ON COMMIT DROP AS
    WITH mine AS (
      SELECT b.*, row_number() OVER (ORDER BY b.seq) AS rn,
             lag(b.hash, 1, h_hash) OVER (ORDER BY b.seq) AS expected_prev
        FROM pg_temp.leeway_push_batch b
       WHERE b.terminal_id = tid AND b.seq > h_seq
    ), firstbreak AS (
      SELECT min(rn) AS rn FROM mine
       WHERE seq <> h_seq + rn OR prev_hash IS DISTINCT FROM expected_prev
          OR hash IS NULL OR id IS NULL OR type IS NULL OR payload IS NULL
    ), linked AS MATERIALIZED (
      -- The decision's fields the checks need are read out of the parsed payload once.
      SELECT x.*, coalesce(x.p->>'decision_id', '') AS did,
             coalesce(x.p->>'amount_minor', '') AS amt, coalesce(x.p->>'customer_id', '') AS cid
        FROM (SELECT m.id, m.terminal_id, m.seq, m.hlc, m.occurred_at, m.actor, m.approver,
                     m.type, m.payload, m.prev_hash, m.hash,
                     CASE WHEN parse_each THEN leeway_try_jsonb(m.payload)
                          ELSE m.payload::jsonb END AS p,
                     CASE WHEN m.type <> 'decision.recorded' THEN NULL
                          WHEN parse_each THEN leeway_try_timestamp(rtrim(m.occurred_at, 'Z'))
                          ELSE rtrim(m.occurred_at, 'Z')::timestamp END AS decided_at
                FROM mine m, firstbreak f
               WHERE f.rn IS NULL OR m.rn < f.rn
              OFFSET 0) x  -- not flattened: each payload is parsed once
    ), again AS (
      -- A decision id twice in one batch: the first is taken, the later ones are not.
      SELECT l.did, min(l.seq) AS first FROM linked l
       WHERE l.type = 'decision.recorded' GROUP BY l.did HAVING count(*) > 1
    )
    SELECT l.*, CASE
      WHEN l.p IS NULL OR jsonb_typeof(l.p) <> 'object' THEN 'payload is not a JSON object'
      -- The id and the amount are checked with string functions rather than regular
      -- expressions (the same rules: 36 hex digits and dashes; 1 to 15 digits, above
      -- zero), at a third of the cost per event.
      WHEN l.type = 'decision.recorded' AND NOT (
             length(l.did) = 36 AND ltrim(l.did, '0123456789abcdef-') = ''
         AND l.cid <> '' AND length(l.cid) <= 64
         AND length(l.amt) BETWEEN 1 AND 15 AND ltrim(l.amt, '0123456789') = ''
         AND l.amt::bigint > 0
         AND coalesce(l.actor, '') <> ''
         AND l.occurred_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?$'
         AND l.decided_at IS NOT NULL)
        THEN 'payload not applied: a decision needs an id, a customer, a positive amount,'
             ' an employee and a time'
      WHEN d.id IS NOT NULL OR l.seq > a.first
        THEN 'payload not applied: this decision id is already recorded'
      END::text AS quarantined
      FROM linked l
      LEFT JOIN central_decisions d ON l.type = 'decision.recorded' AND d.id = l.did
      LEFT JOIN again a ON l.type = 'decision.recorded' AND a.did = l.did;
    EXIT;
  EXCEPTION WHEN others THEN
    IF parse_each THEN
      RAISE;
    END IF;
    -- A payload is not JSON or a decision's time is not a time: parse one at a time,
    -- quarantine what does not parse.
    parse_each := true;
  END;
  END LOOP;

  SELECT array_agg(DISTINCT c.type) INTO kinds FROM pg_temp.leeway_push_checked c
   WHERE c.quarantined IS NULL;
  kinds := coalesce(kinds, ARRAY[]::text[]);

  INSERT INTO central_events (id, terminal_id, seq, hlc, occurred_at, actor, approver, type,
                              payload, prev_hash, hash, received_at, quarantined)
  SELECT c.id, c.terminal_id, c.seq, c.hlc, c.occurred_at, c.actor, c.approver, c.type,
         c.payload, c.prev_hash, c.hash, now() AT TIME ZONE 'UTC', c.quarantined
    FROM pg_temp.leeway_push_checked c ORDER BY c.seq;

  IF 'decision.recorded' = ANY (kinds) THEN
  INSERT INTO central_decisions (id, terminal_id, customer_id, employee_id, amount_minor,
      decided_at, approver_id, authority_id, action, reason, category, note, policy_version,
      currency, discretionary, override, allowance_exception, approval_channel)
  SELECT c.did, tid, c.cid, c.actor, c.amt::bigint,
         c.decided_at, c.approver, coalesce(c.approver, c.actor),
         c.p->>'action', c.p->>'reason', c.p->>'category', left(c.p->>'note', 2000),
         c.p->>'policy_version', c.p->>'currency',
         coalesce(CASE WHEN jsonb_typeof(c.p->'discretionary') = 'boolean'
                       THEN (c.p->>'discretionary')::boolean END, true),
         coalesce(CASE WHEN jsonb_typeof(c.p->'override') = 'boolean'
                       THEN (c.p->>'override')::boolean END, false),
         coalesce(CASE WHEN jsonb_typeof(c.p->'allowance_exception') = 'boolean'
                       THEN (c.p->>'allowance_exception')::boolean END, false),
         CASE WHEN c.approver IS NOT NULL THEN left(c.p->>'approval_channel', 16) END
    FROM pg_temp.leeway_push_checked c
   WHERE c.type = 'decision.recorded' AND c.quarantined IS NULL;

  IF EXISTS (SELECT 1 FROM central_allowances a WHERE a.terminal_id = tid) THEN
  UPDATE central_allowances a SET consumed_minor = a.consumed_minor + s.amount
    FROM (SELECT 'customer'::text AS scope, c.p->>'customer_id' AS key,
                 sum((c.p->>'amount_minor')::bigint) AS amount
            FROM pg_temp.leeway_push_checked c
           WHERE c.type = 'decision.recorded' AND c.quarantined IS NULL
             AND coalesce(c.p->>'discretionary', 'true') <> 'false'
             AND coalesce(c.p->>'override', 'false') <> 'true'
           GROUP BY 2
          UNION ALL
          SELECT 'employee', coalesce(c.approver, c.actor),
                 sum((c.p->>'amount_minor')::bigint)
            FROM pg_temp.leeway_push_checked c
           WHERE c.type = 'decision.recorded' AND c.quarantined IS NULL
           GROUP BY 2) s
   WHERE a.scope = s.scope AND a.key = s.key AND a.terminal_id = tid;
  END IF;
  END IF;

  -- What follows writes the change feed: take its lock now, before any customer, voucher
  -- or staff row is locked, so two pushes never wait on each other in a circle (the
  -- insert's own trigger would take it later, after such rows).
  IF kinds && ARRAY['voucher.issued', 'referral.created', 'referral.approved',
                    'referral.declined', 'recognition.given', 'contact.corrected',
                    'voucher.redeemed', 'employee.added', 'employee.disabled',
                    'pin.changed'] THEN
    PERFORM pg_advisory_xact_lock(1818584439, -1);  -- see leeway_feed_in_order()
  END IF;

  IF 'voucher.issued' = ANY (kinds) THEN
  INSERT INTO central_vouchers (serial, data, status)
  SELECT c.p->>'serial', c.payload, 'issued' FROM pg_temp.leeway_push_checked c
   WHERE c.type = 'voucher.issued' AND c.quarantined IS NULL
     AND coalesce(c.p->>'serial', '') <> ''
  ON CONFLICT (serial) DO NOTHING;
  INSERT INTO central_changes (kind, key, data)
  SELECT 'voucher', c.p->>'serial', (c.p || jsonb_build_object('status', 'issued'))::text
    FROM pg_temp.leeway_push_checked c
   WHERE c.type = 'voucher.issued' AND c.quarantined IS NULL
     AND coalesce(c.p->>'serial', '') <> ''
   ORDER BY c.seq;
  END IF;

  IF kinds && ARRAY['referral.created', 'referral.approved', 'referral.declined'] THEN
  INSERT INTO central_changes (kind, key, data)
  SELECT 'referral', c.p->>'referral_id',
         CASE WHEN c.type = 'referral.created' THEN
           (c.p || jsonb_build_object('requester_id', c.actor, 'state', 'pending',
                                      'origin', tid))::text
         ELSE jsonb_build_object(
           'referral_id', c.p->>'referral_id', 'state', split_part(c.type, '.', 2),
           'decided_by', c.actor, 'decided_at', c.occurred_at,
           'decided_by_name', c.p->>'decided_by_name',
           'decided_by_tier', c.p->>'decided_by_tier',
           'decision_id', c.p->>'decision_id', 'decision_note', coalesce(c.p->>'note', ''),
           'decided_at_terminal', tid)::text END
    FROM pg_temp.leeway_push_checked c
   WHERE c.type IN ('referral.created', 'referral.approved', 'referral.declined')
     AND c.quarantined IS NULL AND coalesce(c.p->>'referral_id', '') <> ''
   ORDER BY c.seq;
  END IF;

  -- A recognition reaches every desk, so the employee sees it wherever they sign in next.
  IF 'recognition.given' = ANY (kinds) THEN
  INSERT INTO central_changes (kind, key, data)
  SELECT 'recognition', c.p->>'recognition_id',
         (c.p || jsonb_build_object('given_by', c.actor, 'origin', tid))::text
    FROM pg_temp.leeway_push_checked c
   WHERE c.type = 'recognition.given' AND c.quarantined IS NULL
     AND coalesce(c.p->>'recognition_id', '') <> ''
     AND coalesce(c.p->>'employee_id', '') <> ''
   ORDER BY c.seq;
  END IF;

  IF kinds && ARRAY['contact.corrected', 'voucher.redeemed', 'employee.added',
                    'employee.disabled', 'pin.changed'] THEN
  FOR ev IN SELECT * FROM pg_temp.leeway_push_checked c
             WHERE c.quarantined IS NULL
               AND c.type IN ('contact.corrected', 'voucher.redeemed', 'employee.added',
                              'employee.disabled', 'pin.changed')
             ORDER BY c.seq LOOP
    BEGIN
      IF ev.type = 'contact.corrected' THEN
        PERFORM leeway_apply_contact(tid, ev.hlc, ev.p);
      ELSIF ev.type = 'voucher.redeemed' THEN
        PERFORM leeway_apply_redeemed(tid, ev.occurred_at, ev.actor, ev.p);
      ELSE
        PERFORM leeway_apply_staff(tid, ev.type, ev.p);
      END IF;
    EXCEPTION WHEN others THEN
      UPDATE central_events e SET quarantined = left('payload not applied: ' || SQLERRM, 200)
       WHERE e.id = ev.id;
      UPDATE pg_temp.leeway_push_checked c
         SET quarantined = left('payload not applied: ' || SQLERRM, 200) WHERE c.id = ev.id;
    END;
  END LOOP;
  END IF;

  SELECT l.seq, l.hash INTO h_seq, h_hash FROM pg_temp.leeway_push_checked l
   ORDER BY l.seq DESC LIMIT 1;
  IF FOUND THEN
    UPDATE central_terminals t SET head_seq = h_seq, head_hash = h_hash WHERE t.id = tid;
  ELSE
    SELECT t.head_seq INTO h_seq FROM central_terminals t WHERE t.id = tid;
  END IF;

  RETURN QUERY
    SELECT c.id, c.quarantined IS NULL, c.quarantined FROM pg_temp.leeway_push_checked c
    UNION ALL
    SELECT b.id, e.hash IS NOT DISTINCT FROM b.hash,
           CASE WHEN e.hash IS DISTINCT FROM b.hash
                THEN format('event %s differs from the one central holds', b.seq) END
      FROM pg_temp.leeway_push_batch b
      LEFT JOIN central_events e ON e.terminal_id = tid AND e.seq = b.seq
     WHERE b.terminal_id = tid AND b.seq <= h_seq
       AND NOT EXISTS (SELECT 1 FROM pg_temp.leeway_push_checked c WHERE c.id = b.id)
    UNION ALL
    SELECT b.id, false, format('claims terminal %s: spoofed', quote_literal(b.terminal_id))
      FROM pg_temp.leeway_push_batch b WHERE b.terminal_id IS DISTINCT FROM tid
    UNION ALL
    SELECT b.id, false, format('does not continue the chain central holds (head is'
                               ' event %s)', h_seq)
      FROM pg_temp.leeway_push_batch b
     WHERE b.terminal_id = tid AND b.seq > h_seq
       AND NOT EXISTS (SELECT 1 FROM pg_temp.leeway_push_checked c WHERE c.id = b.id);
  TRUNCATE pg_temp.leeway_push_batch;
END $$;


-- leeway_apply_contact: one field of a customer, last writer by (hybrid clock, desk)
-- wins (a clock more than five minutes ahead counts as five minutes ahead); the loser is
-- kept as a conflict every desk can review.
CREATE OR REPLACE FUNCTION leeway_apply_contact(tid text, hlc text, p jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cid text := p->>'customer_id';
  fld text := p->>'field';
  after text := coalesce(p->>'after', '');
  row_ record;
  data jsonb;
  clocks jsonb;
  -- A desk's stamp counts up to five minutes ahead of this server's clock (desks' clocks
  -- drift); beyond that, or not a stamp at all, it is held at that ceiling (or loses), so
  -- a till with a wild clock, or a stolen one, cannot make its edit win for good nor push
  -- every desk's clock into the future through the feed.
  ceiling text := lpad(((extract(epoch FROM clock_timestamp()) * 1000)::bigint
                        + 300000)::text, 15, '0') || '-00000';
  stamp text := CASE WHEN coalesce(hlc, '') !~ '^[0-9]{15}-[0-9]{5}$' THEN ''
                     ELSE least(hlc, ceiling) END;
  mine text := stamp || '|' || tid;
  current_ text;
  lost jsonb;
  newest text;
BEGIN
  IF cid IS NULL OR fld IS NULL OR fld NOT IN ('given_name', 'family_name', 'phone',
      'email', 'loyalty_id', 'room', 'address', 'city', 'postal_code', 'country') THEN
    RAISE EXCEPTION 'unknown contact field %', coalesce(fld, '(none)');
  END IF;
  -- (a record IS NULL only when every field is: FOUND says whether a row was read)
  SELECT * INTO row_ FROM central_customers WHERE id = cid FOR UPDATE;
  IF FOUND THEN
    data := row_.data::jsonb;
    clocks := row_.clocks::jsonb;
  ELSE
    data := jsonb_build_object('id', cid);
    clocks := '{}'::jsonb;
  END IF;
  current_ := coalesce(clocks->>fld, '');
  IF mine > current_ THEN
    IF current_ <> '' THEN
      lost := jsonb_build_object('value', coalesce(data->>fld, ''), 'stamp', current_);
    END IF;
    data := data || jsonb_build_object(fld, after);
    clocks := clocks || jsonb_build_object(fld, mine);
  ELSE
    lost := jsonb_build_object('value', after, 'stamp', mine);
  END IF;
  INSERT INTO central_customers (id, data, clocks) VALUES (cid, data::text, clocks::text)
  ON CONFLICT (id) DO UPDATE SET data = excluded.data, clocks = excluded.clocks;
  SELECT max(split_part(v, '|', 1)) INTO newest FROM jsonb_each_text(clocks) AS j(k, v);
  INSERT INTO central_changes (kind, key, data)
  VALUES ('customer', cid, (data || jsonb_build_object('hlc', newest))::text);
  IF lost IS NOT NULL AND lost->>'value' IS DISTINCT FROM data->>fld THEN
    INSERT INTO central_conflicts (kind, key, detail, detected_at)
    VALUES ('contact', cid, jsonb_build_object(
        'customer_id', cid, 'field', fld, 'kept', data->>fld, 'kept_stamp', clocks->>fld,
        'lost', lost->>'value', 'lost_stamp', lost->>'stamp')::text,
      now() AT TIME ZONE 'UTC');
    INSERT INTO central_changes (kind, key, data)
    VALUES ('conflict', cid, jsonb_build_object(
        'kind', 'contact', 'customer_id', cid, 'field', fld, 'kept', data->>fld,
        'kept_stamp', clocks->>fld, 'lost', lost->>'value',
        'lost_stamp', lost->>'stamp')::text);
  END IF;
END $$;


-- leeway_apply_redeemed: the first redemption central hears of wins; a second one (two
-- desks offline at once) becomes a conflict for people to review.
CREATE OR REPLACE FUNCTION leeway_apply_redeemed(tid text, at_ text, actor text, p jsonb)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  serial_ text := p->>'serial';
  row_ record;
  known boolean;
  detail jsonb;
BEGIN
  SELECT * INTO row_ FROM central_vouchers WHERE serial = serial_ FOR UPDATE;
  known := FOUND;
  IF known AND row_.status = 'issued' THEN
    UPDATE central_vouchers SET status = 'redeemed', redeemed_terminal = tid,
           redeemed_at = at_ WHERE serial = serial_;
    INSERT INTO central_changes (kind, key, data)
    VALUES ('voucher', serial_, (row_.data::jsonb || jsonb_build_object(
        'status', 'redeemed', 'redeemed_terminal', tid, 'redeemed_at', at_))::text);
    RETURN;
  END IF;
  detail := jsonb_build_object(
    'serial', serial_, 'terminal', tid, 'at', at_, 'by', actor,
    'value_minor', p->'value_minor',
    'first_terminal', CASE WHEN known THEN row_.redeemed_terminal END,
    'first_at', CASE WHEN known THEN row_.redeemed_at END,
    'problem', CASE WHEN known THEN 'redeemed twice' ELSE 'unknown voucher redeemed' END);
  INSERT INTO central_conflicts (kind, key, detail, detected_at)
  VALUES ('voucher', serial_, detail::text, now() AT TIME ZONE 'UTC');
  INSERT INTO central_changes (kind, key, data)
  VALUES ('conflict', serial_, (jsonb_build_object('kind', 'voucher') || detail)::text);
END $$;


-- leeway_apply_staff: staff a desk adds or changes. Known centrally (for shift caps) when
-- the employee is new or homed at this desk; sent on to other desks only for tiers that
-- cannot approve. Approving tiers and every tier change come from an administrator
-- (`leeway central staff ...`), so a stolen till cannot make itself a manager elsewhere.
CREATE OR REPLACE FUNCTION leeway_apply_staff(tid text, kind text, p jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  emp text := p->>'employee_id';
  known record;
  is_known boolean;
  tier_ text;
  approving boolean;
  change jsonb := jsonb_build_object('employee_id', p->>'employee_id');
BEGIN
  IF emp IS NULL OR emp = '' THEN
    RAISE EXCEPTION 'a staff change needs an employee id';
  END IF;
  SELECT * INTO known FROM central_staff WHERE employee_id = emp FOR UPDATE;
  is_known := FOUND;
  IF is_known AND coalesce(known.home_terminal, '') <> tid THEN
    RETURN;  -- another desk's or head office's employee: not this desk's to change
  END IF;
  IF kind = 'employee.added' THEN
    IF is_known THEN
      RETURN;  -- tiers never change through a desk
    END IF;
    tier_ := coalesce(p->>'tier', '');
    INSERT INTO central_staff (employee_id, name, tier, active, pin_hash, home_terminal,
                               changed_at)
    VALUES (emp, coalesce(p->>'name', emp), tier_, true, p->>'pin_hash', tid,
            now() AT TIME ZONE 'UTC');
    change := change || jsonb_build_object('name', p->>'name', 'tier', tier_,
                                           'active', true);
  ELSE
    IF NOT is_known THEN
      RETURN;
    END IF;
    tier_ := known.tier;
    IF kind = 'employee.disabled' THEN
      UPDATE central_staff SET active = false, changed_at = now() AT TIME ZONE 'UTC'
       WHERE employee_id = emp;
      change := change || jsonb_build_object('active', false);
    ELSE
      UPDATE central_staff SET pin_hash = p->>'pin_hash',
             changed_at = now() AT TIME ZONE 'UTC' WHERE employee_id = emp;
    END IF;
  END IF;
  approving := coalesce(leeway_limit('can_approve:' || tier_), 1) <> 0;
  IF approving THEN
    RETURN;  -- kept for shift caps; never sent to other desks from a desk
  END IF;
  IF p->>'pin_hash' IS NOT NULL THEN
    change := change || jsonb_build_object('pin_hash', p->>'pin_hash');
  END IF;
  INSERT INTO central_changes (kind, key, data) VALUES ('employee', emp, change::text);
END $$;


-- leeway_pull(after, max): the change feed after the desk's cursor.
CREATE OR REPLACE FUNCTION leeway_pull(p_after bigint, p_limit integer)
RETURNS TABLE (seq bigint, kind text, key text, data text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN QUERY SELECT c.seq::bigint, c.kind::text, c.key::text, c.data
                 FROM central_changes c WHERE c.seq > p_after ORDER BY c.seq
                LIMIT least(greatest(p_limit, 1), 5000);
END $$;


-- leeway_allowance(scope, key, want): hold more of a guest's budget or an employee's shift
-- cap at this desk. Guarantees: for every guest and employee, what all desks have spent
-- plus what they hold unspent never exceeds the cap of the published policy; concurrent
-- requests are served one after another (the budget's lock row).
CREATE OR REPLACE FUNCTION leeway_allowance(p_scope text, p_key text, p_want bigint)
RETURNS TABLE (granted bigint, held bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text := leeway_terminal();
  cap bigint;
  tier_ text;
  spent bigint;
  outstanding bigint;
  give bigint;
  mine record;
BEGIN
  IF p_scope NOT IN ('customer', 'employee') OR coalesce(p_key, '') = ''
     OR p_want IS NULL OR p_want < 0 OR p_want > 100000000000 THEN
    RAISE EXCEPTION 'not an allowance request: % % %', p_scope, p_key, p_want
      USING ERRCODE = '22023';
  END IF;
  INSERT INTO central_budget_locks (scope, key) VALUES (p_scope, p_key)
  ON CONFLICT DO NOTHING;
  PERFORM 1 FROM central_budget_locks l WHERE l.scope = p_scope AND l.key = p_key
    FOR UPDATE;
  IF p_scope = 'customer' THEN
    cap := coalesce(leeway_limit('customer_budget'), 0);
  ELSE
    SELECT s.tier INTO tier_ FROM central_staff s WHERE s.employee_id = p_key AND s.active;
    cap := coalesce(leeway_limit('shift_cap:' || coalesce(tier_, '')), 0);
  END IF;
  spent := leeway_spent(p_scope, p_key);
  SELECT coalesce(sum(greatest(a.granted_minor - a.consumed_minor, 0)), 0)
    INTO outstanding FROM central_allowances a WHERE a.scope = p_scope AND a.key = p_key;
  give := greatest(0, least(p_want, cap - spent - outstanding));
  SELECT * INTO mine FROM central_allowances a
   WHERE a.scope = p_scope AND a.key = p_key AND a.terminal_id = tid;
  IF NOT FOUND THEN
    INSERT INTO central_allowances (scope, key, terminal_id, granted_minor, consumed_minor)
    VALUES (p_scope, p_key, tid, give, 0);
    held := give;
  ELSE
    UPDATE central_allowances a SET granted_minor = a.granted_minor + give
     WHERE a.scope = p_scope AND a.key = p_key AND a.terminal_id = tid;
    held := greatest(mine.granted_minor - mine.consumed_minor, 0) + give;
  END IF;
  granted := give;
  RETURN NEXT;
END $$;


-- leeway_allowance_return(keep): after a full push, what this desk holds but has not
-- spent goes back for other desks to use, except the allowances it holds ahead of need
-- (``keep``: 'scope:key' of the employee signed in and the guests being served).
CREATE OR REPLACE FUNCTION leeway_allowance_return(p_keep text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE central_allowances a SET granted_minor = a.consumed_minor
   WHERE a.terminal_id = leeway_terminal()
     AND NOT (a.scope || ':' || a.key = ANY (coalesce(p_keep, ARRAY[]::text[])));
END $$;


-- leeway_voucher(serial): central's record of a voucher (NULL row when unknown): the
-- judge of whether another desk already redeemed it.
CREATE OR REPLACE FUNCTION leeway_voucher(p_serial text)
RETURNS TABLE (status text, redeemed_terminal text, redeemed_at text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN QUERY SELECT v.status::text, v.redeemed_terminal::text, v.redeemed_at::text
                 FROM central_vouchers v WHERE v.serial = p_serial;
END $$;


DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['leeway_terminal()', 'leeway_try_jsonb(text)',
      'leeway_try_timestamp(text)',
      'leeway_limit(text)', 'leeway_spent(text, text)', 'leeway_push_begin()',
      'leeway_push_slot()',
      'leeway_push()', 'leeway_apply_contact(text, text, jsonb)',
      'leeway_apply_redeemed(text, text, text, jsonb)',
      'leeway_apply_staff(text, text, jsonb)', 'leeway_pull(bigint, integer)',
      'leeway_allowance(text, text, bigint)', 'leeway_allowance_return(text[])',
      'leeway_voucher(text)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO {owner}', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
