"""The one place that reads the wall clock: naive UTC datetimes everywhere."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.domain.lockout import Instant


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def boot_id() -> str:
    """This boot of the machine (Linux); empty elsewhere, which means 'wall clock only'."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def instant() -> Instant:
    import time

    return Instant(utcnow(), time.monotonic(), boot_id())
