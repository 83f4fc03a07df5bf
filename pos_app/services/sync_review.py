"""Reviewing what sync could not settle on its own.

After a pull, a desk may hold contact edits that lost to a later edit at another desk,
vouchers redeemed at two desks while they were offline, and events of its own that the
central database refused. A manager reads them here and marks each conflict reviewed,
which is audited as ``conflict.reviewed``; a rejected event cannot be dismissed from the
desk, because the data it carries has not reached the centre.
"""

from __future__ import annotations

from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.text import ident
from pos_app.i18n import N_, _
from pos_app.services.ports import ReviewItem, ReviewKind, UnitOfWorkFactory

REJECTED_STAYS = N_("A rejected event stays flagged until an engineer resolves it.")


def review_items(uows: UnitOfWorkFactory) -> list[ReviewItem]:
    """Open conflicts in the order they were found, then rejected events by sequence."""
    with uows() as uow:
        return uow.reviews.open_items()


def mark_reviewed(uows: UnitOfWorkFactory, conflict_id: int | None,
                  by: str | None = None) -> None:
    """Mark one conflict reviewed and audit it, in a transaction of its own.

    ``conflict_id`` is a :class:`ReviewItem`'s; None (a rejected event) is refused with
    :class:`InvalidInput`, an id that is not an open conflict with :class:`NotFound`.
    ``by`` is the employee who reviewed it, when the caller knows.
    """
    if conflict_id is None:
        raise InvalidInput(_(REJECTED_STAYS))
    with uows(write=True) as uow:
        if not uow.reviews.mark_reviewed(conflict_id):
            raise NotFound(_("There is no open conflict {id} to review (it may have been"
                             " reviewed already).").format(id=ident(conflict_id)))
        uow.events.append("conflict.reviewed", {"conflict_id": conflict_id}, actor=by)
        uow.commit()


def summary(item: ReviewItem) -> str:
    """One line saying what happened, for the review list."""
    d = item.detail
    if item.kind is ReviewKind.CONTACT_CONFLICT:
        return _("{field}: kept {kept}, other desk's {lost} was not applied").format(
            field=d.get("field"), kept=str(d.get("kept")), lost=str(d.get("lost")))
    if item.kind is ReviewKind.DOUBLE_REDEMPTION:
        return _("voucher redeemed twice: at {first} and at {second}").format(
            first=d.get("first_terminal"), second=d.get("terminal"))
    return f"{d.get('type')}: {d.get('why')}"  # an event type and the centre's reason
