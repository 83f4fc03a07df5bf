"""The desk's translation layer for sentences the domain says (engine reasons).

The domain returns message ids with parameters; here they are rendered through the
gettext catalog (:mod:`pos_app.i18n`, source text = the English template, the same
catalog the command line uses), in the desk's locale for money and numbers. The window
makes the desk's language current (``pos_app.ui.language.apply_language``). Without a
translation the English stands.
"""

from __future__ import annotations

from pos_app.domain.engine import Verdict
from pos_app.i18n import _ as translated


def translate(_message_id: str, template: str) -> str:
    return translated(template)


def explain(verdict: Verdict, locale: str) -> str:
    return verdict.explain(locale, translate)
