"""The desk's settings a person may change after ``init``: its locale and time zone.

The locale decides how money, dates and times are written and the language of vouchers
and of the window; its territory is also the region that reads phone numbers typed
without a country code, as ``init`` sets it. The time zone decides how stored (UTC)
times are shown; none set means the system's zone. Stored times never change.

A change is one ``terminal.settings_changed`` event in the audit chain, saying what the
settings were and what they are. A window that is already open keeps what it started
with; it shows the new settings from its next start.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import ident
from pos_app.domain.zones import effective_zone_name, parse_zone
from pos_app.i18n import _, environment_locale
from pos_app.services.desk import Desk

DEFAULT_LOCALE = "en_US"
# Language, optional script, optional territory: 'de', 'de_DE', 'sr_Cyrl_BA', 'es_419'.
# Fits the terminal row's 20 characters.
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z]{4})?(?:_(?:[A-Za-z]{2}|[0-9]{3}))?")


@dataclass(frozen=True)
class DeskSettings:
    locale: str
    region: str
    time_zone: str | None  # an IANA key; None: the system's zone

    @property
    def shown_zone(self) -> str:
        """The zone times are shown in now (the system's, when none is set)."""
        return effective_zone_name(self.time_zone)


def parse_locale(text: str) -> str:
    """A locale as typed ('de-DE', 'de_de') in Babel's spelling ('de_DE').

    Raises :class:`InvalidInput` for anything Babel does not know as given: Babel would
    answer 'de_ZZ' with de_DE and 'und' with en_US, and a desk's setting must never be
    silently something else than what was asked for.
    """
    from babel import Locale, UnknownLocaleError

    # An encoding or modifier says nothing about the locale ('de_DE.UTF-8', 'de_DE@euro').
    name = text.strip().split(".")[0].split("@")[0].replace("-", "_")
    canonical = None
    if _LOCALE.fullmatch(name):
        try:
            parsed = Locale.parse(name)
        except (UnknownLocaleError, ValueError, TypeError):
            parsed = None
        # Babel may add a script ('zh_CN' is zh_Hans_CN, 'sr_RS' sr_Cyrl_RS); it must not
        # change the language, territory or variant that were asked for.
        if parsed is not None and "_".join(
                p for p in (parsed.language, parsed.territory, parsed.variant) if p
        ).lower() == "_".join(p for p in name.split("_")
                              if p.lower() != (parsed.script or "").lower()).lower():
            canonical = str(parsed)
    if canonical is None:
        raise InvalidInput(_("{locale} is not a locale; give one like en_US or de_DE.")
                           .format(locale=ident(text, 40)))
    return canonical


def region_of(locale: str, fallback: str = "US") -> str:
    """The two-letter territory of a locale, or ``fallback`` ('es_419', 'de')."""
    from babel import Locale

    territory = Locale.parse(locale).territory or ""
    return territory if re.fullmatch(r"[A-Z]{2}", territory) else fallback


def system_locale(environ: dict[str, str] | None = None) -> str:
    """The locale the environment asks for, as a desk's setting, or en_US.

    A language alone gets its likely territory ('de' -> 'de_DE'), so the desk's region
    reads phone numbers the way that country writes them.
    """
    from babel import Locale
    from babel.core import get_global

    found = environment_locale(environ)
    if not found:
        return DEFAULT_LOCALE
    try:
        locale = parse_locale(found)
    except InvalidInput:
        return DEFAULT_LOCALE
    parsed = Locale.parse(locale)
    if parsed.territory is None:
        likely = get_global("likely_subtags").get(parsed.language)  # 'de' -> 'de_Latn_DE'
        territory = Locale.parse(likely).territory if likely else None
        if territory:
            try:
                return parse_locale(f"{locale}_{territory}")
            except InvalidInput:
                pass
    return locale


def desk_settings(desk: Desk) -> DeskSettings:
    with desk.uows() as uow:
        term = uow.terminal()
    return DeskSettings(term.locale, term.region, term.time_zone)


def change_settings(desk: Desk, locale: str | None = None, time_zone: str | None = None
                    ) -> tuple[DeskSettings, DeskSettings]:
    """Set the locale and/or the time zone (as typed; 'system' follows the system's).

    Both are checked before anything is written, so a bad one changes nothing. Returns
    (before, after); nothing is recorded when nothing changes.
    """
    new_locale = parse_locale(locale) if locale is not None else None
    new_zone = parse_zone(time_zone) if time_zone is not None else None
    with desk.uows(write=True) as uow:
        term = uow.terminal()
        before = DeskSettings(term.locale, term.region, term.time_zone)
        after = DeskSettings(
            new_locale or before.locale,
            region_of(new_locale, before.region) if new_locale else before.region,
            new_zone if time_zone is not None else before.time_zone)
        if after == before:
            return before, after
        uow.terminals.update_settings(after.locale, after.region, after.time_zone)
        uow.events.append("terminal.settings_changed",
                          {"before": asdict(before), "after": asdict(after)}, actor=None)
        uow.commit()
    return before, after
