"""Pull: the central change feed after this terminal's cursor, applied locally.

A new desk with no customers first joins (see :mod:`join`): every customer in pages,
then the feed from its head. Changes are read in pages of :data:`PAGE` by the central
sequence; each page is applied (see :mod:`merge`) and the cursor advanced in one local
transaction, so a crash repeats at most one page, whose changes apply idempotently. The
central read ends before the local transaction starts: the desk never holds its write
lock while waiting on the network (except while joining, when it has no customers yet
to serve and the join must be all or nothing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text

from pos_app.adapters.central.join import join_central
from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.central.merge import apply_change, customers_with_unsynced_edits
from pos_app.adapters.central.status import state_row
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import SyncStateRow

PAGE = 1000


@dataclass
class PullResult:
    """What a pull has applied so far (updated after each committed page)."""

    pulled: int = 0
    policy_applied: str | None = None  # the last newly published policy put in force


def pull_changes(db: LocalDatabase, link: CentralLink, progress: PullResult | None = None,
                 page: int = PAGE) -> PullResult:
    """Apply every change after the cursor; raises ``CentralUnavailable`` when central
    cannot be reached. Pages applied before that stay applied and are counted in
    ``progress`` (pass one in to keep the figures when the pull fails half-way)."""
    result = progress if progress is not None else PullResult()
    joined = join_central(db, link)  # a new desk: customers in pages, then the feed
    if joined is not None:
        result.pulled += joined.customers + joined.others
        result.policy_applied = joined.policy_applied or result.policy_applied
    while True:
        cursor = pull_cursor(db)
        with link.connect() as conn:  # the desk may only call leeway_pull(), no table
            changes = conn.execute(text("SELECT seq, kind, key, data FROM leeway_pull("
                                        ":after, :page)"),
                                   {"after": cursor, "page": page}).all()
        if not changes:
            return result
        policy = result.policy_applied
        with db.write_sessions() as s, s.begin():
            unsynced = customers_with_unsynced_edits(s)
            for ch in changes:
                version = apply_change(s, ch.kind, ch.key, json.loads(ch.data), ch.seq,
                                       unsynced)
                policy = version or policy
            state_row(s).pull_cursor = changes[-1].seq
        result.pulled += len(changes)
        result.policy_applied = policy


def pull_cursor(db: LocalDatabase) -> int:
    with db.read_sessions() as s:
        row = s.get(SyncStateRow, 1)
        return int(row.pull_cursor) if row else 0
