"""A manager's unlock: one action, bound to its customer, kind and amount, for 2 minutes.

There is no lingering manager session: a grant authorises exactly the request the
manager saw, once, and expires after two minutes by the monotonic clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.errors import InvalidInput
from pos_app.domain.money import Money
from pos_app.i18n import _

GRANT_SECONDS = 120.0


@dataclass(frozen=True)
class ApprovalGrant:
    id: str
    requester_id: str
    approver_id: str
    approver_tier: str
    customer_id: str
    action: str
    amount: Money
    issued_mono: float

    def check(self, *, requester_id: str, customer_id: str, action: str, amount: Money,
              now_mono: float) -> None:
        """Raise :class:`InvalidInput` unless this grant covers exactly this request."""
        if now_mono - self.issued_mono > GRANT_SECONDS:
            raise InvalidInput(_("The manager's unlock has expired (2 minutes); ask again."))
        if (requester_id, customer_id, action, amount) != (
            self.requester_id, self.customer_id, self.action, self.amount
        ):
            raise InvalidInput(_(
                "The manager unlocked a different request (customer, action or amount);"
                " this one needs its own unlock."
            ))
