"""Allowances this desk holds ahead of need (escrow), obtained from and returned to central.

Online, before a decision the desk tops up its allowance for the guest and the employee
(:func:`ensure_allowance`); central grants at most what the budget has left across every
desk. Offline the desk spends only what it holds. After a full push, whatever the desk
holds but has not spent goes back (:func:`return_allowances`), so other desks can use it.
"""

from __future__ import annotations

from sqlalchemy import select

from pos_app.adapters.central import allowances as central_allowances
from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.central.push import has_pending
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import AllowanceRow


def allowance_left(db: LocalDatabase, scope: str, key: str) -> int:
    with db.read_sessions() as s:
        row = s.get(AllowanceRow, (scope, key))
        return (row.granted_minor - row.spent_minor) if row else 0


def ensure_allowance(db: LocalDatabase, link: CentralLink, scope: str, key: str,
                     amount_minor: int) -> None:
    """Ask central for enough to cover ``amount_minor`` (it may grant less, or nothing,
    when the budget is spent; the cap is the published policy's, never the desk's).
    Raises ``CentralUnavailable`` or ``NotRegistered``."""
    left = allowance_left(db, scope, key)
    if left >= amount_minor:
        return
    with link.connect() as conn:
        give, _held = central_allowances.request_now(conn, scope, key, amount_minor - left)
    # Both sides count from the same start (the last return of unspent allowance, when
    # central's grant shrank to what it consumed and this row was dropped): central adds
    # ``give`` to what it granted this desk, and so does the desk. Spending is counted
    # here at once and there when pushed, so what is left here is never more than what
    # central still reserves for this desk.
    with db.write_sessions() as s, s.begin():
        row = s.get(AllowanceRow, (scope, key))
        if row is None:
            s.add(AllowanceRow(scope=scope, key=key, granted_minor=give, spent_minor=0))
        else:
            row.granted_minor += give


def return_allowances(db: LocalDatabase, link: CentralLink,
                      keep: set[tuple[str, str]] | None = None) -> bool:
    """After a full push, hand back what this desk holds but has not spent, except what
    it holds ahead of need (``keep``); False (nothing returned) while events are still
    pending."""
    keep = keep or set()
    if has_pending(db):
        return False
    with link.begin() as conn:
        central_allowances.release(conn, keep)
    with db.write_sessions() as s, s.begin():
        for row in s.scalars(select(AllowanceRow)).all():
            if (row.scope, row.key) not in keep:
                s.delete(row)
    return True
