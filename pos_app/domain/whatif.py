"""The policy what-if: what a candidate policy would have done to past decisions.

Before publishing a policy a manager replays the recorded decisions under it, oldest
first. Each decision is judged by the engine exactly as the live desk would have judged
it, against running figures built only from the decisions the candidate would have let
through so far: a decision it refuses, or one needing an approval the original did not
have, would not have happened, so it spends no shift cap, budget or frequency.

The running figures follow the live desk (``services/recovery.context_for`` and the
SQL behind it): a decision counts towards its authority holder's shift cap (the
approver when approved, else the employee); a window includes a decision exactly its
length ago (``decided_at >= now - window``); the guest's budget and frequency count only
the candidate's discretionary action kinds (its own flags, not the recorded ones). The
budget leaves out overrides, as the allowances count it; the desk's own totals query
counts them, so after an override the replay is the more lenient of the two.

A requester judged by the candidate is asked without an approver first, as at the desk;
only when an approval is needed, and the original decision had an approver of that tier
or above, is it judged again as approved by them (a referral as a referral).

Each figure is a sliding window per holder or per guest (a deque and a running sum), so
a replay is one sort plus constant work per decision, not a rescan of history.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pos_app.domain.engine import Context, Outcome, RecoveryRequest, Verdict, evaluate
from pos_app.domain.messages import Message, Translate, english, render_all, tier_name
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.domain.review import ReviewDecision
from pos_app.i18n import N_, _

ALLOWED = "allowed"
APPROVED_AS_BEFORE = "approved as before"
REFUSED = "refused"
NEEDS = "needs approval"  # from the tier returned beside it (tiers are free-form names)
# A change's before and after stay English (the command line's --json writes them);
# outcome_text() says them in the language.
_SAID = (N_("allowed"), N_("approved as before"), N_("refused"))
_NEEDS_FROM, _APPROVED_BY, _UNKNOWN_TIER = "needs approval from ", "approved by ", "an unknown tier"


@dataclass(frozen=True)
class Change:
    """A decision whose outcome under the candidate differs from what was recorded."""

    decision_id: str
    decided_at: datetime
    employee_id: str
    customer_id: str
    action: str
    amount_minor: int
    before: str  # "allowed" or "approved by TIER"
    after: str  # "allowed", "approved as before", "needs approval from TIER", "refused"
    # The engine's reasons as messages (none when allowed): rendered only when read, as
    # formatting money costs more than judging and most changes are never shown.
    reasons: tuple[Message, ...] = ()

    @property
    def why(self) -> str:
        """The reasons as one paragraph in English (the command line's --json)."""
        return render_all(self.reasons, "en_US", english)

    def explain(self, locale: str = "en_US", translate: Translate | None = None) -> str:
        """The reasons in the desk's language."""
        return render_all(self.reasons, locale, translate)


@dataclass(frozen=True)
class WhatIf:
    """The replay's outcome: counts and money (minor units) per group, and the changes."""

    currency: str  # the candidate's; every amount below is in its minor units
    allowed: int
    approved_as_before: int
    needs_approval: dict[str, int]  # tier -> decisions needing at least that tier
    refused: int
    allowed_minor: int
    approved_as_before_minor: int
    needs_approval_minor: dict[str, int]  # tier -> money
    refused_minor: int
    changes: list[Change]

    @property
    def total(self) -> int:
        return (self.allowed + self.approved_as_before + sum(self.needs_approval.values())
                + self.refused)

    @property
    def total_minor(self) -> int:
        return (self.allowed_minor + self.approved_as_before_minor
                + sum(self.needs_approval_minor.values()) + self.refused_minor)


class _Window:
    """What one holder or guest was granted within a rolling window.

    Decisions are replayed oldest first, so every cutoff is later than the one before:
    an entry leaves the window once and never comes back.
    """

    __slots__ = ("entries", "total")

    def __init__(self) -> None:
        self.entries: deque[tuple[datetime, int]] = deque()
        self.total = 0

    def since(self, cutoff: datetime) -> int:
        """The sum of the entries at or after ``cutoff`` (the live desk's ``>=``)."""
        entries = self.entries
        while entries and entries[0][0] < cutoff:
            self.total -= entries.popleft()[1]
        return self.total

    def add(self, at: datetime, amount: int) -> None:
        self.entries.append((at, amount))
        self.total += amount


class _Running:
    """The running figures of the decisions the candidate has let through so far."""

    def __init__(self, policy: Policy) -> None:
        self.shift = timedelta(hours=policy.shift_hours)
        self.budget_span = timedelta(days=policy.budget_days)
        self.frequency_span = timedelta(days=policy.frequency_days)
        self.held: defaultdict[str, _Window] = defaultdict(_Window)  # by authority holder
        self.budget: defaultdict[str, _Window] = defaultdict(_Window)  # by guest
        self.frequency: defaultdict[str, _Window] = defaultdict(_Window)  # by guest

    def held_by(self, holder: str, at: datetime) -> int:
        return self.held[holder].since(at - self.shift)

    def customer(self, customer_id: str, at: datetime) -> tuple[int, int]:
        """(discretionary money in the budget window, actions in the frequency window)."""
        return (self.budget[customer_id].since(at - self.budget_span),
                self.frequency[customer_id].since(at - self.frequency_span))

    def record(self, holder: str, customer_id: str, at: datetime, amount: int,
               discretionary: bool, override: bool) -> None:
        self.held[holder].add(at, amount)
        if discretionary:
            self.frequency[customer_id].add(at, 1)
            if not override:  # an override lifted the budget; it does not spend it
                self.budget[customer_id].add(at, amount)


class _Within:
    """The engine's "allowed, nothing asked" case in plain integers, to skip the engine.

    Judging with :class:`Money` costs tens of microseconds (each amount validates its
    currency); most past decisions are plainly within every limit, and for those the
    engine's answer is known: ALLOWED with no reasons. Anything else goes to the engine.
    ``test_whatif`` checks that this never says yes where the engine would not.
    """

    def __init__(self, policy: Policy) -> None:
        self.kinds = {k: a.discretionary for k, a in policy.actions.items() if a.enabled}
        self.reasons = policy.reasons
        self.own = {t: {a: m.minor for a, m in lim.per_action.items()}
                    for t, lim in policy.limits.items()}
        self.caps = {t: lim.shift_cap.minor for t, lim in policy.limits.items()}
        self.note_above = policy.note_required_above.minor
        self.budget = policy.customer_budget.minor
        self.frequency_max = policy.frequency_max

    def allows(self, d: ReviewDecision, tier: str, held: int, budget: int, actions: int
               ) -> bool:
        discretionary = self.kinds.get(d.action)
        own = self.own.get(tier)
        if discretionary is None or own is None or d.reason not in self.reasons:
            return False
        amount = d.amount_minor
        if amount <= 0 or amount > own.get(d.action, 0) or held + amount > self.caps[tier]:
            return False
        if amount > self.note_above and not d.note.strip():
            return False
        return not discretionary or (
            budget + amount <= self.budget and actions < self.frequency_max)


_PLAINLY_ALLOWED = Verdict(Outcome.ALLOWED, ())


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are UTC (as SQLite hands them back); never mix the two kinds."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _judge(policy: Policy, d: ReviewDecision, at: datetime, tier_of: Mapping[str, str],
           running: _Running, within: _Within) -> tuple[str, str | None, Verdict, str | None]:
    """(outcome, tier an approval is needed from, deciding verdict, authority holder when
    it goes through); the outcome is ALLOWED, APPROVED_AS_BEFORE, NEEDS or REFUSED."""
    cur = policy.currency
    if d.currency != cur:
        # Checked before anything else: the engine would name an unknown action first,
        # and a foreign amount cannot be added to the running figures at all.
        message = Message.of("engine.wrong_currency", expected=cur, given=d.currency)
        return REFUSED, None, Verdict(Outcome.REFUSED, (message,)), None
    tier = tier_of.get(d.employee_id, policy.tiers[0])
    held = running.held_by(d.employee_id, at)
    budget, actions = running.customer(d.customer_id, at)
    if within.allows(d, tier, held, budget, actions):
        return ALLOWED, None, _PLAINLY_ALLOWED, d.employee_id
    request = RecoveryRequest(d.action, Money(d.amount_minor, cur), d.reason, tier, d.note)
    context = Context(Money(held, cur), Money(budget, cur), actions)
    verdict = evaluate(policy, request, context)
    if verdict.outcome is Outcome.ALLOWED:
        return ALLOWED, None, verdict, d.employee_id
    if verdict.outcome is Outcome.REFUSED:
        return REFUSED, None, verdict, None
    needed = verdict.approver_tier or policy.tiers[-1]
    approver_tier = tier_of.get(d.approver_id) if d.approver_id else None
    if (d.approver_id is None or approver_tier is None or approver_tier not in policy.limits
            or policy.rank(approver_tier) < policy.rank(needed)):
        return NEEDS, needed, verdict, None
    # The original approver would have been asked again: judge it as approved by their
    # tier, against what they hold themselves (an approved amount is theirs).
    context = Context(context.shift_granted, context.customer_granted, actions,
                      Money(running.held_by(d.approver_id, at), cur))
    approved = evaluate(policy, request, context, approver_tier=approver_tier,
                        via_referral=d.channel == "referral")
    if approved.outcome is Outcome.ALLOWED:
        return APPROVED_AS_BEFORE, None, approved, d.approver_id
    if approved.outcome is Outcome.REFUSED:
        return REFUSED, None, approved, None
    # Beyond what the approver holds or may approve: a tier above them is needed now.
    return NEEDS, approved.approver_tier or policy.tiers[-1], approved, None


def replay(policy: Policy, decisions: Sequence[ReviewDecision], tier_of: Mapping[str, str]
           ) -> WhatIf:
    """Judge ``decisions`` under ``policy``, oldest first, as if it had been in force.

    ``tier_of`` maps employee ids to their tiers; a requester it does not know is judged
    at the lowest tier, an approver it does not know covers nothing.
    """
    running = _Running(policy)
    within = _Within(policy)
    counts = {ALLOWED: 0, APPROVED_AS_BEFORE: 0, REFUSED: 0}
    money = {ALLOWED: 0, APPROVED_AS_BEFORE: 0, REFUSED: 0}
    needs: dict[str, int] = {}
    needs_money: dict[str, int] = {}
    changes: list[Change] = []
    ordered = sorted(((_utc(d.decided_at), d) for d in decisions), key=lambda p: p[0])
    for at, d in ordered:
        outcome, needed, verdict, holder = _judge(policy, d, at, tier_of, running, within)
        if holder is not None:
            running.record(holder, d.customer_id, at, d.amount_minor,
                           policy.actions[d.action].discretionary, verdict.override)
        if needed is None:
            counts[outcome] += 1
            money[outcome] += d.amount_minor
            after = outcome
        else:
            needs[needed] = needs.get(needed, 0) + 1
            needs_money[needed] = needs_money.get(needed, 0) + d.amount_minor
            after = f"{_NEEDS_FROM}{needed}"
        if d.approver_id is None:
            if outcome == ALLOWED:
                continue
            before = ALLOWED
        else:
            if outcome == APPROVED_AS_BEFORE:
                continue
            before = f"{_APPROVED_BY}{tier_of.get(d.approver_id, _UNKNOWN_TIER)}"
        changes.append(Change(d.id, d.decided_at, d.employee_id, d.customer_id, d.action,
                              d.amount_minor, before, after, verdict.reasons))
    return WhatIf(policy.currency, counts[ALLOWED], counts[APPROVED_AS_BEFORE], needs,
                  counts[REFUSED], money[ALLOWED], money[APPROVED_AS_BEFORE], needs_money,
                  money[REFUSED], changes)


def outcome_text(value: str) -> str:
    """A change's ``before`` or ``after`` as a person reads it, in the current language
    ("needs approval from general_manager" -> "needs approval from general manager")."""
    if value.startswith(_NEEDS_FROM):
        return _("needs approval from {tier}").format(
            tier=tier_name(value.removeprefix(_NEEDS_FROM)))
    if value == _APPROVED_BY + _UNKNOWN_TIER:
        return _("approved by an unknown tier")
    if value.startswith(_APPROVED_BY):
        return _("approved by {tier}").format(tier=tier_name(value.removeprefix(_APPROVED_BY)))
    return _(value) if value in _SAID else value
