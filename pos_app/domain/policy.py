"""The recovery policy: tiers, limits, budgets, reason codes and presets, from TOML.

A policy is a versioned document a store edits (``resources/policies/default.toml`` is
the demo). Loading validates everything up front, types and ranges exactly as that file
documents them, and names the offending key, so a bad file is rejected before it can
judge a single decision or stop a desk from starting. The policy is plain data; the
engine that judges requests with it lives in :mod:`pos_app.domain.engine`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import is_currency

from pos_app.domain import policy_checks as check
from pos_app.domain.errors import PolicyError
from pos_app.domain.money import Money, currency_digits
from pos_app.domain.text import shown
from pos_app.i18n import _

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
    # Beyond what a desk holds: "override_tier" (the budget override tier approves, as
    # an override) or "refuse"; "approval" is the older spelling of "override_tier".
    offline_beyond_allowance: str = "override_tier"
    offline_guest_slice: Money = Money(0)  # held per guest ahead of need, online
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


# --- loading and validation (one value at a time: see policy_checks) ---------------


def parse_policy(text: str) -> Policy:
    """Parse and validate a TOML policy; raise :class:`PolicyError` naming the key."""
    if len(text) > check.MAX_DOCUMENT:
        raise PolicyError(_("the document has {count} characters; a policy has at most"
                            " {limit}").format(count=len(text), limit=check.MAX_DOCUMENT))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's own words (English): one line, no input
        raise PolicyError(_("not valid TOML: {error}").format(error=exc)) from None
    except RecursionError:  # the parser recurses once per nested array or inline table
        raise PolicyError(_("tables and arrays nest more than {depth} deep").format(
            depth=check.MAX_DEPTH)) from None
    return policy_from_dict(data)


def policy_from_dict(data: dict[str, Any]) -> Policy:
    """Validate a parsed document; every value's type and range as documented."""
    if not isinstance(data, dict):
        raise PolicyError(_("a policy is a TOML document of tables"))
    if check.depth(data) > check.MAX_DEPTH:
        raise PolicyError(_("tables and arrays nest more than {depth} deep").format(
            depth=check.MAX_DEPTH))
    version = check.text(data, "version", "", limit=100)  # a 100-character column centrally
    name = check.text(data, "name", "", default="Recovery policy", limit=100)
    currency = check.text(data, "currency", "", default="USD")
    try:
        currency_digits(currency)
        Money(0, currency)
        if not is_currency(currency):  # Babel reports 2 decimals for any unknown code
            raise ValueError(currency)
    except Exception:
        raise PolicyError(_("currency: {value} is not an ISO 4217 code").format(
            value=shown(currency))) from None

    tiers_raw = data.get("tiers")
    if not isinstance(tiers_raw, list) or not tiers_raw or len(tiers_raw) > check.MAX_TIERS:
        raise PolicyError(_("tiers: expected a list of 1-{limit} tier names, lowest first")
                          .format(limit=check.MAX_TIERS))
    for tier in tiers_raw:
        if not isinstance(tier, str) or not check.KEY.fullmatch(tier):
            raise PolicyError(_("tiers: {value} is not a tier name (1-32 letters, digits,"
                                " '_' or '-')").format(value=shown(tier)))
    if len(set(tiers_raw)) != len(tiers_raw):
        raise PolicyError(_("tiers: a tier is listed twice"))
    tiers = tuple(tiers_raw)

    actions: dict[str, ActionKind] = {}
    for key, spec in check.table(data, "actions").items():
        where = f"actions.{check.key_name(key)}"
        if key not in ACTION_KINDS:
            raise PolicyError(_("{key}: unknown action kind (known: {known})").format(
                key=where, known=", ".join(ACTION_KINDS)))
        if not isinstance(spec, dict):
            raise PolicyError(_("{key}: expected a table").format(key=where))
        actions[key] = ActionKind(
            key=key,
            label=check.text(spec, "label", where + ".",
                             default=key.replace("_", " ").capitalize()),
            enabled=check.flag(spec, "enabled", where + ".", True),
            yields_voucher=check.flag(spec, "yields_voucher", where + ".", False),
            discretionary=check.flag(spec, "discretionary", where + ".", True),
        )

    limits: dict[str, TierLimits] = {}
    limits_raw = check.table(data, "limits")
    for key in limits_raw:
        if key not in tiers:
            raise PolicyError(_("{key}: unknown tier (tiers are {tiers})").format(
                key=f"limits.{check.key_name(key)}", tiers=", ".join(tiers)))
    for rank, tier in enumerate(tiers):
        where = f"limits.{tier}"
        spec = limits_raw.get(tier)
        if not isinstance(spec, dict):
            raise PolicyError(_("{key}: missing; every tier needs its limits").format(
                key=where))
        per_raw = spec.get("per_action", {})
        if not isinstance(per_raw, dict):
            raise PolicyError(_("{key}: expected a table").format(key=f"{where}.per_action"))
        per_action: dict[str, Money] = {}
        for action, value in per_raw.items():
            if action not in actions:
                raise PolicyError(_(
                    "{key}: unknown action kind (this policy defines {defined})").format(
                    key=f"{where}.per_action.{check.key_name(action)}",
                    defined=", ".join(actions)))
            per_action[action] = check.amount(value, f"{where}.per_action.{action}", currency)
        limits[tier] = TierLimits(
            tier=tier,
            rank=rank,
            per_action=per_action,
            shift_cap=check.amount(spec.get("shift_cap", "0"), f"{where}.shift_cap",
                                   currency),
            can_approve=check.flag(spec, "can_approve", where + ".", False),
        )
    # A higher tier never has less authority than the one below it: otherwise the
    # approval ladder would send a request "up" to someone who may grant less.
    for lower, upper in zip(tiers, tiers[1:], strict=False):
        lo, up = limits[lower], limits[upper]
        for action in actions:
            if lo.per_action.get(action, Money.zero(currency)) > up.per_action.get(
                action, Money.zero(currency)
            ):
                raise PolicyError(_(
                    "{key} ({amount}) is above {above}: a higher tier cannot have a lower"
                    " limit").format(key=f"limits.{lower}.per_action.{action}",
                                     amount=lo.per_action[action].plain(),
                                     above=f"limits.{upper}.per_action.{action}"))
        if lo.shift_cap > up.shift_cap:
            raise PolicyError(_(
                "{key} ({amount}) is above {above}: a higher tier cannot have a lower cap"
            ).format(key=f"limits.{lower}.shift_cap", amount=lo.shift_cap.plain(),
                     above=f"limits.{upper}.shift_cap"))

    budget = check.table(data, "customer_budget")
    freq = check.table(data, "frequency")
    notes, shift, security, vouchers, referrals, offline = (
        check.optional_table(data, key)
        for key in ("notes", "shift", "security", "vouchers", "referrals", "offline"))

    reasons: dict[str, ReasonCode] = {}
    reasons_raw = check.table(data, "reasons")
    if len(reasons_raw) > check.MAX_REASONS:
        raise PolicyError(_("reasons: at most {limit} reason codes").format(
            limit=check.MAX_REASONS))
    for key, spec in reasons_raw.items():
        where = f"reasons.{check.key_name(key)}."
        if not check.KEY.fullmatch(key):
            raise PolicyError(_("{key}: a reason code is 1-32 letters, digits, '_' or '-'")
                              .format(key=where[:-1]))
        if not isinstance(spec, dict):
            raise PolicyError(_("{key}: expected a table").format(key=f"reasons.{key}"))
        reasons[key] = ReasonCode(
            key=key,
            label=check.text(spec, "label", where),
            guidance=check.text(spec, "guidance", where, default="",
                                limit=check.MAX_GUIDANCE, lines=True),
            category=check.text(spec, "category", where, default="other"),
            apology=check.text(spec, "apology", where, default="", limit=check.MAX_APOLOGY),
        )
    if not reasons:
        raise PolicyError(_("reasons: at least one reason code is required"))

    presets: list[Preset] = []
    presets_raw = data.get("presets", [])
    if not isinstance(presets_raw, list) or len(presets_raw) > check.MAX_PRESETS:
        raise PolicyError(_("presets: expected a list of at most {limit} [[presets]] tables")
                          .format(limit=check.MAX_PRESETS))
    for i, spec in enumerate(presets_raw):
        where = f"presets[{i}]."
        if not isinstance(spec, dict):
            raise PolicyError(_("{key}: expected a table").format(key=f"presets[{i}]"))
        action = check.text(spec, "action", where)
        if action not in actions:
            raise PolicyError(_("{key}: unknown action kind {value}").format(
                key=f"{where}action", value=shown(action)))
        reason = check.text(spec, "reason", where)
        if reason not in reasons:
            raise PolicyError(_("{key}: unknown reason code {value}").format(
                key=f"{where}reason", value=shown(reason)))
        amount = check.amount(spec.get("amount"), f"{where}amount", currency)
        if not amount.minor:  # the engine refuses every zero amount: a dead button
            raise PolicyError(_("{key}: a preset grants more than zero").format(
                key=f"{where}amount"))
        presets.append(
            Preset(
                label=check.text(spec, "label", where),
                action=action,
                amount=amount,
                reason=reason,
                note=check.text(spec, "note", where, default="",
                                limit=check.MAX_PRESET_NOTE),
            )
        )

    policy = Policy(
        version=version,
        name=name,
        currency=currency,
        tiers=tiers,
        actions=actions,
        limits=limits,
        customer_budget=check.amount(budget.get("amount"), "customer_budget.amount",
                                     currency),
        budget_days=check.whole(budget, "days", "customer_budget.", 365),
        budget_override_tier=check.tier_ref(
            tiers, budget.get("override_tier"), "customer_budget.override_tier"
        ),
        frequency_max=check.whole(freq, "max_actions", "frequency.", 3),
        frequency_days=check.whole(freq, "days", "frequency.", 90),
        frequency_approver_tier=check.tier_ref(
            tiers, freq.get("approver_tier"), "frequency.approver_tier"
        ),
        note_required_above=check.amount(
            notes.get("required_above", "0"), "notes.required_above", currency
        ),
        shift_hours=check.whole(shift, "hours", "shift.", 8),
        reasons=reasons,
        presets=tuple(presets),
        referral_tier=check.tier_ref(tiers, referrals.get("tier"), "referrals.tier"),
        referral_max=check.amount(referrals.get("max", "0"), "referrals.max", currency),
        offline_beyond_allowance=check.choice(
            offline, "beyond_allowance", ("override_tier", "approval", "refuse"),
            "override_tier").replace("approval", "override_tier"),
        offline_guest_slice=check.amount(offline.get("guest_slice", "250.00"),
                                         "offline.guest_slice", currency),
        offline_redeem_cap=check.amount(vouchers.get("offline_redeem_cap", "0"),
                                   "vouchers.offline_redeem_cap", currency),
        voucher_valid_days=check.whole(vouchers, "valid_days", "vouchers.", 180),
        idle_lock_minutes=check.whole(security, "idle_lock_minutes", "security.", 5),
        min_pin_length=check.whole(security, "min_pin_length", "security.", 4),
        raw=data,
    )
    return policy
