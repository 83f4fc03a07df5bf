"""Validating and normalising contact details a person typed or a file carried.

Phones are parsed with ``phonenumbers`` and stored as E.164; e-mail addresses get a
pragmatic check (one @, a dotted domain, no spaces or control characters). Every
rejection says what is wrong in words a front-desk associate can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

import phonenumbers

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import check_line, clean_line, has_invisible, quoted
from pos_app.i18n import N_, _

MAX_FIELD = {
    "given_name": 100,
    "family_name": 100,
    "email": 254,
    "loyalty_id": 40,
    "room": 20,
    "address": 200,
    "city": 100,
    "postal_code": 20,
    "country": 60,
}
# In English: shown through ``_()`` (pos_app.i18n) where a person reads them.
FIELD_LABELS = {
    "given_name": N_("First name"),
    "family_name": N_("Last name"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "loyalty_id": N_("Loyalty number"),
    "room": N_("Room"),
    "address": N_("Address"),
    "city": N_("City"),
    "postal_code": N_("Postal code"),
    "country": N_("Country"),
}

_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")  # fullmatch: "$" allows "\n"


def clean_text(field: str, value: str) -> str:
    """Trim and check a free-text field; names may be any script, but nothing invisible.

    The one check for names and one-line fields (:func:`pos_app.domain.text.check_line`),
    the same that employees' names go through.
    """
    limit = MAX_FIELD.get(field, 200)
    clean = clean_line(value, limit)  # the label is translated only for a message
    if clean is not None:
        return clean
    label = _(FIELD_LABELS[field]) if field in FIELD_LABELS else field
    return check_line(label, value, limit)


def normalize_phone(value: str, region: str = "US") -> str:
    """Return E.164 ("+15550123456") or raise with a reason; empty stays empty."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) > 40:
        raise InvalidInput(_("Phone number is too long."))
    number = _parse_e164(text)
    e164 = number is not None
    if number is None:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            raise InvalidInput(_("{value} is not a phone number.").format(
                value=quoted(text))) from None
    # Most numbers at a desk are from its own region: checking that region first skips
    # phonenumbers' walk over every region sharing the country code (25 share +1).
    if not (valid_for_region(number, region) or phonenumbers.is_valid_number(number)):
        raise InvalidInput(_(
            "{value} is not a valid phone number (check the digits and country code)."
        ).format(value=quoted(text)))
    if e164:  # already "+", the country code and the national number, as formatted
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# phonenumbers.is_valid_number_for_region names the number's type, asking ten types in
# a fixed order (premium rate, toll free, ... fixed line, mobile), each through layers of
# pattern lookup; a number is valid when it matches the region's general pattern and any
# one type, whatever the order. Asking the types a desk meets first, against patterns
# compiled once, more than halves an import's phone check. Same metadata, same answer
# (a test compares it with the library's own function).
_TYPES = ("fixed_line", "mobile", "premium_rate", "toll_free", "shared_cost", "voip",
          "personal_number", "pager", "uan", "voicemail")
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _matches(nsn: str, desc: Any) -> bool:
    """Whether the national number matches a number type's description (its possible
    lengths, when it has any, and its pattern, whole)."""
    if desc is None:
        return False
    lengths = desc.possible_length
    if lengths and len(nsn) not in lengths:
        return False
    pattern = desc.national_number_pattern
    if not pattern:
        return False
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS.setdefault(pattern, re.compile(pattern))
    return compiled.fullmatch(nsn) is not None


def valid_for_region(number: phonenumbers.PhoneNumber, region: str) -> bool:
    """``phonenumbers.is_valid_number_for_region(number, region)``, sooner."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None:  # not a region it knows by that code: the library decides
        return bool(phonenumbers.is_valid_number_for_region(number, region))
    if number.country_code != metadata.country_code:
        return False
    nsn = phonenumbers.national_significant_number(number)
    return _matches(nsn, metadata.general_desc) and any(
        _matches(nsn, getattr(metadata, kind)) for kind in _TYPES)


_E164 = re.compile(r"\+[1-9][0-9]{6,14}")  # ASCII digits only


def _parse_e164(text: str) -> phonenumbers.PhoneNumber | None:
    """Skip the general parser for numbers already in E.164 (half the cost of an import).

    Country codes are prefix-free, so at most one of the 1-3 digit prefixes is one.
    """
    if not _E164.fullmatch(text):
        return None
    digits = text[1:]
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            rest = digits[size:]
            if rest.startswith("0"):  # Italian-style leading zeros: the full parser knows
                return None
            return phonenumbers.PhoneNumber(country_code=code, national_number=int(rest))
    return None


def display_phone(e164: str, region: str = "US") -> str:
    """National format for numbers of the desk's region, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalize_email(value: str) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) > MAX_FIELD["email"]:
        raise InvalidInput(_("E-mail address is too long."))
    if has_invisible(text) or not _EMAIL.fullmatch(text):
        raise InvalidInput(_("{value} is not an e-mail address (like name@example.com).").format(
            value=quoted(text)))
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalize_field(field: str, value: str, region: str = "US") -> str:
    """Validate one contact field by name; raise :class:`InvalidInput` if it is wrong."""
    return normalizer(field, region)(value)


def normalizer(field: str, region: str = "US") -> Callable[[str], str]:
    """:func:`normalize_field` for one field, looked up once (an import checks each
    column of a million rows with the same function)."""
    if field == "phone":
        return partial(normalize_phone, region=region)
    if field == "email":
        return normalize_email
    if field not in FIELD_LABELS:
        raise InvalidInput(_("{field} is not a contact field.").format(field=quoted(field)))
    return partial(clean_text, field)


def phone_digits(e164: str) -> str:
    if e164[1:].isdigit():  # E.164 is "+" and digits: the common case, done in C
        return e164[1:]
    return "".join(ch for ch in e164 if ch.isdigit())
