"""``leeway import customers FILE``: all or nothing, literal text, searchable at once."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from integration_support import CliRunner, connect, scalar, snapshot

from pos_app.bootstrap import open_app
from pos_app.services.customers import get_customer, search_customers
from pos_app.services.demo import demo_customers
from pos_app.services.importing import COLUMNS

HEADER = "customer_id,given_name,family_name,phone,email,loyalty_id,room,city,country\n"
FORMULA = '=HYPERLINK("http://x","y")'


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def customers(data_dir: Path) -> int:
    value = scalar(data_dir, "SELECT count(*) FROM customers")
    assert isinstance(value, int)
    return value


def search(data_dir: Path, query: str) -> list[str]:
    app = open_app(data_dir)
    try:
        with app.uow() as uow:
            return [c.id for c in search_customers(uow, query)]
    finally:
        app.close()


def stored(data_dir: Path, customer_id: str) -> object:
    app = open_app(data_dir)
    try:
        with app.uow() as uow:
            return get_customer(uow, customer_id)
    finally:
        app.close()


def test_good_file_imports_literally_and_is_searchable(cli: CliRunner, demo_dir: Path,
                                                       tmp_path: Path) -> None:
    rows = [
        ["G1", "Ólafur", "Þórsson", "(212) 555-0177", "olafur@fjord.example", "L5550001", "",
         "Reykjavík", "IS"],
        ["G2", FORMULA, "<b>Bob</b>", "", "", "", "", "", ""],
        ["G3", "美咲", "佐藤", "+81 3-1234-5678", "misaki@example.jp", "", "1408", "東京", "JP"],
        ["G4", "Zoë", "O'Connor-Ní Bhriain", "", "", "", "", "Dublin, Ireland", "IE"],
        ["G5", "  Spacey  ", "Trim", "", "", "", "", "", ""],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADER.strip().split(","), *rows])
    path = write(tmp_path, "good.csv", "\ufeff" + out.getvalue())  # Excel writes a BOM
    before = customers(demo_dir)

    result = cli("import", "customers", str(path), data_dir=demo_dir)

    assert (result.code, result.out.strip(), result.err) == (0, "Imported 5 customers.", "")
    assert customers(demo_dir) == before + 5
    g2 = stored(demo_dir, "G2")
    assert g2.given_name == FORMULA  # kept as the literal text it is
    assert g2.family_name == "<b>Bob</b>"
    g1 = stored(demo_dir, "G1")
    assert (g1.given_name, g1.family_name, g1.phone, g1.city) == (
        "Ólafur", "Þórsson", "+12125550177", "Reykjavík")
    assert stored(demo_dir, "G3").phone == "+81312345678"
    assert stored(demo_dir, "G5").given_name == "Spacey"
    assert search(demo_dir, "olaf") == ["G1"]
    assert search(demo_dir, "555 0177") == ["G1"]
    assert search(demo_dir, "olafur@fjord") == ["G1"]
    assert search(demo_dir, "美咲") == ["G3"]
    assert search(demo_dir, "1234 5678") == ["G3"]
    assert search(demo_dir, "zoe o'connor") == ["G4"]
    assert search(demo_dir, "bob") == ["G2"]
    conn = connect(demo_dir)
    payload = conn.execute("SELECT payload FROM events WHERE type='customers.imported'"
                           " ORDER BY seq DESC").fetchone()[0]
    conn.close()
    assert json.loads(payload) == {"count": 5}
    assert cli("audit", "verify", data_dir=demo_dir).code == 0


def test_customer_id_may_be_left_out(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "noid.csv", "family_name,given_name\nKowalczyk,Agnieszka\n")
    assert cli("import", "customers", str(path), data_dir=demo_dir).code == 0
    (found,) = search(demo_dir, "agnieszka kowal")
    assert found and not found.startswith("C1")  # a generated id


def assert_refused(cli: CliRunner, data_dir: Path, path: Path, *needles: str) -> str:
    before = snapshot(data_dir)
    result = cli("import", "customers", str(path), data_dir=data_dir)
    assert result.code == 1, result
    assert result.out == ""
    for needle in needles:
        assert needle in result.err, result.err
    assert snapshot(data_dir) == before  # all or nothing
    return result.err


def test_unknown_column_is_refused(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "hdr.csv", "customer_id,given_name,nickname\nH1,Ann,Annie\n")
    err = assert_refused(cli, demo_dir, path, "unknown column", "nickname")
    assert "line 1" in err


@pytest.mark.parametrize(("content", "needle"), [
    ("", "empty"),
    ("customer_id,phone\nP1,2125550100\n", "given_name or family_name"),
    ("given_name,given_name\nA,B\n", "named twice"),
])
def test_unusable_headers_are_refused(cli: CliRunner, demo_dir: Path, tmp_path: Path,
                                      content: str, needle: str) -> None:
    assert_refused(cli, demo_dir, write(tmp_path, "h.csv", content), needle)


def test_invalid_utf8_names_its_line(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    content = b"customer_id,given_name\nU1,Ann\nU2,Bj\xf6rn\nU3,Cleo\n"  # Latin-1 on line 3
    err = assert_refused(cli, demo_dir, write(tmp_path, "latin1.csv", content),
                         "line 3", "UTF-8")
    assert "line 2" not in err and "line 4" not in err
    assert search(demo_dir, "cleo") == []


def test_a_10_mb_field_is_refused(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    huge = "x" * (10 * 1024 * 1024)
    path = write(tmp_path, "huge.csv", f"customer_id,given_name,family_name\nF1,Ann,Lee\n"
                                       f'F2,"{huge}",Big\nF3,Cleo,Ray\n')
    assert_refused(cli, demo_dir, path, "line 3")
    # The bulk path (files over 1 MB) rolled its index changes back too: a later small
    # import is still indexed row by row.
    ok = write(tmp_path, "ok.csv", "customer_id,given_name,family_name\nF9,Ingeborg,Holm\n")
    assert cli("import", "customers", str(ok), data_dir=demo_dir).code == 0
    assert search(demo_dir, "ingeborg holm") == ["F9"]


def test_bad_phone_names_its_line(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "phone.csv", "customer_id,given_name,phone\nP1,Ann,2125550100\n"
                                        "P2,Ben,(415) 730-2211\nP3,Cal,12345\nP4,Dee,\n")
    err = assert_refused(cli, demo_dir, path, "line 4", "12345")
    assert len([line for line in err.splitlines() if "line " in line]) == 1


@pytest.mark.parametrize(("content", "needle"), [
    ("customer_id,given_name,email\nE1,Ann,ann@\n", "line 2"),
    ("customer_id,given_name\nS1,Ann\nS 2,Ben\n", "line 3"),
    ("customer_id,given_name\nN1,\n", "line 2"),
    ("customer_id,given_name,family_name\nW1,Ann\n", "line 2"),
    ("customer_id,given_name\nB1,Ann\u0007\n", "line 2"),
    ('customer_id,given_name\nQ1,"unterminated\n', "line"),
    ("customer_id,given_name\n" + "L1," + "a" * 101 + "\n", "line 2"),
])
def test_bad_rows_are_refused_by_line(cli: CliRunner, demo_dir: Path, tmp_path: Path,
                                      content: str, needle: str) -> None:
    assert_refused(cli, demo_dir, write(tmp_path, "rows.csv", content), needle)


def test_duplicate_id_in_the_file(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "dup.csv", "customer_id,given_name\nD1,Ann\nD2,Ben\nD1,Ann again\n")
    assert_refused(cli, demo_dir, path, "line 4", "D1", "twice")


def test_id_already_in_the_database(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "dupdb.csv", "customer_id,given_name\nD9,Ann\nC100000,Ben\n")
    err = assert_refused(cli, demo_dir, path, "C100000", "already exists")
    assert "line 3" in err
    assert stored(demo_dir, "C100000").given_name != "Ben"


def test_many_bad_rows_are_summarised(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    body = "".join(f"M{i},Name{i},999\n" for i in range(50))
    err = assert_refused(cli, demo_dir, write(tmp_path, "many.csv",
                                              "customer_id,given_name,phone\n" + body),
                         "and 30 more bad rows", "50 bad row(s); nothing was imported.")
    assert err.count("many.csv line ") == 20


def test_missing_file(cli: CliRunner, demo_dir: Path, tmp_path: Path) -> None:
    assert_refused(cli, demo_dir, tmp_path / "absent.csv", "no such file")


def test_bulk_import_of_a_large_file_is_searchable(cli: CliRunner, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    assert cli("init", "--terminal-id", "bulk-desk", data_dir=desk).code == 0
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for c in demo_customers(12_000, seed=99):
            writer.writerow([c.id, *(getattr(c, col) for col in COLUMNS[1:])])
    assert path.stat().st_size > 1_000_000  # takes the bulk path

    result = cli("import", "customers", str(path), data_dir=desk)

    assert (result.code, result.out.strip()) == (0, "Imported 12000 customers.")
    assert customers(desk) == 12_000
    last = stored(desk, "C111999")
    assert search(desk, last.email) == [last.id]
    assert last.id in search(desk, last.phone[-7:])
    conn = connect(desk)
    trigger = conn.execute("SELECT count(*) FROM sqlite_master WHERE name='customers_ai'"
                           ).fetchone()
    conn.close()
    assert trigger == (1,)
    # And a failing bulk import (a clash on the last row) leaves everything as it was.
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write("C100000,Clash,Row,,,,,,,,\n")
    assert_refused(cli, desk, path, "already exists")


HIDDEN_IDS = ["\u200bC9", "C9\u200b", "C9\x1b[2J\x1b[H", "C9\u202e", "C9\ufeff", "C\u00ad9"]


@pytest.mark.parametrize("bad", HIDDEN_IDS)
def test_an_id_with_hidden_characters_is_refused_by_the_import_and_by_lookups(
        cli: CliRunner, demo_dir: Path, tmp_path: Path, bad: str) -> None:
    path = write(tmp_path, "ids.csv", f"customer_id,given_name\nC9,Ann\n{bad},Ben\n")
    err = assert_refused(cli, demo_dir, path, "line 3", "customer ID")
    assert all(line.isprintable() for line in err.splitlines())  # escaped, never raw
    # `--customer` goes through the same rule: one line, nothing echoed raw, nothing written
    before = snapshot(demo_dir)
    result = cli("decide", "--employee", "1001", "--customer", bad, "--action", "fee_waiver",
                 "--amount", "40.00", "--reason", "service_delay", stdin="2580\n",
                 data_dir=demo_dir)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].isprintable() and "customer ID" in lines[0], result.err
    assert snapshot(demo_dir) == before
