"""Customers: lookup, bulk import, field corrections and the counter's search.

Reads use Core selects (plain values, no identity-map bookkeeping); ``get``, on every
decision's path, and the million-row import go through the DB-API connection, and search
asks the FTS5 indexes the search plan names.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from pos_app.adapters.db import search_schema
from pos_app.adapters.db.dbapi import execute
from pos_app.adapters.db.models import CustomerRow
from pos_app.domain.clock import utcnow
from pos_app.domain.contact import phone_digits
from pos_app.domain.customer_record import RECORD_FIELDS, CustomerRecord, record_of
from pos_app.domain.people import CONTACT_FIELDS, Customer, check_customer_id
from pos_app.domain.search import fold_name, fts_phrase, plan_search

_CUSTOMER_COLS = ("id", *CONTACT_FIELDS)
_GET = f"SELECT {', '.join(_CUSTOMER_COLS)} FROM customers WHERE id = ?"


def _like_escaped(literal: str) -> str:
    """``literal`` for a LIKE pattern with ESCAPE '\\': its own % and _ match themselves."""
    return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _customer(row: Any) -> Customer:
    return Customer(**{col: getattr(row, col) or "" for col in _CUSTOMER_COLS})


class SqlCustomers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, customer_id: str) -> Customer | None:
        """The customer with this ID, or None. An ID that breaks the shared rule (a
        zero-width space, a terminal escape) is refused with its own message instead of
        a "not found" that would print it back, or look like a real ID."""
        check_customer_id(customer_id)
        # The session's DB-API connection (adapters.db.dbapi): plain text columns, so the
        # values are what the ORM would read.
        row = execute(self.session, _GET, (customer_id,)).fetchone()
        return Customer(*(value or "" for value in row)) if row else None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        for i in range(0, len(wanted), 900):
            chunk = wanted[i : i + 900]
            found.update(self.session.scalars(select(CustomerRow.id).where(
                CustomerRow.id.in_(chunk))))
        return found

    def add_many(self, customers: Iterable[Customer], bulk: bool = False) -> int:
        it = map(record_of, customers)
        return self.add_records(iter(lambda: list(itertools.islice(it, 5000)), []),
                                bulk=bulk)

    def add_records(self, batches: Iterable[list[CustomerRecord]], bulk: bool = False,
                    index_each_batch: bool = False) -> int:
        conn = self.session.connection()
        if bulk:
            search_schema.begin_bulk(conn)
            if index_each_batch:
                search_schema.begin_batches(conn)
        # Plain DB-API executemany on the records as they come (tuples): the ORM's per-row
        # parameter handling was half the insert time of a million-row import. The time
        # stamp is one literal of the statement (SQLAlchemy's SQLite DateTime format,
        # digits only), so no row is copied to append it.
        stamp = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        sql = (f"INSERT INTO customers ({', '.join(RECORD_FIELDS)}, updated_at)"
               f" VALUES ({', '.join('?' for _ in RECORD_FIELDS)}, '{stamp}')")
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        count = 0
        per_batch = bulk and index_each_batch
        if per_batch:
            last = cursor.execute("SELECT coalesce(max(pk), 0) FROM customers").fetchone()[0]
        for batch in batches:
            cursor.executemany(sql, batch)
            count += len(batch)
            # Not kept while the next batch is made: holding it then took a desk joining
            # a million customers from 245 MB to 282 MB at its peak (its rows and their
            # customers stay alive a batch longer, and the full-text rebuild's buffer
            # comes on top of the memory they leave behind).
            del batch
            if per_batch:
                top = cursor.execute("SELECT max(pk) FROM customers").fetchone()[0]
                search_schema.index_rows(cursor, last, top)
                last = top
        cursor.close()
        if bulk:
            if not index_each_batch:
                search_schema.rebuild(conn)
            search_schema.end_bulk(conn, batches=index_each_batch)
        return count

    def update_field(self, customer_id: str, field: str, value: str) -> None:
        if field not in CONTACT_FIELDS:
            raise ValueError(field)
        values: dict[str, Any] = {field: value, "updated_at": utcnow()}
        if field == "phone":
            values["phone_digits"] = phone_digits(value)
        if field in ("given_name", "family_name"):
            row = self.session.scalars(select(CustomerRow).where(
                CustomerRow.id == customer_id)).first()
            if row is not None:
                names = {"given_name": row.given_name, "family_name": row.family_name,
                         field: value}
                values["name_folded"] = fold_name(
                    f"{names['given_name']} {names['family_name']}".strip())
        self.session.execute(update(CustomerRow).where(CustomerRow.id == customer_id)
                             .values(**values))

    def search(self, query: str, limit: int, offset: int = 0) -> list[Customer]:
        plan = plan_search(query)
        if plan.empty or limit <= 0:
            return []
        want = limit + offset
        pks: list[int] = []
        if plan.name_prefixes:
            # Whole-word matches first, then prefixes. Both walk the index in rowid order
            # and stop at the limit: ranking every match by bm25 costs ~50 ms on a common
            # name at 1M customers, and a counter needs the first page at once.
            exact = " AND ".join(fts_phrase(w) for w in plan.name_prefixes)
            prefix = " AND ".join(fts_phrase(w) + "*" for w in plan.name_prefixes)
            for match in (exact, prefix):
                if len(pks) >= want:
                    break
                pks += self.session.scalars(
                    text("SELECT rowid FROM customer_name_fts WHERE customer_name_fts MATCH :m"
                         " LIMIT :n"), {"m": match, "n": want}).all()
                pks = list(dict.fromkeys(pks))
        if plan.digits:
            match = "{phone_digits loyalty_id room} : " + fts_phrase(plan.digits)
            pks += self.session.scalars(
                text("SELECT rowid FROM customer_tri_fts WHERE customer_tri_fts MATCH :m"
                     " LIMIT :n"), {"m": match, "n": want}).all()
        if plan.name_literal:
            pks += self._name_literal(plan.name_literal, want)
        if plan.fragment and len(pks) < want:
            pks += self._fragment(plan.fragment, want)
        ordered = list(dict.fromkeys(pks))[offset : offset + limit]
        if not ordered:
            return []
        rows = self.session.scalars(select(CustomerRow).where(CustomerRow.pk.in_(ordered)))
        by_pk = {r.pk: r for r in rows}
        return [_customer(by_pk[pk]) for pk in ordered if pk in by_pk]

    def _name_literal(self, literal: str, want: int) -> list[int]:
        """A name made only of punctuation ("--", "?!") has no token in the FTS index, so
        a query without letters or digits looks for its text in the folded names. This
        scans the table (~0.2 s at 1M customers when nothing matches); only such queries
        pay for it."""
        return list(self.session.scalars(
            text("SELECT pk FROM customers WHERE name_folded LIKE :like ESCAPE '\\'"
                 " LIMIT :n"), {"like": f"%{_like_escaped(literal)}%", "n": want}))

    def _fragment(self, fragment: str, want: int) -> list[int]:
        """Substring of an e-mail, loyalty id or room.

        Across an "@" ("8005@exam"), the trigrams of the domain ("@ex", "exa") are in
        nearly every address, and a phrase match must read all their postings (~12 ms at
        1M). Matching only the side before the "@" and checking the whole fragment with
        LIKE on the few candidates reads far less.
        """
        local, at, domain = fragment.partition("@")
        side = local if len(local) >= 3 else domain
        if at and len(side) >= 3:
            escaped = _like_escaped(fragment)
            return list(self.session.scalars(
                text("SELECT f.rowid FROM customer_tri_fts f JOIN customers c ON c.pk ="
                     " f.rowid WHERE customer_tri_fts MATCH :m AND c.email LIKE :like"
                     " ESCAPE '\\' LIMIT :n"),
                {"m": "{email} : " + fts_phrase(side), "like": f"%{escaped}%", "n": want}))
        match = "{email loyalty_id room} : " + fts_phrase(fragment)
        return list(self.session.scalars(
            text("SELECT rowid FROM customer_tri_fts WHERE customer_tri_fts MATCH :m"
                 " LIMIT :n"), {"m": match, "n": want}))

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(CustomerRow)) or 0)

    def all(self) -> Iterator[Customer]:
        result = self.session.execute(
            select(*(getattr(CustomerRow, col) for col in _CUSTOMER_COLS))
            .order_by(CustomerRow.pk).execution_options(yield_per=2000))
        for row in result:
            yield Customer(*(value or "" for value in row))
