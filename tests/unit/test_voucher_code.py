"""Voucher codes: only letters and digits a scanner types the same on any keyboard layout;
every single mistyped symbol and every swap is caught; codes issued before still read."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.voucher_code import (
    ALPHABET,
    CODE_SYMBOLS,
    LEGACY_CHECK_ALPHABET,
    SERIAL_SYMBOLS,
    CodeError,
    check_symbols,
    format_code,
    legacy_check_symbol,
    new_code,
    new_serial,
    parse_code,
)

SERIALS = st.text(ALPHABET, min_size=SERIAL_SYMBOLS, max_size=SERIAL_SYMBOLS)
RNG = random.Random(2026)
SAMPLE = ["0" * 16, "Z" * 16, "7K2QM9XD4T1RB8HC", "0123456789ABCDEF", "GHJKMNPQRSTVWXYZ",
          *("".join(RNG.choice(ALPHABET) for _ in range(16)) for _ in range(60))]


def _plain(code: str) -> str:
    return code.replace("-", "")


def _refused(symbols: str) -> bool:
    try:
        parse_code(symbols)
    except CodeError:
        return True
    return False


@settings(max_examples=300)
@given(SERIALS)
def test_codes_hold_only_crockford_letters_and_digits(serial: str) -> None:
    code = format_code(serial)
    assert set(code) <= set(ALPHABET) | {"-"}
    assert not set(code) & set("*~$=U")
    assert len(_plain(code)) == CODE_SYMBOLS
    assert parse_code(code) == serial


@pytest.mark.parametrize("serial", SAMPLE)
def test_every_single_substitution_is_caught(serial: str) -> None:
    symbols = _plain(format_code(serial))
    for i, original in enumerate(symbols):
        for other in ALPHABET:
            if other != original:
                typo = symbols[:i] + other + symbols[i + 1:]
                assert _refused(typo), (symbols, i, other)


@pytest.mark.parametrize("serial", SAMPLE)
def test_every_transposition_is_caught_adjacent_or_not(serial: str) -> None:
    symbols = _plain(format_code(serial))
    for i in range(CODE_SYMBOLS):
        for j in range(i + 1, CODE_SYMBOLS):
            if symbols[i] != symbols[j]:
                swapped = list(symbols)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                assert _refused("".join(swapped)), (symbols, i, j)


def test_every_pair_of_substitutions_is_caught() -> None:
    # The check is linear over GF(32): whether an error pattern is caught does not depend
    # on the code it hits, so one code tried exhaustively (147,000 patterns) proves it.
    symbols = [ALPHABET.index(ch) for ch in _plain(format_code(SAMPLE[2]))]
    for i in range(CODE_SYMBOLS):
        for j in range(i + 1, CODE_SYMBOLS):
            for di in range(1, 32):
                for dj in range(1, 32):
                    typo = list(symbols)
                    typo[i] ^= di
                    typo[j] ^= dj
                    assert _refused("".join(ALPHABET[v] for v in typo)), (i, j, di, dj)


def test_a_random_string_passes_about_once_in_a_thousand() -> None:
    rng = random.Random(7)
    passed = sum(not _refused("".join(rng.choice(ALPHABET) for _ in range(CODE_SYMBOLS)))
                 for _ in range(20_000))
    assert passed < 60  # 1/1024 expects ~20


def test_new_codes_are_random_and_valid() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(parse_code(c)) == SERIAL_SYMBOLS for c in codes)
    assert len(new_serial()) == SERIAL_SYMBOLS


# --- codes issued before the change -----------------------------------------------------


def _legacy(serial: str) -> str:
    groups = [serial[i:i + 4] for i in range(0, SERIAL_SYMBOLS, 4)]
    return "-".join([*groups, legacy_check_symbol(serial)])


@settings(max_examples=300)
@given(SERIALS)
def test_codes_issued_before_still_read(serial: str) -> None:
    legacy = _legacy(serial)
    assert parse_code(legacy) == serial
    assert parse_code(legacy.lower()) == serial


@pytest.mark.parametrize("check", list("*~$=U"))
def test_legacy_check_symbols_outside_the_alphabet_still_read(check: str) -> None:
    rng = random.Random(check)
    while True:
        serial = "".join(rng.choice(ALPHABET) for _ in range(SERIAL_SYMBOLS))
        if legacy_check_symbol(serial) == check:
            break
    assert parse_code(_legacy(serial)) == serial
    assert check not in format_code(serial)  # reprinted or reissued: the new symbols


@pytest.mark.parametrize("serial", SAMPLE[:20])
def test_every_single_substitution_in_a_legacy_code_is_still_caught(serial: str) -> None:
    symbols = _plain(_legacy(serial))
    for i, original in enumerate(symbols):
        for other in LEGACY_CHECK_ALPHABET if i == SERIAL_SYMBOLS else ALPHABET:
            if other != original:
                assert _refused(symbols[:i] + other + symbols[i + 1:]), (symbols, i)


# --- forgiving input, clear refusals ---------------------------------------------------


def test_typing_is_forgiving_as_crockford_intends() -> None:
    serial = "0123456789ABCDEF"
    code = format_code(serial)
    assert parse_code(code.lower()) == serial
    assert parse_code(code.replace("1", "I").replace("0", "O")) == serial
    assert parse_code(code.lower().replace("1", "l").replace("0", "o")) == serial
    assert parse_code(" " + code.replace("-", " ") + "\n") == serial
    assert parse_code(code.replace("-", "\u2013")) == serial  # pasted with en dashes
    assert parse_code(_plain(code)) == serial


@pytest.mark.parametrize(("typed", "needle"), [
    ("", "Enter or scan"),
    ("7K2Q-M9XD", "has 18 characters; this has 8"),
    ("7K2Q-M9XD-4T1R-B8HC-5G-X", "has 18 characters; this has 19"),
    ("7K2Q-M9XD-4T1R-B8HC-5U", "'U' never appears"),
    ("7K2Q-M9XD-4T1R-B8HC-5*", "'*' never appears"),
    ("7K2Q-M9XD-4T1R-B8H\x1b-5G", "'\\x1b' never appears"),
    ("7K2Q-M9XD-4T1R-B8HC-G5", "mistyped or two are swapped"),
    ("7K2Q-M9XD-4T1R-B8C-5G", "or one is missing"),
    ("X" * 100, "far too long"),
])
def test_each_bad_code_gets_one_printable_line(typed: str, needle: str) -> None:
    assert parse_code(format_code("7K2QM9XD4T1RB8HC")) == "7K2QM9XD4T1RB8HC"
    with pytest.raises(CodeError) as err:
        parse_code(typed)
    assert needle in str(err.value)
    assert str(err.value).isprintable()


def test_check_symbols_are_two_alphabet_symbols() -> None:
    assert check_symbols("7K2QM9XD4T1RB8HC") == "5G"
    assert all(ch in ALPHABET for serial in SAMPLE for ch in check_symbols(serial))
