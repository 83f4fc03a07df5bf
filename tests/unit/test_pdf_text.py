"""Laying out one line for a PDF: which font each piece gets, in which order, how lines
break and shrink (pos_app.adapters.pdf_text; the rendered voucher is tested in
tests/integration/test_voucher_scripts.py)."""

from __future__ import annotations

from pos_app.adapters.pdf_text import fit_size, layout, text_width, wrap


def _pieces(text: str, bold: bool = False) -> list[tuple[str, str]]:
    return [(run.font, str(run.text)) for run in layout(text, 10, bold)]


def test_bidi_isolates_are_dropped_not_a_crash() -> None:
    assert "".join(t for _f, t in _pieces("\u2066abc\u2069 x")) == "abc x"


def test_latin_text_is_one_run_in_dejavu_as_written() -> None:
    assert _pieces("Zoë O'Brien-Müller") == [("LeewaySans", "Zoë O'Brien-Müller")]
    assert _pieces("Zoë", bold=True) == [("LeewaySans-Bold", "Zoë")]


def test_decomposed_accents_are_composed_first() -> None:
    assert _pieces("Zoe\u0308") == [("LeewaySans", "Zoë")]


def test_each_script_goes_to_its_font_and_spaces_stay_with_their_word() -> None:
    # Base direction left to right; the Arabic word is a right-to-left run of its own.
    assert _pieces("Anna 王 محمد दे") == [
        ("LeewaySans", "Anna "), ("LeewayCJK", "王 "), ("LeewayArabic", "ﺪﻤﺤﻣ"),
        ("LeewayArabic", " "), ("LeewayDevanagari", "दे")]
    # Arabic letters go to Noto even though DejaVu has some of them; shaped, they are
    # the joined forms (final, medial, medial, initial from the left).
    assert _pieces("محمد") == [("LeewayArabic", "\ufeaa\ufee4\ufea4\ufee3")]


def test_a_hebrew_word_is_reversed_in_a_latin_line() -> None:
    assert _pieces("Anna כהן") == [("LeewaySans", "Anna "), ("LeewayHebrew", "ןהכ")]


def test_brackets_are_mirrored_in_a_right_to_left_line() -> None:
    # "כהן (3)" reads right to left: the bracket that closes is drawn on the left,
    # as "(", the number inside stays left to right.
    assert "".join(text for _, text in _pieces("כהן (3)")) == "(3) ןהכ"


def test_long_words_without_spaces_break_between_characters() -> None:
    name = "王秀英" * 10
    lines = wrap(name, 10, 60)
    assert len(lines) > 1 and "".join(lines) == name
    assert all(text_width(line, 10) <= 60 for line in lines)


def test_a_mark_never_starts_a_line() -> None:
    word = "देवनागरी" * 4
    lines = wrap(word, 10, 40)
    assert "".join(lines) == word
    assert all(line and not ("\u093e" <= line[0] <= "\u094d") for line in lines)


def test_fit_size_shrinks_to_fit_but_not_below_six_points() -> None:
    name = "Maximiliane Wilhelmina von Hohenzollern-Sigmaringen"
    size = fit_size(name, 13, 220, bold=True)
    assert 6 < size < 13 and text_width(name, size, bold=True) <= 220
    assert text_width(name, size + 0.5, bold=True) > 220  # the largest half point that fits
    assert fit_size("Zoë", 13, 120) == 13
    assert fit_size(name * 5, 13, 50) == 6
