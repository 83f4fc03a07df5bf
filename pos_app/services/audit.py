"""Verifying this terminal's hash-chained event log."""

from __future__ import annotations

from pos_app.domain.events import ChainBreak, verify_chain
from pos_app.i18n import _
from pos_app.services.ports import UnitOfWork, UnitOfWorkFactory


def verify_audit(uow: UnitOfWork, expected_head: tuple[int, str] | None = None
                 ) -> tuple[int, ChainBreak | None]:
    """Return (events checked, first break or None).

    The terminal row records the head of the chain as it was written; a log shorter
    than that head, or one whose head differs, was truncated or rewritten.
    """
    term = uow.terminal()
    events = list(uow.events.ordered())
    head = expected_head or (term.last_seq, term.head_hash)
    return len(events), verify_chain(events, head)


def audit_problem(uows: UnitOfWorkFactory) -> str | None:
    """None when the local audit chain verifies, else a sentence naming the first break."""
    with uows() as uow:
        _count, problem = verify_audit(uow)
    if problem is None:
        return None
    return _("Event {seq}: {problem}.").format(seq=problem.seq, problem=problem.problem)
