"""Importing customers from a UTF-8 CSV file, all or nothing.

Every row is validated before anything is written; bad rows are reported by line
number and the import writes nothing. Cells that look like spreadsheet formulas
(``=HYPERLINK(...)``) are kept as the literal text they are; exports neutralise them.
"""

from __future__ import annotations

import csv
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from pos_app.domain.contact import normalize_field
from pos_app.domain.errors import InvalidInput
from pos_app.domain.events import uuid7
from pos_app.domain.people import CONTACT_FIELDS, Customer, check_customer_id
from pos_app.domain.text import quoted
from pos_app.i18n import _, current_language, use_language
from pos_app.services.ports import UnitOfWork, UnitOfWorkFactory

COLUMNS = ("customer_id", *CONTACT_FIELDS)
MAX_FIELD_BYTES = 4096
MAX_REPORTED = 20
CHUNK = 5000
# Validation is most of an import's time and needs nothing but the rows, so a big file
# is validated by helper processes (one per core but the one this process inserts on,
# at most MAX_HELPERS) while this one inserts. A file of at most IN_PROCESS_CHUNKS
# chunks stays in-process: starting helpers costs more than they save.
IN_PROCESS_CHUNKS = 2
MAX_HELPERS = 4


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(_("line {line}: {message}").format(line=line, message=message))


def _lines(raw: BinaryIO, report: ImportReport) -> Iterator[str]:
    """Decode line by line so invalid UTF-8 is reported with its line number."""
    for number, chunk in enumerate(raw, start=1):
        try:
            yield chunk.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            report.add_error(number, _("is not valid UTF-8 text"))
            yield ""


def _header(reader: Iterator[list[str]]) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(_("The file is empty; it needs a header row.")) from None
    except csv.Error as exc:  # the csv module's own words (English) inside ours
        raise InvalidInput(_("line 1: the header row is malformed ({error}).").format(
            error=exc)) from None
    header = [h.strip().lower() for h in header]
    unknown = [quoted(h, 30) for h in header if h not in COLUMNS][:5]
    if unknown or not header:
        raise InvalidInput(_(
            "line 1: unknown column(s) {unknown}; known columns are {known}."
        ).format(unknown=", ".join(unknown) or _("(none)"), known=", ".join(COLUMNS)))
    if len(set(header)) != len(header):
        raise InvalidInput(_("line 1: a column is named twice."))
    if not {"given_name", "family_name"} & set(header):
        raise InvalidInput(_("line 1: the file needs a given_name or family_name column."))
    return header


Row = tuple[int, list[str]]  # (line number, cells)
Checked = tuple[int, Customer | str]  # (line number, customer or the reason it is bad)


def validate_rows(header: list[str], rows: list[Row], region: str) -> list[Checked]:
    """Validate raw rows; pure, so it can be timed and tested on its own."""
    out: list[Checked] = []
    for line, row in rows:
        if len(row) != len(header):
            out.append((line, _("has {count} cells, the header has {expected}").format(
                count=len(row), expected=len(header))))
            continue
        values = dict(zip(header, row, strict=True))
        cid = values.pop("customer_id", "").strip() or str(uuid7())
        try:
            check_customer_id(cid)  # the rule every customer lookup uses
            clean = {k: normalize_field(k, v, region) for k, v in values.items()}
        except InvalidInput as exc:
            out.append((line, str(exc)))
            continue
        if not clean.get("given_name") and not clean.get("family_name"):
            out.append((line, _("a customer needs a first or a last name")))
            continue
        out.append((line, Customer(id=cid, **clean)))
    return out


def _raw_chunks(reader: Any, report: ImportReport, size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.add_error(reader.line_num, _("malformed CSV ({error})").format(error=exc))
            if "field larger than field limit" not in str(exc):
                break  # the rest of the file cannot be trusted to line up
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        chunk.append((reader.line_num, row))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _validate_in(language: str, header: list[str], rows: list[Row], region: str
                 ) -> list[Checked]:
    """:func:`validate_rows` in a helper process, with the caller's language."""
    use_language(language)
    return validate_rows(header, rows, region)


def _validated(header: list[str], chunks: Iterable[list[Row]], region: str
               ) -> Iterator[list[Checked]]:
    """Each chunk validated, in file order; by helper processes for a big file.

    At most two chunks per helper are in flight, so memory stays bounded however big
    the file. Helpers are spawned, not forked: the caller may hold database
    connections and threads that a forked copy must not inherit.
    """
    chunks = iter(chunks)
    first = list(itertools.islice(chunks, IN_PROCESS_CHUNKS))
    for chunk in first:
        yield validate_rows(header, chunk, region)
    helpers = min((os.cpu_count() or 1) - 1, MAX_HELPERS)  # this process inserts
    if len(first) < IN_PROCESS_CHUNKS or helpers < 1:
        for chunk in chunks:
            yield validate_rows(header, chunk, region)
        return
    language = current_language()
    pending: deque[tuple[list[Row], Future[list[Checked]]]] = deque()
    taken: list[Row] | None = None  # a chunk read from the file but not yet handed over
    try:
        with ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("spawn")
                                 ) as pool:
            try:
                for chunk in chunks:
                    taken = chunk
                    pending.append((chunk, pool.submit(_validate_in, language, header,
                                                       chunk, region)))
                    taken = None
                    if len(pending) >= 2 * helpers:  # dropped only once returned
                        yield pending[0][1].result()
                        pending.popleft()
                while pending:
                    yield pending[0][1].result()
                    pending.popleft()
            finally:
                for _chunk, future in pending:  # stopped early: do not validate the rest
                    future.cancel()
    except BrokenProcessPool:
        # Helpers could not start or died (a frozen build without freeze_support, the
        # memory limit): what they had not returned is validated here instead.
        for chunk, _future in pending:
            yield validate_rows(header, chunk, region)
        if taken is not None:  # submit() itself found the pool broken
            yield validate_rows(header, taken, region)
        for chunk in chunks:
            yield validate_rows(header, chunk, region)


def iter_customers(raw: BinaryIO, report: ImportReport, region: str = "US",
                   seen: dict[str, int] | None = None) -> Iterator[Customer]:
    """Yield valid customers in file order; record bad rows in ``report`` by line.

    ``seen`` collects each yielded customer_id with its line number.
    """
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(_lines(raw, report), strict=True)
    header = _header(reader)
    seen = {} if seen is None else seen
    for checked in _validated(header, _raw_chunks(reader, report, CHUNK), region):
        for line, outcome in checked:
            if isinstance(outcome, str):
                report.add_error(line, outcome)
            elif outcome.id in seen:
                report.add_error(line, _("customer_id {id} appears twice in the file"
                                         " (first on line {first})").format(
                    id=outcome.id, first=seen[outcome.id]))
            else:
                seen[outcome.id] = line
                yield outcome


def _checked(uow: UnitOfWork, customers: Iterator[Customer], report: ImportReport,
             lines: dict[str, int]) -> Iterator[Customer]:
    """Pass customers through, refusing ids the store already has (checked in chunks)."""
    if uow.customers.count() == 0:
        yield from customers  # nothing to clash with: skip a million lookups
        return
    chunk: list[Customer] = []

    def flush() -> Iterator[Customer]:
        clash = uow.customers.existing_ids(c.id for c in chunk)
        for c in chunk:
            if c.id in clash:
                report.add_error(lines.get(c.id, 0),
                                 _("customer_id {id} already exists").format(id=c.id))
            else:
                yield c

    for customer in customers:
        chunk.append(customer)
        if len(chunk) >= 900:
            yield from flush()
            chunk = []
    yield from flush()


def import_customers(uow: UnitOfWork, raw: BinaryIO, region: str = "US",
                     actor: str | None = None, bulk: bool = False) -> ImportReport:
    """Validate and insert in the caller's transaction, streaming (1M rows fit).

    When the report has errors the caller must not commit: rolling back leaves the
    store exactly as it was. ``bulk`` re-indexes once at the end (for big files).
    """
    report = ImportReport()
    lines: dict[str, int] = {}
    rows = _checked(uow, iter_customers(raw, report, region, lines), report, lines)
    imported = uow.customers.add_many(rows, bulk=bulk)
    if report.error_count:
        return report
    report.imported = imported
    uow.events.append("customers.imported", {"count": imported}, actor=actor)
    return report


def import_customers_file(uows: UnitOfWorkFactory, raw: BinaryIO, region: str = "US",
                          bulk: bool = False) -> ImportReport:
    """The act of importing a file: all of it, committed, or nothing when any row is bad."""
    with uows(write=True) as uow:
        report = import_customers(uow, raw, region, actor=None, bulk=bulk)
        if not report.error_count:
            uow.commit()
    return report
