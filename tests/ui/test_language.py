"""The real window in Spanish and German: what a person sees is in their language.

The desk's locale decides (a terminal initialised as de_DE speaks German). Every text a
widget shows (labels, buttons, placeholders, titles, tab and header texts, accessible
names) is collected on the sign-in screen, the counter with a guest open and the
recovery confirmation; none may be an English sentence the catalogs translate (that
would mean a translator is bypassed), and money follows the locale.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from tests.ui.keys import open_guest, sign_in

LOCALES = Path(__file__).resolve().parents[2] / "pos_app" / "locale" / "qt"


def _catalog(language: str) -> dict[str, str]:
    """English source -> translation, for sentences whose translation differs."""
    out = {}
    for message in ET.parse(LOCALES / f"leeway_{language}.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        text = (node.text or "") if node is not None else ""
        if text and text != source and "%n" not in source:
            out[source] = text
    return out


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text().replace("&", ""))
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        texts.append(widget.accessibleName())
        if widget.isWindow():
            texts.append(widget.windowTitle())
    return [t for t in texts if t]


@pytest.fixture(params=["de_DE", "es_ES"])
def foreign_window(request: Any, qtbot: Any, data_dir: Path) -> Iterator[tuple[Any, str]]:
    from pos_app.bootstrap import init_terminal
    from pos_app.ui.language import apply_language
    from pos_app.ui.main_window import MainWindow

    app = init_terminal(data_dir, terminal_id="test-desk", store="Test Hotel", demo=True,
                        locale=request.param)
    apply_language(app.locale)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w, request.param[:2]
    w.close()
    app.close()
    apply_language("en_US")


def _english_left(w: QWidget, language: str) -> list[str]:
    catalog = _catalog(language)
    shown = set()
    for window in [w, *(x for x in QApplication.topLevelWidgets() if x.isVisible())]:
        shown.update(_visible_texts(window))
    return sorted(t for t in shown if t in catalog)


def test_the_desk_speaks_the_desks_language(qtbot: Any,
                                            foreign_window: tuple[Any, str]) -> None:
    w, language = foreign_window
    catalog = _catalog(language)
    assert len(catalog) > 300
    assert catalog["Sign in"] in _visible_texts(w)
    assert _english_left(w, language) == []
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    assert _english_left(w, language) == []
    # Money in the locale: a preset reads "20,00 $" (de) / "20,00 US$" (es), never "$20.00".
    buttons = [b.text() for b in w.counter.findChildren(QAbstractButton) if b.isVisible()]
    assert not any("$" in b and "." in b.split("$")[-1] for b in buttons), buttons
