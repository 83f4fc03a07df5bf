"""Text in a person's language for everything said outside Qt widgets.

Engine reasons, errors raised by the domain and services, voucher and report PDFs and
the command line's messages are written in English in the source and looked up here in
GNU gettext catalogs made with Babel (``pos_app/locale/<lang>/LC_MESSAGES/leeway.po``,
compiled to ``.mo`` beside it; ``make translations`` extracts and compiles). Qt's
widgets use Qt's own tooling instead (``self.tr`` and ``pos_app/locale/qt/*.ts``), see
``pos_app/ui/language.py``.

Conventions, so that extraction finds every sentence and translators can reorder words:

* ``_("Saved {field}.").format(field=...)``: translate first, then fill named
  placeholders. Never an f-string inside ``_()`` (it would not be found, and the
  translated text would differ for every value).
* ``N_("...")`` marks text that is translated later (module constants, templates).
* ``ngettext("{n} decision", "{n} decisions", n).format(n=n)`` for counts.

One language is "current" per process: the command line takes it from the environment
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as other command-line tools do);
the window takes the desk's locale. A voucher is always printed in the desk's locale,
whoever asked for it, through :func:`translator`.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

DOMAIN = "leeway"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Languages shipped complete; anything else falls back to English.
LANGUAGES = ("en", "de", "es")

class _Current:
    """The process's language (one object, so nothing needs ``global``)."""

    language = "en"
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def language_of(locale: str | None) -> str:
    """The shipped language for a locale name ('de_AT.UTF-8' -> 'de'; 'C' -> 'en')."""
    if not locale:
        return "en"
    code = locale.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def environment_locale(environ: dict[str, str] | None = None) -> str | None:
    """The locale the environment asks for, in gettext's order, or None for C/POSIX.

    ``LANGUAGE`` may list several ("de:en"); the first shipped one wins. As in GNU
    gettext, an explicit ``C`` or ``POSIX`` locale (``LC_ALL=C``, what scripts set to
    get untranslated output) wins over ``LANGUAGE``.
    """
    env = os.environ if environ is None else environ
    chosen = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    if chosen in ("C", "POSIX"):
        return None
    for candidate in env.get("LANGUAGE", "").split(":"):
        base = candidate.split(".")[0].split("@")[0]
        # A preference list: skip what is not shipped, try the next.
        if base and base.split("_")[0].lower() in LANGUAGES:
            return base
    base = chosen.split(".")[0].split("@")[0]
    return base if base and base not in ("C", "POSIX") else None


@lru_cache(maxsize=8)
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog for a shipped language (English: the source text itself)."""
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except OSError:  # a catalog missing from a broken install: English, never a crash
        return gettext.NullTranslations()


def use_language(locale: str | None) -> str:
    """Make ``locale``'s language current for this process; returns the language used."""
    _Current.language = language_of(locale)
    _Current.catalog = catalog(_Current.language)
    return _Current.language


def current_language() -> str:
    return _Current.language


def _(message: str) -> str:
    """``message`` in the current language (the English source if untranslated)."""
    if not message:  # gettext("") is the catalog's header, never a sentence
        return message
    return _Current.catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _Current.catalog.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def translator(locale: str | None) -> Callable[[str], str]:
    """A ``gettext`` for one locale's language, whatever the current one is."""
    found = catalog(language_of(locale))
    return lambda message: found.gettext(message) if message else message
