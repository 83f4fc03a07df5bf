"""The desk's own time: where stored instants become the times people read.

Every time is stored as naive UTC and stays so. A person reads it in the desk's zone:
``terminal.time_zone`` when set, otherwise the system's zone (``TZ``, else
``/etc/timezone``, else the ``/etc/localtime`` link, else UTC). The history, the review,
vouchers, the status bar and the command line all convert and format here, so they agree
with each other and with daylight saving time: ``zoneinfo`` applies the offset in force
at that instant, not today's, so a July decision read in January still shows its summer
wall-clock time, and a time in the hour that is skipped or repeated is never invented.

Dates and times are written the locale's way with Babel.
"""

from __future__ import annotations

import os
import re
import zoneinfo
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import ident
from pos_app.i18n import _

SYSTEM = "system"  # the setting's word for "follow the system's zone" (stored as NULL)
_KEY = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
_KEY_LIMIT = 64  # the longest IANA key is about 30 characters
# Files in the zone database that are not zones a person would choose.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


def _load(key: str) -> tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


@lru_cache(maxsize=1)
def _known_keys() -> dict[str, str]:
    """Every zone the system knows, by lower-case spelling (scanned once: ~0.1 s)."""
    return {k.lower(): k for k in zoneinfo.available_timezones() if k not in _NOT_ZONES}


def zone_key(text: str) -> str | None:
    """``text`` as an IANA zone key ('europe/berlin' -> 'Europe/Berlin'), or None."""
    name = text.strip()
    if not name or len(name) > _KEY_LIMIT or not _KEY.fullmatch(name):
        return None
    if name.lower().startswith(("right/", "posix/")):
        return None  # copies of the database: right/ counts leap seconds (~27 s off)
    if name.upper() == "UTC":
        return "UTC"  # known even where the zone database is missing
    if name not in _NOT_ZONES and _load(name) is not None:
        return name
    return _known_keys().get(name.lower())


def parse_zone(text: str) -> str | None:
    """A time zone as typed in a setting: its IANA key, or None for 'system'.

    Raises :class:`InvalidInput` (one line, the input quoted) for anything else.
    """
    if text.strip().lower() == SYSTEM:
        return None
    key = zone_key(text)
    if key is None:
        raise InvalidInput(_("{zone} is not a time zone; give an IANA name like"
                             " Europe/Berlin, or 'system'.").format(zone=ident(text, 40)))
    return key


def _key_in_path(path: str) -> str | None:
    """The zone a zoneinfo file's path names ('/usr/share/zoneinfo/Asia/Tokyo')."""
    _, found, rest = path.rpartition("zoneinfo/")
    return zone_key(rest) if found else None


def system_zone_name(environ: Mapping[str, str] | None = None,
                     etc: Path = Path("/etc")) -> str:
    """The system's zone: ``TZ`` (a key, or ':' and a key or zoneinfo path), else
    ``/etc/timezone``, else where ``/etc/localtime`` links to, else UTC."""
    env = os.environ if environ is None else environ
    tz = env.get("TZ", "").strip().removeprefix(":")
    if tz:
        key = _key_in_path(tz) if tz.startswith("/") else zone_key(tz)
        if key:
            return key
    try:
        first = (etc / "timezone").read_text(encoding="utf-8").strip().splitlines()
        if first and (key := zone_key(first[0])):
            return key
    except (OSError, UnicodeDecodeError):
        pass
    link = etc / "localtime"
    try:
        for target in (os.readlink(link), str(link.resolve())):
            if key := _key_in_path(target):
                return key
    except OSError:
        pass
    return "UTC"


@lru_cache(maxsize=8)
def _system_key(tz: str) -> str:
    # Keyed by TZ so a changed TZ is followed; the files are read once per process.
    return system_zone_name({"TZ": tz})


def effective_zone_name(setting: str | None) -> str:
    """The key times are shown in: the desk's setting, else the system's zone."""
    return setting or _system_key(os.environ.get("TZ", ""))


def desk_zone(setting: str | None) -> tzinfo:
    """The zone for a desk's setting (None: the system's). A zone this machine's zone
    database cannot load (the database is missing) falls back to UTC, never a crash."""
    return _load(effective_zone_name(setting)) or UTC


def to_local(at: datetime, zone: tzinfo) -> datetime:
    """A stored instant (naive means UTC) as the desk's wall clock showed it (aware)."""
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return aware.astimezone(zone)


def local_date(at: datetime, zone: tzinfo) -> date:
    """The desk's calendar day at a stored instant (23:30 UTC is the next day in Tokyo)."""
    return to_local(at, zone).date()


def format_when(at: datetime, locale: str, zone: tzinfo, two_lines: bool = False,
                now: datetime | None = None) -> str:
    """Day and time, short ('Jun 1, 9:30 PM'); the year only when not this year's."""
    local = to_local(at, zone)
    this_year = to_local(now or datetime.now(UTC), zone).year
    skeleton = "MMMd" if local.year == this_year else "yMMMd"
    day = format_skeleton(skeleton, local, tzinfo=zone, locale=locale)
    time = format_clock(at, locale, zone)
    if two_lines:
        return f"{day}\n{time}"
    pattern = str(Locale.parse(locale).datetime_formats["short"])
    return pattern.replace("{1}", day).replace("{0}", time)


def format_clock(at: datetime, locale: str, zone: tzinfo, with_zone: bool = False) -> str:
    """Hours and minutes on the desk's clock ('9:30 PM', '21:30'; with the zone's
    abbreviation, '21:30 JST', for text read away from the desk)."""
    local = to_local(at, zone)
    text = str(format_time(local, "short", tzinfo=zone, locale=locale))
    return f"{text} {local.tzname() or effective_name(zone)}" if with_zone else text


def format_day(at: datetime, locale: str, zone: tzinfo, form: str = "medium") -> str:
    """The desk's calendar day at a stored instant, in the locale's ``form``."""
    return str(format_date(local_date(at, zone), form, locale=locale))


def format_stamp(at: datetime, locale: str, zone: tzinfo, with_zone: bool = True) -> str:
    """Day and time, short and with the year, and the zone's abbreviation, for text read
    away from the desk (the command line, PDFs): '6/1/24, 9:30 PM JST'."""
    local = to_local(at, zone)
    day = str(format_date(local.date(), "short", locale=locale))
    pattern = str(Locale.parse(locale).datetime_formats["short"])
    return pattern.replace("{1}", day).replace("{0}", format_clock(at, locale, zone,
                                                                   with_zone))


def effective_name(zone: tzinfo) -> str:
    """A zone's IANA key ('Asia/Tokyo'), or 'UTC'."""
    return str(getattr(zone, "key", None) or "UTC")
