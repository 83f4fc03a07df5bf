"""The acts of review and learning at a desk: review a period, see its patterns and root
causes, recognise a decision well made, keep a private coaching note.

Reading is for supervisors and above (any tier that may approve); the figures come from
the pure functions in :mod:`pos_app.domain.review` and :mod:`pos_app.domain.patterns`,
so the same report runs on the central database for head office
(:mod:`pos_app.adapters.central.report`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from pos_app.domain.clock import utcnow
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.events import uuid7
from pos_app.domain.patterns import Pattern, patterns
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.review import (
    DIMENSIONS,
    CameBack,
    Recurring,
    ReviewDecision,
    Summary,
    Total,
    came_back,
    recurring_places,
    repeat_guests,
    spend_by_day_and_category,
    summarise,
    totals,
    trend,
)
from pos_app.domain.text import clean_free_text, ident
from pos_app.i18n import _
from pos_app.services.desk import Desk
from pos_app.services.review_ports import CoachingNote, RecognitionRecord

NOTE_LIMIT = 500


class NotAllowed(InvalidInput):
    """This person's tier may not do that."""


def may_review(policy: Policy, employee: Employee) -> bool:
    """Supervisors and above: every tier that may approve for others."""
    limits = policy.limits.get(employee.tier)
    return bool(limits and limits.can_approve)


def period_bounds(since: date | None, until: date | None
                  ) -> tuple[datetime | None, datetime | None]:
    """From the start of ``since`` to the end of ``until`` (UTC days, both included)."""
    if since and until and until < since:
        raise InvalidInput(_("The period ends before it starts; check the two dates."))
    start = datetime.combine(since, time()) if since else None
    end = datetime.combine(until + timedelta(days=1), time()) if until else None
    return start, end


def _today(desk: Desk) -> date:
    """The desk's day (tests pin it), for whether a voucher has expired."""
    return desk.today() if desk.today else datetime.now(UTC).date()


def labeller(policy: Policy) -> dict[str, str]:
    """Reason and action keys as the store names them (the demo policy's labels in the
    current language: see :mod:`pos_app.domain.policy_labels`)."""
    names = {k: _(r.label) for k, r in policy.reasons.items()}
    names.update({k: _(a.label) for k, a in policy.actions.items()})
    return names


@dataclass(frozen=True)
class Win:
    recognition: RecognitionRecord
    employee_name: str
    decision: ReviewDecision | None


@dataclass(frozen=True)
class DecisionsReport:
    since: date | None
    until: date | None
    currency: str
    decisions: list[ReviewDecision]
    summary: Summary
    totals: dict[str, list[Total]]
    spend_by_day: dict[str, dict[str, int]]
    came_back_by_employee: list[CameBack]
    came_back_by_reason: list[CameBack]
    wins: list[Win] = field(default_factory=list)


def build_report(decisions: list[ReviewDecision], policy: Policy, since: date | None,
                 until: date | None, referrals: int = 0,
                 wins: list[Win] | None = None) -> DecisionsReport:
    """Every figure of the review from the period's rows (desk or central)."""
    names = labeller(policy)
    return DecisionsReport(
        since, until, policy.currency, decisions, summarise(decisions, referrals),
        {by: totals(decisions, by, lambda k: names.get(k, k)) for by in DIMENSIONS},
        spend_by_day_and_category(decisions), came_back(decisions, "employee"),
        came_back(decisions, "reason"), wins or [])


def review_decisions(desk: Desk, since: date | None = None, until: date | None = None
                     ) -> DecisionsReport:
    """The period's decisions and every total, count and chart series of the review."""
    start, end = period_bounds(since, until)
    today = _today(desk)
    with desk.uows() as uow:
        policy = desk.policies.current(uow)
        rows = uow.review.decisions(start, end, today)
        referrals = uow.review.referrals_created(start, end)
        recognised = uow.recognitions.between(start, end)
        names = {e.id: e.name for e in uow.employees.all()}
    by_id = {d.id: d for d in rows}
    wins = [Win(r, names.get(r.employee_id, r.employee_id), by_id.get(r.decision_id))
            for r in recognised]
    return build_report(rows, policy, since, until, referrals, wins)


@dataclass(frozen=True)
class LearningReport:
    """Root causes and patterns of a period."""

    patterns: list[Pattern]
    places: list[Recurring]
    repeat_guests: list[Recurring]
    by_category: dict[str, dict[str, int]]  # category -> ISO week -> count
    by_reason: dict[str, dict[str, int]]


def learning_from(decisions: list[ReviewDecision]) -> LearningReport:
    return LearningReport(patterns(decisions), recurring_places(decisions),
                          repeat_guests(decisions), trend(decisions, "category"),
                          trend(decisions, "reason"))


def review_learning(desk: Desk, since: date | None = None, until: date | None = None
                    ) -> LearningReport:
    start, end = period_bounds(since, until)
    today = _today(desk)
    with desk.uows() as uow:
        rows = uow.review.decisions(start, end, today)
    return learning_from(rows)


# --- recognition and coaching -------------------------------------------------------


def _require_reviewer(desk: Desk, by: Employee) -> Policy:
    policy = desk.policy()
    if not may_review(policy, by):
        raise NotAllowed(_("Recognition and coaching notes are for supervisors and above."))
    return policy


def recognise(desk: Desk, decision_id: str, by: Employee, note: str = "") -> RecognitionRecord:
    """Mark a decision as well done (``recognition.given``, synced to every desk); the
    employee sees it at their next sign-in. ``by`` has signed in or given their PIN."""
    _require_reviewer(desk, by)
    note = clean_free_text(note or "").strip()[:NOTE_LIMIT]
    with desk.uows(write=True) as uow:
        decision = (uow.review.one(decision_id, date.max) if _looks_like_id(decision_id)
                    else None)
        if decision is None:
            raise NotFound(_("No decision {id} at this desk.").format(id=ident(decision_id)))
        if decision.employee_id == by.id:
            raise NotAllowed(_("Recognition is for someone else's decision."))
        record = RecognitionRecord(str(uuid7()), decision.id, decision.employee_id, by.id,
                                   by.name, note, utcnow())
        uow.recognitions.add(record)
        uow.events.append("recognition.given", {
            "recognition_id": record.id, "decision_id": decision.id,
            "employee_id": decision.employee_id, "note": note, "given_by_name": by.name,
            "given_at": record.given_at.isoformat()}, actor=by.id)
        uow.commit()
    return record


def _looks_like_id(text: str) -> bool:
    return 0 < len(text or "") <= 36 and all(c in "0123456789abcdef-" for c in text)


def recognitions_to_show(desk: Desk, employee_id: str) -> list[RecognitionRecord]:
    """What this employee has not seen yet; shown once, then marked seen."""
    with desk.uows(write=True) as uow:
        unseen = uow.recognitions.unseen_for(employee_id)
        uow.recognitions.mark_seen([r.id for r in unseen], utcnow())
        uow.commit()
    return unseen


def recognitions_with_decisions(desk: Desk, employee_id: str
                                ) -> list[tuple[RecognitionRecord, ReviewDecision | None]]:
    """The unseen recognitions (now marked seen), each with the decision it is about
    (None when that decision was made at a desk whose records this one lacks)."""
    records = recognitions_to_show(desk, employee_id)
    if not records:
        return []
    today = _today(desk)
    with desk.uows() as uow:
        return [(r, uow.review.one(r.decision_id, today)) for r in records]


def keep_coaching_note(desk: Desk, employee_id: str, by: Employee, note: str
                       ) -> CoachingNote:
    """A private note a manager keeps about an employee (audited; never shown to them)."""
    _require_reviewer(desk, by)
    text = clean_free_text(note or "").strip()[:2000]
    if not text:
        raise InvalidInput(_("Write the note first."))
    if employee_id == by.id:
        raise NotAllowed(_("A coaching note is about someone else."))
    with desk.uows(write=True) as uow:
        if uow.employees.get(employee_id) is None:
            raise NotFound(_("No employee with ID {id}.").format(id=ident(employee_id)))
        record = CoachingNote(str(uuid7()), employee_id, by.id, text, utcnow())
        uow.coaching.add(record)
        uow.events.append("coaching.noted", {"note_id": record.id,
                                             "employee_id": employee_id}, actor=by.id)
        uow.commit()
    return record


def coaching_notes(desk: Desk, employee_id: str, viewer: Employee) -> list[CoachingNote]:
    _require_reviewer(desk, viewer)
    if employee_id == viewer.id:
        raise NotAllowed(_("Coaching notes about you are kept by your manager."))
    with desk.uows() as uow:
        return uow.coaching.for_employee(employee_id)
