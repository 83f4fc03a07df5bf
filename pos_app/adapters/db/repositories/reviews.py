"""What sync left for a person to review: merge conflicts and events the centre refused.

Conflicts arrive by pull into ``contact_conflicts`` (a contact edit that lost to a later
one, or a voucher redeemed at two desks); rejected events are outbox rows in state
``rejected``. Only conflicts can be marked reviewed: a rejected event stays flagged until
an engineer resolves it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import ConflictRow, EventRow, OutboxRow
from pos_app.i18n import _
from pos_app.services.ports import ReviewItem, ReviewKind

# Central writes only these two kinds (adapters/central/sql/authority.sql); any other is shown as
# a double redemption, as the review list always did.
_KINDS = {"contact": ReviewKind.CONTACT_CONFLICT, "voucher": ReviewKind.DOUBLE_REDEMPTION}


def _detail(text: str) -> dict[str, Any]:
    data = json.loads(text or "{}")
    return data if isinstance(data, dict) else {"value": data}


class SqlSyncReviews:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_items(self) -> list[ReviewItem]:
        c = ConflictRow
        conflicts = self.session.execute(
            select(c.id, c.kind, c.key, c.detail, c.detected_at)
            .where(c.reviewed.is_(False)).order_by(c.id))
        items = [ReviewItem(_KINDS.get(kind, ReviewKind.DOUBLE_REDEMPTION), int(cid), key,
                            _detail(detail), detected_at)
                 for cid, kind, key, detail, detected_at in conflicts]
        rejected = self.session.execute(
            select(EventRow.seq, EventRow.type, OutboxRow.last_error)
            .join(OutboxRow, OutboxRow.event_id == EventRow.id)
            .where(OutboxRow.state == "rejected").order_by(EventRow.seq))
        items += [ReviewItem(ReviewKind.REJECTED_EVENT, None, _("event {seq}").format(seq=seq),
                             {"seq": int(seq), "type": etype, "why": why or ""}, None)
                  for seq, etype, why in rejected]
        return items

    def mark_reviewed(self, conflict_id: int) -> bool:
        result = self.session.execute(
            update(ConflictRow)
            .where(ConflictRow.id == conflict_id, ConflictRow.reviewed.is_(False))
            .values(reviewed=True)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)
