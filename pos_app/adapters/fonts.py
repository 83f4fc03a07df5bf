"""The fonts Leeway bundles in resources/fonts, and which scripts each one is for.

Guests' names come in every script, and neither a voucher printer nor a bare till has
fonts for all of them, so Leeway carries its own (resources/fonts/README.md says which
and why). This table is the one place that says so: the PDF text layout
(:mod:`pos_app.adapters.pdf_text`) picks a font per character from it, and the desk
registers the same files with Qt at start-up. No reportlab, no Qt here: both sides
import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

Ranges = tuple[tuple[int, int], ...]

ARABIC: Ranges = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))
HEBREW: Ranges = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
DEVANAGARI: Ranges = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))
# Han, kana, Hangul, bopomofo and their punctuation and full-width forms.
CJK: Ranges = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x33FF), (0x3400, 0x4DBF),
               (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
               (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3134F))


@dataclass(frozen=True)
class BundledFont:
    """One bundled typeface: its files, the letters it is chosen for, how it is drawn."""

    key: str                 # short name: the PDF font is "Leeway" + key (+ "-Bold")
    regular: str             # file name in FONT_DIR
    bold: str | None         # None: no bold face; bold text is emboldened by stroking
    ranges: Ranges           # letters in these ranges take this font before any other
    shaping: bool            # needs OpenType shaping (joining, reordering, marks)

    def path(self, bold: bool = False) -> Path:
        return FONT_DIR / (self.bold if bold and self.bold else self.regular)

    def prefers(self, codepoint: int) -> bool:
        return any(low <= codepoint <= high for low, high in self.ranges)


# DejaVu Sans first: Latin, Greek, Cyrillic, digits and punctuation, and its .notdef
# box stands in for a character no bundled font has. It also has some Arabic and
# Hebrew, unshaped and unhinted; the Noto fonts are chosen for those scripts by range.
PRIMARY = BundledFont("Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", (), False)
FONTS: tuple[BundledFont, ...] = (
    PRIMARY,
    BundledFont("Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", ARABIC,
                True),
    BundledFont("Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", HEBREW,
                True),
    BundledFont("Devanagari", "NotoSansDevanagari-Regular.ttf",
                "NotoSansDevanagari-Bold.ttf", DEVANAGARI, True),
    # Droid Sans Fallback: Chinese, Japanese and Korean in one TrueType file.
    BundledFont("CJK", "DroidSansFallback.ttf", None, CJK, False),
)


def font_files() -> list[Path]:
    """Every bundled font file that is present (for Qt's font database)."""
    paths = []
    for font in FONTS:
        for name in (font.regular, font.bold):
            if name and (FONT_DIR / name).exists():
                paths.append(FONT_DIR / name)
    return paths
