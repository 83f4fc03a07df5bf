"""Hybrid logical clock stamps: wall-clock milliseconds plus a counter, as sortable text.

Used to order contact edits made on different desks (last writer wins, terminal id
breaks ties) even when the desks' clocks disagree a little.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class HybridClock:
    last_ms: int = 0
    counter: int = 0

    def tick(self, now_ms: int | None = None) -> str:
        now = int(time.time() * 1000) if now_ms is None else now_ms
        if now > self.last_ms:
            self.last_ms, self.counter = now, 0
        else:
            self.counter += 1
        return format_hlc(self.last_ms, self.counter)

    def observe(self, stamp: str, now_ms: int | None = None) -> None:
        """Move forward past a stamp seen from another desk."""
        ms, counter = parse_hlc(stamp)
        now = int(time.time() * 1000) if now_ms is None else now_ms
        if ms > max(self.last_ms, now):
            self.last_ms, self.counter = ms, counter
        elif ms == self.last_ms:
            self.counter = max(self.counter, counter)


def format_hlc(ms: int, counter: int) -> str:
    return f"{ms:015d}-{counter:05d}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    ms, counter = stamp.split("-")
    return int(ms), int(counter)
