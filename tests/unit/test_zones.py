"""Where stored (UTC) times become the desk's times: zone names, the system's zone, and
daylight saving time at both of its boundaries."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pos_app.domain.errors import InvalidInput
from pos_app.domain.zones import (
    desk_zone,
    effective_zone_name,
    format_clock,
    format_day,
    format_stamp,
    format_when,
    local_date,
    parse_zone,
    system_zone_name,
    to_local,
    zone_key,
)

BERLIN, TOKYO, NEW_YORK = (ZoneInfo(k) for k in ("Europe/Berlin", "Asia/Tokyo",
                                                 "America/New_York"))


def test_late_evening_utc_is_the_next_day_in_tokyo_and_the_same_in_new_york() -> None:
    at = datetime(2025, 6, 1, 23, 30)  # naive: stored UTC
    assert to_local(at, TOKYO) == datetime(2025, 6, 2, 8, 30, tzinfo=TOKYO)
    assert local_date(at, TOKYO).isoformat() == "2025-06-02"
    assert local_date(at, NEW_YORK).isoformat() == "2025-06-01"
    assert format_day(at, "en_US", TOKYO) == "Jun 2, 2025"
    assert format_day(at, "de_DE", TOKYO) == "02.06.2025"
    assert format_clock(at, "en_US", NEW_YORK) == "7:30\u202fPM"
    # An aware instant is the same instant, whatever zone it carries.
    assert to_local(at.replace(tzinfo=UTC).astimezone(BERLIN), TOKYO) == to_local(at, TOKYO)


def test_spring_forward_skips_an_hour_and_never_shows_a_time_inside_it() -> None:
    # Europe/Berlin, 31 March 2024: 02:00 CET became 03:00 CEST (01:00 UTC).
    before, after = datetime(2024, 3, 31, 0, 59), datetime(2024, 3, 31, 1, 0)
    assert format_clock(before, "de_DE", BERLIN, with_zone=True) == "01:59 CET"
    assert format_clock(after, "de_DE", BERLIN, with_zone=True) == "03:00 CEST"


def test_fall_back_repeats_an_hour_and_the_zone_tells_the_two_apart() -> None:
    # New York, 3 November 2024: 02:00 EDT went back to 01:00 EST (06:00 UTC).
    first, second = datetime(2024, 11, 3, 5, 30), datetime(2024, 11, 3, 6, 30)
    assert format_clock(first, "en_US", NEW_YORK) == format_clock(second, "en_US", NEW_YORK)
    assert format_stamp(first, "en_US", NEW_YORK).endswith("1:30\u202fAM EDT")
    assert format_stamp(second, "en_US", NEW_YORK).endswith("1:30\u202fAM EST")
    # A summer time read in winter keeps its summer offset (not today's).
    assert format_clock(datetime(2024, 7, 1, 12, 0), "en_US", NEW_YORK) == "8:00\u202fAM"
    assert format_clock(datetime(2024, 1, 1, 12, 0), "en_US", NEW_YORK) == "7:00\u202fAM"


def test_the_year_is_shown_only_when_it_is_not_this_year_on_the_desks_calendar() -> None:
    # Now is 1 Jan 2025 in Tokyo but still 31 Dec 2024 in New York.
    now = datetime(2025, 1, 1, 3, 0)
    # 31 Dec 2024 20:00 UTC is already 2025 in Tokyo: this year there, no year shown.
    assert format_when(datetime(2024, 12, 31, 20, 0), "en_US", TOKYO, now=now) \
        == "Jan 1, 5:00\u202fAM"
    assert format_when(datetime(2024, 12, 31, 10, 0), "en_US", TOKYO, now=now) \
        == "Dec 31, 2024, 7:00\u202fPM"
    assert format_when(datetime(2024, 12, 31, 20, 0), "en_US", NEW_YORK, now=now) \
        == "Dec 31, 3:00\u202fPM"
    assert format_when(datetime(2024, 12, 31, 20, 0), "en_US", TOKYO, two_lines=True,
                       now=now) == "Jan 1\n5:00\u202fAM"


@pytest.mark.parametrize(("typed", "key"), [
    ("Europe/Berlin", "Europe/Berlin"), ("  asia/tokyo ", "Asia/Tokyo"), ("utc", "UTC"),
    ("Etc/GMT+5", "Etc/GMT+5"), ("America/Argentina/Buenos_Aires",
                                 "America/Argentina/Buenos_Aires"),
])
def test_zone_names_are_given_their_iana_spelling(typed: str, key: str) -> None:
    assert zone_key(typed) == key
    assert parse_zone(typed) == key


@pytest.mark.parametrize("typed", [
    "", "   ", "nan", "NaN", "inf", "Mars/Olympus_Mons", "Europe", "localtime", "Factory",
    "posixrules", "../../etc/passwd", "/etc/localtime", "Europe/Berlin\x00", "Europe//Berlin",
    "Europe/Berlin/", "x" * 100_000, "zone.tab", "+01:00",
])
def test_anything_else_is_refused_in_one_line(typed: str) -> None:
    assert zone_key(typed) is None
    with pytest.raises(InvalidInput) as caught:
        parse_zone(typed)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 200
    assert "Europe/Berlin" in message  # says what a zone looks like


def test_system_clears_the_setting() -> None:
    assert parse_zone("system") is None
    assert parse_zone(" System ") is None


def test_the_systems_zone_comes_from_tz_then_etc_timezone_then_the_localtime_link(
        tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    etc.mkdir()
    assert system_zone_name({}, etc) == "UTC"  # nothing says: UTC
    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Chicago").write_bytes(b"")
    os.symlink(zoneinfo / "Chicago", etc / "localtime")
    assert system_zone_name({}, etc) == "America/Chicago"
    (etc / "timezone").write_text("Europe/Lisbon\n", encoding="utf-8")
    assert system_zone_name({}, etc) == "Europe/Lisbon"
    assert system_zone_name({"TZ": "Asia/Tokyo"}, etc) == "Asia/Tokyo"
    assert system_zone_name({"TZ": ":Asia/Tokyo"}, etc) == "Asia/Tokyo"
    assert system_zone_name({"TZ": "/usr/share/zoneinfo/Asia/Kolkata"}, etc) == "Asia/Kolkata"
    # A POSIX rule or nonsense in TZ is not an IANA key: the files decide.
    assert system_zone_name({"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"}, etc) == "Europe/Lisbon"
    (etc / "timezone").write_text("not a zone\n", encoding="utf-8")
    assert system_zone_name({"TZ": "nonsense"}, etc) == "America/Chicago"


def test_no_setting_follows_tz_as_it_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert effective_zone_name(None) == "America/New_York"
    assert desk_zone(None) == NEW_YORK
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert desk_zone(None) == TOKYO
    assert desk_zone("Europe/Berlin") == BERLIN  # the desk's setting wins over TZ


def test_a_zone_this_machine_cannot_load_shows_utc_rather_than_failing() -> None:
    assert desk_zone("Nowhere/Never") is UTC
