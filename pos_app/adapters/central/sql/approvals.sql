-- Approvals from afar, online: a desk asks, desks where a manager is signed in see the
-- request, a manager answers, the asking desk collects the answer.
--
-- Run by migration c0005 as the administrator, with {owner} filled in. The answer is a
-- code only the approver's credentials can make (pos_app/domain/approval_code.py); the
-- asking desk checks it before it grants anything, so this relay needs no trust in the
-- answering desk: a forged answer is refused there like a wrong PIN. What these functions
-- guarantee: a desk asks, withdraws and collects only its own requests; answers go only
-- to a pending, unexpired request, from an active employee of an approving tier who is
-- not the requester, at most 3 per desk and request; nothing else is writable.

CREATE TABLE IF NOT EXISTS central_approval_requests (
  id text PRIMARY KEY,
  terminal_id text NOT NULL REFERENCES central_terminals (id),
  requester_id text NOT NULL,
  requester_name text NOT NULL,
  customer_id text NOT NULL,
  customer_name text NOT NULL,
  action text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  reason text NOT NULL,
  note text NOT NULL,
  required_tier text NOT NULL,
  challenge text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'approved', 'declined', 'withdrawn'))
);
CREATE INDEX IF NOT EXISTS ix_central_approval_requests_open
  ON central_approval_requests (state, expires_at);

CREATE TABLE IF NOT EXISTS central_approval_answers (
  request_id text NOT NULL REFERENCES central_approval_requests (id),
  n integer NOT NULL,
  terminal_id text NOT NULL,
  approver_id text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('approve', 'decline')),
  code text NOT NULL,
  why text NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, n)
);

REVOKE ALL ON central_approval_requests, central_approval_answers FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON central_approval_requests, central_approval_answers TO {owner};


-- leeway_approval_ask(...): the calling desk asks for one approval. Guarantees: stored
-- for the caller's own terminal only; sizes bounded; it expires after p_ttl_s seconds of
-- the server's clock (60 to 900); a desk has at most 20 requests pending at once.
CREATE OR REPLACE FUNCTION leeway_approval_ask(
  p_id text, p_requester text, p_requester_name text, p_customer text,
  p_customer_name text, p_action text, p_amount bigint, p_currency text, p_reason text,
  p_note text, p_tier text, p_challenge text, p_ttl_s integer)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text := leeway_terminal();
BEGIN
  IF coalesce(p_id, '') !~ '^[0-9a-f-]{36}$' OR coalesce(p_amount, 0) <= 0
     OR coalesce(p_challenge, '') !~ '^[0-9A-Z-]{15,17}$'
     OR length(coalesce(p_requester, '')) NOT BETWEEN 1 AND 64
     OR length(coalesce(p_customer, '')) NOT BETWEEN 1 AND 64
     OR length(coalesce(p_action, '')) NOT BETWEEN 1 AND 32
     OR length(coalesce(p_reason, '')) NOT BETWEEN 1 AND 64
     OR length(coalesce(p_tier, '')) NOT BETWEEN 1 AND 64
     OR length(coalesce(p_currency, '')) <> 3 THEN
    RAISE EXCEPTION 'approval request malformed' USING ERRCODE = '22023';
  END IF;
  IF (SELECT count(*) FROM central_approval_requests r
       WHERE r.terminal_id = tid AND r.state = 'pending' AND r.expires_at > now()) >= 20 THEN
    RAISE EXCEPTION 'too many approval requests pending at this desk'
      USING ERRCODE = '54000';
  END IF;
  INSERT INTO central_approval_requests (id, terminal_id, requester_id, requester_name,
      customer_id, customer_name, action, amount_minor, currency, reason, note,
      required_tier, challenge, expires_at)
  VALUES (p_id, tid, p_requester, left(coalesce(p_requester_name, ''), 200), p_customer,
          left(coalesce(p_customer_name, ''), 200), p_action, p_amount, p_currency,
          p_reason, left(coalesce(p_note, ''), 2000), p_tier, p_challenge,
          now() + make_interval(secs => least(greatest(coalesce(p_ttl_s, 300), 60), 900)));
END $$;


-- leeway_approval_waiting(): every request still pending and unexpired, oldest first
-- (each desk shows those its signed-in manager may approve).
CREATE OR REPLACE FUNCTION leeway_approval_waiting()
RETURNS TABLE (id text, terminal_id text, requester_id text, requester_name text,
               customer_id text, customer_name text, action text, amount_minor bigint,
               currency text, reason text, note text, required_tier text,
               challenge text, created_at text, expires_at text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM leeway_terminal();
  RETURN QUERY
    SELECT r.id, r.terminal_id, r.requester_id, r.requester_name, r.customer_id,
           r.customer_name, r.action, r.amount_minor, r.currency, r.reason, r.note,
           r.required_tier, r.challenge,
           to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           to_char(r.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      FROM central_approval_requests r
     WHERE r.state = 'pending' AND r.expires_at > now()
     ORDER BY r.created_at DESC  -- past 200 at once, the newest still show
     LIMIT 200;
END $$;


-- leeway_approval_answer(id, approver, verdict, code, why): a manager's answer, relayed.
-- Guarantees: only to a pending, unexpired request; the approver is an active employee
-- of a tier that may approve, and not the requester; at most 3 answers per desk and
-- request (30 in all), so one desk cannot use up the answers of another's request.
CREATE OR REPLACE FUNCTION leeway_approval_answer(
  p_id text, p_approver text, p_verdict text, p_code text, p_why text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text := leeway_terminal();
  req central_approval_requests%ROWTYPE;
  staff central_staff%ROWTYPE;
  answers integer;
BEGIN
  SELECT * INTO req FROM central_approval_requests r WHERE r.id = p_id FOR UPDATE;
  IF NOT FOUND OR req.state <> 'pending' OR req.expires_at <= now() THEN
    RAISE EXCEPTION 'this approval request is no longer waiting' USING ERRCODE = 'P0002';
  END IF;
  IF p_verdict NOT IN ('approve', 'decline')
     OR coalesce(p_code, '') !~ '^[0-9A-Z]{5}-[0-9A-Z]{5}$' THEN
    RAISE EXCEPTION 'approval answer malformed' USING ERRCODE = '22023';
  END IF;
  SELECT * INTO staff FROM central_staff s WHERE s.employee_id = p_approver;
  IF NOT FOUND OR NOT staff.active OR p_approver = req.requester_id
     OR coalesce(leeway_limit('can_approve:' || staff.tier), 0) = 0 THEN
    RAISE EXCEPTION 'this employee may not answer this request'
      USING ERRCODE = '42501';
  END IF;
  -- At most 3 answers from one desk: one desk's role cannot use up a request's answers
  -- and so block the real manager's (every desk together: 30).
  SELECT count(*) INTO answers FROM central_approval_answers a WHERE a.request_id = p_id;
  IF answers >= 30 OR (SELECT count(*) FROM central_approval_answers a
                        WHERE a.request_id = p_id AND a.terminal_id = tid) >= 3 THEN
    RAISE EXCEPTION 'this request has had too many answers' USING ERRCODE = '54000';
  END IF;
  INSERT INTO central_approval_answers (request_id, n, terminal_id, approver_id, verdict,
                                        code, why)
  VALUES (p_id, answers + 1, tid, p_approver, p_verdict, p_code,
          left(coalesce(p_why, ''), 500));
END $$;


-- leeway_approval_status(id): the caller's own request, with every answer so far.
-- Guarantees: another desk's request reads as unknown (no rows).
DROP FUNCTION IF EXISTS leeway_approval_status(text);
CREATE FUNCTION leeway_approval_status(p_id text)
RETURNS TABLE (state text, approver_id text, verdict text, code text, why text,
               answered_at text, terminal_id text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text := leeway_terminal();
  req central_approval_requests%ROWTYPE;
  st text;
BEGIN
  SELECT * INTO req FROM central_approval_requests r
   WHERE r.id = p_id AND r.terminal_id = tid;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  st := CASE WHEN req.state = 'pending' AND req.expires_at <= now() THEN 'expired'
             ELSE req.state END;
  RETURN QUERY
    SELECT st, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text
    UNION ALL
    SELECT st, a.approver_id, a.verdict, a.code, a.why,
           to_char(a.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           a.terminal_id
      FROM (SELECT * FROM central_approval_answers x WHERE x.request_id = p_id
             ORDER BY x.n) a;
END $$;


-- leeway_approval_close(id, state): the asking desk says how it ended (approved and
-- granted, declined, or withdrawn), so other desks stop showing it. Own requests only.
CREATE OR REPLACE FUNCTION leeway_approval_close(p_id text, p_state text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text := leeway_terminal();
BEGIN
  IF p_state NOT IN ('approved', 'declined', 'withdrawn') THEN
    RAISE EXCEPTION 'unknown state' USING ERRCODE = '22023';
  END IF;
  UPDATE central_approval_requests r SET state = p_state
   WHERE r.id = p_id AND r.terminal_id = tid AND r.state = 'pending';
  RETURN FOUND;
END $$;


DO $$
DECLARE
  f text;
  r record;
BEGIN
  FOREACH f IN ARRAY ARRAY[
      'leeway_approval_ask(text, text, text, text, text, text, bigint, text, text, text,'
      ' text, text, integer)',
      'leeway_approval_waiting()', 'leeway_approval_answer(text, text, text, text, text)',
      'leeway_approval_status(text)', 'leeway_approval_close(text, text)'] LOOP
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
