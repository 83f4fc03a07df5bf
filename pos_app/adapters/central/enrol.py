"""Attaching this terminal to a central database (``leeway terminal register``).

The administrator's URL creates this terminal's own login role centrally and sends the
desk's customers and signing key; the terminal's credentials and the shared staff key
then live in this desk's keyring only, and the sync state remembers where central is.
"""

from __future__ import annotations

from dataclasses import fields

from pos_app.adapters.central.connect import SECRET_URL, display, kind_of, normalise_url, register
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import SyncStateRow
from pos_app.adapters.secrets import STAFF_PEPPER, SecretStore
from pos_app.services.ports import Signer, UnitOfWorkFactory


def enrol_terminal(db: LocalDatabase, uows: UnitOfWorkFactory, secrets: SecretStore,
                   signer: Signer, admin_url: str) -> str:
    """Register with central; returns central's address for display (no password)."""
    with uows() as uow:
        terminal_id = uow.terminal().id
        rows = [{f.name: getattr(c, f.name) for f in fields(c)} for c in uow.customers.all()]
    terminal_url, staff_key = register(admin_url, terminal_id, signer.public_raw.hex(), rows)
    secrets.set(SECRET_URL, terminal_url)  # credentials live in the keyring only
    secrets.set(STAFF_PEPPER, staff_key)  # PINs set from now on work at every desk
    with db.write_sessions() as s, s.begin():
        state = s.get(SyncStateRow, 1) or SyncStateRow(id=1, pull_cursor=0, online=False)
        state.central_kind = kind_of(normalise_url(admin_url))
        state.central_display = display(terminal_url)
        s.add(state)
    return display(terminal_url)
