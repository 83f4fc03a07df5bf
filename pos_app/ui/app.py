"""Starting the desktop client: QApplication, bundled fonts, style, main window."""

from __future__ import annotations

import sys
from functools import cache

from pos_app.bootstrap import RESOURCES, open_app, resolve_data_dir
from pos_app.domain.errors import LeewayError


def run(data_dir: str | None, insecure_keyring: bool = False) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pos_app.i18n import environment_locale
    from pos_app.ui.language import apply_language
    from pos_app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Leeway")
    qt_app.setOrganizationName("Leeway")
    qt_app.setDesktopFileName("leeway")  # matches packaging/leeway.desktop
    icon = RESOURCES / "icons" / "leeway.svg"
    if icon.exists():
        qt_app.setWindowIcon(QIcon(str(icon)))
    register_fonts()
    qt_app.setStyleSheet(style_sheet())
    # Until the desk is open, speak the system's language (a desk that cannot start
    # says why in it); then the desk's own locale, which may be a setting.
    apply_language(environment_locale() or "en_US")
    try:
        app = open_app(resolve_data_dir(data_dir), insecure_keyring)
    except Exception as exc:  # the desk must say why, never just vanish
        message = start_problem(exc)
        QMessageBox.critical(None, QCoreApplication.translate("start_problem", "Leeway"),
                             message)
        print(message, file=sys.stderr)
        return 1
    apply_language(app.locale)
    window = MainWindow(app)
    window.show()
    code = qt_app.exec()
    app.close()
    return int(code)


def start_problem(exc: BaseException) -> str:
    """One sentence for a desk that cannot start (the same wording as the CLI's)."""
    if isinstance(exc, LeewayError):
        return str(exc)
    from pos_app.adapters.db.checks import damaged

    if (sentence := damaged(exc)) is not None:
        return sentence
    from PySide6.QtCore import QCoreApplication

    if isinstance(exc, OSError):
        error = exc.strerror or exc
        if exc.filename:
            return QCoreApplication.translate("start_problem", "{file}: {error}.").format(
                file=exc.filename, error=error)
        return QCoreApplication.translate("start_problem", "{error}.").format(error=error)
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    if first:
        return QCoreApplication.translate(
            "start_problem", "Leeway could not open this desk's data ({kind}: {detail})."
        ).format(kind=type(exc).__name__, detail=first)
    return QCoreApplication.translate(
        "start_problem", "Leeway could not open this desk's data ({kind})."
    ).format(kind=type(exc).__name__)


@cache
def register_fonts() -> tuple[str, ...]:
    """Add the bundled fonts (pos_app.adapters.fonts) to Qt's font database, once per
    process, and return their families. Qt falls back to them for a character the
    style's font lacks, so a till whose system has no Chinese, Japanese, Korean, Arabic,
    Hebrew or Devanagari font still shows guests' names as written."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontDatabase

    from pos_app.adapters.fonts import font_files

    families: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:  # a damaged file: that script shows as boxes, the desk still starts
            print(QCoreApplication.translate("register_fonts", "Qt cannot read the font {path}.")
                  .format(path=path), file=sys.stderr)
            continue
        families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                     if f not in families]
    return tuple(families)


def style_sheet() -> str:
    path = RESOURCES / "styles" / "leeway.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
