"""The recovery policy: tiers, limits, budgets, reason codes and presets, from TOML.

A policy is a versioned document a store edits (``resources/policies/default.toml`` is
the demo). Loading validates everything up front and names the offending key, so a bad
file is rejected before it can judge a single decision. The policy is plain data; the
engine that judges requests with it lives in :mod:`pos_app.domain.engine`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import is_currency

from pos_app.domain.errors import PolicyError
from pos_app.domain.money import MAX_MAJOR_UNITS, Money, currency_digits

ACTION_KINDS = ("refund", "goodwill_credit", "discount_voucher", "fee_waiver", "replacement")


@dataclass(frozen=True)
class ActionKind:
    """One kind of recovery action as this store names and uses it."""

    key: str
    label: str
    enabled: bool = True
    yields_voucher: bool = False
    # Discretionary actions count towards the frequency rule (credits must not
    # become routine); correcting a billing error with a refund may not.
    discretionary: bool = True


@dataclass(frozen=True)
class TierLimits:
    """What one tier may grant on its own, and whether it may approve for others."""

    tier: str
    rank: int
    per_action: dict[str, Money]
    shift_cap: Money
    can_approve: bool


@dataclass(frozen=True)
class ReasonCode:
    key: str
    label: str
    guidance: str
    category: str
    apology: str = ""  # the line a voucher prints for this reason


@dataclass(frozen=True)
class Preset:
    """A one-click button: an action with a prefilled amount and reason."""

    label: str
    action: str
    amount: Money
    reason: str
    note: str = ""


@dataclass(frozen=True)
class Policy:
    version: str
    name: str
    currency: str
    tiers: tuple[str, ...]
    actions: dict[str, ActionKind]
    limits: dict[str, TierLimits]
    customer_budget: Money
    budget_days: int
    budget_override_tier: str | None
    frequency_max: int
    frequency_days: int
    frequency_approver_tier: str | None
    note_required_above: Money
    shift_hours: int
    reasons: dict[str, ReasonCode]
    presets: tuple[Preset, ...] = ()
    referral_tier: str | None = None
    referral_max: Money = Money(0)
    offline_redeem_cap: Money = Money(0)
    offline_beyond_allowance: str = "approval"  # or "refuse"
    voucher_valid_days: int = 180
    idle_lock_minutes: int = 5
    min_pin_length: int = 4
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def rank(self, tier: str) -> int:
        return self.tiers.index(tier)

    def limit(self, tier: str, action: str) -> Money:
        return self.limits[tier].per_action.get(action, Money.zero(self.currency))

    def enabled_actions(self) -> list[ActionKind]:
        return [a for a in self.actions.values() if a.enabled]

    def approvers_at_or_above(self, rank: int) -> list[TierLimits]:
        """Approving tiers from ``rank`` upwards, lowest first (the approval ladder)."""
        return [t for t in self.limits.values() if t.rank >= rank and t.can_approve]


# --- loading and validation -------------------------------------------------------


def _table(data: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise PolicyError(f"{where}{key}: expected a table [{where}{key}]")
    return value


def _amount(value: Any, key: str, currency: str) -> Money:
    if isinstance(value, bool) or isinstance(value, float):
        raise PolicyError(f'{key}: write amounts as strings like "150.00", not {value!r}')
    try:
        dec = Decimal(str(value))
    except InvalidOperation:
        raise PolicyError(f"{key}: {value!r} is not an amount") from None
    if not dec.is_finite() or dec < 0:
        raise PolicyError(f"{key}: {value!r} must be a finite, non-negative amount")
    if dec > MAX_MAJOR_UNITS:
        raise PolicyError(f"{key}: {value!r} is larger than any amount Leeway handles")
    minor = dec.scaleb(currency_digits(currency))
    if minor != minor.to_integral_value():
        raise PolicyError(f"{key}: {value!r} has more decimals than {currency} allows")
    return Money(int(minor), currency)


def _int(data: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PolicyError(f"{where}{key}: expected a whole number of 0 or more, got {value!r}")
    return value


def _str(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise PolicyError(f"{where}{key}: expected text, got {value!r}")
    return value


def _tier_ref(policy_tiers: tuple[str, ...], value: Any, key: str) -> str | None:
    if value is None:
        return None
    if value not in policy_tiers:
        raise PolicyError(f"{key}: unknown tier {value!r} (tiers are {', '.join(policy_tiers)})")
    return str(value)


def _choice(table: Any, key: str, options: tuple[str, ...], default: str) -> str:
    if not isinstance(table, dict):
        raise PolicyError("offline: expected a table")
    value = table.get(key, default)
    if value not in options:
        raise PolicyError(f"offline.{key}: expected one of {', '.join(options)}, got {value!r}")
    return str(value)


def parse_policy(text: str) -> Policy:
    """Parse and validate a TOML policy; raise :class:`PolicyError` naming the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"not valid TOML: {exc}") from None
    return policy_from_dict(data)


def policy_from_dict(data: dict[str, Any]) -> Policy:
    version = _str(data, "version", "")
    name = _str(data, "name", "", default="Recovery policy")
    currency = _str(data, "currency", "", default="USD")
    try:
        currency_digits(currency)
        Money(0, currency)
        if not is_currency(currency):  # Babel reports 2 decimals for any unknown code
            raise ValueError(currency)
    except Exception:
        raise PolicyError(f"currency: {currency!r} is not an ISO 4217 code") from None

    tiers_raw = data.get("tiers")
    if (
        not isinstance(tiers_raw, list)
        or not tiers_raw
        or not all(isinstance(t, str) and t for t in tiers_raw)
    ):
        raise PolicyError("tiers: expected a list of tier names, lowest first")
    if len(set(tiers_raw)) != len(tiers_raw):
        raise PolicyError("tiers: a tier is listed twice")
    tiers = tuple(tiers_raw)

    actions: dict[str, ActionKind] = {}
    for key, spec in _table(data, "actions").items():
        where = f"actions.{key}"
        if key not in ACTION_KINDS:
            raise PolicyError(f"{where}: unknown action kind (known: {', '.join(ACTION_KINDS)})")
        if not isinstance(spec, dict):
            raise PolicyError(f"{where}: expected a table")
        actions[key] = ActionKind(
            key=key,
            label=_str(spec, "label", where + ".", default=key.replace("_", " ").capitalize()),
            enabled=bool(spec.get("enabled", True)),
            yields_voucher=bool(spec.get("yields_voucher", False)),
            discretionary=bool(spec.get("discretionary", True)),
        )

    limits: dict[str, TierLimits] = {}
    limits_raw = _table(data, "limits")
    for key in limits_raw:
        if key not in tiers:
            raise PolicyError(f"limits.{key}: unknown tier (tiers are {', '.join(tiers)})")
    for rank, tier in enumerate(tiers):
        where = f"limits.{tier}"
        spec = limits_raw.get(tier)
        if not isinstance(spec, dict):
            raise PolicyError(f"{where}: missing; every tier needs its limits")
        per_raw = spec.get("per_action", {})
        if not isinstance(per_raw, dict):
            raise PolicyError(f"{where}.per_action: expected a table")
        per_action: dict[str, Money] = {}
        for action, value in per_raw.items():
            if action not in actions:
                raise PolicyError(
                    f"{where}.per_action.{action}: unknown action kind"
                    f" (this policy defines {', '.join(actions)})"
                )
            per_action[action] = _amount(value, f"{where}.per_action.{action}", currency)
        limits[tier] = TierLimits(
            tier=tier,
            rank=rank,
            per_action=per_action,
            shift_cap=_amount(spec.get("shift_cap", "0"), f"{where}.shift_cap", currency),
            can_approve=bool(spec.get("can_approve", False)),
        )
    # A higher tier never has less authority than the one below it: otherwise the
    # approval ladder would send a request "up" to someone who may grant less.
    for lower, upper in zip(tiers, tiers[1:], strict=False):
        lo, up = limits[lower], limits[upper]
        for action in actions:
            if lo.per_action.get(action, Money.zero(currency)) > up.per_action.get(
                action, Money.zero(currency)
            ):
                raise PolicyError(
                    f"limits.{lower}.per_action.{action} ({lo.per_action[action].plain()}) is"
                    f" above limits.{upper}.per_action.{action}: a higher tier cannot have"
                    " a lower limit"
                )
        if lo.shift_cap > up.shift_cap:
            raise PolicyError(
                f"limits.{lower}.shift_cap ({lo.shift_cap.plain()}) is above"
                f" limits.{upper}.shift_cap: a higher tier cannot have a lower cap"
            )

    budget = _table(data, "customer_budget")
    freq = _table(data, "frequency")
    notes = data.get("notes", {})
    shift = data.get("shift", {})
    security = data.get("security", {})
    vouchers = data.get("vouchers", {})
    for key, tbl in (("notes", notes), ("shift", shift), ("security", security)):
        if not isinstance(tbl, dict):
            raise PolicyError(f"{key}: expected a table")
    if not isinstance(vouchers, dict):
        raise PolicyError("vouchers: expected a table")

    reasons: dict[str, ReasonCode] = {}
    for key, spec in _table(data, "reasons").items():
        where = f"reasons.{key}."
        if not isinstance(spec, dict):
            raise PolicyError(f"reasons.{key}: expected a table")
        reasons[key] = ReasonCode(
            key=key,
            label=_str(spec, "label", where),
            guidance=_str(spec, "guidance", where, default=""),
            category=_str(spec, "category", where, default="other"),
            apology=_str(spec, "apology", where, default=""),
        )
    if not reasons:
        raise PolicyError("reasons: at least one reason code is required")

    presets: list[Preset] = []
    presets_raw = data.get("presets", [])
    if not isinstance(presets_raw, list):
        raise PolicyError("presets: expected a list of [[presets]] tables")
    for i, spec in enumerate(presets_raw):
        where = f"presets[{i}]."
        if not isinstance(spec, dict):
            raise PolicyError(f"presets[{i}]: expected a table")
        action = _str(spec, "action", where)
        if action not in actions:
            raise PolicyError(f"{where}action: unknown action kind {action!r}")
        reason = _str(spec, "reason", where)
        if reason not in reasons:
            raise PolicyError(f"{where}reason: unknown reason code {reason!r}")
        presets.append(
            Preset(
                label=_str(spec, "label", where),
                action=action,
                amount=_amount(spec.get("amount"), f"{where}amount", currency),
                reason=reason,
                note=_str(spec, "note", where, default=""),
            )
        )

    referrals = data.get("referrals", {})
    if not isinstance(referrals, dict):
        raise PolicyError("referrals: expected a table")
    policy = Policy(
        version=version,
        name=name,
        currency=currency,
        tiers=tiers,
        actions=actions,
        limits=limits,
        customer_budget=_amount(budget.get("amount"), "customer_budget.amount", currency),
        budget_days=_int(budget, "days", "customer_budget.", 365),
        budget_override_tier=_tier_ref(
            tiers, budget.get("override_tier"), "customer_budget.override_tier"
        ),
        frequency_max=_int(freq, "max_actions", "frequency.", 3),
        frequency_days=_int(freq, "days", "frequency.", 90),
        frequency_approver_tier=_tier_ref(
            tiers, freq.get("approver_tier"), "frequency.approver_tier"
        ),
        note_required_above=_amount(
            notes.get("required_above", "0"), "notes.required_above", currency
        ),
        shift_hours=_int(shift, "hours", "shift.", 8),
        reasons=reasons,
        presets=tuple(presets),
        referral_tier=_tier_ref(tiers, referrals.get("tier"), "referrals.tier"),
        referral_max=_amount(referrals.get("max", "0"), "referrals.max", currency),
        offline_beyond_allowance=_choice(data.get("offline", {}), "beyond_allowance",
                                         ("approval", "refuse"), "approval"),
        offline_redeem_cap=_amount(vouchers.get("offline_redeem_cap", "0"),
                                   "vouchers.offline_redeem_cap", currency),
        voucher_valid_days=_int(vouchers, "valid_days", "vouchers.", 180),
        idle_lock_minutes=_int(security, "idle_lock_minutes", "security.", 5),
        min_pin_length=_int(security, "min_pin_length", "security.", 4),
        raw=data,
    )
    if policy.budget_days < 1 or policy.frequency_days < 1 or policy.shift_hours < 1:
        raise PolicyError("customer_budget.days, frequency.days and shift.hours must be 1 or more")
    if policy.min_pin_length < 4:
        raise PolicyError("security.min_pin_length: must be at least 4")
    return policy
