"""The desk's translation layer for sentences the domain says (engine reasons).

The domain returns message ids with parameters; here they are rendered through Qt's
translator (context "Reasons", source text = the English template), in the desk's
locale for money and numbers. Without a loaded translation the English stands.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.domain.engine import Verdict


def translate(_message_id: str, template: str) -> str:
    return QCoreApplication.translate("Reasons", template)


def explain(verdict: Verdict, locale: str) -> str:
    return verdict.explain(locale, translate)
