"""Importing customers from a UTF-8 CSV file, all or nothing.

Every row is validated before anything is written; bad rows are reported by line
number and the import writes nothing. Cells that look like spreadsheet formulas
(``=HYPERLINK(...)``) are kept as the literal text they are; exports neutralise them.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO, NamedTuple

from pos_app.domain.contact import normalizer
from pos_app.domain.customer_record import CustomerRecord, customer_of, record
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
# Validation (with each customer's search keys) is most of an import's time and needs
# nothing but the rows, so a big file is validated by helper processes (one per core,
# at most MAX_HELPERS) while this one reads the file and inserts: this process spends
# much of its time inside SQLite, so a helper on its core too was measured faster (45k
# against 38k rows/s at 300,000 rows on 2 cores). A file of at most IN_PROCESS_CHUNKS
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


# Bytes that are not UTF-8 are decoded as lone surrogates (Python's "surrogateescape"),
# which no valid text holds: a row holding one is refused with its line number. The file
# is decoded by the io module in C, a line ending only at "\n" as before.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def _text(raw: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape",
                            newline="\n")


def _header(reader: Iterator[list[str]]) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(_("The file is empty; it needs a header row.")) from None
    except csv.Error as exc:  # the csv module's own words (English) inside ours
        raise InvalidInput(_("line 1: the header row is malformed ({error}).").format(
            error=exc)) from None
    if _NOT_UTF8.search("".join(header)):
        raise InvalidInput(_("line {line}: {message}").format(
            line=1, message=_("is not valid UTF-8 text")))
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


class _Columns:
    """How a file's rows are checked: where the customer id is, and each other column's
    check, looked up once per chunk instead of once per cell."""

    def __init__(self, header: list[str], region: str) -> None:
        self.width = len(header)
        self.id_at = header.index("customer_id") if "customer_id" in header else None
        self.fields = [(i, name, normalizer(name, region)) for i, name in enumerate(header)
                       if name != "customer_id"]


def _check(columns: _Columns, row: list[str]) -> tuple[str, dict[str, str]] | str:
    """A row's customer id and clean fields, or what is wrong with it."""
    if len(row) != columns.width:
        return _("has {count} cells, the header has {expected}").format(
            count=len(row), expected=columns.width)
    if _NOT_UTF8.search("".join(row)):
        return _("is not valid UTF-8 text")
    cid = (row[columns.id_at].strip() if columns.id_at is not None else "") or str(uuid7())
    try:
        check_customer_id(cid)  # the rule every customer lookup uses
        clean = {name: check(row[i]) for i, name, check in columns.fields}
    except InvalidInput as exc:
        return str(exc)
    if not clean.get("given_name") and not clean.get("family_name"):
        return _("a customer needs a first or a last name")
    return cid, clean


def validate_rows(header: list[str], rows: list[Row], region: str) -> list[Checked]:
    """Validate raw rows; pure, so it can be timed and tested on its own."""
    out: list[Checked] = []
    columns = _Columns(header, region)
    for line, row in rows:
        outcome = _check(columns, row)
        out.append((line, outcome if isinstance(outcome, str)
                    else Customer(id=outcome[0], **outcome[1])))
    return out


class PreparedChunk(NamedTuple):
    """A chunk of rows validated: the good ones' records with their line numbers, and
    what is wrong with the others, in line order."""

    records: list[CustomerRecord]
    lines: list[int]
    errors: list[tuple[int, str]]


def prepare_rows(header: list[str], rows: list[Row], region: str) -> PreparedChunk:
    """Validate raw rows and compute each good one's search keys (what the helper
    processes do, so that the writing process only writes)."""
    done = PreparedChunk([], [], [])
    columns = _Columns(header, region)
    for line, row in rows:
        outcome = _check(columns, row)
        if isinstance(outcome, str):
            done.errors.append((line, outcome))
        else:
            done.records.append(record(*outcome))
            done.lines.append(line)
    return done


def _raw_chunks(reader: Any, report: ImportReport, size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    while True:
        try:
            # One loop over the reader per stretch of good CSV (a try per row cost a
            # tenth of a million-row import); a malformed row ends the stretch.
            for row in reader:
                if row and (len(row) > 1 or row[0].strip()):
                    chunk.append((reader.line_num, row))
                    if len(chunk) >= size:
                        yield chunk
                        chunk = []
            break
        except csv.Error as exc:
            report.add_error(reader.line_num, _("malformed CSV ({error})").format(error=exc))
            if "field larger than field limit" not in str(exc):
                break  # the rest of the file cannot be trusted to line up
    if chunk:
        yield chunk


def _prepare_in(language: str, header: list[str], rows: list[Row], region: str
                ) -> PreparedChunk:
    """:func:`prepare_rows` in a helper process, with the caller's language."""
    gc.disable()  # the helper lives for this import only: see _no_cycle_collection
    use_language(language)
    return prepare_rows(header, rows, region)


@contextmanager
def _no_cycle_collection(big: bool) -> Iterator[None]:
    """Python's cycle collector paused while a big file loads: a million rows make
    millions of short-lived tuples, lists and dicts, none in a cycle, and the collector
    kept walking them and everything else the process holds (1,000,000 rows: 18.8 s
    with it, 16.7 s without). What it would have found meanwhile is found when it runs
    again afterwards."""
    was = gc.isenabled()
    if big:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _prepared(header: list[str], chunks: Iterable[list[Row]], region: str
              ) -> Iterator[PreparedChunk]:
    """Each chunk prepared (:func:`prepare_rows`), in file order; by helper processes
    for a big file.

    At most two chunks per helper are in flight, so memory stays bounded however big
    the file. Helpers are spawned, not forked: the caller may hold database
    connections and threads that a forked copy must not inherit.
    """
    chunks = iter(chunks)
    first = list(itertools.islice(chunks, IN_PROCESS_CHUNKS))
    for chunk in first:
        yield prepare_rows(header, chunk, region)
    helpers = min(os.cpu_count() or 1, MAX_HELPERS)
    if len(first) < IN_PROCESS_CHUNKS or helpers < 1:
        for chunk in chunks:
            yield prepare_rows(header, chunk, region)
        return
    language = current_language()
    pending: deque[tuple[list[Row], Future[PreparedChunk]]] = deque()
    taken: list[Row] | None = None  # a chunk read from the file but not yet handed over
    try:
        with ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("spawn")
                                 ) as pool:
            try:
                for chunk in chunks:
                    taken = chunk
                    pending.append((chunk, pool.submit(_prepare_in, language, header,
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
            yield prepare_rows(header, chunk, region)
        if taken is not None:  # submit() itself found the pool broken
            yield prepare_rows(header, taken, region)
        for chunk in chunks:
            yield prepare_rows(header, chunk, region)


def _record_chunks(raw: BinaryIO, report: ImportReport, region: str,
                   seen: dict[str, int]) -> Iterator[list[CustomerRecord]]:
    """Valid customers' records, a chunk at a time in file order; bad rows go to
    ``report`` by line. ``seen`` collects each customer_id taken with its line number.
    The work here is per chunk, not per row (set operations on the chunk's ids): this
    process also writes every row, and it is the one a big import waits for."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    text = _text(raw)
    try:
        reader = csv.reader(text, strict=True)
        header = _header(reader)
        for done in _prepared(header, _raw_chunks(reader, report, CHUNK), region):
            records, lines, errors = done
            ids = [r[0] for r in records]
            if len(set(ids)) == len(ids) and seen.keys().isdisjoint(ids):
                seen.update(zip(ids, lines, strict=True))
            else:  # an id seen before: the later row is refused, with the first line
                kept = []
                for cid, line, record in zip(ids, lines, records, strict=True):
                    if cid in seen:
                        errors.append((line, _(
                            "customer_id {id} appears twice in the file (first on line"
                            " {first})").format(id=cid, first=seen[cid])))
                    else:
                        seen[cid] = line
                        kept.append(record)
                records = kept
                errors.sort(key=lambda e: e[0])
            for line, message in errors:
                report.add_error(line, message)
            if records:
                yield records
    finally:
        text.detach()  # the caller's file stays open: it is theirs to close


def iter_records(raw: BinaryIO, report: ImportReport, region: str = "US",
                 seen: dict[str, int] | None = None) -> Iterator[CustomerRecord]:
    """Yield valid customers' records in file order; record bad rows in ``report`` by
    line. ``seen`` collects each yielded customer_id with its line number."""
    for chunk in _record_chunks(raw, report, region, {} if seen is None else seen):
        yield from chunk


def iter_customers(raw: BinaryIO, report: ImportReport, region: str = "US",
                   seen: dict[str, int] | None = None) -> Iterator[Customer]:
    """As :func:`iter_records`, the customers themselves."""
    return map(customer_of, iter_records(raw, report, region, seen))


def _checked(uow: UnitOfWork, chunks: Iterator[list[CustomerRecord]], report: ImportReport,
             lines: dict[str, int]) -> Iterator[list[CustomerRecord]]:
    """Pass chunks through, refusing ids the store already has."""
    if uow.customers.count() == 0:
        yield from chunks  # nothing to clash with: skip a million lookups
        return
    for chunk in chunks:
        clash = uow.customers.existing_ids(r[0] for r in chunk)
        for cid in sorted(clash, key=lambda c: lines.get(c, 0)):
            report.add_error(lines.get(cid, 0),
                             _("customer_id {id} already exists").format(id=cid))
        yield [r for r in chunk if r[0] not in clash] if clash else chunk


def import_customers(uow: UnitOfWork, raw: BinaryIO, region: str = "US",
                     actor: str | None = None, bulk: bool = False) -> ImportReport:
    """Validate and insert in the caller's transaction, streaming (1M rows fit).

    When the report has errors the caller must not commit: rolling back leaves the
    store exactly as it was. ``bulk`` (for big files): the search index takes each
    batch as it lands rather than row by row, and the cycle collector is paused.
    """
    report = ImportReport()
    lines: dict[str, int] = {}
    chunks = _checked(uow, _record_chunks(raw, report, region, lines), report, lines)
    # The helpers validate while this process writes: indexing each batch as it lands
    # uses the time they leave it, where one rebuild at the end would run alone.
    with _no_cycle_collection(bulk):
        imported = uow.customers.add_records(chunks, bulk=bulk, index_each_batch=True)
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
