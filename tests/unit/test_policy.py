"""Policy loading: the demo default parses; bad documents are refused, naming the key."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.errors import PolicyError
from pos_app.domain.money import Money
from pos_app.domain.policy import ACTION_KINDS, Policy, parse_policy, policy_from_dict

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
