"""Contact details: validated and normalised; names kept literally. Search box parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.contact import (
    clean_text,
    display_phone,
    normalize_email,
    normalize_field,
    normalize_phone,
    phone_digits,
)
from pos_app.domain.errors import InvalidInput
from pos_app.domain.search import MAX_QUERY, SearchPlan, fts_phrase, plan_search
from pos_app.domain.text import is_invisible

# --- phones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["(212) 555-0123", "212-555-0123", "212.555.0123", "2125550123", "+1 212 555 0123",
              "  (212) 555-0123  "]
)
def test_us_phone_numbers_normalise_to_e164(typed: str) -> None:
    assert normalize_phone(typed) == "+12125550123"


def test_phone_uses_the_desks_region() -> None:
    assert normalize_phone("020 7946 0018", region="GB") == "+442079460018"
    assert normalize_phone("+44 20 7946 0018") == "+442079460018"


@settings(max_examples=500)
@given(st.sampled_from(["US", "CA", "GB", "DE", "IT", "IE", "RU", "KZ", "CN", "IN", "AU",
                        "BR", "JP", "MX", "FR", "ES"]),
       st.integers(min_value=1, max_value=999), st.text("0123456789", min_size=1,
                                                         max_size=15))
def test_validity_for_the_desks_region_is_the_librarys(region: str, code: int,
                                                       digits: str) -> None:
    """The phone check asks the common number types first (an import's fast path); it
    answers as phonenumbers.is_valid_number_for_region for any number and region."""
    import phonenumbers

    from pos_app.domain.contact import valid_for_region

    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(digits))
    if digits.startswith("0"):
        number.italian_leading_zero = True
    assert valid_for_region(number, region) == phonenumbers.is_valid_number_for_region(
        number, region)
    same = phonenumbers.PhoneNumber(
        country_code=phonenumbers.country_code_for_region(region),
        national_number=int(digits))
    assert valid_for_region(same, region) == phonenumbers.is_valid_number_for_region(
        same, region)


def test_validity_agrees_on_real_numbers_of_many_regions() -> None:
    import phonenumbers

    from pos_app.domain.contact import valid_for_region

    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE,
                     phonenumbers.PhoneNumberType.MOBILE,
                     phonenumbers.PhoneNumberType.TOLL_FREE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            for other in (region, "US", "GB"):
                assert valid_for_region(example, other) == \
                    phonenumbers.is_valid_number_for_region(example, other), (region, other)


@settings(max_examples=300)
@given(st.sampled_from(["+1", "+44", "+49", "+39", "+353", "+7", "+86", "+9"]),
       st.text("0123456789", min_size=5, max_size=13))
def test_a_number_typed_in_e164_is_kept_as_phonenumbers_formats_it(cc: str,
                                                                   rest: str) -> None:
    """Numbers already in E.164 skip the general parser and its formatter (an import's
    fast path): what one normalises to is what phonenumbers makes of it."""
    import phonenumbers

    typed = cc + rest
    try:
        number = phonenumbers.parse(typed, "US")
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    try:
        got = normalize_phone(typed)
    except InvalidInput:
        # Refused: phonenumbers refuses it too, or reads other digits than those typed
        # (it drops a trunk prefix: "+7 8..." is Kazakhstan's "+7 7..." to it).
        assert not valid or phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164) != typed
        return
    assert valid and got == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize(
    "typed", ["abc", "123", "555-0123", "+1 000 000 0000", "(212) 555-012", "1" * 41,
              "call me maybe"]
)
def test_invalid_phone_numbers_are_rejected(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalize_phone(typed)
    assert "phone" in str(err.value).lower()


def test_empty_phone_stays_empty() -> None:
    assert normalize_phone("") == ""
    assert normalize_phone("   ") == ""


def test_phone_display_and_digits() -> None:
    assert display_phone("+12125550123") == "(212) 555-0123"
    assert display_phone("+442079460018") == "+44 20 7946 0018"
    assert display_phone("") == ""
    assert phone_digits("+12125550123") == "12125550123"


# --- e-mail -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("anna@example.com", "anna@example.com"),
        ("  Anna.Berg@Example.COM ", "Anna.Berg@example.com"),  # the local part keeps its case
        ("a+tag@mail.example.co.uk", "a+tag@mail.example.co.uk"),
        ("jürgen@bücher.de", "jürgen@bücher.de"),
        ("", ""),
    ],
)
def test_valid_email_is_normalised(typed: str, stored: str) -> None:
    assert normalize_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "anna berg@example.com",
        "anna@exa mple.com",
        "anna@example",
        "anna.example.com",
        "anna@@example.com",
        "anna@example..com",
        "@example.com",
        "anna@.com",
        "anna\x00@example.com",
        "anna@exam\u202eple.com",
        "anna\t@example.com",
        "a" * 65 + "@example.com",
        "anna@" + "x" * 250 + ".com",
    ],
)
def test_invalid_email_is_rejected(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalize_email(typed)
    assert "e-mail" in str(err.value).lower()


# --- names and free text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["<b>Bob</b>", "<script>alert(1)</script>", "O'Brien & Sons", "Zoë", "李小龍",
     "حسن‌زاده", "👩‍👩‍👧", "Robert'); DROP TABLE customers;--"],
)
def test_names_are_kept_literally(name: str) -> None:
    assert clean_text("given_name", name) == name
    assert normalize_field("family_name", f"  {name}  ") == name


def test_names_are_nfc_normalised() -> None:
    assert clean_text("given_name", "Jose\u0301") == "Jos\u00e9"


@pytest.mark.parametrize(
    "name", ["Bob\x00", "Bo\x07b", "Bob\nSmith", "Bob\tSmith", "Bob\u202e", "\u200bBob", "Bob\x7f"]
)
def test_control_characters_in_names_are_rejected(name: str) -> None:
    with pytest.raises(InvalidInput, match="control characters"):
        clean_text("given_name", name)


def test_too_long_fields_are_rejected_with_the_limit() -> None:
    assert clean_text("given_name", "A" * 100) == "A" * 100
    with pytest.raises(InvalidInput, match="First name is too long .101 characters; at most 100"):
        clean_text("given_name", "A" * 101)
    with pytest.raises(InvalidInput, match="Room"):
        normalize_field("room", "1" * 21)


def test_normalize_field_dispatches_and_knows_its_fields() -> None:
    assert normalize_field("phone", "(212) 555-0123") == "+12125550123"
    assert normalize_field("email", "A@EXAMPLE.COM") == "A@example.com"
    assert normalize_field("city", "  New York ") == "New York"
    with pytest.raises(InvalidInput, match="not a contact field"):
        normalize_field("password", "x")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_clean_text_either_rejects_or_returns_control_free_text(text: str) -> None:
    try:
        cleaned = clean_text("address", text)
    except InvalidInput:
        return
    assert cleaned == cleaned.strip()
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned)


# --- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "plan"),
    [
        ("555 01", SearchPlan(digits="55501")),
        ("(555)", SearchPlan(digits="555")),
        ("+1 555", SearchPlan(digits="1555")),
        ("212-555-0123", SearchPlan(digits="2125550123")),
        ("1204", SearchPlan(digits="1204")),
        ("anna@ex", SearchPlan(fragment="anna@ex")),
        ("Anna@Ex ample", SearchPlan(fragment="anna@example")),
        ("ann ber", SearchPlan(name_prefixes=("ann", "ber"))),
        ("Anna", SearchPlan(name_prefixes=("anna",), fragment="anna")),
        ("L-20417", SearchPlan(name_prefixes=("l-20417",), fragment="l-20417")),
        ("ab", SearchPlan(name_prefixes=("ab",))),
        ("zo -", SearchPlan(name_prefixes=("zo",))),
        ("- zo '", SearchPlan(name_prefixes=("zo",))),
        ("-$1.00", SearchPlan(name_prefixes=("1", "00"), fragment="-$1.00")),
        ("--", SearchPlan(name_literal="--")),
        ("?! ?", SearchPlan(name_literal="?! ?")),
        ("zo\x00e", SearchPlan(name_prefixes=("zoe",), fragment="zoe")),
        ("ann\tber", SearchPlan(name_prefixes=("ann", "ber"))),
        ("555\x0001\n", SearchPlan(digits="55501")),
    ],
)
def test_plan_search_reads_the_search_box(query: str, plan: SearchPlan) -> None:
    assert plan_search(query) == plan
    assert not plan.empty


@pytest.mark.parametrize("query", ["", "   ", "12", "(5)", "+", "a@"])
def test_plan_search_too_short_or_empty_asks_nothing(query: str) -> None:
    plan = plan_search(query)
    assert plan.empty
    assert plan.digits == "" and plan.fragment == ""


def test_plan_search_caps_words_and_length() -> None:
    plan = plan_search("a b c d e f g")
    assert plan.name_prefixes == ("a", "b", "c", "d", "e")
    long_query = "x" * (MAX_QUERY + 50)
    assert plan_search(long_query).fragment == "x" * MAX_QUERY


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text("zo -'\"*()%_\\\x00\t\n\u200b\u202e$.@", max_size=12))
def test_a_plan_never_holds_invisible_characters_or_empty_words(query: str) -> None:
    plan = plan_search(query)
    for part in (*plan.name_prefixes, plan.digits, plan.fragment, plan.name_literal):
        assert "\x00" not in part and not any(is_invisible(ch) for ch in part)
    assert all(any(ch.isalnum() for ch in word) for word in plan.name_prefixes)
    if plan.name_literal:
        assert not plan.name_prefixes and not any(ch.isalnum() for ch in plan.name_literal)


def test_fts_phrase_quotes_operators_away() -> None:
    assert fts_phrase("ann") == '"ann"'
    assert fts_phrase('a" OR "b') == '"a"" OR ""b"'
