"""Escrow for limits that span desks (O'Neil's escrow method, bounded counters).

A cap (a guest's goodwill budget, an employee's shift cap) is split into allowances
that terminals hold. A terminal may spend only what it holds; the central database
grants more only from what is neither spent nor held elsewhere, so however desks
interleave online and offline, the total granted never exceeds the cap.
"""

from __future__ import annotations

from dataclasses import dataclass


def grantable(cap: int, spent: int, outstanding: int, want: int) -> int:
    """How much of ``want`` may be granted now (never negative, never past the cap)."""
    available = cap - spent - outstanding
    return max(0, min(want, available))


@dataclass
class Holding:
    """One terminal's allowance for one scope: granted to it, and spent by it so far."""

    granted: int = 0
    spent: int = 0

    @property
    def left(self) -> int:
        return max(self.granted - self.spent, 0)

    def can_spend(self, amount: int) -> bool:
        return 0 < amount <= self.left
