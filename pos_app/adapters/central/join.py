"""A new desk's first pull: every customer central holds, in pages, then the rest.

Replaying the change feed from its start applies customers one change at a time, which
takes minutes for a hotel group with a million guests. A desk that has no customers yet
(a new till) instead reads the feed's head, then every customer in pages of
:data:`PAGE` (keyset by id, see ``sql/snapshot.sql``), inserts them in bulk and indexes
them for search once, applies the feed's other changes up to the head (policies, staff,
vouchers, referrals, conflicts), and sets its cursor to the head: the ordinary pull goes
on from there, so a customer changed while the pages were read arrives again and is
applied again, which is harmless.

All of that is one local transaction: a join cut short (network, crash, kill) leaves
the desk as it was, with no customers and its cursor at 0, and the next sync starts
again. Each central call is its own short, bounded call, so no central transaction
stays open while the desk inserts. A desk that already has customers (one that worked
alone before it registered) pulls the feed as before, whose merge rule protects its
unsynced edits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.central.merge import apply_change, observe
from pos_app.adapters.central.status import state_row
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import CustomerRow, SyncStateRow
from pos_app.adapters.db.repositories.customers import SqlCustomers
from pos_app.domain.people import CONTACT_FIELDS, Customer

PAGE = 50_000  # customers per central call (the function's own maximum)
OTHER_PAGE = 5_000  # other changes per central call
_STAMP = re.compile(r"[0-9]{15}-[0-9]{5}")  # domain.hlc.format_hlc's form


@dataclass
class Joined:
    """What a join brought: customers, other changes, the head it reached."""

    customers: int = 0
    others: int = 0
    skipped: int = 0  # customer rows central holds that are not a JSON object
    head: int = 0
    policy_applied: str | None = None


def join_central(db: LocalDatabase, link: CentralLink, page: int | None = None
                 ) -> Joined | None:
    """Bring a desk with no customers and a cursor at 0 up to the feed's head; None when
    this desk should pull the feed as usual instead (it has customers, or central's
    feed is empty). Raises ``CentralUnavailable`` when central cannot be reached."""
    if not _empty(db):
        return None
    with link.connect() as conn:
        head = int(conn.execute(text("SELECT leeway_feed_head()")).scalar_one())
    if head == 0:
        return None
    joined = Joined(head=head)
    with db.write_sessions() as s, s.begin():
        if not _empty_in(s):  # another writer got here first: pull as usual
            return None
        newest = [""]  # the newest field clock among the customers
        joined.customers = SqlCustomers(s).add_many(
            _customer_pages(link, page or PAGE, joined, newest), bulk=True)
        if newest[0]:
            observe(s, newest[0])  # this desk's next edit is stamped after all of them
        _apply_others(s, link, joined)
        state_row(s).pull_cursor = head
    return joined


def _empty(db: LocalDatabase) -> bool:
    with db.read_sessions() as s:
        return _empty_in(s)


def _empty_in(s: Session) -> bool:
    state = s.get(SyncStateRow, 1)
    if state is not None and int(state.pull_cursor or 0) != 0:
        return False
    return s.scalar(select(CustomerRow.pk).limit(1)) is None


def _customer_pages(link: CentralLink, page: int, joined: Joined,
                    newest: list[str]) -> Iterator[Customer]:
    """Every customer central holds, page by page, as the desk stores them."""
    after: str | None = None  # NULL: from the first id (an empty id included)
    while True:
        with link.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, data, clocks FROM leeway_customers_page(%(after)s, %(n)s)",
                {"after": after, "n": page}).all()
        if not rows:
            return
        for customer_id, data, clocks in rows:
            customer = _customer(customer_id, data)
            if customer is None:
                joined.skipped += 1
                continue
            if clocks and clocks != "{}":
                newest[0] = max([newest[0], *_stamps(clocks)])
            yield customer
        after = rows[-1][0]


def _customer(customer_id: str, data: str) -> Customer | None:
    """The customer as :func:`~pos_app.adapters.central.merge.apply_customer` would
    store it; None for a row whose data is not a JSON object."""
    try:
        values = json.loads(data)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    return Customer(id=customer_id,
                    **{f: str(values.get(f, "") or "") for f in CONTACT_FIELDS})


def _stamps(clocks: str) -> list[str]:
    """The hybrid-clock stamps in a customer's clocks ("field": "hlc|terminal")."""
    try:
        parsed = json.loads(clocks)
    except ValueError:
        return []
    if not isinstance(parsed, dict):
        return []
    found = (str(v).split("|", 1)[0] for v in parsed.values() if isinstance(v, str))
    return [stamp for stamp in found if _STAMP.fullmatch(stamp)]


def _apply_others(s: Session, link: CentralLink, joined: Joined) -> None:
    """The feed's other changes up to the head, in order, by the usual merge rules."""
    after = 0
    while True:
        with link.connect() as conn:
            changes = conn.execute(text(
                "SELECT seq, kind, key, data FROM leeway_pull_other(:after, :upto, :n)"),
                {"after": after, "upto": joined.head, "n": OTHER_PAGE}).all()
        if not changes:
            return
        for ch in changes:
            version = apply_change(s, ch.kind, ch.key, json.loads(ch.data), ch.seq, set())
            joined.policy_applied = version or joined.policy_applied
        joined.others += len(changes)
        after = changes[-1].seq
