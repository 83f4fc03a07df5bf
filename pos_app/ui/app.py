"""Starting the desktop client: QApplication, bundled fonts, style, main window.

The sign-in screen comes first and the desk opens behind it: the window's frame needs
only Qt and a glance at the database (store name, language; stdlib sqlite3), while the
data layer (SQLAlchemy, the keyring, Alembic when the schema is behind) and the counter's
modules load on a worker. A sign-in typed meanwhile waits for the desk and is then
checked; a desk that cannot open says why in a dialog.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.bootstrap import DB_NAME, RESOURCES, resolve_data_dir
from pos_app.domain.errors import LeewayError

if TYPE_CHECKING:
    from pos_app.bootstrap import App
    from pos_app.ui.main_window import MainWindow


def run(data_dir: str | None, insecure_keyring: bool = False) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

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
    failed: list[str] = []

    def cannot_start(exc: BaseException) -> None:  # the desk must say why, never vanish
        message = start_problem(exc)
        failed.append(message)
        QMessageBox.critical(None, QCoreApplication.translate("start_problem", "Leeway"),
                             message)
        print(message, file=sys.stderr)
        qt_app.exit(1)

    try:
        folder = resolve_data_dir(data_dir)
    except LeewayError as exc:
        from pos_app.i18n import environment_locale
        from pos_app.ui.language import apply_language

        apply_language(environment_locale() or "en_US")
        cannot_start(exc)
        return 1
    try:
        window = show_window(folder, insecure_keyring, cannot_start)
    except Exception as exc:  # before the event loop: say why all the same
        cannot_start(exc)
        return 1
    code = qt_app.exec()
    # Closed while the desk was still opening: wait for the opening (its worker closes
    # that desk) and deliver an answer that crossed the closing (``opened`` closes it).
    window.tasks.shutdown()
    QCoreApplication.processEvents()
    if window.is_open:
        window.app.close()
    return 1 if failed else int(code)


def show_window(folder: Path, insecure_keyring: bool,
                on_error: Callable[[BaseException], None] | None = None) -> MainWindow:
    """Show the main window with its sign-in screen now and open the desk in ``folder``
    on a worker; the window's ``desk_opened`` signal says when the counter is there.
    ``on_error(exc)`` is called (on the UI thread) if the desk cannot open."""
    from pos_app.adapters.db.peek import glance_terminal
    from pos_app.i18n import environment_locale
    from pos_app.ui.language import apply_language
    from pos_app.ui.main_window import MainWindow

    glance = glance_terminal(folder / DB_NAME)
    # The desk's own language from the first screen; the system's if it cannot be read
    # (a desk that cannot start then says why in it).
    locale = glance.locale if glance else environment_locale() or "en_US"
    apply_language(locale)
    window = MainWindow(None, store=glance.store_name if glance else "")
    window.show()

    def open_desk() -> tuple[App, str] | None:
        result = _open_desk(folder, insecure_keyring)
        if window.closing.is_set():  # closed meanwhile: nobody will use this desk
            result[0].close()
            return None
        return result

    def opened(result: tuple[App, str] | None) -> None:
        if result is None:
            return
        app, store = result
        if not window.isVisible():  # closed just after the worker looked
            app.close()
            return
        try:
            if app.locale != locale:
                apply_language(app.locale)
            window.attach(app, store)
        except Exception as exc:  # building the counter failed: say so, like opening
            window.app_failed()
            app.close()
            if on_error is None:
                raise
            on_error(exc)

    window.tasks.run_write(open_desk, opened, on_error)
    return window


def open_app(data_dir: Path, insecure_keyring: bool = False) -> App:
    """pos_app.bootstrap.open_app, imported when called (on the opening worker)."""
    from pos_app.bootstrap import open_app as open_desk

    return open_desk(data_dir, insecure_keyring)


def _open_desk(folder: Path, insecure_keyring: bool) -> tuple[App, str]:
    """On a worker: open the desk, read what the window's first step needs, and load the
    counter's modules (importing is most of the time; building the widgets is the UI
    thread's)."""
    app = open_app(folder, insecure_keyring)
    try:
        with app.uow() as uow:
            store = uow.terminal().store_name
        app.policy()  # read once here; cached by version for the window
        import pos_app.services.audit  # noqa: F401
        import pos_app.ui.counter  # noqa: F401
        import pos_app.ui.far_answer  # noqa: F401
        import pos_app.ui.sync_status  # noqa: F401
    except BaseException:
        app.close()
        raise
    return app, store


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
