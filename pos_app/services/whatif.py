"""The policy what-if as a desk act: replay past decisions under a candidate policy.

The replay itself is pure (:mod:`pos_app.domain.whatif`); here the candidate document is
parsed and the staff's tiers are read from the desk. Loading the period's decisions is
the caller's: they come from the review service (this desk) or the central database.
Nothing is written: a what-if changes no policy and no record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pos_app.domain.policy import parse_policy
from pos_app.domain.review import ReviewDecision
from pos_app.domain.whatif import WhatIf, replay
from pos_app.services.desk import Desk


def policy_whatif(candidate_toml: str, decisions: Sequence[ReviewDecision],
                  tier_of: Mapping[str, str]) -> WhatIf:
    """What ``candidate_toml`` would have done to ``decisions``.

    A document that is not a valid policy raises :class:`PolicyError` with the parser's
    message, naming the offending key.
    """
    return replay(parse_policy(candidate_toml), decisions, tier_of)


def tiers_of_staff(desk: Desk) -> dict[str, str]:
    """Every employee this desk knows -> their tier; inactive ones too, since the
    decisions being replayed may be theirs."""
    with desk.uows() as uow:
        return {employee.id: employee.tier for employee in uow.employees.all()}
