"""Attaching this terminal to a central database (``leeway terminal register``).

The administrator's URL creates this terminal's own login role centrally and sends the
desk's customers and signing key; the terminal's credentials and the shared staff key
then live in this desk's keyring only, and the sync state remembers where central is.
The desk also receives the newest policy head office published and puts it in force at
once (read and validated before anything is written); registering never touches any
other desk's policy. The first desk of an empty central database publishes its own.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from pos_app.adapters.central.connect import SECRET_URL, display, kind_of, normalise_url, register
from pos_app.adapters.central.publish import publish_first, published_policy
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import SyncStateRow
from pos_app.adapters.secrets import STAFF_PEPPER, SecretStore
from pos_app.services.policy_store import load_policy
from pos_app.services.ports import Signer, UnitOfWorkFactory


@dataclass(frozen=True)
class Enrolment:
    shown: str  # central's address for display (no password)
    policy_version: str | None  # the published policy now in force here, if any


def enrol_terminal(db: LocalDatabase, uows: UnitOfWorkFactory, secrets: SecretStore,
                   signer: Signer, admin_url: str) -> Enrolment:
    """Register with central and take its published policy."""
    published = published_policy(admin_url)  # refuses a policy this desk cannot read
    with uows() as uow:
        terminal_id = uow.terminal().id
        own = uow.policies.current()
        rows = [{f.name: getattr(c, f.name) for f in fields(c)} for c in uow.customers.all()]
    if published is None and own is not None:
        # A central database no policy was published to yet, with no other desk, takes
        # this first desk's own, published with the administrator's credentials of this
        # command: the central functions need a policy's caps to grant any allowance.
        publish_first(admin_url, own[1], terminal_id)
        published = published_policy(admin_url)
    terminal_url, staff_key = register(admin_url, terminal_id, signer.public_raw.hex(), rows)
    secrets.set(SECRET_URL, terminal_url)  # credentials live in the keyring only
    secrets.set(STAFF_PEPPER, staff_key)  # PINs set from now on work at every desk
    with db.write_sessions() as s, s.begin():
        state = s.get(SyncStateRow, 1) or SyncStateRow(id=1, pull_cursor=0, online=False)
        state.central_kind = kind_of(normalise_url(admin_url))
        state.central_display = display(terminal_url)
        s.add(state)
    if published is not None:
        with uows(write=True) as uow:
            if uow.policies.current() != published:
                # Audited here as policy.loaded by "central"; central's push ignores
                # policies loaded at desks, so this event changes no other desk.
                load_policy(uow, published[1], loaded_by="central")
                uow.commit()
    return Enrolment(display(terminal_url), published[0] if published else None)
