"""The central staff directory, kept by the administrator (``leeway central staff``).

A stolen till's credentials must not be able to create or change staff that other
desks trust. So the staff every desk trusts without question (approving tiers, and
every tier change) come from here: the administrator's own connection writes
``central_staff`` and the change feed in one transaction, and desks apply the change
as they apply any staff change (:func:`pos_app.adapters.central.merge.apply_employee`).

PINs are hashed exactly as a registered desk hashes a roaming PIN: argon2id over an
HMAC of the PIN under the shared staff key (``central_staff_key``, created here when no
desk has registered yet), stored with the ``staff:`` prefix, so the hash works at every
registered desk and nowhere else.

Once an administrator has acted on someone (added them, set their PIN, disabled them),
head office owns the record (``home_terminal`` NULL): the central push function lets no
desk change it again, so a stolen till cannot re-enable or re-PIN staff an administrator
disabled. Staff a desk added on its own may be known only from the change feed (pushed
before ``central_staff`` was kept); a new PIN or a disable for them takes their name and
tier from there.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from pos_app.adapters.central.publish import admin_engine, newest_policy, require_table
from pos_app.adapters.pins import Argon2PinHasher
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.people import check_employee_id, check_name
from pos_app.domain.policy import Policy, parse_policy
from pos_app.i18n import N_, _
from pos_app.services.employees import check_pin_format

NO_POLICY = N_("Publish a policy first ('leeway central policy publish FILE --url URL'):"
               " tiers and PIN rules come from it.")


@dataclass(frozen=True)
class StaffRecord:
    employee_id: str
    name: str
    tier: str
    active: bool
    pin_hash: str | None
    home_terminal: str | None  # None: head office's own staff, who roam everywhere

    def change(self) -> dict[str, Any]:
        """The change-feed data every desk applies."""
        return {"employee_id": self.employee_id, "name": self.name, "tier": self.tier,
                "active": self.active, "pin_hash": self.pin_hash}


def add_staff(admin_url: str, employee_id: str, name: str, tier: str, pin: str
              ) -> StaffRecord:
    """A new member of staff who can sign in at every registered desk."""
    check_employee_id(employee_id)
    clean = check_name(_("Name"), name)
    if not clean:
        raise InvalidInput(_("An employee needs a name."))
    engine = admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            policy = _policy(conn)
            if tier not in policy.tiers:
                raise InvalidInput(_("Unknown tier '{tier}' (tiers: {tiers}).").format(
                    tier=tier, tiers=", ".join(policy.tiers)))
            check_pin_format(pin, policy)
            conn.execute(text("LOCK TABLE central_staff IN SHARE ROW EXCLUSIVE MODE"))
            if _stored(conn, employee_id) is not None or _from_feed(conn, employee_id):
                raise InvalidInput(_("Employee {id} already exists; use 'leeway central staff"
                                     " pin' or 'central staff disable'.").format(
                    id=employee_id))
            record = StaffRecord(employee_id, clean, tier, True, _hash(conn, pin), None)
            _write(conn, record)
        return record
    finally:
        engine.dispose()


def set_staff_pin(admin_url: str, employee_id: str, pin: str) -> StaffRecord:
    """A new PIN (whether the employee is active stays as it was)."""
    check_employee_id(employee_id)
    engine = admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            check_pin_format(pin, _policy(conn))
            current = _known(conn, employee_id)
            record = StaffRecord(employee_id, current.name, current.tier, current.active,
                                 _hash(conn, pin), None)
            _write(conn, record)
        return record
    finally:
        engine.dispose()


def disable_staff(admin_url: str, employee_id: str) -> StaffRecord:
    """No more sign-ins or approvals at any desk once it has pulled this."""
    check_employee_id(employee_id)
    engine = admin_engine(admin_url)
    try:
        with engine.begin() as conn:
            require_table(conn, "central_staff")
            current = _known(conn, employee_id)
            record = StaffRecord(employee_id, current.name, current.tier, False,
                                 current.pin_hash, None)
            _write(conn, record, send_pin=False)  # a desk keeps the PIN hash it holds
        return record
    finally:
        engine.dispose()


def _policy(conn: Connection) -> Policy:
    require_table(conn, "central_staff")
    newest = newest_policy(conn)
    if newest is None:
        raise InvalidInput(_(NO_POLICY))
    return parse_policy(newest[1])


def _hash(conn: Connection, pin: str) -> str:
    """The roaming hash under the shared staff key (``staff:`` prefix)."""
    fresh = base64.b64encode(secrets.token_bytes(32)).decode()
    conn.execute(text("INSERT INTO central_staff_key (id, pepper) VALUES (1, :p)"
                      " ON CONFLICT (id) DO NOTHING"), {"p": fresh})
    key = base64.b64decode(str(conn.execute(text(
        "SELECT pepper FROM central_staff_key WHERE id = 1")).scalar_one()))
    return Argon2PinHasher(key, staff_pepper=key).hash(pin)


def _stored(conn: Connection, employee_id: str) -> StaffRecord | None:
    row = conn.execute(text(
        "SELECT employee_id, name, tier, active, pin_hash, home_terminal FROM central_staff"
        " WHERE employee_id = :id FOR UPDATE"), {"id": employee_id}).first()
    if row is None:
        return None
    return StaffRecord(str(row.employee_id), str(row.name), str(row.tier), bool(row.active),
                       row.pin_hash, row.home_terminal)


def _from_feed(conn: Connection, employee_id: str) -> StaffRecord | None:
    """What the desks know of someone a desk added on its own: the latest name and tier,
    active flag and roaming PIN hash in the change feed."""
    name = tier = pin_hash = None
    active: bool | None = None
    for (data,) in conn.execute(text(
            "SELECT data FROM central_changes WHERE kind = 'employee' AND key = :id"
            " ORDER BY seq DESC"), {"id": employee_id}):
        change = json.loads(data)
        if name is None and change.get("name"):
            name, tier = str(change["name"]), str(change.get("tier") or "")
        if active is None and "active" in change:
            active = bool(change["active"])
        if pin_hash is None and change.get("pin_hash"):
            pin_hash = str(change["pin_hash"])
    if name is None or not tier:
        return None
    return StaffRecord(employee_id, name, tier, True if active is None else active,
                       pin_hash, None)


def _known(conn: Connection, employee_id: str) -> StaffRecord:
    record = _stored(conn, employee_id) or _from_feed(conn, employee_id)
    if record is None:
        raise NotFound(_("No employee {id} is known centrally.").format(id=employee_id))
    return record


def _write(conn: Connection, record: StaffRecord, send_pin: bool = True) -> None:
    """The directory row and its change, in the caller's transaction."""
    conn.execute(text(
        "INSERT INTO central_staff (employee_id, name, tier, active, pin_hash, home_terminal,"
        " changed_at) VALUES (:id, :name, :tier, :active, :pin_hash, :home, clock_timestamp())"
        " ON CONFLICT (employee_id) DO UPDATE SET name = EXCLUDED.name, tier = EXCLUDED.tier,"
        " active = EXCLUDED.active, pin_hash = EXCLUDED.pin_hash,"
        " home_terminal = EXCLUDED.home_terminal, changed_at = EXCLUDED.changed_at"),
        {"id": record.employee_id, "name": record.name, "tier": record.tier,
         "active": record.active, "pin_hash": record.pin_hash, "home": record.home_terminal})
    change = record.change()
    if not send_pin:
        change["pin_hash"] = None
    conn.execute(text(
        "INSERT INTO central_changes (kind, key, data) VALUES ('employee', :k, :data)"),
        {"k": record.employee_id, "data": json.dumps(change, ensure_ascii=False)})
