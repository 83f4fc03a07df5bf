"""The bundled fonts on screen: registered at start-up, Qt falls back to them, so a
till whose system has only a Latin font still shows every guest's name.

Qt's own layout says which font drew each glyph (glyph 0 is the font's .notdef box),
and a grab of a real label shows the ink.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from pos_app.ui.app import register_fonts

NAMES = ["王秀英", "山田 太郎", "김민준", "محمد عبد الله", "דוד כהן 3", "देवनागरी लक्ष्मी",
         "Ζωή Ελευθερίου"]


def _glyphs(text: str) -> list[tuple[str, list[int]]]:
    """(font family, glyph indexes) for each run Qt shapes the text into."""
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes()))
            for run in layout.glyphRuns()]


def _ink(label: QLabel) -> int:
    image = label.grab().toImage()
    background = QColor(image.pixel(0, 0))
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 80)


def test_the_bundled_families_are_registered(qtbot: Any) -> None:
    families = register_fonts()
    assert {"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari",
            "Droid Sans Fallback", "DejaVu Sans"} <= set(families)
    assert register_fonts() == families  # once per process


@pytest.mark.parametrize("name", NAMES)
def test_every_script_has_glyphs_and_ink_on_screen(qtbot: Any, name: str) -> None:
    register_fonts()
    runs = _glyphs(name)
    assert runs and all(glyph != 0 for _, glyphs in runs for glyph in glyphs), runs
    label = QLabel(name)
    qtbot.addWidget(label)
    font = label.font()
    font.setPointSize(16)
    label.setFont(font)
    label.show()
    qtbot.waitExposed(label)
    assert _ink(label) > 40


def test_a_character_no_font_has_is_a_box(qtbot: Any) -> None:
    # The check above can fail: a private-use character gets glyph 0.
    register_fonts()
    assert any(0 in glyphs for _, glyphs in _glyphs("a\ue000"))


def test_cjk_and_devanagari_come_from_a_font_that_has_them(qtbot: Any) -> None:
    register_fonts()
    for text in ("王秀英", "김민준", "लक्ष्मी"):
        families = {family for family, _ in _glyphs(text)}
        assert families and "DejaVu Sans" not in families  # DejaVu has none of them
