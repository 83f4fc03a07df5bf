"""Voucher codes: Crockford base32 in groups, with a check symbol, from 80 random bits.

A code is 16 symbols of Crockford base32 (80 bits from the OS's CSPRNG) plus one check
symbol (the value mod 37, as Crockford specifies), printed in groups of four:
``7K2Q-M9XD-4T1R-B8HC-V``. The check catches any single mistyped symbol and any swap
of two neighbours. Input is forgiving as Crockford intends: case does not matter,
I and L read as 1, O as 0, and dashes and spaces are ignored.

The code itself is a random serial; the voucher's value, expiry and customer are
signed (Ed25519) by the issuing terminal in the voucher record, which syncs to every
desk (see docs/vouchers.md for why the signature is not printed in the code).
"""

from __future__ import annotations

import secrets

from pos_app.domain.errors import InvalidInput

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
SERIAL_SYMBOLS = 16  # 16 x 5 bits = 80 bits
_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
_DECODE.update({"I": 1, "L": 1, "O": 0})
_CHECK_DECODE = {ch: i for i, ch in enumerate(CHECK_ALPHABET)}
_CHECK_DECODE.update({"I": 1, "L": 1, "O": 0})


class CodeError(InvalidInput):
    """A code that cannot be one of ours (wrong length, character or check)."""


def _value(symbols: str) -> int:
    value = 0
    for ch in symbols:
        value = value * 32 + _DECODE[ch]
    return value


def new_serial() -> str:
    """16 random Crockford symbols (80 bits from ``secrets``)."""
    bits = secrets.randbits(SERIAL_SYMBOLS * 5)
    out = []
    for _ in range(SERIAL_SYMBOLS):
        out.append(ALPHABET[bits & 31])
        bits >>= 5
    return "".join(reversed(out))


def check_symbol(serial: str) -> str:
    return CHECK_ALPHABET[_value(serial) % 37]


def format_code(serial: str) -> str:
    """The printed form: groups of four, then the check symbol."""
    groups = [serial[i : i + 4] for i in range(0, len(serial), 4)]
    return "-".join([*groups, check_symbol(serial)])


def new_code() -> str:
    return format_code(new_serial())


def parse_code(text: str) -> str:
    """Return the canonical serial (16 symbols) of a typed or scanned code, or raise.

    The messages tell the associate what to do: re-read the code, or that a symbol
    does not belong in a code at all.
    """
    raw = "".join(ch for ch in (text or "").upper() if ch not in "- \t\r\n")
    if not raw:
        raise CodeError("Enter or scan the voucher code.")
    if len(raw) > 64:
        raise CodeError("That is far too long to be a voucher code.")
    if len(raw) != SERIAL_SYMBOLS + 1:
        raise CodeError(
            f"A voucher code has {SERIAL_SYMBOLS + 1} characters; this has {len(raw)}."
            " Check for a missing or extra character.")
    serial_raw, check = raw[:-1], raw[-1]
    bad = [ch for ch in serial_raw if ch not in _DECODE]
    if bad or check not in _CHECK_DECODE:
        shown = (bad or [check])[0]
        raise CodeError(f"'{shown}' never appears in a voucher code; please re-read it.")
    serial = "".join(ALPHABET[_DECODE[ch]] for ch in serial_raw)
    if _value(serial) % 37 != _CHECK_DECODE[check]:
        raise CodeError(
            "This code does not add up: a character is mistyped or two are swapped."
            " Please re-read it.")
    return serial
