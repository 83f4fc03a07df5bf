"""The command line speaks the environment's language; PDFs speak the desk's.

``leeway`` chooses its language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG before it
builds its parser or says anything, so argparse's usage errors, our own refusals and the
help all follow it. A voucher or review PDF follows the desk's locale instead, whatever
the process speaks. The shipped catalogs are filled in separately, so the translated
cases here use a small German catalog made for the test: they prove the wiring, not the
translations.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from integration_support import CliRunner
from pypdf import PdfReader

from pos_app import i18n
from tests.catalogs import made_catalog

GERMAN = {
    "the following arguments are required: %s": "die folgenden Argumente fehlen: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "{value} is not a date (use YYYY-MM-DD).": "{value} ist kein Datum (JJJJ-MM-TT).",
    "COPY": "KOPIE",
    "Review of decisions": "Entscheidungen im Rückblick",
}


@pytest.fixture()
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A compiled German catalog holding GERMAN, in place of the shipped ones."""
    with made_catalog(tmp_path, monkeypatch, "de", GERMAN):
        yield


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.use_language(None)  # later tests in this process read English


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANGUAGE": "de"}, "de"),
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LC_ALL": "de_AT.UTF-8", "LANG": "es_ES.UTF-8"}, "de"),  # LC_ALL before LANG
    ({"LANGUAGE": "fr:es", "LANG": "de_DE.UTF-8"}, "es"),  # the first shipped one
    ({"LANG": "fr_FR.UTF-8"}, "en"),  # not shipped: English
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "de_DE.UTF-8", "LANGUAGE": "de"}, "en"),  # scripts' LC_ALL=C
])
def test_the_command_line_takes_its_language_from_the_environment(
        cli: CliRunner, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str],
        language: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    result = cli("decide")  # a usage error: argparse stops before any command runs
    assert result.code == 2
    assert i18n.current_language() == language
    # argparse's own sentences are looked up in the same language as ours.
    assert argparse._ is i18n._  # type: ignore[attr-defined]  # private, not in the stubs


def test_usage_errors_and_refusals_are_said_in_the_environments_language(
        cli: CliRunner, german: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    usage = cli("decide", "--employee", "1001")
    assert usage.code == 2
    assert "leeway decide: Fehler: die folgenden Argumente fehlen: --customer" in usage.err
    refused = cli("export", "decisions", "--since", "gestern")
    assert (refused.code, refused.err.strip()) == (1, "'gestern' ist kein Datum (JJJJ-MM-TT).")

    monkeypatch.setenv("LANGUAGE", "en")  # the same commands, in English again
    assert "leeway decide: error: the following arguments are required: --customer" in cli(
        "decide", "--employee", "1001").err
    assert cli("export", "decisions", "--since", "gestern").err.strip() == (
        "'gestern' is not a date (use YYYY-MM-DD).")


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_voucher_is_printed_in_the_desks_language_not_the_processs(german: None) -> None:
    from pos_app.adapters.vouchers.pdf import render_voucher
    from pos_app.services.desk import VoucherFace

    face = VoucherFace(store_name="Hotel", customer_name="Jonas Weber", value_text="20,00 €",
                       headline="Gutschrift", apology="", expires_text="", terms="",
                       code="ABCD-EFGH-JKMN-PQRS", issued_by="Mia", issued_text="",
                       copy=True)
    i18n.use_language("en_US")  # the process speaks English; the desk is German
    german_pdf = _pdf_text(render_voucher(face, "a6", "de_DE"))
    assert "KOPIE" in german_pdf and "COPY" not in german_pdf
    i18n.use_language("de_DE")  # and the other way round
    english_pdf = _pdf_text(render_voucher(face, "a6", "en_US"))
    assert "COPY" in english_pdf and "KOPIE" not in english_pdf


def test_a_review_pdf_is_written_in_the_desks_language(german: None) -> None:
    from pos_app.adapters.reports.review_pdf import render_review_pdf
    from pos_app.bootstrap import DEFAULT_POLICY
    from pos_app.domain.policy import parse_policy
    from pos_app.services.review import build_report

    report = build_report([], parse_policy(DEFAULT_POLICY.read_text(encoding="utf-8")), None,
                          None)
    i18n.use_language("en_US")
    assert "Entscheidungen im Rückblick" in _pdf_text(render_review_pdf(report, "de_DE"))
    assert "Review of decisions" in _pdf_text(render_review_pdf(report, "en_US"))
