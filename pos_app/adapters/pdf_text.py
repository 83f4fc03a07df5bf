"""Lines of text in any script for reportlab PDFs: font fallback, bidi order, shaping.

reportlab draws a string in one font, left to right, one glyph per character. Its own
shaping works within one font and its right-to-left support needs a bidi package that
is not on PyPI, and a guest's name may mix scripts; so each line is laid out here:

1. NFC, then the Unicode bidi levels (python-bidi's reference implementation of the
   algorithm) give each character its direction;
2. each character gets a bundled font (:mod:`pos_app.adapters.fonts`): a letter the
   font for its script, anything else (spaces, digits, marks, joiners) stays with the
   font before it when that font has it, so a word is shaped as one piece. A character
   no bundled font has goes to DejaVu Sans, whose .notdef box prints in its place;
3. runs of one font and one level are shaped with HarfBuzz where the script needs it
   (Arabic joining, Devanagari conjuncts and vowel reordering, Hebrew points), and put
   in display order (rule L2: right-to-left runs reversed);
4. the runs are drawn one after the other; reportlab embeds a subset of each font, so a
   voucher carries only the glyphs it shows.

Fonts are registered with reportlab on first use; the lock makes laying out safe on
the worker threads that render vouchers (shaping adds glyphs to a font's code map).
"""

from __future__ import annotations

import math
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import uharfbuzz
from bidi import algorithm as uba
from bidi.mirror import MIRRORED
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont

from pos_app.adapters.fonts import FONTS, PRIMARY, BundledFont

# Droid Sans Fallback has no bold face: bold CJK is filled and stroked with a line this
# wide (in ems), as browsers do for synthetic bold.
EMBOLDEN = 0.035
MIN_SIZE = 6.0
_lock = threading.RLock()


@dataclass(frozen=True)
class Run:
    """A piece of a line in one font, its glyphs already in display order."""

    font: str          # reportlab font name
    text: str          # a reportlab ShapedStr when HarfBuzz shaped it
    width: float       # points, at the size the line was laid out for
    embolden: bool     # bold asked of a font that has no bold face
    actual: str = ""   # the characters, when some glyphs have none of their own


def font_name(font: BundledFont, bold: bool = False) -> str:
    return "Leeway" + font.key + ("-Bold" if bold and font.bold else "")


_coverage: dict[str, frozenset[int]] = {}


def _ttf(font: BundledFont, bold: bool) -> Any:
    """The reportlab font, registered on first use (the CJK file takes ~0.15 s)."""
    name = font_name(font, bold)
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font.path(bold))))
        ttf = pdfmetrics.getFont(name)
        if name not in _coverage:
            # The font's own characters, before shaping adds private-use codes for
            # glyphs (a U+E000 in a name must not print as a Devanagari conjunct).
            _coverage[name] = frozenset(ttf.face.charToGlyph)
        return ttf


def primary_fonts() -> tuple[str, str]:
    """DejaVu Sans regular and bold, registered (for text that needs no fallback)."""
    return _ttf(PRIMARY, False).fontName, _ttf(PRIMARY, True).fontName


def _covers(font: BundledFont, codepoint: int, bold: bool) -> bool:
    _ttf(font, bold)
    return codepoint in _coverage[font_name(font, bold)]


def _font_for(char: str, current: BundledFont | None, bold: bool) -> BundledFont:
    codepoint = ord(char)
    if (current is not None and not unicodedata.category(char).startswith("L")
            and _covers(current, codepoint, bold)):
        return current
    for font in FONTS:
        if font.prefers(codepoint) and _covers(font, codepoint, bold):
            return font
    for font in FONTS:
        if _covers(font, codepoint, bold):
            return font
    return PRIMARY


def _levels(text: str) -> list[int]:
    """The bidi embedding level of each character (UBA rules P2-P3, X1-X9, W, N, I, L1)."""
    storage = uba.get_empty_storage()
    base = int(uba.get_base_level(text))
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    resolved: dict[int, int] = {c["index"]: int(c["level"]) for c in storage["chars"]}
    # X9 set joiners and embedding marks aside: they take the level before them, so a
    # zero-width joiner stays inside the word it joins.
    levels, last = [], base
    for index in range(len(text)):
        last = resolved.get(index, last)
        levels.append(last)
    end = len(text)
    while end and text[end - 1].isspace():  # L1: trailing spaces at paragraph level
        end -= 1
        levels[end] = base
    return levels


def _shape(font: BundledFont, bold: bool, text: str, rtl: bool) -> tuple[str, float, bool]:
    """HarfBuzz glyphs for one run, in display order; its advance in 1/1000 em; whether
    a glyph has no character of its own."""
    ttf = _ttf(font, bold)
    hb_font = ttf.hbFont()  # also gives ttf.hbAddPrivate, for glyphs no character maps to
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"  # the bidi level decides, not the guess
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(hb_font, buf, {"kern": True})
    face, scale = ttf.face, ttf.pdfScale
    chars, data, total, private = [], [], 0.0, False
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid, advance = info.codepoint, float(scale(pos.x_advance))
        # A joined Arabic form or a Devanagari conjunct has no character of its own:
        # reportlab gives it a private-use code that maps to the glyph in the subset.
        # Only the font's own characters count: reportlab adds the private-use codes it
        # hands out to glyphToChar, so a second layout of the same name (fit_size, then
        # draw) would otherwise lose its ActualText.
        own = _coverage[font_name(font, bold)]
        mapped = [c for c in face.glyphToChar.get(gid, ()) if c in own]
        private = private or not mapped
        code = (mapped[0] if mapped
                else ttf.hbAddPrivate(hb_font.glyph_to_string(gid), gid, advance))
        chars.append(chr(code))
        data.append(ShapeData(info.cluster, advance, scale(pos.y_advance),
                              scale(pos.x_offset), scale(pos.y_offset),
                              face.charWidths.get(code, face.defaultWidth)))
        total += advance
    return ShapedStr("".join(chars), shapeData=data), total, private


def _display_order(runs: list[tuple[int, Run]]) -> list[Run]:
    """UBA rule L2 on whole runs: from the highest level down to the lowest odd one,
    reverse every stretch at that level or above. Each run's own glyphs are already in
    the order its level's parity asks for."""
    levels = [level for level, _ in runs]
    odd = [level for level in levels if level % 2]
    if odd:
        for level in range(max(levels), min(odd) - 1, -1):
            i = 0
            while i < len(runs):
                if runs[i][0] < level:
                    i += 1
                    continue
                j = i
                while j < len(runs) and runs[j][0] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
    return [run for _, run in runs]


def layout(text: str, size: float, bold: bool = False) -> list[Run]:
    """One line of text as runs in display order (left to right)."""
    return list(_layout(text, size, bold))


# Laying out is pure for a given line, size and weight (runs are frozen; the private
# glyph codes reportlab gives shaped text are kept in the font for good), and a voucher
# lays out the same terms, and each word of a line being wrapped, again and again.
@lru_cache(maxsize=4096)
def _layout(text: str, size: float, bold: bool) -> tuple[Run, ...]:
    # Control characters become spaces; the bidi isolates (U+2066-2069) are dropped, as
    # python-bidi's reference algorithm does not know them (names never carry them).
    text = unicodedata.normalize("NFC", "".join(
        " " if unicodedata.category(c) == "Cc" else c for c in text
        if not "\u2066" <= c <= "\u2069"))
    if not text:
        return ()
    with _lock:
        pieces: list[tuple[int, BundledFont, str]] = []
        current: BundledFont | None = None
        for char, level in zip(text, _levels(text), strict=True):
            font = _font_for(char, current, bold)
            if pieces and pieces[-1][0] == level and pieces[-1][1] is font:
                pieces[-1] = (level, font, pieces[-1][2] + char)
            else:
                pieces.append((level, font, char))
            current = font
        runs: list[tuple[int, Run]] = []
        for level, font, piece in pieces:
            rtl, name = level % 2 == 1, font_name(font, bold)
            embolden = bold and font.bold is None
            if font.shaping:
                shaped, advance, private = _shape(font, bold, piece, rtl)
                runs.append((level, Run(name, shaped, advance * size / 1000, embolden,
                                        piece if private else "")))
            else:
                shown = "".join(MIRRORED.get(c, c) for c in reversed(piece)) if rtl else piece
                width = float(pdfmetrics.stringWidth(shown, name, size))
                runs.append((level, Run(name, shown, width, embolden)))
    return tuple(_display_order(runs))


def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(run.width for run in layout(text, size, bold))


def fit_size(text: str, size: float, width: float, bold: bool = False) -> float:
    """The largest size, in half points and not below 6, at which one line fits."""
    natural = text_width(text, size, bold)
    if natural <= width:
        return size
    return max(MIN_SIZE, math.floor(2 * size * width / natural) / 2)


def draw(canvas: Any, x: float, y: float, text: str, size: float, bold: bool = False,
         align: str = "centre") -> float:
    """Draw one line at baseline y, aligned on x ("left", "centre" or "right") in the
    canvas's fill colour; return its width."""
    runs = layout(text, size, bold)
    width = sum(run.width for run in runs)
    start = x - {"left": 0.0, "centre": width / 2, "right": width}[align]
    canvas.saveState()
    if any(run.embolden for run in runs):
        canvas.setLineWidth(size * EMBOLDEN)
        canvas.setLineJoin(1)
        # The stroke thickens the glyphs in their own colour.
        canvas.setStrokeColor(canvas._fillColorObj)
    with _lock:  # text out assigns subset codes, reading the code maps shaping adds to
        for run in runs:
            obj = canvas.beginText(start, y)
            obj.setFont(run.font, size)
            obj.setTextRenderMode(2 if run.embolden else 0)
            obj.textOut(run.text)
            if run.actual:
                # A conjunct's private-use code means nothing to a text extractor:
                # the marked content says which characters the glyphs show.
                utf16 = ("\ufeff" + run.actual).encode("utf-16-be").hex().upper()
                canvas.addLiteral(f"/Span <</ActualText <{utf16}>>> BDC")
            canvas.drawText(obj)
            if run.actual:
                canvas.addLiteral("EMC")
            start += run.width
    canvas.restoreState()
    return width


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break text into lines that fit: at spaces, and inside a word (between whole
    characters with their marks) only when the word alone is too wide, as CJK is."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            joined = line + char
            if (line and not unicodedata.category(char).startswith("M")
                    and text_width(joined, size, bold) > width):
                lines.append(line)
                joined = char
            line = joined
    if line:
        lines.append(line)
    return lines
