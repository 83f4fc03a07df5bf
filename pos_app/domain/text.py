"""Text from people and files: what a field may hold, and how input is quoted back.

Three rules, kept in one place so every field and every message follows the same ones:

- a *line* (a name, a city, an ID) may be written in any script but holds nothing
  invisible: no control characters, no format characters such as U+200B or the bidi
  overrides that reorder what a reader sees, no line or paragraph separators;
- *free text* (a note) may span lines; other control characters and terminal escape
  sequences are dropped as it comes in, so they never reach a log, a CSV or a terminal;
- input quoted inside a message is escaped and shortened (:func:`quoted`), so a message
  stays one line and prints nothing raw, whatever was typed.
"""

from __future__ import annotations

import re
import unicodedata

from pos_app.domain.errors import InvalidInput
from pos_app.i18n import _

# ZWNJ and ZWJ are part of correct spelling in Persian and Indic scripts, and join emoji
# sequences (a family, a flag); every other format character is invisible at best.
JOINERS = frozenset("\u200c\u200d")
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
# CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \) and two-byte ESC sequences:
# removed whole, so no "[2J" is left behind when the ESC itself goes.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
QUOTE_LIMIT = 60
PATH_LIMIT = 160  # a file path in a message: long enough to tell folders apart


def is_invisible(ch: str) -> bool:
    """A character that changes or hides what a reader sees instead of being read."""
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES and ch not in JOINERS


def has_invisible(text: str) -> bool:
    if text.isprintable():  # the common case, checked in C
        return False
    return any(is_invisible(ch) for ch in text)


def clean_line(value: str, limit: int) -> str | None:
    """``value`` trimmed, when :func:`check_line` would return it unchanged (already NFC,
    nothing invisible, short enough); else None. Checked in C: the common case of a
    million-row import, which then never needs the translated label of a message."""
    text = (value or "").strip()
    if len(text) <= limit and text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text
    return None


def check_line(label: str, value: str, limit: int) -> str:
    """One line of text a person typed: NFC, trimmed, at most ``limit`` characters,
    nothing invisible. Raises :class:`InvalidInput` naming ``label`` (in the language
    already: callers translate it)."""
    clean = clean_line(value, limit)
    if clean is not None:
        return clean
    text = unicodedata.normalize("NFC", (value or "").strip())
    if len(text) > limit:
        raise InvalidInput(_("{label} is too long ({count} characters; at most {limit}).").format(
            label=label, count=len(text), limit=limit))
    if has_invisible(text):
        raise InvalidInput(_("{label} contains invisible control characters.").format(
            label=label))
    return text


def clean_free_text(value: str) -> str:
    """Free text that may span lines (a note), made safe to store, show and export.

    Line breaks become "\\n" (a bare carriage return too: it is one in intent); tabs stay;
    terminal escape sequences and every other invisible character are dropped.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if not text.isprintable():
        text = _ESCAPES.sub("", text)
        text = "".join(ch for ch in text if ch in "\t\n" or not is_invisible(ch))
    return unicodedata.normalize("NFC", text.strip())


def one_line(value: str) -> str:
    """Text made one visible line (a search query): terminal escape sequences and
    invisible characters dropped, every kind of line break or control space a space."""
    text = value or ""
    if text.isprintable():
        return text
    text = _ESCAPES.sub("", text)
    return "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or not is_invisible(ch))


def _escaped(text: str, limit: int) -> str:
    out: list[str] = []
    size = 0
    for ch in text:
        piece = ch if ch.isprintable() else repr(ch)[1:-1]
        if size + len(piece) > limit:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)


def escaped(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Input escaped and cut as :func:`quoted` does, without the quotes: for a template
    that writes the quotes itself (``"'{action}' is not an action this store uses."``)."""
    return _escaped(text, limit)


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Input as it may appear inside a one-line message: in quotes, with every invisible
    character escaped as Python writes it (``\\n``, ``\\x1b``, ``\\u202e``), cut after
    ``limit`` characters with "…"."""
    return "'" + _escaped(text, limit) + "'"


def shown(value: object, limit: int = QUOTE_LIMIT) -> str:
    """Any value from a document in a message: text :func:`quoted`, anything else (a
    number, a list, a table) as its Python literal, shortened the same way."""
    return quoted(value, limit) if isinstance(value, str) else _escaped(repr(value), limit)


def ident(value: object, limit: int = QUOTE_LIMIT) -> str:
    """An ID in a message: as itself when it is one visible word that fits (``No customer
    with ID C1042``, a conflict number), otherwise :func:`shown` - quoted and escaped - so
    the message stays one printable line whatever was passed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if (isinstance(value, str) and 0 < len(value) <= limit and value.isprintable()
            and not any(ch.isspace() or ch in "'\"" for ch in value)):
        return value
    return shown(value, limit)
