"""A big import validates in helper processes: same outcomes, lines, order and language
as in-process, and a helper pool that breaks falls back without losing a row."""

from __future__ import annotations

import csv
import io
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from pos_app.domain.errors import InvalidInput
from pos_app.i18n import current_language, use_language
from pos_app.services import importing
from pos_app.services.demo import demo_customers
from pos_app.services.importing import COLUMNS, ImportReport, iter_customers
from tests.unit.fakes import FakeUnitOfWorkFactory


def _file(rows: int, bad: dict[int, tuple[str, str]]) -> bytes:
    """A CSV of ``rows`` demo customers; ``bad`` maps a data row index to (column,
    value) to spoil it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for i, c in enumerate(demo_customers(rows, seed=3)):
        cells = [c.id, *(getattr(c, col) for col in COLUMNS[1:])]
        if i in bad:
            column, value = bad[i]
            cells[COLUMNS.index(column)] = value
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def _run(data: bytes) -> tuple[list[str], ImportReport]:
    report = ImportReport()
    ids = [c.id for c in iter_customers(io.BytesIO(data), report, "US")]
    return ids, report


@pytest.fixture()
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "CHUNK", 500)  # 8 chunks: 2 here, 6 by helpers


def test_helpers_find_the_same_rows_lines_and_order_in_the_callers_language(
        small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    data = _file(4000, {2600: ("phone", "12345"), 3999: ("email", "not-an-email")})
    previous = current_language()
    use_language("de_DE")  # set here, not in the environment the helpers inherit
    try:
        ids, report = _run(data)
        monkeypatch.setattr(importing, "IN_PROCESS_CHUNKS", 10**9)  # the same, in-process
        same_ids, same_report = _run(data)
    finally:
        use_language(previous)
    assert len(report.errors) == 2  # header is line 1
    assert report.errors[0].startswith("Zeile 2602: ")
    assert "keine gültige Telefonnummer" in report.errors[0]
    assert report.errors[1].startswith("Zeile 4001: ")
    assert "keine E-Mail-Adresse" in report.errors[1]
    assert ids == same_ids and len(ids) == 3998
    assert same_report.errors == report.errors


class _Broken:
    """A pool whose helpers die at once, as a frozen build without freeze_support."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        self.calls = 0

    def __enter__(self) -> _Broken:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def submit(self, *_args: Any) -> Any:
        self.calls += 1
        if self.calls > 2:
            raise BrokenProcessPool("helpers died")
        from concurrent.futures import Future

        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("helpers died"))
        return future


@pytest.mark.parametrize("cores", [1, 2, 5])  # 1, 2 and 4 helpers: submit breaks too
def test_a_broken_helper_pool_loses_no_row(small_chunks: None, cores: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "ProcessPoolExecutor", _Broken)
    monkeypatch.setattr(importing.os, "cpu_count", lambda: cores)
    ids, report = _run(_file(4000, {3500: ("phone", "12345")}))
    assert len(ids) == 3999 and len(set(ids)) == 3999
    assert ids == sorted(ids, key=lambda cid: int(cid[1:]))  # file order kept
    assert report.error_count == 1 and report.errors[0].startswith("line 3502: ")


@pytest.mark.parametrize("in_process", [False, True])
def test_an_id_twice_is_refused_with_its_first_line_and_errors_come_in_line_order(
        small_chunks: None, monkeypatch: pytest.MonkeyPatch, in_process: bool) -> None:
    if in_process:
        monkeypatch.setattr(importing, "IN_PROCESS_CHUNKS", 10**9)
    ids = [c.id for c in demo_customers(4000, seed=3)]
    # In one chunk (rows 0-499): a repeat, a bad phone, another repeat; and a repeat
    # of a row from two chunks before, found by a helper.
    data = _file(4000, {150: ("customer_id", ids[140]), 160: ("phone", "12345"),
                        170: ("customer_id", ids[5]), 1600: ("customer_id", ids[20])})
    got, report = _run(data)
    assert [e.split(":")[0] for e in report.errors] == [
        "line 152", "line 162", "line 172", "line 1602"]
    assert f"{ids[140]} appears twice in the file (first on line 142)" in report.errors[0]
    assert f"{ids[5]} appears twice in the file (first on line 7)" in report.errors[2]
    assert f"{ids[20]} appears twice in the file (first on line 22)" in report.errors[3]
    assert len(got) == 3996 and len(set(got)) == 3996


def test_bytes_that_are_not_utf8_are_named_by_line_wherever_they_are(
        small_chunks: None) -> None:
    data = _file(4000, {})
    lines = data.split(b"\n")
    lines[3001] = lines[3001].replace(b",", b",\xff\xfe", 1)  # data row 3000: line 3002
    got, report = _run(b"\n".join(lines))
    assert report.errors == ["line 3002: is not valid UTF-8 text"]
    assert len(got) == 3999
    with pytest.raises(InvalidInput, match="line 1: is not valid UTF-8 text"):
        _run(b"customer_id,given_\xffname\n1,Ann\n")


def test_the_cycle_collector_is_paused_for_a_big_load_only_and_always_resumed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    real = importing.prepare_rows

    def watching(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(importing, "prepare_rows", watching)
    assert gc.isenabled()
    for bulk in (True, False):  # through the act itself, on a fake store
        seen.clear()
        with FakeUnitOfWorkFactory()(write=True) as uow:
            report = importing.import_customers(uow, io.BytesIO(_file(20, {})), bulk=bulk)
        assert report.imported == 20
        assert seen == [not bulk] and gc.isenabled()
    with pytest.raises(RuntimeError), importing._no_cycle_collection(True):
        raise RuntimeError("the load failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with importing._no_cycle_collection(True):
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
