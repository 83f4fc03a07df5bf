"""Loading, showing and activating the recovery policy."""

from __future__ import annotations

from pos_app.domain.errors import PolicyError
from pos_app.domain.policy import Policy, parse_policy
from pos_app.i18n import _
from pos_app.services.ports import UnitOfWork, UnitOfWorkFactory


def current_policy(uow: UnitOfWork) -> Policy:
    stored = uow.policies.current()
    if stored is None:
        raise PolicyError(_("No policy is loaded; run 'leeway policy load FILE.toml'."))
    return parse_policy(stored[1])


def load_policy(uow: UnitOfWork, document: str, loaded_by: str | None = None) -> Policy:
    """Validate and activate a policy; the caller commits. Audited as ``policy.loaded``."""
    policy = parse_policy(document)
    uow.policies.add(policy.version, document, loaded_by)
    # The document travels in the event so other desks receive the policy by sync.
    uow.events.append("policy.loaded", {"version": policy.version, "name": policy.name,
                                        "document": document}, actor=loaded_by)
    return policy


def activate_policy(uows: UnitOfWorkFactory, document: str, loaded_by: str | None = None
                    ) -> Policy:
    """The act of loading a policy at this desk: validated, stored, audited, committed.

    A running desk picks it up on its next act (the policy is read per act, cached by
    version)."""
    with uows(write=True) as uow:
        policy = load_policy(uow, document, loaded_by)
        uow.commit()
    return policy
