"""The window's language: Qt translators for our widgets and Qt's own, plus gettext.

Widgets say everything through ``self.tr("...")`` (or ``QCoreApplication.translate``
with an explicit context where there is no QObject); ``pyside6-lupdate`` collects
those into ``pos_app/locale/qt/leeway_<lang>.ts`` and ``pyside6-lrelease`` compiles
them to ``.qm``. Qt's own texts (standard buttons, context menus of line edits) come
from the ``qtbase_<lang>.qm`` that PySide6 ships. Text made outside Qt (engine reasons,
errors, vouchers) follows the same language through :mod:`pos_app.i18n`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos_app.i18n import LOCALE_DIR, use_language

QT_CATALOGS = LOCALE_DIR / "qt"

# Kept alive for the life of the application (Qt does not own installed translators).
_installed: list[QTranslator] = []
# The locale the window speaks (en_US until apply_language says otherwise).
_window_locale = ["en_US"]


def count_text(n: int) -> str:
    """A count as the window's locale writes it ("12,345", "12.345", "12 345")."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_window_locale[0])


def apply_language(locale: str) -> str:
    """Make the window (and gettext) speak ``locale``'s language; returns the language.

    Safe to call again: earlier translators are removed first.
    """
    app = QCoreApplication.instance()
    language = use_language(locale)
    _window_locale[0] = locale
    if app is None:
        return language
    for old in _installed:
        app.removeTranslator(old)
        old.deleteLater()
    _installed.clear()
    QLocale.setDefault(QLocale(locale))
    if language == "en":
        return language
    ours = QTranslator(app)
    if ours.load(str(QT_CATALOGS / f"leeway_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
