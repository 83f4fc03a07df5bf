"""Voucher codes: Crockford base32 in groups, with two check symbols, from 80 random bits.

A code is 16 symbols of Crockford base32 (80 bits from the OS's CSPRNG) plus two check
symbols from the same 32 letters and digits, printed in groups of four:
``7K2Q-M9XD-4T1R-B8HC-5G``. Nothing else is ever printed, so a barcode scanner types the
code the same on every keyboard layout (Crockford's own check symbols ``*~$=U`` do not
survive a non-US layout).

The two check symbols make the 18 symbols a Reed-Solomon codeword over GF(32): both
sums ``Σ c_i`` and ``Σ c_i·α^i`` are zero. Two codewords therefore differ in at least
three places, so any one or two wrong symbols are caught: every mistyped symbol, every
swap of two symbols (neighbours or not) and every pair of typos. A random string passes
with odds of 1 in 1,024.

Codes issued before (17 symbols: Crockford's mod-37 check symbol, which may be one of
``*~$=U``) are still read; the length tells the two apart. Input is forgiving as
Crockford intends: case does not matter, I and L read as 1, O as 0, and dashes and
spaces are ignored.

The code itself is a random serial; the voucher's value, expiry and customer are
signed (Ed25519) by the issuing terminal in the voucher record, which syncs to every
desk (see docs/decisions.md for why the signature is not printed in the code).
"""

from __future__ import annotations

import secrets

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import quoted
from pos_app.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SERIAL_SYMBOLS = 16  # 16 x 5 bits = 80 bits
CHECK_SYMBOLS = 2
CODE_SYMBOLS = SERIAL_SYMBOLS + CHECK_SYMBOLS
LEGACY_SYMBOLS = SERIAL_SYMBOLS + 1
LEGACY_CHECK_ALPHABET = ALPHABET + "*~$=U"  # Crockford's mod-37 check symbols
_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
_DECODE.update({"I": 1, "L": 1, "O": 0})
_LEGACY_CHECK_DECODE = {ch: i for i, ch in enumerate(LEGACY_CHECK_ALPHABET)}
_LEGACY_CHECK_DECODE.update({"I": 1, "L": 1, "O": 0})
_IGNORED = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")  # dashes as typed or pasted

# GF(32) from the primitive polynomial x^5 + x^2 + 1: α = 2 generates all 31 non-zero
# elements, so the 18 positions have distinct weights α^0 … α^17.
def _field_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 62, [0] * 32
    x = 1
    for i in range(31):
        exp[i] = exp[i + 31] = x  # doubled, so a sum of two logs needs no modulo
        log[x] = i
        x <<= 1
        if x & 32:
            x ^= 0b100101
    return exp, log


_EXP, _LOG = _field_tables()


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _div(a: int, b: int) -> int:
    return 0 if a == 0 else _EXP[_LOG[a] - _LOG[b] + 31]


def _syndromes(values: list[int]) -> tuple[int, int]:
    """(Σ c_i, Σ c_i·α^i) over GF(32): both zero for a valid code."""
    plain = weighted = 0
    for i, value in enumerate(values):
        plain ^= value
        weighted ^= _mul(value, _EXP[i])
    return plain, weighted


class CodeError(InvalidInput):
    """A code that cannot be one of ours (wrong length, character or check)."""


def new_serial() -> str:
    """16 random Crockford symbols (80 bits from ``secrets``)."""
    bits = secrets.randbits(SERIAL_SYMBOLS * 5)
    out = []
    for _step in range(SERIAL_SYMBOLS):
        out.append(ALPHABET[bits & 31])
        bits >>= 5
    return "".join(reversed(out))


def check_symbols(serial: str) -> str:
    """The two symbols p, q after ``serial`` (n symbols, n ≤ 29) that zero both
    syndromes: p + q = A and p·α^n + q·α^(n+1) = B, where (A, B) are the serial's own
    sums. Approval codes (:mod:`pos_app.domain.approval_code`) use the same check."""
    n = len(serial)
    if not 0 < n <= 29:
        raise ValueError("the check covers 1 to 29 symbols")
    a, b = _syndromes([_DECODE[ch] for ch in serial])
    q = _div(b ^ _mul(a, _EXP[n]), _mul(_EXP[n], 1 ^ 2))  # α^n·(1 + α); + is XOR
    return ALPHABET[a ^ q] + ALPHABET[q]


def symbols_check(symbols: str) -> bool:
    """True when canonical ``symbols`` (data then two check symbols) add up."""
    return _syndromes([_DECODE[ch] for ch in symbols]) == (0, 0)


def canonical_symbols(text: str) -> str | None:
    """``text`` as canonical Crockford symbols (case folded, I/L as 1, O as 0, dashes
    and spaces dropped), or None when a character is not one of them."""
    raw = "".join(ch for ch in (text or "").upper() if not ch.isspace() and ch not in _IGNORED)
    if any(ch not in _DECODE for ch in raw):
        return None
    return "".join(ALPHABET[_DECODE[ch]] for ch in raw)


def legacy_check_symbol(serial: str) -> str:
    """Crockford's mod-37 check symbol, as codes issued before the format change carry."""
    return LEGACY_CHECK_ALPHABET[_value(serial) % 37]


def _value(symbols: str) -> int:
    value = 0
    for ch in symbols:
        value = value * 32 + _DECODE[ch]
    return value


def format_code(serial: str) -> str:
    """The printed form: groups of four, then the two check symbols."""
    groups = [serial[i : i + 4] for i in range(0, len(serial), 4)]
    return "-".join([*groups, check_symbols(serial)])


def new_code() -> str:
    return format_code(new_serial())


def parse_code(text: str) -> str:
    """Return the canonical serial (16 symbols) of a typed or scanned code, or raise.

    The messages tell the associate what to do: re-read the code, or that a symbol
    does not belong in a code at all.
    """
    raw = "".join(ch for ch in (text or "").upper() if not ch.isspace() and ch not in _IGNORED)
    if not raw:
        raise CodeError(_("Enter or scan the voucher code."))
    if len(raw) > 64:
        raise CodeError(_("That is far too long to be a voucher code."))
    legacy = len(raw) == LEGACY_SYMBOLS
    if len(raw) != CODE_SYMBOLS and not legacy:
        raise CodeError(_(
            "A voucher code has {length} characters; this has {count}."
            " Check for a missing or extra character.").format(length=CODE_SYMBOLS,
                                                               count=len(raw)))
    body, tail = (raw[:-1], raw[-1:]) if legacy else (raw, "")
    bad = [ch for ch in body if ch not in _DECODE]
    if tail and tail not in _LEGACY_CHECK_DECODE:
        bad.append(tail)
    if bad:
        raise CodeError(_("{symbol} never appears in a voucher code; please re-read it.").format(
            symbol=quoted(bad[0])))
    symbols = "".join(ALPHABET[_DECODE[ch]] for ch in body)
    serial = symbols[:SERIAL_SYMBOLS]
    if legacy:
        if _value(serial) % 37 != _LEGACY_CHECK_DECODE[tail]:
            # An older code mistyped, or a current one with a character left out.
            raise CodeError(_("This code does not add up: a character is mistyped or two are"
                              " swapped, or one is missing. Please re-read it."))
    elif _syndromes([_DECODE[ch] for ch in symbols]) != (0, 0):
        raise CodeError(_("This code does not add up: a character is mistyped or two are"
                          " swapped. Please re-read it."))
    return serial
