"""Events: UUIDv7 ids, and a hash chain that exposes edits, deletions, reordering and
truncation, naming the event where the chain breaks."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.events import (
    GENESIS_HASH,
    ChainBreak,
    Event,
    canonical_json,
    chain_next,
    event_hash,
    uuid7,
    verify_chain,
)

MS_MAX = (1 << 48) - 1


def build_chain(n: int, terminal: str = "desk-1") -> list[Event]:
    events: list[Event] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        ev = chain_next(
            terminal_id=terminal,
            seq=seq,
            prev_hash=prev,
            hlc=f"{1_700_000_000_000 + seq:015d}-00000",
            occurred_at=f"2026-11-02T10:{seq % 60:02d}:00",
            actor="E100",
            approver="M200" if seq % 3 == 0 else None,
            type="decision_recorded",
            payload={"seq": seq, "amount": f"{seq}.00", "note": "Gast wartete – 1h"},
        )
        events.append(ev)
        prev = ev.hash
    return events


def head(events: list[Event]) -> tuple[int, str]:
    return events[-1].seq, events[-1].hash


# --- uuid7 ------------------------------------------------------------------------------


def test_uuid7_is_version_7_with_the_rfc_variant() -> None:
    value = uuid7()
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert uuid.UUID(str(value)) == value


def test_uuid7_carries_the_millisecond_timestamp() -> None:
    ms = 1_767_225_600_123
    assert uuid7(ms).int >> 80 == ms
    assert str(uuid7(ms)).startswith(f"{ms:012x}"[:8])


def test_uuid7_ids_are_unique_within_one_millisecond() -> None:
    ids = {uuid7(1_700_000_000_000) for _ in range(2000)}
    assert len(ids) == 2000


def test_uuid7_from_the_clock_is_time_ordered() -> None:
    earlier = uuid7()
    later = uuid7(now_ms=(earlier.int >> 80) + 1)
    assert earlier < later
    assert str(earlier) < str(later)  # the text form sorts the same way


@settings(max_examples=200, deadline=None)
@given(st.integers(0, MS_MAX - 1), st.integers(1, 10**6))
def test_uuid7_orders_by_time(ms: int, gap: int) -> None:
    later_ms = min(ms + gap, MS_MAX)
    a, b = uuid7(ms), uuid7(later_ms)
    assert a.version == b.version == 7
    assert a.variant == b.variant == uuid.RFC_4122
    assert a.int >> 80 == ms and b.int >> 80 == later_ms
    assert a < b
    assert a.bytes < b.bytes
    assert str(a) < str(b)


# --- the chain --------------------------------------------------------------------------


def test_chain_next_links_each_event_to_the_one_before() -> None:
    events = build_chain(3)
    assert events[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert all(len(e.hash) == 64 for e in events)
    assert len({e.id for e in events}) == 3
    assert all(uuid.UUID(e.id).version == 7 for e in events)
    assert events[0].payload_dict() == {"seq": 1, "amount": "1.00", "note": "Gast wartete – 1h"}


def test_payload_is_canonical_json() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'
    one = chain_next(terminal_id="t", seq=1, prev_hash=GENESIS_HASH, hlc="h", occurred_at="o",
                     actor=None, approver=None, type="x", payload={"b": 1, "a": 2}, event_id="id")
    two = chain_next(terminal_id="t", seq=1, prev_hash=GENESIS_HASH, hlc="h", occurred_at="o",
                     actor=None, approver=None, type="x", payload={"a": 2, "b": 1}, event_id="id")
    assert one == two


def test_a_valid_chain_verifies() -> None:
    events = build_chain(6)
    assert verify_chain(events) is None
    assert verify_chain(events, expected_head=head(events)) is None
    assert verify_chain(events, expected_head=(3, events[2].hash)) is None  # head behind
    assert verify_chain([]) is None
    assert verify_chain([], expected_head=(0, GENESIS_HASH)) is None


@pytest.mark.parametrize(
    "field", ["payload", "actor", "approver", "type", "hlc", "occurred_at", "terminal_id", "id"]
)
def test_editing_any_field_breaks_the_chain_at_that_event(field: str) -> None:
    events = build_chain(5)
    original = events[2]
    changed = '{"amount":"999.00"}' if field == "payload" else "tampered"
    events[2] = dataclasses.replace(original, **{field: changed})
    broken = verify_chain(events)
    assert isinstance(broken, ChainBreak)
    assert broken.seq == 3
    assert broken.event_id == events[2].id
    assert "changed" in broken.problem


def test_an_edit_with_a_recomputed_hash_breaks_the_link_to_the_next_event() -> None:
    events = build_chain(5)
    forged = dataclasses.replace(events[1], payload='{"amount":"999.00"}')
    forged = dataclasses.replace(forged, hash=event_hash(
        id=forged.id, terminal_id=forged.terminal_id, seq=forged.seq, hlc=forged.hlc,
        occurred_at=forged.occurred_at, actor=forged.actor, approver=forged.approver,
        type=forged.type, payload=forged.payload, prev_hash=forged.prev_hash,
    ))
    events[1] = forged
    broken = verify_chain(events)
    assert broken is not None
    assert broken.seq == 3
    assert "does not link" in broken.problem


def test_an_edit_of_the_last_event_with_a_recomputed_hash_fails_the_recorded_head() -> None:
    events = build_chain(4)
    recorded = head(events)
    last = events[-1]
    forged = chain_next(terminal_id=last.terminal_id, seq=last.seq, prev_hash=last.prev_hash,
                        hlc=last.hlc, occurred_at=last.occurred_at, actor=last.actor,
                        approver=last.approver, type=last.type, payload={"amount": "0.01"},
                        event_id=last.id)
    events[-1] = forged
    assert verify_chain(events) is None  # only the head exported elsewhere can tell
    broken = verify_chain(events, expected_head=recorded)
    assert broken is not None
    assert broken.seq == 4
    assert broken.event_id == last.id
    assert "head" in broken.problem


@pytest.mark.parametrize("deleted", [1, 2, 4])
def test_deleting_an_event_is_reported_at_the_gap(deleted: int) -> None:
    events = build_chain(5)
    del events[deleted - 1]
    broken = verify_chain(events)
    assert broken is not None
    assert broken.seq == deleted + 1
    assert f"event {deleted} missing" in broken.problem


def test_swapping_two_events_is_reported_where_the_order_breaks() -> None:
    events = build_chain(5)
    events[1], events[3] = events[3], events[1]
    broken = verify_chain(events)
    assert broken is not None
    assert broken.seq == 4  # found where event 2 should be
    assert broken.event_id == events[1].id
    assert "sequence jumps from 1 to 4" in broken.problem


def test_swapping_two_events_and_renumbering_them_breaks_the_link() -> None:
    events = build_chain(5)
    a, b = events[1], events[2]
    events[1] = dataclasses.replace(b, seq=2)
    events[2] = dataclasses.replace(a, seq=3)
    broken = verify_chain(events)
    assert broken is not None
    assert broken.seq == 2
    assert "does not link" in broken.problem


@pytest.mark.parametrize("kept", [0, 1, 4])
def test_truncating_the_tail_is_caught_against_the_expected_head(kept: int) -> None:
    events = build_chain(5)
    recorded = head(events)
    truncated = events[:kept]
    assert verify_chain(truncated) is None  # the cut itself leaves a valid prefix
    broken = verify_chain(truncated, expected_head=recorded)
    assert broken is not None
    assert broken.seq == kept + 1
    assert "truncated" in broken.problem
    assert f"recorded head is event {recorded[0]}" in broken.problem


def test_truncating_and_regrowing_the_tail_is_caught_by_the_head_hash() -> None:
    events = build_chain(5)
    recorded = head(events)
    regrown = build_chain(5)  # a different history of the same length
    assert verify_chain(regrown) is None
    broken = verify_chain(regrown, expected_head=recorded)
    assert broken is not None
    assert broken.seq == 5
    assert "head hash" in broken.problem


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n))),
       st.sampled_from(["edit", "delete", "truncate"]))
def test_any_single_tampering_is_found_at_the_right_event(
    size_and_seq: tuple[int, int], how: str
) -> None:
    size, seq = size_and_seq
    events = build_chain(size)
    recorded = head(events)
    if how == "edit":
        events[seq - 1] = dataclasses.replace(events[seq - 1], payload="{}")
        expected = seq
    elif how == "delete":
        del events[seq - 1]
        expected = seq + 1 if seq < size else seq  # deleting the last is a truncation
    else:
        events = events[: seq - 1]
        expected = seq
    broken = verify_chain(events, expected_head=recorded)
    assert broken is not None
    assert broken.seq == expected
