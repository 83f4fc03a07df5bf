"""Starting the desktop client: QApplication, style, main window."""

from __future__ import annotations

import sys

from pos_app.bootstrap import RESOURCES, open_app, resolve_data_dir
from pos_app.domain.errors import LeewayError


def run(data_dir: str | None, insecure_keyring: bool = False) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pos_app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Leeway")
    qt_app.setOrganizationName("Leeway")
    qt_app.setDesktopFileName("leeway")  # matches packaging/leeway.desktop
    icon = RESOURCES / "icons" / "leeway.svg"
    if icon.exists():
        qt_app.setWindowIcon(QIcon(str(icon)))
    qt_app.setStyleSheet(style_sheet())
    try:
        app = open_app(resolve_data_dir(data_dir), insecure_keyring)
    except Exception as exc:  # the desk must say why, never just vanish
        message = start_problem(exc)
        QMessageBox.critical(None, "Leeway", message)
        print(message, file=sys.stderr)
        return 1
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
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}."
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (f"Leeway could not open this desk's data ({type(exc).__name__}"
            f"{': ' + first if first else ''}).")


def style_sheet() -> str:
    path = RESOURCES / "styles" / "leeway.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
