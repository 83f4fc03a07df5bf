"""The desk's time zone and locale: the 0010 migration on a real file, ``leeway terminal
settings`` (valid and hostile input), ``init``'s default locale, and times on the voucher
and review PDFs read in the desk's zone (stored times stay UTC)."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from integration_support import ASSOCIATE, FRESH_CUSTOMER, CliRunner, connect, db_path
from pypdf import PdfReader

from pos_app.adapters.db.engine import HEAD_REVISION

DECIDED = datetime(2025, 6, 1, 23, 30)  # UTC: already 2 June, 08:30, in Tokyo


def _terminal(data_dir: Path) -> tuple[str, str, str | None]:
    conn = connect(data_dir)
    try:
        row = conn.execute("SELECT locale, region, time_zone FROM terminal").fetchone()
    finally:
        conn.close()
    return row[0], row[1], row[2]


def _events(data_dir: Path, kind: str | None = None) -> list[dict[str, Any]]:
    conn = connect(data_dir)
    try:
        rows = conn.execute("SELECT type, payload FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [json.loads(p) for t, p in rows if kind is None or t == kind]


# --- the migration -------------------------------------------------------------------

def test_upgrading_a_0009_desk_keeps_its_data_and_follows_the_system_zone(
        demo_dir: Path, cli: CliRunner) -> None:
    from alembic import command
    from alembic.config import Config

    from pos_app.adapters.db.engine import LOCAL_MIGRATIONS, current_revision, open_database

    path = db_path(demo_dir)
    db = open_database(path, migrate=False)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(LOCAL_MIGRATIONS))
        with db.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009")
        assert current_revision(db) == "0009"
    finally:
        db.dispose()
    raw = sqlite3.connect(path)
    columns = [r[1] for r in raw.execute("PRAGMA table_info(terminal)")]
    assert "time_zone" not in columns and "secrets_id" in columns  # really a 0009 file
    counts = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("customers", "employees", "decisions", "events", "vouchers")}
    before = raw.execute("SELECT id, store_name, locale, region, last_seq, head_hash,"
                         " secrets_id FROM terminal").fetchall()
    raw.close()
    assert counts["customers"] == 3000 and counts["decisions"] > 0

    shown = cli("terminal", "settings", "--json", data_dir=demo_dir)  # upgrades on open
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["time_zone"] is None

    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    assert {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in counts} == counts
    assert raw.execute("SELECT id, store_name, locale, region, last_seq, head_hash,"
                       " secrets_id FROM terminal").fetchall() == before
    assert raw.execute("SELECT time_zone FROM terminal").fetchone()[0] is None
    raw.close()
    verified = cli("audit", "verify", data_dir=demo_dir)
    assert verified.code == 0, verified.err


# --- leeway terminal settings --------------------------------------------------------

def test_settings_are_shown_and_changed_with_an_audited_event(
        demo_dir: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    shown = cli("terminal", "settings", data_dir=demo_dir)
    assert shown.code == 0, shown.err
    assert "en_US" in shown.out and "America/New_York" in shown.out  # the system's zone

    changed = cli("terminal", "settings", "--time-zone", "asia/tokyo", "--locale", "de-DE",
                  "--json", data_dir=demo_dir)
    assert changed.code == 0, changed.err
    data = json.loads(changed.out)
    assert data == {"locale": "de_DE", "region": "DE", "time_zone": "Asia/Tokyo",
                    "shown_time_zone": "Asia/Tokyo",
                    "changed": ["locale", "region", "time_zone"]}
    assert _terminal(demo_dir) == ("de_DE", "DE", "Asia/Tokyo")
    (event,) = _events(demo_dir, "terminal.settings_changed")
    assert event == {"before": {"locale": "en_US", "region": "US", "time_zone": None},
                     "after": {"locale": "de_DE", "region": "DE", "time_zone": "Asia/Tokyo"}}

    again = cli("terminal", "settings", "--time-zone", "Asia/Tokyo", data_dir=demo_dir)
    assert again.code == 0 and "Nothing changed." in again.out
    assert len(_events(demo_dir, "terminal.settings_changed")) == 1  # nothing to record

    back = cli("terminal", "settings", "--time-zone", "system", "--json", data_dir=demo_dir)
    assert back.code == 0, back.err
    assert json.loads(back.out)["time_zone"] is None
    assert json.loads(back.out)["shown_time_zone"] == "America/New_York"
    assert _terminal(demo_dir) == ("de_DE", "DE", None)
    assert cli("audit", "verify", data_dir=demo_dir).code == 0


BAD_ZONES = ["Mars/Olympus_Mons", "nan", "NaN", "-inf", "", " ", "Europe", "x" * 100_000,
             "../../../etc/passwd", "/usr/share/zoneinfo/UTC", "UTC+1", "localtime",
             "Europe/Berlin\u200b", "\u202eEurope/Berlin", "Asia/Tokyo; DROP TABLE terminal",
             "right/Europe/Berlin", "posix/Europe/Berlin"]
def test_locales_babel_writes_with_a_script_are_accepted() -> None:
    from pos_app.services.desk_settings import parse_locale

    assert [parse_locale(x) for x in ("zh_CN", "zh-TW", "sr_RS", "pa_IN", "de_DE")] == [
        "zh_Hans_CN", "zh_Hant_TW", "sr_Cyrl_RS", "pa_Guru_IN", "de_DE"]


BAD_LOCALES = ["xx_XX", "nan", "NaN", "", " ", "de_ZZ", "und", "root", "C", "POSIX",
               "en_US_POSIX_extra", "e" * 100_000, "de_DE\u200b", "'; DROP TABLE terminal;--"]


@pytest.mark.parametrize(("flag", "value"), [("--time-zone", z) for z in BAD_ZONES]
                         + [("--locale", loc) for loc in BAD_LOCALES])
def test_a_bad_zone_or_locale_is_refused_in_one_line_and_changes_nothing(
        demo_dir: Path, cli: CliRunner, flag: str, value: str) -> None:
    before, events = _terminal(demo_dir), len(_events(demo_dir))
    # The other setting is valid: a half-good request must not half-apply.
    other = ["--locale", "de_DE"] if flag == "--time-zone" else ["--time-zone", "Asia/Tokyo"]
    result = cli("terminal", "settings", f"{flag}={value}", *other, data_dir=demo_dir)
    assert result.code == 1
    assert result.out == ""
    line = result.err.strip()
    assert "\n" not in line and 0 < len(line) < 200
    assert ("time zone" if flag == "--time-zone" else "locale") in line
    assert "Traceback" not in result.err
    assert _terminal(demo_dir) == before
    assert len(_events(demo_dir)) == events


def test_a_value_that_looks_like_an_option_is_a_usage_error(demo_dir: Path,
                                                            cli: CliRunner) -> None:
    result = cli("terminal", "settings", "--time-zone=--", data_dir=demo_dir)
    assert result.code == 2
    assert _terminal(demo_dir) == ("en_US", "US", None)


# --- init's default locale -----------------------------------------------------------

@pytest.mark.parametrize(("environment", "locale", "region"), [
    ({"LANG": "de_DE.UTF-8"}, "de_DE", "DE"),
    ({"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}, "es_ES", "ES"),
    ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, "de_DE", "DE"),  # a language: its country
    ({"LANG": "C.UTF-8"}, "en_US", "US"),
    ({"LANG": "xx_YY.UTF-8"}, "en_US", "US"),  # unknown to Babel: the fallback
])
def test_init_takes_the_systems_locale_unless_told(
        tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
        environment: dict[str, str], locale: str, region: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    desk = tmp_path / "desk"
    result = cli("init", "--terminal-id", "t1", data_dir=desk)
    assert result.code == 0, result.err
    assert _terminal(desk) == (locale, region, None)


def test_init_locale_still_wins_and_is_checked(tmp_path: Path, cli: CliRunner,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert cli("init", "--locale", "en_GB", data_dir=tmp_path / "a").code == 0
    assert _terminal(tmp_path / "a") == ("en_GB", "GB", None)
    refused = cli("init", "--locale", "nan", data_dir=tmp_path / "b")
    # LANG is German here, so the command line says it in German, in the catalog's words.
    from pos_app.i18n import translator

    german = translator("de_DE")("{locale} is not a locale; give one like en_US or de_DE.")
    assert german != "{locale} is not a locale; give one like en_US or de_DE."
    assert refused.code == 1 and refused.err == german.format(locale="nan") + "\n"
    assert not db_path(tmp_path / "b").exists()


# --- times on paper ------------------------------------------------------------------

@pytest.fixture()
def tokyo(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Any]]:
    """A desk set to Asia/Tokyo with a voucher granted at 23:30 UTC on 1 June 2025;
    the machine itself says UTC."""
    from pos_app.bootstrap import open_app
    from pos_app.services.desk_settings import change_settings
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    monkeypatch.setenv("TZ", "UTC")
    app = open_app(demo_dir)
    try:
        change_settings(app.desk, time_zone="Asia/Tokyo")
        with monkeypatch.context() as clock:
            clock.setattr("pos_app.services.recovery.utcnow", lambda: DECIDED)
            clock.setattr("pos_app.services.vouchers.utcnow", lambda: DECIDED)
            outcome = grant_recovery(app.desk, RecoveryAsk(
                ASSOCIATE, FRESH_CUSTOMER, "discount_voucher", "25.00", "facility_issue", ""))
    finally:
        app.close()
    assert outcome.voucher is not None
    reopened = open_app(demo_dir)  # the setting applies from the next start
    yield reopened, outcome
    reopened.close()


def test_the_voucher_says_it_was_issued_on_the_desks_day(tokyo: tuple[Any, Any]) -> None:
    from pos_app.services.voucher_desk import printable

    app, outcome = tokyo
    assert str(app.zone) == "Asia/Tokyo"
    assert outcome.voucher.issued_at == DECIDED  # stored as it was: UTC
    pdf = printable(app.desk, outcome.voucher.serial).pdf
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Jun 2, 2025" in text
    assert "Jun 1, 2025" not in text


def test_the_review_pdf_shows_the_desks_time(tokyo: tuple[Any, Any]) -> None:
    from pos_app.adapters.reports.review_pdf import render_review_pdf
    from pos_app.services.review import review_decisions

    app, outcome = tokyo
    report = review_decisions(app.desk, DECIDED.date(), DECIDED.date())
    assert [d.id for d in report.decisions] == [outcome.decision.id]
    reader = PdfReader(io.BytesIO(render_review_pdf(report, app.locale, app.zone)))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Times are in Asia/Tokyo" in text and "When (Tokyo)" in text
    assert "6/2/25, 8:30" in text
    assert "6/1/25" not in text and "2025-06-01 23:30" not in text


def test_a_redeemed_voucher_says_when_on_the_desks_clock(
        tokyo: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from pos_app.services.voucher_desk import check_code, redeem

    app, outcome = tokyo
    with monkeypatch.context() as clock:
        clock.setattr("pos_app.services.vouchers.utcnow",
                      lambda: DECIDED + timedelta(minutes=5))
        redeem(app.desk, "1002", outcome.voucher.code)
    status = check_code(app.desk, outcome.voucher.code)
    assert not status.valid
    assert "6/2/25, 8:35 AM JST" in " ".join(status.message.split())
