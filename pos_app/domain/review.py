"""Review and learning: what was decided, summed up so a manager can learn from it.

Pure functions over :class:`ReviewDecision` rows. The same rows come from a desk's own
database (``services/review.py``) or from the central database across every desk
(``adapters/central/report.py``), so head office and a store read the same figures.

Everything here describes; nothing judges. Patterns are worded as things worth a
conversation, never as verdicts (DESIGN.md, "Review and learning").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from pos_app.i18n import N_, _

DIMENSIONS = ("employee", "approver", "reason", "category", "action", "day")
VOUCHER_STATES = (N_("issued"), N_("redeemed"), N_("expired"))  # values; _() to show


@dataclass(frozen=True)
class ReviewDecision:
    """One recorded decision with what a reviewer needs beside it."""

    id: str
    decided_at: datetime  # UTC
    terminal_id: str
    employee_id: str
    employee_name: str
    approver_id: str | None
    approver_name: str
    customer_id: str
    customer_name: str
    room: str
    action: str
    reason: str
    category: str
    amount_minor: int
    currency: str
    note: str = ""
    discretionary: bool = True
    override: bool = False
    allowance_exception: bool = False
    channel: str | None = None  # how an approver unlocked it; None without one
    voucher_state: str = ""  # issued, redeemed, expired; "" when no voucher
    policy_version: str = ""


@dataclass(frozen=True)
class Total:
    key: str
    label: str
    count: int
    amount_minor: int


@dataclass(frozen=True)
class Summary:
    count: int
    amount_minor: int
    overrides: int
    exceptions: int
    approved: int  # unlocked by an approver (any channel)
    by_channel: dict[str, int]
    vouchers: int
    redeemed: int
    referrals: int = 0  # referrals created in the period (from the referral records)

    @property
    def came_back_rate(self) -> float | None:
        """Share of the period's vouchers redeemed: the guest came back."""
        return self.redeemed / self.vouchers if self.vouchers else None


def voucher_state(status: str | None, expires_on: date | None, today: date) -> str:
    """A decision's voucher as a review shows it: "" (none), issued, redeemed or expired."""
    if status is None:
        return ""
    if status == "redeemed":
        return "redeemed"
    return "expired" if expires_on is not None and expires_on < today else "issued"


def in_period(decisions: Iterable[ReviewDecision], since: date | None, until: date | None
              ) -> list[ReviewDecision]:
    """Decisions from ``since`` to ``until``, both days included (UTC)."""
    return [d for d in decisions
            if (since is None or d.decided_at.date() >= since)
            and (until is None or d.decided_at.date() <= until)]


def _key(d: ReviewDecision, by: str) -> tuple[str, str]:
    if by == "employee":
        return d.employee_id, d.employee_name or d.employee_id
    if by == "approver":
        return (d.approver_id, d.approver_name or d.approver_id) if d.approver_id else (
            "", _("(none)"))
    if by == "day":
        day = d.decided_at.date().isoformat()
        return day, day
    value = getattr(d, by)
    return value, value


def totals(decisions: Iterable[ReviewDecision], by: str,
           label: Callable[[str], str] | None = None) -> list[Total]:
    """Count and money per employee, approver, reason, category, action or day; days in
    order, everything else by amount, largest first."""
    if by not in DIMENSIONS:
        raise ValueError(f"cannot total by {by!r} (choose from {', '.join(DIMENSIONS)})")
    counts: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for d in decisions:
        key, name = _key(d, by)
        counts[key] += 1
        amounts[key] += d.amount_minor
        labels[key] = label(key) if label and by in ("reason", "category", "action") else name
    rows = [Total(k, labels[k], counts[k], amounts[k]) for k in counts]
    if by == "day":
        return sorted(rows, key=lambda t: t.key)
    return sorted(rows, key=lambda t: (-t.amount_minor, -t.count, t.key))


def summarise(decisions: Sequence[ReviewDecision], referrals: int = 0) -> Summary:
    # Decisions recorded before channels were: an approver then stood at the desk.
    channels = Counter(d.channel or "desk" for d in decisions if d.approver_id)
    vouchers = [d for d in decisions if d.voucher_state]
    return Summary(len(decisions), sum(d.amount_minor for d in decisions),
                   sum(d.override for d in decisions),
                   sum(d.allowance_exception for d in decisions),
                   sum(d.approver_id is not None for d in decisions), dict(channels),
                   len(vouchers), sum(d.voucher_state == "redeemed" for d in vouchers),
                   referrals)


@dataclass(frozen=True)
class CameBack:
    key: str
    label: str
    vouchers: int
    redeemed: int

    @property
    def rate(self) -> float:
        return self.redeemed / self.vouchers if self.vouchers else 0.0


def came_back(decisions: Iterable[ReviewDecision], by: str) -> list[CameBack]:
    """Per employee or reason: vouchers given and redeemed (the guest came back)."""
    given: Counter[str] = Counter()
    redeemed: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for d in decisions:
        if not d.voucher_state:
            continue
        key, name = _key(d, by)
        labels[key] = name
        given[key] += 1
        redeemed[key] += d.voucher_state == "redeemed"
    return sorted((CameBack(k, labels[k], given[k], redeemed[k]) for k in given),
                  key=lambda c: (-c.rate, -c.vouchers, c.key))


MAX_BARS = 31  # beyond a month of days the bars become weeks, then months


def spend_unit(days: Sequence[str]) -> str:
    """Day, week or month: whichever keeps the bars of these days at a readable count
    (the window's chart and the PDF's use the same rule)."""
    if len(days) <= MAX_BARS:
        return "day"
    weeks = {date.fromisoformat(d).isocalendar()[:2] for d in days}
    return "week" if len(weeks) <= MAX_BARS else "month"


def spend_by_day_and_category(decisions: Iterable[ReviewDecision]
                              ) -> dict[str, dict[str, int]]:
    """{day: {category: amount}}, for the stacked chart."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for d in decisions:
        out[d.decided_at.date().isoformat()][d.category] += d.amount_minor
    return {day: dict(cats) for day, cats in sorted(out.items())}


# --- root causes --------------------------------------------------------------------


def week_of(moment: datetime) -> str:
    year, week, _weekday = moment.isocalendar()
    return f"{year}-W{week:02d}"


def trend(decisions: Iterable[ReviewDecision], by: str = "category"
          ) -> dict[str, dict[str, int]]:
    """{key: {ISO week: count}}: how often each category (or reason) recurs, per week."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for d in decisions:
        out[getattr(d, by)][week_of(d.decided_at)] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


_PLACE = re.compile(r"\b(room|rm|suite|table|aisle|lane|bay)\s*#?\s*([0-9][0-9A-Za-z-]{0,7})\b",
                    re.IGNORECASE)


def places_of(d: ReviewDecision) -> set[str]:
    """Where a recovery happened, as far as the record says: the guest's room, and rooms,
    tables or aisles named in the note ("room 412", "Table 7")."""
    found = {f"{m.group(1).lower()} {m.group(2).upper()}" for m in _PLACE.finditer(d.note)}
    found = {p.replace("rm ", "room ") for p in found}
    if d.room.strip():
        found.add(f"room {d.room.strip().upper()}")
    return found


@dataclass(frozen=True)
class Recurring:
    key: str  # a place ("room 412") or a customer id
    label: str
    count: int
    amount_minor: int
    reasons: tuple[str, ...]
    decision_ids: tuple[str, ...] = field(default=(), compare=False)


def recurring_places(decisions: Iterable[ReviewDecision], minimum: int = 2
                     ) -> list[Recurring]:
    """Places named in two or more recoveries: a broken shower, not a bad night."""
    seen: dict[str, list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        for place in places_of(d):
            seen[place].append(d)
    return _recurring(seen, minimum, lambda key, _ds: key)


def repeat_guests(decisions: Iterable[ReviewDecision], minimum: int = 3, days: int = 90
                  ) -> list[Recurring]:
    """Guests with ``minimum`` or more recoveries within any ``days``-day span."""
    by_guest: dict[str, list[ReviewDecision]] = defaultdict(list)
    for d in decisions:
        by_guest[d.customer_id].append(d)
    window = timedelta(days=days)
    hits: dict[str, list[ReviewDecision]] = {}
    for guest, items in by_guest.items():
        items.sort(key=lambda d: d.decided_at)
        best: list[ReviewDecision] = []
        start = 0
        for end in range(len(items)):
            while items[end].decided_at - items[start].decided_at > window:
                start += 1
            if end - start + 1 > len(best):
                best = items[start : end + 1]
        if len(best) >= minimum:
            hits[guest] = best
    return _recurring(hits, minimum, lambda _key, ds: ds[0].customer_name or _key)


def _recurring(groups: dict[str, list[ReviewDecision]], minimum: int,
               label: Callable[[str, list[ReviewDecision]], str]) -> list[Recurring]:
    out = [Recurring(key, label(key, ds), len(ds), sum(d.amount_minor for d in ds),
                     tuple(sorted({d.reason for d in ds})), tuple(d.id for d in ds))
           for key, ds in groups.items() if len(ds) >= minimum]
    return sorted(out, key=lambda r: (-r.count, -r.amount_minor, r.key))
