"""Money: strict, locale-aware parsing of what a person typed; Babel for display."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.errors import InvalidInput
from pos_app.domain.money import MAX_MAJOR_UNITS, Money, _number, currency_digits


@pytest.mark.parametrize(
    ("text", "currency", "locale", "expected"),
    [
        ("12.50", "USD", "en_US", Money(1250, "USD")),
        ("1,000.00", "USD", "en_US", Money(100000, "USD")),
        ("1.000,50", "EUR", "de_DE", Money(100050, "EUR")),
        ("  12.50  ", "USD", "en_US", Money(1250, "USD")),
        ("7", "USD", "en_US", Money(700, "USD")),
        ("1234567,89", "EUR", "de_DE", Money(123456789, "EUR")),
        ("1\u00a0000,00", "EUR", "fr_FR", Money(100000, "EUR")),
        ("1 000,00", "EUR", "fr_FR", Money(100000, "EUR")),
        ("1500", "JPY", "ja_JP", Money(1500, "JPY")),
        ("1.234", "KWD", "en_US", Money(1234, "KWD")),
        ("10000000.00", "USD", "en_US", Money(1_000_000_000, "USD")),
    ],
)
def test_parse_accepts_plain_amounts_in_the_desks_locale(
    text: str, currency: str, locale: str, expected: Money
) -> None:
    assert Money.parse(text, currency, locale) == expected


@pytest.mark.parametrize("text", ["0", "0.00", "0.0", "000"])
def test_parse_zero_is_a_valid_amount(text: str) -> None:
    parsed = Money.parse(text)
    assert parsed == Money.zero("USD")
    assert parsed.minor == 0


@pytest.mark.parametrize(
    ("text", "currency", "locale", "why"),
    [
        ("-1", "USD", "en_US", "negative"),
        ("\u22125", "USD", "en_US", "negative"),
        ("", "USD", "en_US", "Enter an amount"),
        ("   ", "USD", "en_US", "Enter an amount"),
        ("1e309", "USD", "en_US", "not an amount"),
        ("NaN", "USD", "en_US", "not an amount"),
        ("nan", "USD", "en_US", "not an amount"),
        ("inf", "USD", "en_US", "not an amount"),
        ("Infinity", "USD", "en_US", "not an amount"),
        ("12,50", "USD", "en_US", "malformed"),
        ("10^15", "USD", "en_US", "not an amount"),
        ("0.001", "USD", "en_US", "at most 2 decimals"),
        ("1,000.00", "EUR", "de_DE", "malformed"),
        ("99999999999", "USD", "en_US", "larger than any recovery action"),
        ("10000000.01", "USD", "en_US", "larger than any recovery action"),
        ("1.5", "JPY", "en_US", "at most 0 decimals"),
        ("1" * 33, "USD", "en_US", "too long"),
        ("$12.50", "USD", "en_US", "not an amount"),
        ("12.50 USD", "USD", "en_US", "not an amount"),
        ("1_000", "USD", "en_US", "not an amount"),
        ("0x10", "USD", "en_US", "not an amount"),
        ("1,,000", "USD", "en_US", "malformed"),
        ("1 000", "USD", "en_US", "not an amount"),
        ("1.2.3", "USD", "en_US", "malformed"),
        (",5", "USD", "en_US", "not an amount"),
    ],
)
def test_parse_rejects_with_a_readable_reason(
    text: str, currency: str, locale: str, why: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        Money.parse(text, currency, locale)
    assert why.lower() in str(err.value).lower()


def test_parse_rejects_none_as_empty() -> None:
    with pytest.raises(InvalidInput, match="Enter an amount"):
        Money.parse(None)  # type: ignore[arg-type]


def test_parse_keeps_the_requested_currency() -> None:
    assert Money.parse("5", "EUR", "de_DE").currency == "EUR"
    assert Money.parse("5", "JPY", "ja_JP") == Money(5, "JPY")


def test_format_goes_through_babel_for_the_desks_locale() -> None:
    assert Money(123450, "USD").format() == "$1,234.50"
    assert Money(123450, "USD").format("en_US") == "$1,234.50"
    assert Money(123450, "EUR").format("de_DE") == "1.234,50\u00a0€"
    assert Money(500, "JPY").format("en_US") == "¥500"
    assert Money(0, "USD").format() == "$0.00"


def test_plain_and_str_are_machine_forms() -> None:
    assert Money(123450).plain() == "1234.50"
    assert Money(0).plain() == "0.00"
    assert Money(1).plain() == "0.01"
    assert Money(500, "JPY").plain() == "500"
    assert str(Money(1250, "EUR")) == "12.50 EUR"


def test_of_builds_from_code_and_refuses_extra_decimals() -> None:
    assert Money.of("150.00") == Money(15000)
    assert Money.of(3, "JPY") == Money(3, "JPY")
    with pytest.raises(InvalidInput):
        Money.of("0.005")


def test_money_is_never_a_float_and_needs_an_iso_code() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)
    with pytest.raises(InvalidInput):
        Money(100, "usd")


def test_arithmetic_refuses_to_mix_currencies() -> None:
    assert Money(100) + Money(250) == Money(350)
    assert Money(300) - Money(100) == Money(200)
    with pytest.raises(InvalidInput, match="Cannot combine"):
        Money(100, "USD") + Money(100, "EUR")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_plain_text_round_trips_through_parse(minor: int) -> None:
    money = Money(minor)
    assert Money.parse(money.plain()) == money
    # The same digits with the locale's decimal comma parse back at a German desk.
    euros = Money(minor, "EUR")
    assert Money.parse(euros.plain().replace(".", ","), "EUR", "de_DE") == euros


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["USD", "EUR", "JPY", "KWD"]).flatmap(
        lambda cur: st.tuples(
            st.just(cur),
            st.integers(min_value=0, max_value=MAX_MAJOR_UNITS * 10 ** currency_digits(cur)),
        )
    ),
    st.sampled_from(["en_US", "de_DE", "fr_FR", "de_CH", "en_IN", "sv_SE", "ja_JP"]),
)
def test_locale_grouped_text_round_trips_through_parse(
    currency_and_minor: tuple[str, int], locale: str
) -> None:
    currency, minor = currency_and_minor
    money = Money(minor, currency)
    assert Money.parse(money.plain(), currency, "en_US") == money
    # What the locale itself writes (with its own grouping) is accepted back exactly.
    text = format_decimal(money.as_decimal(), locale=locale, decimal_quantization=False)
    assert Money.parse(text, currency, locale) == money


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3))
def test_parse_never_returns_a_negative_or_over_precise_amount(value: Decimal) -> None:
    try:
        parsed = Money.parse(f"{value:f}")
    except InvalidInput:
        assert value < 0 or value > MAX_MAJOR_UNITS or value != value.quantize(Decimal("0.01"))
    else:
        assert parsed.minor >= 0
        assert parsed.as_decimal() == value


@settings(max_examples=300)
@given(st.sampled_from(["en_US", "de_DE", "fr_FR", "es_ES", "en_IN", "de_CH"]),
       st.text("0123456789.,'\u066b\u0663 ", min_size=1, max_size=12))
def test_an_amount_without_grouping_parses_as_babel_parses_it(locale: str,
                                                              typed: str) -> None:
    """Money.parse asks Babel only when the amount holds the locale's group symbol;
    without one, its own reading (money._number) is Babel's (strict) for any text."""
    from decimal import InvalidOperation

    from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    if group in typed:
        return
    try:
        theirs: Decimal | None = parse_decimal(typed, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        theirs = None
    try:
        ours: Decimal | None = _number(typed, group, decimal, locale)
    except (NumberFormatError, InvalidOperation, ValueError):
        ours = None
    assert str(ours) == str(theirs)
