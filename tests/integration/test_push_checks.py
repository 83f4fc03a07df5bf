"""What ``leeway_push()`` takes from a desk's batch (real PostgreSQL, the desk's own role).

A batch is stored whole, so the chain stays unbroken, but only a sound decision reaches
the decisions projection, the one every budget is counted from. The rules are those of
``sql/authority.sql``: an id of 36 lowercase hex digits and dashes, a customer (at most
64 characters), 1 to 15 digits of amount above zero, an employee, and an ISO time that
is a time; an id recorded before, or earlier in the same batch, is not taken twice.
Hypothesis writes the payloads; the rules are restated below as regular expressions, as
the function had them before it checked with string functions, so the test also proves
the two spellings agree.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note_case
from hypothesis import strategies as st

from pos_app.adapters.central.connect import central_engine
from pos_app.adapters.central.push import push_batch
from pos_app.bootstrap import open_app
from pos_app.domain.events import Event
from tests.integration.sync_support import new_central, new_desk, terminal_url

DECISION_ID = re.compile(r"[0-9a-f-]{36}")
AMOUNT = re.compile(r"[0-9]{1,15}")
TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?")
MISSING = object()  # the key is left out of the payload

# Times shaped right that are times, and shaped right that are not.
GOOD_TIMES = ["2026-11-01T08:00:00.000000Z", "2026-11-01T08:00:00", "2026-02-28T23:59:59.5Z"]
BAD_TIMES = ["2026-13-01T08:00:00Z", "2026-02-30T10:00:00Z", "2026-11-01T25:61:00Z",
             "0000-01-01T00:00:00Z", "2026-11-01T..Z"]


def _no_nul(s: str) -> bool:
    return "\x00" not in s  # PostgreSQL text cannot hold NUL: not a payload a desk writes


texts = st.text(max_size=40).filter(_no_nul)
# Out-of-rule values for each field (some fall inside the rules by chance: the oracle
# below judges each one, not the strategy it came from).
spoilt = {
    "decision_id": st.one_of(
        st.uuids().map(lambda u: str(u).upper()),
        st.text(alphabet="0123456789abcdefg-", min_size=34, max_size=38), texts,
        st.integers(), st.just(MISSING)),
    "customer_id": st.one_of(st.text(min_size=60, max_size=70).filter(_no_nul),
                             st.just(""), st.just(MISSING), st.none()),
    "amount_minor": st.one_of(st.integers(min_value=-5, max_value=10**16),
                              st.text(alphabet="0123456789 +-.e", max_size=17),
                              st.just(MISSING), st.booleans()),
}
times = st.one_of(st.sampled_from(BAD_TIMES),
                  st.text(max_size=32).filter(lambda s: _no_nul(s) and not TIME.fullmatch(s)))
garbage = st.sampled_from(["not json {", "[1, 2]", '"a string"', "null", "{}"])


@st.composite
def one_event(draw: st.DrawFn) -> tuple[Any, str, str | None, bool]:
    """One event: a sound decision, or one with a single thing spoilt."""
    payload: Any = {"decision_id": draw(st.uuids().map(str)),
                    "customer_id": draw(st.text(min_size=1, max_size=64).filter(_no_nul)),
                    "amount_minor": draw(st.one_of(
                        st.integers(min_value=1, max_value=10**15 - 1),
                        st.integers(min_value=1, max_value=10**15 - 1).map(str)))}
    at = draw(st.sampled_from(GOOD_TIMES))
    actor: str | None = draw(st.sampled_from(["1001", "2001"]))
    spoil = draw(st.sampled_from([None, None, "decision_id", "customer_id", "amount_minor",
                                  "time", "actor", "payload", "type"]))
    if spoil in spoilt:
        payload[spoil] = draw(spoilt[spoil])
    elif spoil == "time":
        at = draw(times)
    elif spoil == "actor":
        actor = draw(st.sampled_from(["", None]))
    elif spoil == "payload":
        payload = draw(garbage)
    return payload, at, actor, spoil != "type"


@st.composite
def batches(draw: st.DrawFn) -> list[tuple[Any, str, str | None, bool]]:
    out = draw(st.lists(one_event(), min_size=1, max_size=8))
    first, last = out[0][0], out[-1][0]
    if len(out) > 1 and isinstance(first, dict) and isinstance(last, dict) and draw(
            st.booleans()):
        last["decision_id"] = first["decision_id"]  # one id twice in the batch
    return out


def _as_text(value: Any) -> str:
    """What ``payload ->> key`` gives for these values, NULL read as ''."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _payload_text(payload: Any) -> str:
    if isinstance(payload, str):
        return payload
    return json.dumps({k: v for k, v in payload.items() if v is not MISSING})


def _sound(payload: Any, at: str, actor: str | None) -> bool:
    if not isinstance(payload, dict):
        return False
    did, cid = _as_text(payload["decision_id"]), _as_text(payload["customer_id"])
    amount = _as_text(payload["amount_minor"])
    return bool(DECISION_ID.fullmatch(did) and cid and len(cid) <= 64
                and AMOUNT.fullmatch(amount) and int(amount) > 0 and actor
                and TIME.fullmatch(at) and at not in BAD_TIMES)


def _object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


class Desk:
    """A registered desk whose batches continue the chain central holds for it."""

    def __init__(self, central: str, data_dir: Path, terminal_id: str) -> None:
        self.central, self.id = central, terminal_id
        app = open_app(data_dir)
        try:
            self.engine = central_engine(terminal_url(app))  # the desk's own role
        finally:
            app.close()

    def head(self) -> tuple[int, str]:
        with psycopg.connect(self.central) as conn:
            row = conn.execute("SELECT head_seq, head_hash FROM central_terminals"
                               " WHERE id = %s", (self.id,)).fetchone()
        assert row is not None
        return int(row[0]), str(row[1])

    def batch(self, rows: list[tuple[str, str, str | None, str]]) -> list[Event]:
        """Events continuing central's head: (payload text, time, actor, type) each."""
        seq, prev = self.head()
        out = []
        for payload, at, actor, kind in rows:
            seq += 1
            digest = hashlib.sha256(f"{prev}{seq}{payload}".encode()).hexdigest()
            out.append(Event(str(uuid.uuid4()), self.id, seq, f"{seq:016d}-0000", at, actor,
                             None, kind, payload, prev, digest))
            prev = digest
        return out

    def push(self, batch: list[Event]) -> tuple[set[str], dict[str, str]]:
        with self.engine.connect() as conn:
            result = push_batch(conn, batch)
        return set(result.acknowledged), result.rejected

    def stored(self, batch: list[Event]) -> dict[str, str | None]:
        """Event id -> why central quarantined it (None: applied), for the batch."""
        with psycopg.connect(self.central) as conn:
            rows = conn.execute("SELECT id, quarantined FROM central_events"
                                " WHERE id = ANY(%s)", ([e.id for e in batch],)).fetchall()
        return {str(r[0]): r[1] for r in rows}

    def decisions(self) -> dict[str, tuple[str, int, datetime]]:
        with psycopg.connect(self.central) as conn:
            rows = conn.execute("SELECT id, customer_id, amount_minor, decided_at"
                                " FROM central_decisions").fetchall()
        return {str(r[0]): (str(r[1]), int(r[2]), r[3]) for r in rows}


@pytest.fixture
def desk(tmp_path: Path, pg_url: str, capsys: Any) -> Iterator[Desk]:
    central = new_central(pg_url)
    d = Desk(central, new_desk(tmp_path, "desk-a", False, central, capsys), "desk-a")
    try:
        yield d
    finally:
        d.engine.dispose()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=batches())
def test_a_batch_is_stored_whole_and_only_sound_decisions_are_projected(
        desk: Desk, rows: list[tuple[Any, str, str | None, bool]]) -> None:
    known = desk.decisions()
    batch = desk.batch([(_payload_text(p), at, actor,
                         "decision.recorded" if decision else "note.added")
                        for p, at, actor, decision in rows])
    taken, refused = desk.push(batch)
    stored = desk.stored(batch)
    assert set(stored) == {e.id for e in batch}  # the chain is whole
    assert desk.head()[0] == batch[-1].seq
    expected: dict[str, tuple[str, int]] = {}
    seen = set(known)
    for (payload, at, actor, decision), event in zip(rows, batch, strict=True):
        if not decision:
            assert (stored[event.id] is None) == _object(event.payload)
            continue
        did = _as_text(payload["decision_id"]) if isinstance(payload, dict) else ""
        sound = _sound(payload, at, actor)
        again = sound and did in seen
        if isinstance(payload, dict):
            seen.add(did)
        ok = sound and not again
        assert (stored[event.id] is None) == ok, (event.payload, at, actor, stored[event.id])
        assert (event.id in taken) == ok and (event.id in refused) == (not ok)
        if again:
            assert "already recorded" in str(stored[event.id])
        if ok:
            expected[did] = (_as_text(payload["customer_id"]),
                             int(_as_text(payload["amount_minor"])))
    note_case("decisions projected: " + ("none" if not expected else "some"))
    now = desk.decisions()
    assert {k: v[:2] for k, v in now.items() if k not in known} == expected


def test_what_a_push_refuses_it_says_why(desk: Desk) -> None:
    first = str(uuid.uuid4())
    good = {"decision_id": first, "customer_id": "C1", "amount_minor": 500}
    at = GOOD_TIMES[0]
    batch = desk.batch([
        (json.dumps(good), at, "1001", "decision.recorded"),
        (json.dumps(good), at, "1001", "decision.recorded"),  # the same id again
        (json.dumps({**good, "decision_id": str(uuid.uuid4())}), "2026-13-01T08:00:00Z",
         "1001", "decision.recorded"),
        (json.dumps({**good, "decision_id": str(uuid.uuid4()), "amount_minor": 0}), at,
         "1001", "decision.recorded"),
        ("not json {", at, "1001", "decision.recorded"),
    ])
    taken, refused = desk.push(batch)
    assert taken == {batch[0].id}
    assert "already recorded" in refused[batch[1].id]
    assert "an employee and a time" in refused[batch[2].id]
    assert "positive amount" in refused[batch[3].id]
    assert "not a JSON object" in refused[batch[4].id]
    assert set(desk.decisions()) == {first}
    # Sent again in a later batch, the decision is refused as recorded, and stored once.
    again = desk.batch([(json.dumps(good), at, "1001", "decision.recorded")])
    taken, refused = desk.push(again)
    assert not taken and "already recorded" in refused[again[0].id]
    assert desk.decisions()[first][1] == 500
