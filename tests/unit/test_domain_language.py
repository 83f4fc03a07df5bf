"""What the domain and the services say comes out in a person's language.

- every text of the demo policy is marked for the catalogs (pos_app.domain.policy_labels);
- engine reasons, tier names and policy labels follow the current language, while a
  store's own words and what a person typed come out as written, and logs stay English;
- a voucher speaks the desk's language, whatever the process speaks.

The shipped catalogs are filled in separately, so the translated cases use a small
German catalog made for the test: they prove the wiring, not the translations.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from pos_app import i18n
from pos_app.bootstrap import DEFAULT_POLICY
from pos_app.domain import policy_labels
from pos_app.domain.messages import Message, Words, english, tier_name
from pos_app.domain.money import Money
from pos_app.domain.policy import parse_policy
from pos_app.domain.whatif import outcome_text
from pos_app.services.ports import VoucherRecord
from pos_app.services.vouchers import apology_for, voucher_face
from tests.catalogs import made_catalog

GERMAN = {
    "general manager": "Geschäftsführer",
    "refund": "Erstattung",
    "{amount} is over your {limit} limit for a {action}.":
        "{amount} liegt über Ihrem Limit von {limit} für eine {action}.",
    "{label} is switched off at this store.": "{label} ist hier abgeschaltet.",
    "'{action}' is not an action this store uses.": "'{action}' gibt es hier nicht.",
    "needs approval from {tier}": "braucht die Freigabe eines {tier}",
    "refused": "abgelehnt",
    "Credit": "Gutschrift",
    "Valid until {day}": "Gültig bis {day}",
    "Issued {day}": "Ausgestellt am {day}",
    "One use only. Not exchangeable for cash. Present this voucher or its code at any"
    " {store} desk before it expires.": "Einmal einlösbar, bei {store}.",
    "We are sorry for the mistake on your bill.": "Entschuldigen Sie den Fehler.",
}


@pytest.fixture()
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A compiled German catalog holding GERMAN, in place of the shipped ones."""
    with made_catalog(tmp_path, monkeypatch, "de", GERMAN):
        yield


def test_every_text_of_the_demo_policy_is_marked() -> None:
    policy = parse_policy(DEFAULT_POLICY.read_text(encoding="utf-8"))
    texts = {policy.name}
    texts |= {tier_name(t) for t in policy.tiers}
    texts |= {a.label for a in policy.actions.values()}
    texts |= {a.label.lower() for a in policy.actions.values()}  # as the engine says it
    for reason in policy.reasons.values():
        texts |= {reason.label, reason.category, reason.apology, reason.guidance}
    texts |= {p.label for p in policy.presets}
    missing = texts - set(policy_labels.ALL)
    assert not missing, f"add these to pos_app/domain/policy_labels.py: {sorted(missing)}"


USD = Money.of("60.00", "USD")
OVER = Message.of("engine.over_own_limit", amount=USD, limit=Money.of("50.00", "USD"),
                  action=Words("refund"))


@pytest.mark.usefixtures("german")
def test_reasons_tier_names_and_labels_follow_the_current_language() -> None:
    i18n.use_language("de_DE")
    assert tier_name("general_manager") == "Geschäftsführer"
    assert tier_name("night_auditor") == "night auditor"  # a store's own tier, as written
    # Template and label translated; money formatted for the locale, not looked up.
    assert OVER.render("de_DE") == "60,00\xa0$ liegt über Ihrem Limit von 50,00\xa0$ für eine" \
        " Erstattung."
    # A store's own label, and text a person typed, come out as written.
    assert Message.of("engine.action_off", label=Words("Room upgrade")).render() == (
        "Room upgrade ist hier abgeschaltet.")
    assert Message.of("engine.unknown_action", action="refund").render() == (
        "'refund' gibt es hier nicht.")
    # Logs, and what the command line writes for programs, stay English.
    assert str(OVER) == "$60.00 is over your $50.00 limit for a refund."
    assert OVER.render("en_US", english) == str(OVER)
    # A what-if's outcome keeps its English value and is said in the language.
    assert outcome_text("needs approval from general_manager") == (
        "braucht die Freigabe eines Geschäftsführer")
    assert outcome_text("refused") == "abgelehnt"
    assert outcome_text("approved by night_auditor") == "approved by night auditor"


def test_in_english_nothing_changes() -> None:
    i18n.use_language("en_US")
    assert OVER.render() == "$60.00 is over your $50.00 limit for a refund."
    assert tier_name("general_manager") == "general manager"
    assert outcome_text("needs approval from general_manager") == (
        "needs approval from general manager")


def _voucher() -> VoucherRecord:
    return VoucherRecord(
        serial="S", code="ABCD-EFGH", decision_id="d", customer_id="C1", customer_name="Ana",
        action="goodwill_credit", value_minor=2000, currency="USD", item="",
        apology="Gracias.", issued_at=datetime(2026, 3, 1, 12, 0),
        expires_on=date(2026, 8, 28), issuer_terminal="t", issued_by="1001",
        issued_by_name="Maya", key_id="k", signature="")


@pytest.mark.usefixtures("german")
def test_a_voucher_speaks_the_desks_language_whatever_the_process_speaks() -> None:
    i18n.use_language("en_US")  # the command line, run in English, prints for a German desk
    face = voucher_face(_voucher(), "Hotel Adler", "de_DE")
    assert face.headline == "Gutschrift"
    assert face.expires_text == "Gültig bis 28. August 2026"
    assert face.issued_text == "Ausgestellt am 01.03.2026"
    assert face.terms == "Einmal einlösbar, bei Hotel Adler."
    assert face.apology == "Gracias."  # what was printed on it when it was issued
    policy = parse_policy(DEFAULT_POLICY.read_text(encoding="utf-8"))
    assert apology_for(policy, "billing_error", "de_DE") == "Entschuldigen Sie den Fehler."
    assert apology_for(policy, "billing_error") == "We are sorry for the mistake on your bill."
    english_face = voucher_face(_voucher(), "Hotel Adler", "en_US")
    assert english_face.expires_text == "Valid until August 28, 2026"
    assert english_face.headline == "Credit"
