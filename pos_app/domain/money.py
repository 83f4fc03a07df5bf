"""Money as integer minor units plus an ISO 4217 currency; never a float.

Parsing is strict and locale-aware: the desk's locale decides which character groups
thousands and which separates decimals (via Babel), so "1.000,00" and "1,000.00" are
never guessed at. Anything that is not a plain, finite, non-negative amount with at
most the currency's decimals is rejected with a reason a person understands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    parse_decimal,
)

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import escaped, quoted, shown
from pos_app.i18n import _

# No single recovery action is worth more than this many major units; larger input is
# almost certainly a typo (or an attack on an integer column) and is refused outright.
MAX_MAJOR_UNITS = 10_000_000


@lru_cache(maxsize=64)
def currency_digits(currency: str) -> int:
    """How many decimals the currency has (JPY 0, USD 2, KWD 3)."""
    return int(get_currency_precision(currency))


@lru_cache(maxsize=32)
def _symbols(locale: str) -> tuple[str, str]:
    loc = Locale.parse(locale)
    return loc.number_symbols["latn"]["group"], loc.number_symbols["latn"]["decimal"]


def _number(text: str, group: str, decimal: str, locale: str) -> Decimal:
    """Babel's strict reading of an amount. Without the group symbol that reading is
    Decimal(text with the decimal symbol made '.'), done here without looking the locale
    up again (a test compares the two); with it, Babel checks the grouping."""
    if group in text:
        return parse_decimal(text, locale=locale, strict=True)
    return Decimal(text.replace(decimal, "."))


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount in minor units (cents) of one currency."""

    minor: int
    currency: str = "USD"

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("Money.minor must be an int")
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise InvalidInput(_("{currency} is not an ISO 4217 currency code.").format(
                currency=shown(self.currency)))

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(0, currency)

    @classmethod
    def of(cls, major: str | int | Decimal, currency: str = "USD") -> Money:
        """Build from a major-unit amount given in code (``Money.of("20.00")``)."""
        value = Decimal(major)
        minor = value.scaleb(currency_digits(currency))
        if minor != minor.to_integral_value():
            raise InvalidInput(_("{amount} has more decimals than {currency} allows.").format(
                amount=escaped(str(major)), currency=escaped(currency)))
        return cls(int(minor), currency)

    @classmethod
    def parse(cls, text: str, currency: str = "USD", locale: str = "en_US") -> Money:
        """Parse what a person typed, in the desk's locale.

        Rejects: empty, negative, zero-free garbage, NaN/infinity, exponents, grouping
        that does not fit the locale, more decimals than the currency has, huge values.
        Zero is accepted here (it is a valid amount); callers that need a positive
        amount say so themselves.
        """
        raw = (text or "").strip().replace("\u00a0", " ").replace("\u202f", " ")
        if not raw:
            raise InvalidInput(_("Enter an amount."))
        if len(raw) > 32:
            raise InvalidInput(_("That amount is too long to be real."))
        if raw.startswith("-") or raw.startswith("\u2212"):
            raise InvalidInput(_("The amount cannot be negative."))
        typed = quoted((text or "").strip())  # as typed, escaped: the message stays one line
        group, decimal = _symbols(locale)
        allowed_group = {group, " "} if group in ("\u00a0", "\u202f") else {group}
        for ch in raw:
            if ch.isdigit() or ch == decimal or ch in allowed_group:
                continue
            raise InvalidInput(_(
                "{typed} is not an amount: use digits and '{decimal}' for decimals."
            ).format(typed=typed, decimal=decimal))
        if not raw[0].isdigit() and raw[0] != decimal:
            raise InvalidInput(_("{typed} is not an amount.").format(typed=typed))
        try:
            value = _number(raw.replace(" ", group), group, decimal, locale)
        except (NumberFormatError, InvalidOperation, ValueError):
            raise InvalidInput(_(
                "{typed} is ambiguous or malformed for this desk's locale"
                " ('{group}' groups thousands, '{decimal}' marks decimals)."
            ).format(typed=typed, group=group, decimal=decimal)) from None
        if not value.is_finite() or value < 0:
            raise InvalidInput(_("{typed} is not a finite, non-negative amount.").format(
                typed=typed))
        digits = currency_digits(currency)
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            raise InvalidInput(_(
                "{currency} amounts have at most {digits} decimals; {typed} has more."
            ).format(currency=currency, digits=digits, typed=typed))
        if value > MAX_MAJOR_UNITS:
            raise InvalidInput(_("{typed} is far larger than any recovery action.").format(
                typed=typed))
        return cls(int(value.scaleb(digits)), currency)

    def as_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-currency_digits(self.currency))

    def format(self, locale: str = "en_US") -> str:
        """The amount as the desk's locale writes it, e.g. "$1,234.50" or "1.234,50 €"."""
        return str(format_currency(self.as_decimal(), self.currency, locale=locale))

    def input_text(self, locale: str = "en_US") -> str:
        """The amount as a person would type it at this desk: "1,234.50" / "1.234,50"."""
        pattern = "#,##0" + ("." + "0" * currency_digits(self.currency)
                             if currency_digits(self.currency) else "")
        return str(format_decimal(self.as_decimal(), format=pattern, locale=locale))

    def plain(self) -> str:
        """Machine form for files and JSON: "1234.50" (no grouping, dot decimal)."""
        return f"{self.as_decimal():f}"

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise InvalidInput(_("Cannot combine {currency} with {other}.").format(
                currency=self.currency, other=other.currency))

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __str__(self) -> str:
        return f"{self.plain()} {self.currency}"
