"""Account lockout that a restart or a clock change cannot lift.

Five consecutive wrong PINs lock an account for 30 minutes. The lock records both the
wall clock and the system's monotonic clock with the boot it belongs to: while the
machine has not rebooted, the monotonic clock decides (setting the wall clock forward
does not shorten the lock); after a reboot the wall clock does, and never less than it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=30)


@dataclass(frozen=True)
class Instant:
    """Now, as both clocks see it."""

    wall: datetime
    mono: float
    boot_id: str


@dataclass(frozen=True)
class Lock:
    until_wall: datetime
    at_mono: float
    boot_id: str

    def remaining(self, now: Instant) -> timedelta:
        if self.boot_id and now.boot_id == self.boot_id:
            left = LOCKOUT - timedelta(seconds=max(now.mono - self.at_mono, 0.0))
        else:
            left = self.until_wall - now.wall
        return max(left, timedelta(0))

    def active(self, now: Instant) -> bool:
        return self.remaining(now) > timedelta(0)


def new_lock(now: Instant) -> Lock:
    return Lock(now.wall + LOCKOUT, now.mono, now.boot_id)
