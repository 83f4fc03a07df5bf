"""Patterns worth a conversation: shown as patterns, never as verdicts.

Three kinds, each with a minimum count so that one busy evening is not a pattern:

* ``rate``: an employee grants discretionary recoveries well above the store's median
  (per day they worked, at least :data:`RATE_FACTOR` times the median of colleagues with
  enough decisions to compare);
* ``one_reason``: most of an employee's grants (at least :data:`ONE_REASON_SHARE`) give
  the same reason, which may be true, or may be a reason used by habit;
* ``repeat_credit``: the same guest receiving credits again and again (three or more in
  90 days), where a discount may be becoming routine.

The wording is neutral and says what was seen, so a manager can ask before judging.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pos_app.domain.review import ReviewDecision, repeat_guests
from pos_app.i18n import _

MIN_DECISIONS = 5
RATE_FACTOR = 2.0
ONE_REASON_SHARE = 0.7
CREDIT_ACTIONS = frozenset({"goodwill_credit", "discount_voucher"})


@dataclass(frozen=True)
class Pattern:
    kind: str  # rate, one_reason, repeat_credit
    subject_id: str  # an employee id, or a customer id for repeat_credit
    subject: str  # their name
    text: str  # one neutral sentence
    count: int
    amount_minor: int
    decision_ids: tuple[str, ...] = ()


def _per_day(ds: Sequence[ReviewDecision]) -> float:
    days = {d.decided_at.date() for d in ds}
    return len(ds) / len(days) if days else 0.0


def rate_patterns(decisions: Iterable[ReviewDecision], minimum: int = MIN_DECISIONS,
                  factor: float = RATE_FACTOR) -> list[Pattern]:
    by_employee: dict[str, list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        if d.discretionary:
            by_employee[d.employee_id].append(d)
    eligible = {e: ds for e, ds in by_employee.items() if len(ds) >= minimum}
    if len(eligible) < 4:
        return []  # fewer than three colleagues: no store median worth comparing with
    rates = {e: _per_day(ds) for e, ds in eligible.items()}
    out = []
    for e, rate in sorted(rates.items(), key=lambda item: -item[1]):
        # The median of the *others*: the person measured does not pull it up.
        median = statistics.median(r for other, r in rates.items() if other != e)
        if median > 0 and rate >= factor * median:
            ds = eligible[e]
            out.append(Pattern(
                "rate", e, ds[0].employee_name or e,
                _("{name} granted {rate} discretionary recoveries per day worked; the"
                  " store's median is {median}.").format(
                    name=ds[0].employee_name or e, rate=f"{rate:.1f}", median=f"{median:.1f}"),
                len(ds), sum(d.amount_minor for d in ds), tuple(d.id for d in ds)))
    return out


def one_reason_patterns(decisions: Iterable[ReviewDecision], minimum: int = MIN_DECISIONS,
                        share: float = ONE_REASON_SHARE) -> list[Pattern]:
    by_employee: dict[str, list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        by_employee[d.employee_id].append(d)
    out = []
    for e, ds in sorted(by_employee.items()):
        if len(ds) < minimum:
            continue
        reason, count = Counter(d.reason for d in ds).most_common(1)[0]
        if count / len(ds) >= share:
            name = ds[0].employee_name or e
            out.append(Pattern(
                "one_reason", e, name,
                _("{count} of {name}'s {total} recoveries give the reason '{reason}'.").format(
                    count=count, name=name, total=len(ds), reason=reason), count,
                sum(d.amount_minor for d in ds if d.reason == reason),
                tuple(d.id for d in ds if d.reason == reason)))
    return out


def repeat_credit_patterns(decisions: Iterable[ReviewDecision], minimum: int = 3,
                           days: int = 90) -> list[Pattern]:
    credits = [d for d in decisions if d.action in CREDIT_ACTIONS]
    return [Pattern("repeat_credit", r.key, r.label,
                    _("{name} received {count} credits or vouchers within {days} days.").format(
                        name=r.label, count=r.count, days=days),
                    r.count, r.amount_minor, r.decision_ids)
            for r in repeat_guests(credits, minimum, days)]


def patterns(decisions: Sequence[ReviewDecision]) -> list[Pattern]:
    """Every pattern in ``decisions``: rates, single reasons, repeated credits."""
    return (rate_patterns(decisions) + one_reason_patterns(decisions)
            + repeat_credit_patterns(decisions))
