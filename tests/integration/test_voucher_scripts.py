"""Guests' names in every script on a real voucher PDF.

Each voucher is rendered by the real renderer and read back by independent tools:
pypdf for the embedded fonts, fontTools for which glyphs those fonts carry (an
embedded subset's outlines are matched to the bundled font's named glyphs), PDFium for
the ink on the page and each character's position, zxing for the QR code and barcode.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_vouchers import _decode

from pos_app.adapters.fonts import FONT_DIR, FONTS
from pos_app.adapters.vouchers.pdf import render_voucher
from pos_app.services.desk import VoucherFace

CODE = "7K3M-9QXD-2WPA"
DPI = 150


def _face(name: str) -> VoucherFace:
    return VoucherFace(
        store_name="Test Hotel", customer_name=name, value_text="$25.00",
        headline="Credit", apology="We are sorry about the wait.",
        expires_text="Valid until 12 May 2027", terms="Single use. Not for cash.",
        code=CODE, issued_by="Ana", issued_text="Issued 12 May 2026")


def _render(name: str, layout: str = "a6") -> bytes:
    return render_voucher(_face(name), layout)


def _fonts(pdf: bytes) -> dict[str, Any]:
    """Embedded fonts by PostScript name, without the subset tag (``AAAAAA+``)."""
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    named = {}
    for ref in fonts.values():
        font = ref.get_object()
        if "/FontDescriptor" in font:  # not reportlab's unused default, Helvetica
            named[str(font["/BaseFont"]).lstrip("/").split("+")[-1]] = font
    return named


def _outline(font: TTFont, glyph: str) -> tuple[Any, ...]:
    glyf = font["glyf"]
    coordinates, ends, flags = glyf[glyph].getCoordinates(glyf)
    return tuple(map(tuple, coordinates)), tuple(ends), bytes(flags)


def _glyphs_shown(pdf: bytes, font_name: str) -> set[str]:
    """The bundled font's glyph names whose outlines the PDF's subset of it carries."""
    embedded = _fonts(pdf)[font_name]["/FontDescriptor"]["/FontFile2"].get_object()
    subset = TTFont(io.BytesIO(embedded.get_data()))
    original = TTFont(str(FONT_DIR / f"{font_name}.ttf"))
    names: dict[tuple[Any, ...], set[str]] = {}
    for glyph in original.getGlyphOrder():
        names.setdefault(_outline(original, glyph), set()).add(glyph)
    shown: set[str] = set()
    for glyph in subset.getGlyphOrder()[1:]:  # glyph 0 is .notdef in every subset
        shown |= names[_outline(subset, glyph)]
    return shown


def _page(pdf: bytes) -> Any:
    return pdfium.PdfDocument(pdf)[0]


def _ink(pdf: bytes) -> Any:
    return _page(pdf).render(scale=DPI / 72, grayscale=True).to_pil()


def _name_ink(name: str) -> int:
    """Pixels that differ between the voucher for ``name`` and the same voucher with
    no name: the ink of the name itself."""
    from PIL import ImageChops

    with_name, without = _ink(_render(name)), _ink(_render(""))
    diff = ImageChops.difference(with_name, without).point(lambda v: 255 if v > 64 else 0)
    return int(diff.histogram()[255])


def _chars_left_to_right(pdf: bytes, inside: str) -> str:
    """The characters PDFium finds on the line where the characters of ``inside`` are,
    ordered by where they stand on the page (left to right), spaces left out."""
    text = _page(pdf).get_textpage()
    boxes = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    band = [box for char, box in boxes if char and char in inside]
    bottom, top = min(b[1] for b in band), max(b[3] for b in band)
    line = [(box[0], char) for char, box in boxes
            if char.strip() and bottom - 2 <= (box[1] + box[3]) / 2 <= top + 2]
    return "".join(char for _, char in sorted(line))


SCRIPTS = [
    ("王秀英", "DroidSansFallback"),               # Chinese
    ("山田 太郎", "DroidSansFallback"),            # Japanese
    ("김민준", "DroidSansFallback"),               # Korean
    ("محمد عبد الله", "NotoSansArabic-Bold"),
    ("דוד כהן 3", "NotoSansHebrew-Bold"),
    ("देवनागरी", "NotoSansDevanagari-Bold"),
    ("Ζωή Ελευθερίου", "DejaVuSans-Bold"),
]


@pytest.mark.parametrize(("name", "font"), SCRIPTS)
def test_each_script_prints_in_its_bundled_font_and_the_codes_still_decode(
        name: str, font: str, tmp_path: Path) -> None:
    pdf = _render(name)
    assert font in _fonts(pdf)
    assert _name_ink(name) > 150  # the name is printed, not left blank
    # Copying the name out of the PDF gives the name back (PDFium: ToUnicode and
    # ActualText), whatever glyphs shaping chose.
    text = unicodedata.normalize("NFKC", _page(pdf).get_textpage().get_text_range())
    assert name in text
    path = tmp_path / "voucher.pdf"
    path.write_bytes(pdf)
    assert _decode(path) == {"QRCode": CODE, "Code128": CODE}


def test_conjuncts_copy_out_as_written_every_time_a_name_is_laid_out() -> None:
    # A voucher lays the name out twice (fit it, then draw it), and a process prints
    # many vouchers: the conjuncts' ActualText must survive both.
    name = "क्षत्रिय लक्ष्मी"
    for _ in range(2):
        text = unicodedata.normalize("NFKC", _page(_render(name)).get_textpage()
                                     .get_text_range())
        assert name in text


def test_arabic_letters_are_joined_not_isolated() -> None:
    shown = _glyphs_shown(_render("محمد عبد الله"), "NotoSansArabic-Bold")
    # Presentation-form glyphs, named after their Unicode code points: meem initial,
    # hah medial, meem medial, dal final; ain initial, beh medial; lam initial, lam
    # medial, heh final.
    joined = {"uniFEE3", "uniFEA4", "uniFEE4", "uniFEAA", "uniFECB", "uniFE92", "uniFEDF",
              "uniFEE0", "uniFEEA"}
    assert joined <= shown
    # No letter of the name stands alone except the alef, which never joins leftwards.
    isolated = {"uni0645", "uni062D", "uni062F", "uni0639", "uni0628", "uni0644", "uni0647"}
    assert not isolated & shown


def test_devanagari_conjuncts_are_formed() -> None:
    pdf = _render("लक्ष्मी")
    shown = _glyphs_shown(pdf, "NotoSansDevanagari-Bold")
    assert {"ladeva", "madeva", "iivowelsigndeva"} <= shown
    # क्ष्म: the conjunct's own glyph, and no visible virama (a halant under each
    # consonant is what an unshaped name looks like).
    assert "kassaprehalfdeva" in shown
    assert "viramadeva" not in shown


def test_right_to_left_names_read_in_visual_order() -> None:
    # A Hebrew name with a number: the paragraph is right-to-left, the digit stays
    # left-to-right and stands at the reading end (the left).
    assert _chars_left_to_right(_render("דוד כהן 3"), "דוכהן") == "3ןהכדוד"
    # Arabic, its glyphs are presentation forms; the letters run right to left.
    arabic = _chars_left_to_right(_render("محمد عبد الله"), "محمدعبالله")
    assert unicodedata.normalize("NFKC", arabic) == "هللادبعدمحم"
    # A Latin paragraph: the Hebrew word reversed in place, the number after it on
    # its left (bidi rule W/N/I), then the Chinese.
    assert _chars_left_to_right(_render("Anna כהן 12 王"), "כהן王") == "Anna12ןהכ王"


def test_a_name_mixing_five_scripts_embeds_each_font() -> None:
    name = "Anna 王 محمد दे דוד 12"
    pdf = _render(name)
    fonts = set(_fonts(pdf))
    assert {"DejaVuSans-Bold", "DroidSansFallback", "NotoSansArabic-Bold",
            "NotoSansDevanagari-Bold", "NotoSansHebrew-Bold"} <= fonts
    assert _name_ink(name) > 300


def _codes_drawn(page: Any) -> bytes:
    """Every character code the page's text operators show."""
    def raw(value: Any) -> bytes:
        if hasattr(value, "get_original_bytes"):  # pypdf's TextStringObject
            return bytes(value.get_original_bytes())
        return bytes(value) if isinstance(value, bytes) else b""

    codes = b""
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"Tj":
            codes += raw(operands[0])
        elif operator == b"TJ":
            codes += b"".join(raw(item) for item in operands[0])
    return codes


def _covered_anywhere(char: str) -> bool:
    return any(ord(char) in TTFont(str(font.path())).getBestCmap() for font in FONTS)


def test_a_character_no_font_has_prints_a_box_and_the_rest_still_prints(
        tmp_path: Path) -> None:
    unknown = "\ue000\U0001f984"  # a private-use character; a unicorn (no emoji font)
    assert not any(_covered_anywhere(char) for char in unknown)
    name = f"Zoë {unknown} 王"
    for layout in ("a6", "receipt"):
        pdf = _render(name, layout)
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        assert "Zoë" in page.extract_text()
        assert "DroidSansFallback" in _fonts(pdf)
        # reportlab's code 0 of a subset is the .notdef glyph: the box is drawn.
        assert b"\x00" in _codes_drawn(page)
        path = tmp_path / f"{layout}.pdf"
        path.write_bytes(pdf)
        assert _decode(path) == {"QRCode": CODE, "Code128": CODE}


def test_a_latin_voucher_does_not_grow() -> None:
    # Only the fonts a name needs are embedded, and only their glyphs (subsets).
    pdf = _render("Zoë Müller")
    assert set(_fonts(pdf)) == {"DejaVuSans", "DejaVuSans-Bold"}
    assert len(_render("王秀英")) < 120_000
