"""What review and learning need from storage: the period's decisions, recognitions
and coaching notes (part of the unit of work in :mod:`pos_app.services.ports`, kept
apart so that module stays one screenful per responsibility)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from pos_app.domain.review import ReviewDecision


@dataclass(frozen=True)
class RecognitionRecord:
    id: str
    decision_id: str
    employee_id: str
    given_by: str
    given_by_name: str
    note: str
    given_at: datetime
    seen_at: datetime | None = None


@dataclass(frozen=True)
class CoachingNote:
    id: str
    employee_id: str
    written_by: str
    note: str
    written_at: datetime


class ReviewSource(Protocol):
    """The period's decisions with names, category, channel and voucher state."""

    def decisions(self, since: datetime | None, until: datetime | None,
                  today: date) -> list[ReviewDecision]: ...
    def one(self, decision_id: str, today: date) -> ReviewDecision | None: ...
    def referrals_created(self, since: datetime | None, until: datetime | None) -> int: ...


class Recognitions(Protocol):
    def add(self, record: RecognitionRecord) -> bool:
        """False when it is already known (a recognition pulled twice)."""
        ...
    def unseen_for(self, employee_id: str) -> list[RecognitionRecord]: ...
    def mark_seen(self, ids: list[str], at: datetime) -> None: ...
    def between(self, since: datetime | None, until: datetime | None
                ) -> list[RecognitionRecord]: ...


class CoachingNotes(Protocol):
    def add(self, note: CoachingNote) -> None: ...
    def for_employee(self, employee_id: str) -> list[CoachingNote]: ...
