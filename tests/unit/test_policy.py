"""Policy loading: the demo default parses; bad documents are refused, naming the key;
a policy that loads can be used by every later act (types and ranges as documented)."""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.errors import PolicyError
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.domain.policy import ACTION_KINDS, Policy, parse_policy, policy_from_dict
from pos_app.domain.policy_checks import MAX_APOLOGY, MAX_PIN_DIGITS, MAX_PRESET_NOTE, RANGES
from pos_app.domain.text import is_invisible
from pos_app.services.employees import check_pin_format
from pos_app.services.recovery import decide
from pos_app.services.vouchers import issue_voucher
from tests.unit.fakes import FakeUnitOfWorkFactory

DEFAULT_TOML = Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"
DEFAULT_TEXT = DEFAULT_TOML.read_text(encoding="utf-8")
TIERS = ("associate", "senior", "supervisor", "manager", "general_manager")


def default_dict() -> dict[str, Any]:
    return copy.deepcopy(tomllib.loads(DEFAULT_TEXT))


def test_default_policy_parses_with_the_documented_contents() -> None:
    policy = parse_policy(DEFAULT_TEXT)
    assert isinstance(policy, Policy)
    assert policy.version == "2026.11-demo"
    assert policy.currency == "USD"
    assert policy.tiers == TIERS
    assert tuple(policy.actions) == ACTION_KINDS
    assert all(a.enabled for a in policy.actions.values())
    assert policy.actions["refund"].discretionary is False
    assert policy.actions["goodwill_credit"].discretionary is True
    assert policy.actions["goodwill_credit"].yields_voucher is True
    assert policy.actions["fee_waiver"].yields_voucher is False
    assert policy.limit("associate", "refund") == Money.of("150.00")
    assert policy.limit("supervisor", "refund") == Money.of("300.00")
    assert policy.limit("manager", "refund") == Money.of("1000.00")
    assert policy.limits["associate"].shift_cap == Money.of("300.00")
    assert [t.tier for t in policy.approvers_at_or_above(0)] == [
        "supervisor",
        "manager",
        "general_manager",
    ]
    assert policy.customer_budget == Money.of("2000.00")
    assert policy.budget_days == 365
    assert policy.budget_override_tier == "general_manager"
    assert (policy.frequency_max, policy.frequency_days) == (3, 90)
    assert policy.frequency_approver_tier == "supervisor"
    assert policy.note_required_above == Money.of("100.00")
    assert {"service_delay", "billing_error", "product_defect", "staff_conduct",
            "facility_issue", "other"} <= set(policy.reasons)
    assert all(r.label and r.guidance and r.category for r in policy.reasons.values())
    assert [(p.action, p.amount) for p in policy.presets] == [
        ("fee_waiver", Money.of("40.00")),
        ("goodwill_credit", Money.of("20.00")),
        ("discount_voucher", Money.of("25.00")),
    ]


def test_policy_from_dict_matches_parse_policy() -> None:
    assert policy_from_dict(default_dict()) == parse_policy(DEFAULT_TEXT)


def test_every_tier_has_at_least_the_authority_of_the_tier_below() -> None:
    policy = parse_policy(DEFAULT_TEXT)
    for lower, upper in zip(TIERS, TIERS[1:], strict=False):
        for action in ACTION_KINDS:
            assert policy.limit(lower, action) <= policy.limit(upper, action)
        assert policy.limits[lower].shift_cap <= policy.limits[upper].shift_cap


@pytest.mark.parametrize(
    "broken",
    [
        'version = "x"\n[actions.refund\nlabel = "Refund"\n',
        "version = \n",
        DEFAULT_TEXT.replace('[actions.fee_waiver]', "[actions.fee_waiver"),
        'version = "again"\n' + DEFAULT_TEXT,
    ],
)
def test_invalid_toml_syntax_is_a_policy_error_with_the_position(broken: str) -> None:
    with pytest.raises(PolicyError) as err:
        parse_policy(broken)
    message = str(err.value)
    assert message.startswith("not valid TOML")
    assert "line" in message


def test_float_amount_in_the_document_is_refused_naming_the_key() -> None:
    text = DEFAULT_TEXT.replace('refund = "150.00"', "refund = 150.0", 1)
    assert text != DEFAULT_TEXT
    with pytest.raises(PolicyError) as err:
        parse_policy(text)
    assert "limits.associate.per_action.refund" in str(err.value)
    assert "150.0" in str(err.value)


def test_contradictory_ladder_in_the_document_is_refused_naming_the_key() -> None:
    text = DEFAULT_TEXT.replace('refund = "250.00"', 'refund = "350.00"', 1)
    assert text != DEFAULT_TEXT
    with pytest.raises(PolicyError) as err:
        parse_policy(text)
    assert "limits.senior.per_action.refund" in str(err.value)


def _set(path: tuple[str, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[str, ...]) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BAD_POLICIES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "senior refund above supervisor",
        _set(("limits", "senior", "per_action", "refund"), "400.00"),
        "limits.senior.per_action.refund",
    ),
    (
        "associate voucher above senior",
        _set(("limits", "associate", "per_action", "discount_voucher"), "100.01"),
        "limits.associate.per_action.discount_voucher",
    ),
    (
        "higher tier omits an action the lower tier has",
        _delete(("limits", "manager", "per_action", "replacement")),
        "limits.supervisor.per_action.replacement",
    ),
    (
        "shift cap above the next tier's",
        _set(("limits", "supervisor", "shift_cap"), "5000.01"),
        "limits.supervisor.shift_cap",
    ),
    (
        "unknown action kind",
        _set(("actions", "teleport"), {"label": "Teleport"}),
        "actions.teleport",
    ),
    (
        "unknown action in per_action",
        _set(("limits", "associate", "per_action", "teleport"), "1.00"),
        "limits.associate.per_action.teleport",
    ),
    ("unknown tier in limits", _set(("limits", "intern"), {"shift_cap": "1.00"}), "limits.intern"),
    ("tier without limits", _delete(("limits", "manager")), "limits.manager"),
    (
        "float amount",
        _set(("limits", "associate", "per_action", "refund"), 150.0),
        "limits.associate.per_action.refund",
    ),
    (
        "boolean amount",
        _set(("limits", "associate", "per_action", "refund"), True),
        "limits.associate.per_action.refund",
    ),
    (
        "negative amount",
        _set(("limits", "associate", "per_action", "refund"), "-5.00"),
        "limits.associate.per_action.refund",
    ),
    (
        "negative integer amount",
        _set(("limits", "associate", "shift_cap"), -1),
        "limits.associate.shift_cap",
    ),
    (
        "NaN amount",
        _set(("customer_budget", "amount"), "NaN"),
        "customer_budget.amount",
    ),
    (
        "text that is not an amount",
        _set(("notes", "required_above"), "a hundred"),
        "notes.required_above",
    ),
    (
        "more decimals than the currency",
        _set(("limits", "associate", "per_action", "refund"), "150.001"),
        "limits.associate.per_action.refund",
    ),
    ("missing budget amount", _delete(("customer_budget", "amount")), "customer_budget.amount"),
    (
        "preset with unknown reason",
        _set(("presets", 0, "reason"), "felt_like_it"),
        "presets[0].reason",
    ),
    ("preset with unknown action", _set(("presets", 1, "action"), "teleport"), "presets[1].action"),
    ("preset with float amount", _set(("presets", 2, "amount"), 25.0), "presets[2].amount"),
    ("missing reasons", _delete(("reasons",)), "reasons"),
    ("empty reasons", _set(("reasons",), {}), "reasons"),
    ("reason without label", _delete(("reasons", "other", "label")), "reasons.other.label"),
    ("unknown override tier", _set(("customer_budget", "override_tier"), "ceo"),
     "customer_budget.override_tier"),
    ("unknown frequency approver", _set(("frequency", "approver_tier"), "ceo"),
     "frequency.approver_tier"),
    ("negative frequency", _set(("frequency", "max_actions"), -1), "frequency.max_actions"),
    ("missing version", _delete(("version",)), "version"),
    ("lower-case currency", _set(("currency",), "usd"), "currency"),
    ("invented currency", _set(("currency",), "XYZ"), "currency"),
    ("duplicate tier", _set(("tiers",), ["associate", "associate"]), "tiers"),
    ("no tiers", _set(("tiers",), []), "tiers"),
    ("actions not a table", _set(("actions",), ["refund"]), "actions"),
    ("short PIN", _set(("security", "min_pin_length"), 3), "security.min_pin_length"),
    ("zero-hour shift", _set(("shift", "hours"), 0), "shift.hours"),
]


@pytest.mark.parametrize(
    ("mutate", "key"),
    [pytest.param(m, k, id=name) for name, m, k in BAD_POLICIES],
)
def test_malformed_or_contradictory_policy_names_the_key(
    mutate: Callable[[dict[str, Any]], None], key: str
) -> None:
    data = default_dict()
    mutate(data)
    with pytest.raises(PolicyError) as err:
        policy_from_dict(data)
    assert key in str(err.value)


def test_an_amount_equal_to_the_next_tier_is_not_a_contradiction() -> None:
    data = default_dict()
    data["limits"]["senior"]["per_action"]["refund"] = "300.00"  # same as supervisor
    assert policy_from_dict(data).limit("senior", "refund") == Money.of("300.00")


def test_disabled_action_and_missing_optional_tables_load_with_defaults() -> None:
    data = default_dict()
    data["actions"]["replacement"]["enabled"] = False
    for optional in ("notes", "shift", "security", "vouchers", "presets"):
        del data[optional]
    policy = policy_from_dict(data)
    assert [a.key for a in policy.enabled_actions()] == list(ACTION_KINDS[:4])
    assert policy.note_required_above == Money.zero()
    assert (policy.shift_hours, policy.min_pin_length, policy.voucher_valid_days) == (8, 4, 180)
    assert policy.presets == ()


def test_integer_amounts_are_whole_major_units() -> None:
    data = default_dict()
    data["limits"]["associate"]["per_action"]["refund"] = 150
    assert policy_from_dict(data).limit("associate", "refund") == Money(15000)


def test_an_absurdly_large_amount_is_refused_naming_the_key() -> None:
    data = default_dict()
    data["limits"]["general_manager"]["per_action"]["refund"] = "1e400"
    with pytest.raises(PolicyError, match=r"limits\.general_manager\.per_action\.refund"):
        policy_from_dict(data)


# --- a policy that loads can be used: types and ranges exactly as documented ----------

RANGED = tuple(sorted(RANGES))
FLAGS = (("actions", "refund", "enabled"), ("actions", "refund", "yields_voucher"),
         ("actions", "goodwill_credit", "discretionary"), ("limits", "associate", "can_approve"))


def _with_value(section: str, key: str, literal: str) -> str:
    """The demo document with ``[section] key`` set to a TOML literal."""
    pattern = re.compile(rf"(?ms)^(\[{section}\]\n(?:(?!^\[).)*?^){key} = [^\n]*$")
    text, count = pattern.subn(lambda m: f"{m.group(1)}{key} = {literal}", DEFAULT_TEXT)
    assert count == 1, (section, key)
    return text


class _Signer:
    key_id = "unit-key"
    public_raw = b"unit-public-key"

    def sign(self, message: bytes) -> str:
        return "signed"


def _usable(policy: Policy) -> None:
    """Everything later acts compute from a policy's numbers works: a decision (budget,
    frequency and shift windows), its voucher (expiry date), the desk's idle timer (Qt
    counts int32 milliseconds) and a PIN of the minimum length."""
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        uow.employees.add(Employee("1001", "Maya", "associate"), "plain:2580")
        uow.customers.add_many([Customer("C1", "Zoë")])
        result = decide(uow, policy, employee_id="1001", customer_id="C1",
                        action="goodwill_credit", amount=Money.of("20.00"),
                        reason="service_delay")
        if result.decision is not None:
            issue_voucher(uow, policy, _Signer(), result.decision)
    assert 0 < policy.idle_lock_minutes * 60_000 <= 2**31 - 1
    check_pin_format("7" * policy.min_pin_length, policy)


def test_the_default_policy_is_usable() -> None:
    _usable(parse_policy(DEFAULT_TEXT))


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(RANGED), st.data())
def test_every_number_loads_within_its_range_and_is_refused_outside(key: str,
                                                                    data: st.DataObject
                                                                    ) -> None:
    low, high = RANGES[key]
    value = data.draw(st.one_of(
        st.integers(low - 3, high + 3), st.integers(-(2**63), 2**63 - 1),
        st.sampled_from([low - 1, low, high, high + 1, 100000, 1000000000, 10**7])))
    section, name = key.split(".")
    text = _with_value(section, name, str(value))
    if low <= value <= high:
        _usable(parse_policy(text))
    else:
        with pytest.raises(PolicyError) as err:
            parse_policy(text)
        assert str(err.value).startswith(key + ":")
        assert f"from {low} to {high}" in str(err.value)


@pytest.mark.parametrize(("key", "value"), [
    ("customer_budget.days", 1000000), ("shift.hours", 1000000000),
    ("vouchers.valid_days", 10000000), ("security.idle_lock_minutes", 100000),
    ("security.idle_lock_minutes", 0), ("security.min_pin_length", 40),
    ("frequency.days", 0), ("frequency.max_actions", -1)])
def test_the_reported_values_that_broke_later_acts_are_refused(key: str, value: int) -> None:
    section, name = key.split(".")
    with pytest.raises(PolicyError, match=re.escape(key)):
        parse_policy(_with_value(section, name, str(value)))


@pytest.mark.parametrize("key", RANGED)
def test_each_range_is_documented_next_to_its_key(key: str) -> None:
    low, high = RANGES[key]
    section, name = key.split(".")
    line = re.search(rf"(?ms)^\[{section}\]\n(?:(?!^\[).)*?^({name} = [^\n]*)$", DEFAULT_TEXT)
    assert line is not None and f"{low} to {high}" in line.group(1)
    readme = (DEFAULT_TOML.parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{key}` {low}–{high}" in readme


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FLAGS), st.one_of(
    st.sampled_from(["false", "no", "0", "off", "true", "", 0, 1]), st.text(max_size=8),
    st.integers(), st.floats(allow_nan=False), st.lists(st.booleans(), max_size=2)))
def test_flags_must_be_real_booleans(path: tuple[str, str, str], value: Any) -> None:
    data = default_dict()
    data[path[0]][path[1]][path[2]] = value
    with pytest.raises(PolicyError) as err:
        policy_from_dict(data)
    assert str(err.value).startswith(".".join(path) + ": expected true or false")


def test_a_quoted_false_never_grants_approval_rights() -> None:
    text = DEFAULT_TEXT.replace("[limits.associate]\n",
                                '[limits.associate]\ncan_approve = "false"\n')
    with pytest.raises(PolicyError, match=r"limits\.associate\.can_approve"):
        parse_policy(text)
    data = default_dict()
    data["actions"]["fee_waiver"]["enabled"] = "no"
    with pytest.raises(PolicyError, match=r"actions\.fee_waiver\.enabled"):
        policy_from_dict(data)


@pytest.mark.parametrize("document", [
    "a = " + "[" * 100_000 + "]" * 100_000,
    "a = " + "{b = " * 5_000 + "1" + "}" * 5_000,
    "a = " + "[" * 300 + "]" * 300,
    ".".join(f"k{i}" for i in range(50)) + " = 1",
    "[" + ".".join(f"t{i}" for i in range(50)) + "]\nx = 1",
    DEFAULT_TEXT + "\n[extra]\nx = " + "[" * 9 + "]" * 9,
])
def test_deep_nesting_is_one_clear_refusal(document: str) -> None:
    with pytest.raises(PolicyError) as err:
        parse_policy(document)
    assert "nest more than" in str(err.value)


def test_an_oversized_document_is_refused_before_parsing() -> None:
    with pytest.raises(PolicyError, match="characters; a policy has at most"):
        parse_policy(DEFAULT_TEXT + "#" * 300_000)


HOSTILE = st.text(st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp")), min_size=1,
                  max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["tier", "reason_key", "reason_label", "version", "action_key",
                        "label", "guidance", "preset_note", "currency"]),
       st.text(max_size=80), HOSTILE, st.text(max_size=80))
def test_invisible_text_is_refused_and_the_message_stays_one_printable_line(
        where: str, before: str, hostile: str, after: str) -> None:
    bad = before + hostile + after
    if not any(is_invisible(ch) for ch in bad):
        return  # only ZWJ / ZWNJ were drawn: those are allowed
    if where == "guidance" and not any(is_invisible(ch) for ch in bad.replace("\n", "")):
        return  # guidance may span lines: a line break alone is allowed there
    data = default_dict()
    if where == "tier":
        data["tiers"][0] = bad
    elif where == "reason_key":
        data["reasons"][bad] = data["reasons"].pop("other")
    elif where == "reason_label":
        data["reasons"]["other"]["label"] = bad
    elif where == "version":
        data["version"] = bad
    elif where == "action_key":
        data["actions"][bad] = {"label": "x"}
    elif where == "label":
        data["actions"]["refund"]["label"] = bad
    elif where == "guidance":
        data["reasons"]["other"]["guidance"] = bad
    elif where == "preset_note":
        data["presets"][0]["note"] = bad
    else:
        data["currency"] = bad
    with pytest.raises(PolicyError) as err:
        policy_from_dict(data)
    assert str(err.value).isprintable() and len(str(err.value)) < 400


@pytest.mark.parametrize(("mutate", "key"), [
    (_set(("tiers",), ["associate", "senior staff", "supervisor", "manager",
                       "general_manager"]), "tiers"),
    (_set(("presets", 0, "amount"), "0"), "presets[0].amount"),
    (_set(("reasons", "other", "apology"), "Sorry. " * 50), "reasons.other.apology"),
    (_set(("reasons", "other", "label"), "L" * 61), "reasons.other.label"),
    (_set(("version",), "v" * 101), "version"),
    (_set(("offline",), {"beyond_allowance": ["refuse"]}), "offline.beyond_allowance"),
    (_set(("customer_budget", "override_tier"), ["manager"]), "customer_budget.override_tier"),
    (_set(("customer_budget", "amount"), {"value": "1.00"}), "customer_budget.amount"),
    (_set(("security", "idle_lock_minutes"), 5.0), "security.idle_lock_minutes"),
    (_set(("shift", "hours"), "8"), "shift.hours"),
    (_set(("security",), "strict"), "security"),
])
def test_wrong_types_and_sizes_are_refused_naming_the_key(
        mutate: Callable[[dict[str, Any]], None], key: str) -> None:
    data = default_dict()
    mutate(data)
    with pytest.raises(PolicyError) as err:
        policy_from_dict(data)
    assert str(err.value).startswith(key)


def test_text_bounds_fit_where_the_text_is_used() -> None:
    from pos_app.services import recovery, vouchers

    assert MAX_APOLOGY <= vouchers.MAX_APOLOGY
    assert MAX_PRESET_NOTE <= recovery.MAX_NOTE
    assert RANGES["security.min_pin_length"][1] <= MAX_PIN_DIGITS
