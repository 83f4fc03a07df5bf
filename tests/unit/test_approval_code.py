"""Challenge and answer codes for approvals from afar: what a person reads over the
telephone must survive being read, and catch what is misheard."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.approval_code import (
    CHALLENGE_SYMBOLS,
    MAX_AMOUNT_MINOR,
    ApprovalCodeError,
    Challenge,
    answer_for,
    answers_match,
    new_challenge,
    parse_answer,
    parse_challenge,
)
from pos_app.domain.errors import InvalidInput
from pos_app.domain.policy import ACTION_KINDS
from pos_app.domain.voucher_code import ALPHABET

challenges = st.builds(Challenge, st.sampled_from(ACTION_KINDS),
                       st.integers(1, MAX_AMOUNT_MINOR), st.integers(0, 2**30 - 1))


@given(challenges)
def test_a_challenge_reads_back_as_itself_however_it_is_typed(c: Challenge) -> None:
    assert len(c.text.replace("-", "")) == CHALLENGE_SYMBOLS
    assert parse_challenge(c.text) == c
    # Lower case, spaces instead of dashes, O for 0 and L for 1: still the same.
    typed = c.text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert parse_challenge(typed) == c


@given(challenges, st.data())
def test_one_or_two_misheard_symbols_are_always_caught(c: Challenge, data: st.DataObject
                                                       ) -> None:
    symbols = list(c.text.replace("-", ""))
    positions = data.draw(st.lists(st.integers(0, len(symbols) - 1), min_size=1,
                                   max_size=2, unique=True))
    for at in positions:
        symbols[at] = data.draw(st.sampled_from([s for s in ALPHABET if s != symbols[at]]))
    with pytest.raises(ApprovalCodeError, match="does not add up"):
        parse_challenge("".join(symbols))


@given(challenges, st.data())
def test_two_swapped_symbols_are_caught(c: Challenge, data: st.DataObject) -> None:
    symbols = list(c.text.replace("-", ""))
    i, j = data.draw(st.lists(st.integers(0, len(symbols) - 1), min_size=2, max_size=2,
                              unique=True))
    if symbols[i] == symbols[j]:
        return  # swapping equal symbols changes nothing
    symbols[i], symbols[j] = symbols[j], symbols[i]
    with pytest.raises(ApprovalCodeError):
        parse_challenge("".join(symbols))


def test_an_answer_is_bound_to_the_challenge_the_approver_and_the_verdict() -> None:
    key = b"k" * 32
    c = Challenge("refund", 20000, 12345)
    answer = answer_for(key, c, "4001")
    assert parse_answer(answer.lower().replace("-", "")) == answer
    others = {answer_for(key, Challenge("refund", 20001, 12345), "4001"),
              answer_for(key, Challenge("fee_waiver", 20000, 12345), "4001"),
              answer_for(key, Challenge("refund", 20000, 12346), "4001"),
              answer_for(key, c, "4002"),
              answer_for(key, c, "4001", "decline"),
              answer_for(b"K" * 32, c, "4001")}
    assert answer not in others and len(others) == 6
    assert answers_match(answer, answer_for(key, c, "4001"))
    assert not answers_match(answer, next(iter(others)))


@pytest.mark.parametrize(("text", "says"), [
    ("", "Enter the challenge"),
    ("   ", "Enter the challenge"),
    ("0000K-H09DK-Q072", "has 15 characters; this has 14"),
    ("0000K-H09DK-Q0727-9", "has 15 characters; this has 16"),
    ("<b>0000K</b>", "only the letters and digits"),
    ("=HYPERLINK(\"x\")", "only the letters and digits"),
    ("'; DROP TABLE far_approvals; --", "only the letters and digits"),
    ("٠١٢٣٤٥٦٧٨٩٠١٢٣٤", "only the letters and digits"),
    ("U" * 15, "only the letters and digits"),
    ("7" * 5000, "far too long"),
    ("M9XD4-T1RB8", "looks like the answer code"),
])
def test_bad_challenges_get_a_sentence_a_person_can_act_on(text: str, says: str) -> None:
    with pytest.raises(ApprovalCodeError, match=says):
        parse_challenge(text)


def test_an_answer_typed_where_a_challenge_belongs_and_back_is_named() -> None:
    c = new_challenge("refund", 100)
    with pytest.raises(ApprovalCodeError, match="looks like the challenge"):
        parse_answer(c.text)


@pytest.mark.parametrize("amount", [0, -1, MAX_AMOUNT_MINOR + 1, 10**15])
def test_amounts_a_challenge_cannot_carry_are_refused_plainly(amount: int) -> None:
    with pytest.raises(InvalidInput):
        new_challenge("refund", amount)


def test_challenges_for_the_same_request_differ() -> None:
    assert len({new_challenge("refund", 5000).text for _ in range(50)}) == 50
