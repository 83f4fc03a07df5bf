"""Bad input gets one clear line and changes nothing: identifiers, names, notes, messages.

Property tests draw from the characters that hide or reorder text (Unicode categories
Cc, Cf, Zl and Zp, and the bidi controls) and check that every way in applies the same
rule: an employee's ID and name, a customer's ID and name, a CSV row, a note, and every
message that quotes what was typed.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.contact import clean_text, normalize_email, normalize_field, normalize_phone
from pos_app.domain.errors import AuthenticationFailed, InvalidInput, LeewayError
from pos_app.domain.people import (
    Customer,
    Employee,
    check_customer_id,
    check_employee_id,
    check_name,
    is_employee_id,
)
from pos_app.domain.policy import parse_policy
from pos_app.domain.text import JOINERS, clean_free_text, is_invisible, quoted
from pos_app.services.employees import add_employee, authenticate, unlock_employee
from pos_app.services.export import FIELDS, export_decisions
from pos_app.services.importing import ImportReport, iter_customers, validate_rows
from pos_app.services.ports import DecisionRecord, UnitOfWork
from pos_app.services.recovery import check_request
from tests.unit.fakes import FakeUnitOfWorkFactory, PlainHasher

POLICY = parse_policy((Path(__file__).resolve().parents[2] / "resources" / "policies"
                       / "default.toml").read_text(encoding="utf-8"))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# The characters from the reports, then everything of their kind.
REPORTED = "\u202e\u200b\ufeff\u00ad\u2066\x1b\n\x00"
HIDDEN = st.one_of(
    st.sampled_from(REPORTED + BIDI + "\u2028\u2029\r\t\x7f\x85"),
    st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp")).filter(
        lambda ch: ch not in JOINERS),
)
EMPLOYEE_IDS = st.from_regex(r"[A-Za-z0-9._-]{1,31}", fullmatch=True)
CUSTOMER_IDS = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Zs",
                                                           "Cs")), min_size=1, max_size=40)
NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs")),
                min_size=1, max_size=60).filter(lambda s: s.strip())


def _insert(text: str, ch: str, at: int) -> str:
    at = at % (len(text) + 1)
    return text[:at] + ch + text[at:]


def _one_printable_line(message: str) -> None:
    assert message.isprintable(), repr(message)
    assert len(message) < 300


# --- identifiers ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["1001\n", "1001\r\n", "\n1001", "10 01", "1001\x00", "",
                                 "1" * 33, "1001\u200b"])
def test_an_employee_id_is_the_whole_text_not_a_prefix(bad: str) -> None:
    assert not is_employee_id(bad)
    with pytest.raises(InvalidInput, match="An employee ID is"):
        check_employee_id(bad)


def test_an_id_with_a_trailing_newline_neither_adds_nor_signs_in() -> None:
    uows = FakeUnitOfWorkFactory()
    hasher = PlainHasher()
    with uows(write=True) as uow:
        add_employee(uow, hasher, POLICY, "7001", "Sam Reyes", "associate", "2468")
        with pytest.raises(InvalidInput):
            add_employee(uow, hasher, POLICY, "7002\n", "Kim Lee", "associate", "2468")
        with pytest.raises(AuthenticationFailed):
            authenticate(uow, hasher, "7001\n", "2468")
        assert authenticate(uow, hasher, "7001", "2468").id == "7001"


@settings(max_examples=200, deadline=None)
@given(EMPLOYEE_IDS, CUSTOMER_IDS, HIDDEN, st.integers(0, 64))
def test_no_id_rule_accepts_a_hidden_character(employee_id: str, customer_id: str,
                                               hidden: str, at: int) -> None:
    assert check_employee_id(employee_id) == employee_id
    assert check_customer_id(customer_id) == customer_id
    with pytest.raises(InvalidInput):
        check_employee_id(_insert(employee_id, hidden, at))
    with pytest.raises(InvalidInput) as err:
        check_customer_id(_insert(customer_id, hidden, at))
    _one_printable_line(str(err.value))


@settings(max_examples=100, deadline=None)
@given(CUSTOMER_IDS, HIDDEN, st.integers(0, 64))
def test_a_csv_row_follows_the_customer_id_rule(customer_id: str, hidden: str, at: int
                                                ) -> None:
    header = ["customer_id", "given_name"]
    bad = _insert(customer_id, hidden, at)
    rows = [(2, [customer_id.strip() or "X", "Ann"]), (3, [bad, "Ben"])]
    (line_ok, ok), (line_bad, outcome) = validate_rows(header, rows, "US")
    assert isinstance(ok, Customer) and line_ok == 2
    if bad.strip() and bad.strip() != customer_id.strip():  # not just trimmed away
        assert isinstance(outcome, str) and line_bad == 3
        _one_printable_line(outcome)


@pytest.mark.parametrize("bad", ["\u200bC100005", "C100005\u200b", "\x1b[2J\x1b[HC1",
                                 "C1\u202e", "C 1", "C" * 65])
def test_the_reported_customer_ids_are_refused_in_a_csv_row(bad: str) -> None:
    ((_, outcome),) = validate_rows(["customer_id", "given_name"], [(2, [bad, "Ann"])], "US")
    assert isinstance(outcome, str) and "customer ID" in outcome
    _one_printable_line(outcome)


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\ufeff", "\u00ad", "\u2066"])
def test_employee_names_refuse_what_customer_names_refuse(hidden: str) -> None:
    name = f"Sam{hidden} Reyes"
    with pytest.raises(InvalidInput, match="invisible"):
        clean_text("given_name", name)
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow, pytest.raises(InvalidInput, match="invisible"):
        add_employee(uow, PlainHasher(), POLICY, "7001", name, "associate", "2468")


@settings(max_examples=200, deadline=None)
@given(NAMES, st.one_of(st.just(""), HIDDEN), st.integers(0, 64))
def test_one_name_rule_for_customers_and_employees(name: str, hidden: str, at: int
                                                   ) -> None:
    candidate = _insert(name, hidden, at)
    outcomes = []
    for check in (lambda t: clean_text("given_name", t), lambda t: check_name("Name", t)):
        try:
            outcomes.append(check(candidate))
        except InvalidInput:
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        try:
            added: Employee | None = add_employee(uow, PlainHasher(), POLICY, "7001",
                                                 candidate, "associate", "2468")
        except InvalidInput:
            added = None
    assert (added.name if added else None) == outcomes[0]
    if hidden.strip() and any(is_invisible(ch) for ch in hidden):
        assert outcomes[0] is None


# --- free text and messages -------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), HIDDEN, st.integers(0, 80))
def test_free_text_keeps_lines_and_tabs_and_nothing_else_invisible(text: str, hidden: str,
                                                                   at: int) -> None:
    cleaned = clean_free_text(_insert(text, hidden, at))
    assert "\r" not in cleaned
    assert not any(is_invisible(ch) for ch in cleaned if ch not in "\t\n")
    assert clean_free_text(cleaned) == cleaned  # stable: cleaning twice changes nothing


@pytest.mark.parametrize(("note", "kept"), [
    ("Charged twice\r\nrefunded", "Charged twice\nrefunded"),
    ("bare\rreturn", "bare\nreturn"),
    ("\x1b[31mred\x1b[0m and \x1b]0;title\x07done", "red and done"),
    ("tab\tstays", "tab\tstays"),
    ("nul\x00 bell\x07", "nul bell"),
    ("\u202eevil", "evil"),
    ("حسن\u200cزاده", "حسن\u200cزاده"),
])
def test_notes_are_cleaned_as_they_come_in(note: str, kept: str) -> None:
    assert clean_free_text(note) == kept


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_quoted_input_is_one_printable_line_of_bounded_length(text: str) -> None:
    shown = quoted(text)
    _one_printable_line(shown)
    assert len(shown) <= 60 + 3
    if text.isprintable() and len(text) <= 60:
        assert shown == f"'{text}'"


def test_quoted_shows_what_was_hidden() -> None:
    assert quoted("a\nb") == "'a\\nb'"
    assert quoted("\x00") == "'\\x00'"
    assert quoted("C1\u202e") == "'C1\\u202e'"
    assert quoted("x" * 100).endswith("x…'")


# --- exports ----------------------------------------------------------------------------


def _decision(note: str, n: int = 0) -> DecisionRecord:
    return DecisionRecord(id=f"d{n}", customer_id="C1", employee_id="1001", approver_id=None,
                          action="refund", amount_minor=4000, currency="USD",
                          reason="billing_error", note=note, discretionary=False,
                          policy_version="v1", decided_at=datetime(2026, 11, 2, 9, 30),
                          event_id=f"e{n}")


def _export(notes: list[str], fmt: str) -> str:
    records = [_decision(note, n) for n, note in enumerate(notes)]
    uow = SimpleNamespace(decisions=SimpleNamespace(since=lambda since: records))
    return export_decisions(cast(UnitOfWork, uow), None, fmt)


NOTES = ["bare\rreturn", "windows\r\nline", "unix\nline", "nul\x00here", "\x1b[2Jclear",
         "=1+1\r", "\rstarts with CR", "plain", "tab\tinside", "\u2028separator"]


def test_every_decision_is_one_csv_record_whatever_its_note_holds() -> None:
    text = _export(NOTES, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + len(NOTES)  # a bare CR split a record before
    assert {len(row) for row in rows} == {len(FIELDS)}
    notes = [row[FIELDS.index("note")] for row in rows[1:]]
    assert notes[:4] == ["bare\nreturn", "windows\nline", "unix\nline", "nulhere"]
    assert notes[4] == "clear" and notes[5] == "'=1+1"
    assert not any(is_invisible(ch) for note in notes for ch in note if ch not in "\t\n")
    as_json = [r["note"] for r in json.loads(_export(NOTES, "json"))]
    assert [n.lstrip("'") for n in notes] == [n.lstrip("'") for n in as_json]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30) | st.text("\r\n\x00\x1b\",'=", max_size=8), max_size=6))
def test_csv_records_round_trip_one_per_decision(notes: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(_export(notes, "csv"), newline="")))
    assert len(rows) == 1 + len(notes)
    assert "\r" not in "".join(_export(notes, "csv"))


# --- notes at the desk, and messages that quote input --------------------------------


def test_a_note_is_cleaned_when_the_request_is_checked() -> None:
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        uow.employees.add(Employee("1001", "Maya", "associate"), "plain:2580")
        uow.customers.add_many([Customer("C1", "Zoë")])
        note = check_request(uow, POLICY, employee_id="1001", customer_id="C1",
                             action="refund", reason="billing_error",
                             note=" Charged twice\r\x1b[31mred\x1b[0m\x00\u202e ")
    assert note == "Charged twice\nred"


HOSTILE_INPUT = st.text(max_size=120) | st.builds(
    lambda a, h, b: a + h + b, st.text(max_size=40), HIDDEN, st.text(max_size=40))


@settings(max_examples=200, deadline=None)
@given(HOSTILE_INPUT)
def test_every_refusal_that_quotes_input_is_one_printable_line(typed: str) -> None:
    uows = FakeUnitOfWorkFactory()
    checks = [
        lambda: normalize_phone(typed + "x"),
        lambda: normalize_email(typed + " @"),
        lambda: normalize_field(typed + "\x00", "x"),
        lambda: check_customer_id(typed + "\n"),
        lambda: add_employee(uow, PlainHasher(), POLICY, "7001", "Sam", typed + "\x00",
                             "2468"),
        lambda: unlock_employee(uow, POLICY, typed + "\n", None),
        lambda: validate_rows(["customer_id", "given_name"], [(2, [typed + "\x1b", "A"])],
                              "US")[0][1],
    ]
    with uows(write=True) as uow:
        for check in checks:
            try:
                outcome = check()
            except LeewayError as exc:
                outcome = str(exc)
            assert isinstance(outcome, str)
            _one_printable_line(outcome)


def test_an_unknown_csv_column_is_quoted_not_printed_raw() -> None:
    raw = io.BytesIO(b"customer_id,given_name,\x1b[2Jnick\xe2\x80\xae\n1,Ann,x\n")
    with pytest.raises(InvalidInput) as err:
        list(iter_customers(raw, ImportReport()))
    _one_printable_line(str(err.value))
    assert "\\x1b[2jnick\\u202e" in str(err.value)


class TestEveryRefusalQuotesInput:
    """Amounts, unknown actions, reasons and tiers, IDs that are not found and contact
    fields: each refusal is one printable line that shows what was typed, escaped."""

    @staticmethod
    def refusals(typed: str) -> list[str]:
        from pos_app.domain.engine import Context, RecoveryRequest, evaluate
        from pos_app.domain.messages import Message
        from pos_app.domain.money import Money
        from pos_app.services.customers import correct_contact, get_customer

        none = Money.zero(POLICY.currency)
        fresh = Context(shift_granted=none, customer_granted=none, customer_actions=0)
        ten = Money.of("10.00", POLICY.currency)
        uows = FakeUnitOfWorkFactory()
        checks = [
            lambda: Money.parse(typed[:20] + "\n"),
            lambda: Money.parse("1" + typed[:20] + "x"),
            lambda: Money.parse(typed[:10] + "\x1b[2J"),
            lambda: Money(100, typed),
            lambda: evaluate(POLICY, RecoveryRequest(typed + "\n", ten, "service_delay",
                                                     "associate"), fresh).texts(),
            lambda: evaluate(POLICY, RecoveryRequest("refund", ten, typed + "\x00",
                                                     "associate"), fresh).texts(),
            lambda: evaluate(POLICY, RecoveryRequest("refund", ten, "service_delay",
                                                     typed + "\x1b"), fresh).texts(),
            lambda: Message.of("engine.unknown_action", action=typed + "\r").render("de_DE"),
            lambda: check_request(uow, POLICY, employee_id="1001", customer_id=typed + "\n",
                                  action="refund", reason="service_delay"),
            lambda: get_customer(uow, typed + "\u2028"),
            lambda: correct_contact(uow, employee_id="1001", customer_id="C1",
                                    field=typed + "\n", value="x"),
        ]
        out: list[str] = []
        with uows(write=True) as uow:
            for check in checks:
                try:
                    outcome = check()
                except LeewayError as exc:
                    outcome = str(exc)
                if isinstance(outcome, tuple):  # the verdict's sentences
                    outcome = " ".join(outcome)
                if isinstance(outcome, str):  # not a value that was accepted
                    out.append(outcome)
        assert len(out) >= len(checks) - 1  # Money(100, typed) may be a real currency
        return out

    @settings(max_examples=150, deadline=None)
    @given(HOSTILE_INPUT | st.text(min_size=500, max_size=10_000))
    def test_one_printable_line_whatever_was_typed(self, typed: str) -> None:
        for message in self.refusals(typed):
            _one_printable_line(message)

    def test_what_was_typed_is_shown_escaped(self) -> None:
        from pos_app.domain.messages import Message
        from pos_app.domain.money import Money

        with pytest.raises(InvalidInput) as err:
            Money.parse("1\x1b[31m")
        assert str(err.value).startswith("'1\\x1b[31m' is not an amount")
        unknown = Message.of("engine.unknown_reason", reason="a\nb" + "x" * 100)
        assert unknown.render() == ("'a\\nb" + "x" * 56 + "…' is not a reason code in"
                                    " this policy.")
        assert unknown.param("reason") == "a\nb" + "x" * 100  # the value itself is kept
        label = Message.of("engine.action_off", label="Room upgrade (sea view)")
        assert label.render() == "Room upgrade (sea view) is switched off at this store."

    def test_an_id_is_shown_as_itself_when_it_is_one_visible_word(self) -> None:
        from pos_app.domain.text import ident

        assert ident("C100010") == "C100010"
        assert ident(999) == "999"
        assert ident("Zoë-12/α") == "Zoë-12/α"
        assert ident("C1 C2") == "'C1 C2'"
        assert ident("C1\n") == "'C1\\n'"
        assert ident("O'Brien") == "'O'Brien'"
        assert ident("") == "''"
        assert ident("7" * 100) == "'" + "7" * 60 + "…'"
