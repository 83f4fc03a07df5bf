"""Reading what an associate typed into the search box.

"555 01", "(555)" and "+1 555" are phone fragments (only the digits matter);
"anna@ex" is an e-mail fragment; "L-20417" or "1204" may be a loyalty or room number;
"ann ber" means names starting with "ann" and "ber". The plan says which indexes to
ask; the store turns it into SQL.

Control and other invisible characters are dropped first (a NUL would end the string an
FTS5 query is parsed from). A word with no letter or digit in it ("-", "'") has no token
in the name index, so it is ignored instead of matching nothing: "zo -" finds what "zo"
finds. A query made only of punctuation asks for that text literally inside the folded
names instead, so a guest whose name is "--" or "?!" can still be found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pos_app.domain.text import one_line

MAX_QUERY = 100
MIN_LITERAL = 2  # a single punctuation mark would match, or scan, every name
_PHONEISH = re.compile(r"[\d\s()+\-./]+")  # fullmatch
_WORD = re.compile(r"[\w'-]+", re.UNICODE)


@dataclass(frozen=True)
class SearchPlan:
    name_prefixes: tuple[str, ...] = ()  # every word must start a given or family name
    digits: str = ""  # substring of phone digits, loyalty id or room
    fragment: str = ""  # substring of e-mail, loyalty id or room
    name_literal: str = ""  # punctuation only: substring of the folded name, as typed

    @property
    def empty(self) -> bool:
        return not (self.name_prefixes or self.digits or self.fragment or self.name_literal)


# Letters Unicode does not decompose into a base letter plus a mark: NFKD alone would
# leave "Søren" unreachable by "soren". Must match migration 0006's frozen copy.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
                       "œ": "oe", "ß": "ss", "ı": "i", "ŋ": "n", "ħ": "h"})


def fold_name(text: str) -> str:
    """Lower case, accents removed, special letters spelled out: "Łukasz Østergaard" ->
    "lukasz ostergaard". Scripts without such letters pass through unchanged."""
    lowered = text.lower()
    if lowered.isascii():  # most names: NFKD, the marks and _FOLD change nothing here
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def plan_search(query: str) -> SearchPlan:
    text = unicodedata.normalize("NFC", one_line(query or "").strip())[:MAX_QUERY].strip()
    if not text:
        return SearchPlan()
    digits = "".join(ch for ch in text if ch.isdigit())
    if _PHONEISH.fullmatch(text) and digits:
        # Trigram indexes cannot match fewer than three characters.
        return SearchPlan(digits=digits) if len(digits) >= 3 else SearchPlan()
    if "@" in text:
        fragment = text.lower().replace(" ", "")
        return SearchPlan(fragment=fragment if len(fragment) >= 3 else "")
    folded = (fold_name(w) for w in _WORD.findall(text))
    words = tuple(w for w in folded if any(ch.isalnum() for ch in w))[:5]
    fragment = text.lower() if len(text) >= 3 and len(text.split()) == 1 else ""
    if words:
        return SearchPlan(name_prefixes=words, fragment=fragment)
    literal = fold_name(" ".join(text.split()))
    return SearchPlan(fragment=fragment,
                      name_literal=literal if len(literal) >= MIN_LITERAL else "")


def fts_phrase(term: str) -> str:
    """Quote a term for an FTS5 MATCH expression (no operator can leak through)."""
    return '"' + term.replace('"', '""') + '"'
