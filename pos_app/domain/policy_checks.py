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
from pos_app.i18n import _

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
        raise PolicyError(_("{key}: expected a table [{key}]").format(key=where + key))
    return value


def optional_table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise PolicyError(_("{key}: expected a table [{key}]").format(key=key))
    return value


def amount(value: Any, key: str, currency: str) -> Money:
    if isinstance(value, bool) or isinstance(value, float):
        raise PolicyError(_('{key}: write amounts as strings like "150.00", not {value}').format(
            key=key, value=shown(value)))
    if not isinstance(value, str | int):
        raise PolicyError(_('{key}: expected an amount like "150.00", got {value}').format(
            key=key, value=shown(value)))
    try:
        dec = Decimal(value)
    except (InvalidOperation, ValueError):
        raise PolicyError(_("{key}: {value} is not an amount").format(
            key=key, value=shown(value))) from None
    if not dec.is_finite() or dec < 0:
        raise PolicyError(_("{key}: {value} must be a finite, non-negative amount").format(
            key=key, value=shown(value)))
    if dec > MAX_MAJOR_UNITS:
        raise PolicyError(_("{key}: {value} is larger than any amount Leeway handles").format(
            key=key, value=shown(value)))
    minor = dec.scaleb(currency_digits(currency))
    if minor != minor.to_integral_value():
        raise PolicyError(_("{key}: {value} has more decimals than {currency} allows").format(
            key=key, value=shown(value), currency=currency))
    return Money(int(minor), currency)


def whole(data: dict[str, Any], key: str, where: str, default: int) -> int:
    """A whole number within its documented range (``RANGES``)."""
    low, high = RANGES[where + key]
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PolicyError(_("{key}: expected a whole number from {low} to {high}, got"
                            " {value}").format(key=where + key, low=low, high=high,
                                               value=shown(value)))
    return value


def flag(data: dict[str, Any], key: str, where: str, default: bool) -> bool:
    # "false" and "no" are non-empty strings, so bool() would read them as true.
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise PolicyError(_("{key}: expected true or false (without quotes), got {value}")
                          .format(key=where + key, value=shown(value)))
    return value


def text(data: dict[str, Any], key: str, where: str, default: str | None = None,
         limit: int = MAX_LABEL, lines: bool = False) -> str:
    """Text of at most ``limit`` characters with nothing invisible in it (line breaks
    only where ``lines``); required and non-blank when there is no default."""
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise PolicyError(_("{key}: expected text, got {value}").format(
            key=where + key, value=shown(value)))
    if len(value) > limit:
        raise PolicyError(_("{key}: at most {limit} characters, this has {count}").format(
            key=where + key, limit=limit, count=len(value)))
    if has_invisible(value.replace("\n", "") if lines else value):
        raise PolicyError(_("{key}: contains invisible or control characters: {value}")
                          .format(key=where + key, value=shown(value)))
    return value


def tier_ref(policy_tiers: tuple[str, ...], value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in policy_tiers:
        raise PolicyError(_("{key}: unknown tier {value} (tiers are {tiers})").format(
            key=key, value=shown(value), tiers=", ".join(policy_tiers)))
    return value


def choice(data: dict[str, Any], key: str, options: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or value not in options:
        raise PolicyError(_("{key}: expected one of {options}, got {value}").format(
            key=f"offline.{key}", options=", ".join(options), value=shown(value)))
    return value
