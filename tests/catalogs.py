"""A small gettext catalog made inside a test, in place of the shipped ones.

Tests of *how* text is translated (the command line picks its language, a voucher
follows the desk's) use their own few entries, so they do not depend on the shipped
wording; the shipped catalogs are checked by tests/unit/test_translations.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from pos_app import i18n


@contextmanager
def made_catalog(folder: Path, monkeypatch: pytest.MonkeyPatch, language: str,
                 entries: dict[str, str]) -> Iterator[None]:
    """Make ``entries`` the ``language`` catalog until the block ends."""
    catalog = Catalog(locale=language, domain=i18n.DOMAIN)
    for source, translated in entries.items():
        catalog.add(source, translated)
    messages = folder / "locale" / language / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / f"{i18n.DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder / "locale")
    i18n.catalog.cache_clear()
    try:
        yield
    finally:
        i18n.use_language(None)
        i18n.catalog.cache_clear()  # the shipped catalogs again once LOCALE_DIR is restored
