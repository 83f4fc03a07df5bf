"""Reading one value of a policy document: its type, its range, a message naming its key.

A policy that loads must not break anything later, so every value is checked here
exactly as documented (``resources/policies/default.toml`` and the README): amounts are
strings or whole numbers, flags are real TOML booleans, every number lies in its range,
text has nothing invisible in it and fits where it is shown or stored. Values quoted
back in a message go through :func:`pos_app.domain.text.shown`, so a hostile document
still gets a one-line answer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_app.domain.errors import PolicyError
from pos_app.domain.money import MAX_MAJOR_UNITS, Money, currency_digits
from pos_app.domain.text import has_invisible, shown

# Every number a policy holds, with the range a store may choose from (documented in
# resources/policies/default.toml and the README). Outside them a value is not a choice
# but a mistake that would break later: dates before year 1, a lock timer beyond what Qt
# can count (int32 milliseconds), a minimum PIN longer than any PIN may be.
MAX_PIN_DIGITS = 32
RANGES: dict[str, tuple[int, int]] = {
    "customer_budget.days": (1, 3660),
    "frequency.max_actions": (0, 1000),
    "frequency.days": (1, 3660),
    "shift.hours": (1, 168),
    "vouchers.valid_days": (1, 3660),
    "security.idle_lock_minutes": (1, 480),
    "security.min_pin_length": (4, 12),
}
MAX_DOCUMENT = 256 * 1024  # characters; the demo policy is about 5,000
MAX_DEPTH = 8  # nested tables and arrays; the demo policy uses 4
MAX_TIERS, MAX_REASONS, MAX_PRESETS = 20, 200, 50
MAX_LABEL, MAX_GUIDANCE, MAX_APOLOGY, MAX_PRESET_NOTE = 60, 1000, 300, 500
# Tier names and reason codes are stored with every decision and typed on the command
# line (--tier, --reason): one word, ASCII.
KEY = re.compile(r"[A-Za-z0-9_-]{1,32}")


def key_name(key: object) -> str:
    """A key from the document, as it may appear in a message naming it."""
    return key if isinstance(key, str) and KEY.fullmatch(key) else shown(key)


def depth(data: Any) -> int:
    """How deeply tables and arrays nest, counted without recursing (a hostile document
    must not be able to exhaust the stack here either)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, level + 1) for child in children)
    return deepest


def table(data: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise PolicyError(f"{where}{key}: expected a table [{where}{key}]")
    return value


def optional_table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise PolicyError(f"{key}: expected a table [{key}]")
    return value


def amount(value: Any, key: str, currency: str) -> Money:
    if isinstance(value, bool) or isinstance(value, float):
        raise PolicyError(f'{key}: write amounts as strings like "150.00", not {shown(value)}')
    if not isinstance(value, str | int):
        raise PolicyError(f'{key}: expected an amount like "150.00", got {shown(value)}')
    try:
        dec = Decimal(value)
    except (InvalidOperation, ValueError):
        raise PolicyError(f"{key}: {shown(value)} is not an amount") from None
    if not dec.is_finite() or dec < 0:
        raise PolicyError(f"{key}: {shown(value)} must be a finite, non-negative amount")
    if dec > MAX_MAJOR_UNITS:
        raise PolicyError(f"{key}: {shown(value)} is larger than any amount Leeway handles")
    minor = dec.scaleb(currency_digits(currency))
    if minor != minor.to_integral_value():
        raise PolicyError(f"{key}: {shown(value)} has more decimals than {currency} allows")
    return Money(int(minor), currency)


def whole(data: dict[str, Any], key: str, where: str, default: int) -> int:
    """A whole number within its documented range (``RANGES``)."""
    low, high = RANGES[where + key]
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PolicyError(
            f"{where}{key}: expected a whole number from {low} to {high}, got {shown(value)}")
    return value


def flag(data: dict[str, Any], key: str, where: str, default: bool) -> bool:
    # "false" and "no" are non-empty strings, so bool() would read them as true.
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise PolicyError(
            f"{where}{key}: expected true or false (without quotes), got {shown(value)}")
    return value


def text(data: dict[str, Any], key: str, where: str, default: str | None = None,
         limit: int = MAX_LABEL, lines: bool = False) -> str:
    """Text of at most ``limit`` characters with nothing invisible in it (line breaks
    only where ``lines``); required and non-blank when there is no default."""
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise PolicyError(f"{where}{key}: expected text, got {shown(value)}")
    if len(value) > limit:
        raise PolicyError(f"{where}{key}: at most {limit} characters, this has {len(value)}")
    if has_invisible(value.replace("\n", "") if lines else value):
        raise PolicyError(f"{where}{key}: contains invisible or control characters:"
                          f" {shown(value)}")
    return value


def tier_ref(policy_tiers: tuple[str, ...], value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in policy_tiers:
        raise PolicyError(
            f"{key}: unknown tier {shown(value)} (tiers are {', '.join(policy_tiers)})")
    return value


def choice(data: dict[str, Any], key: str, options: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or value not in options:
        raise PolicyError(
            f"offline.{key}: expected one of {', '.join(options)}, got {shown(value)}")
    return value
