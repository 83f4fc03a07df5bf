"""Approval codes for a manager who is not at the desk: the challenge and the answer.

The associate's desk shows a **challenge**, 15 symbols read aloud over the telephone
(``7K2QM-9XD4T-1RB8H``): 13 symbols carry the action, the amount (in minor units) and 30
random bits, two more are the same Reed-Solomon check as voucher codes, so one or two
symbols misheard or swapped are caught before anyone types an answer. The manager types
it on any Leeway desk with their ID and PIN; that desk shows what it unlocks (the action
and the amount, decoded from the challenge) and reads back an **answer**, 10 symbols
(``M9XD4-T1RB8``): 40 bits of HMAC-SHA256 under the approver's approval key, over the
challenge, the approver's ID and the verdict, plus two check symbols.

The approval key is derived from the approver's stored PIN hash and the staff key that
every desk of the group holds in its keyring (see ``adapters/pins.py`` and
docs/decisions.md), so the associate's desk can check the answer with no network and no
PIN; a desk that can check answers could also make them, which is why answers are bound
to a challenge the checking desk itself drew, are single-use, expire, and count wrong
tries towards the approver's lockout. The same answer travels through the central
database for an online request (:mod:`pos_app.services.far_approval`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from pos_app.domain.errors import InvalidInput
from pos_app.domain.policy import ACTION_KINDS
from pos_app.domain.voucher_code import ALPHABET, canonical_symbols, check_symbols, symbols_check
from pos_app.i18n import N_, _

ACTION_BITS, AMOUNT_BITS, NONCE_BITS = 5, 30, 30
CHALLENGE_DATA = (ACTION_BITS + AMOUNT_BITS + NONCE_BITS) // 5  # 13 symbols
CHALLENGE_SYMBOLS = CHALLENGE_DATA + 2
ANSWER_DATA = 8  # 40 bits of the MAC
ANSWER_SYMBOLS = ANSWER_DATA + 2
MAX_AMOUNT_MINOR = (1 << AMOUNT_BITS) - 1
VERDICTS = ("approve", "decline")
_DOMAIN = "leeway-approval-v1"

# What to re-read, for each of the two codes: whole sentences, as languages name the
# challenge and the answer differently inside a sentence.
_PROBLEMS = {
    "challenge": {
        "long": N_("That is far too long to be an approval challenge."),
        "letters": N_("An approval challenge uses only the letters and digits shown on the"
                      " screen; please re-read it."),
        "empty": N_("Enter the challenge code."),
        "other": N_("This looks like the answer code, not the challenge."),
        "length": N_("An approval challenge has {length} characters; this has {count}."
                     " Check for a missing or extra one."),
        "check": N_("This challenge does not add up: a character is misheard or two are"
                    " swapped. Please read it again."),
    },
    "answer": {
        "long": N_("That is far too long to be an approval answer."),
        "letters": N_("An approval answer uses only the letters and digits shown on the"
                      " screen; please re-read it."),
        "empty": N_("Enter the answer code."),
        "other": N_("This looks like the challenge code, not the answer."),
        "length": N_("An approval answer has {length} characters; this has {count}."
                     " Check for a missing or extra one."),
        "check": N_("This answer does not add up: a character is misheard or two are"
                    " swapped. Please read it again."),
    },
}


class ApprovalCodeError(InvalidInput):
    """A challenge or answer that cannot be one of ours (length, character or check)."""


@dataclass(frozen=True)
class Challenge:
    """What a challenge binds: the action, the amount and a random nonce."""

    action: str
    amount_minor: int
    nonce: int

    @property
    def symbols(self) -> str:
        """The 13 data symbols (the check symbols are added when formatted)."""
        value = (ACTION_KINDS.index(self.action) << (AMOUNT_BITS + NONCE_BITS)
                 | self.amount_minor << NONCE_BITS | self.nonce)
        return _symbols(value, CHALLENGE_DATA)

    @property
    def text(self) -> str:
        """The form shown and read aloud: three groups of five."""
        return _groups(self.symbols + check_symbols(self.symbols))


def new_challenge(action: str, amount_minor: int) -> Challenge:
    if action not in ACTION_KINDS:
        raise InvalidInput(_("Unknown action {action}.").format(action=repr(action)))
    if not 0 < amount_minor <= MAX_AMOUNT_MINOR:
        raise InvalidInput(_("This amount is too large to approve by telephone;"
                             " refer it to a manager instead."))
    return Challenge(action, amount_minor, secrets.randbits(NONCE_BITS))


def parse_challenge(text: str) -> Challenge:
    """The challenge a person typed, or a message saying what to re-read."""
    symbols = _canonical(text, CHALLENGE_SYMBOLS, "challenge")
    value = _value(symbols[:CHALLENGE_DATA])
    action_index = value >> (AMOUNT_BITS + NONCE_BITS)
    amount = (value >> NONCE_BITS) & MAX_AMOUNT_MINOR
    if action_index >= len(ACTION_KINDS) or amount == 0:
        raise ApprovalCodeError(_("This is not a Leeway approval challenge; please re-read it."))
    return Challenge(ACTION_KINDS[action_index], amount, value & ((1 << NONCE_BITS) - 1))


def answer_for(key: bytes, challenge: Challenge, approver_id: str,
               verdict: str = "approve") -> str:
    """The answer the approver reads back: two groups of five symbols."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}")
    message = f"{_DOMAIN}|{challenge.symbols}|{approver_id}|{verdict}".encode()
    mac = hmac.new(key, message, hashlib.sha256).digest()
    data = _symbols(int.from_bytes(mac[:5], "big"), ANSWER_DATA)
    return _groups(data + check_symbols(data))


def parse_answer(text: str) -> str:
    """The canonical answer (10 symbols), or a message saying what to re-read."""
    return _groups(_canonical(text, ANSWER_SYMBOLS, "answer"))


def answers_match(expected: str, given: str) -> bool:
    """Constant-time comparison of two canonical answers."""
    return hmac.compare_digest(expected.encode(), given.encode())


def _canonical(text: str, length: int, what: str) -> str:
    problem = _PROBLEMS[what]
    if len(text or "") > 200:
        raise ApprovalCodeError(_(problem["long"]))
    symbols = canonical_symbols(text)
    if symbols is None:
        raise ApprovalCodeError(_(problem["letters"]))
    if not symbols:
        raise ApprovalCodeError(_(problem["empty"]))
    other = {CHALLENGE_SYMBOLS: "challenge", ANSWER_SYMBOLS: "answer"}.get(len(symbols))
    if other is not None and other != what:
        raise ApprovalCodeError(_(problem["other"]))
    if len(symbols) != length:
        raise ApprovalCodeError(_(problem["length"]).format(length=length, count=len(symbols)))
    if not symbols_check(symbols):
        raise ApprovalCodeError(_(problem["check"]))
    return symbols


def _symbols(value: int, count: int) -> str:
    out = []
    for _step in range(count):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def _value(symbols: str) -> int:
    value = 0
    for ch in symbols:
        value = value * 32 + ALPHABET.index(ch)
    return value


def _groups(symbols: str) -> str:
    return "-".join(symbols[i : i + 5] for i in range(0, len(symbols), 5))
