"""The desk ships complete in Spanish and German, and no visible sentence escapes them.

Three kinds of check, on the real files:
- every sentence in the source is in the catalogs (gettext template and Qt's .ts files
  are regenerated here and compared), and every catalog entry is translated, with the
  same placeholders as the English;
- the compiled catalogs (.mo, .qm) are the ones their sources compile to;
- the source itself: a visible string handed to Qt, or a person-facing error, that is a
  bare literal or an f-string instead of going through ``tr()``/``_()`` fails, with the
  file and line.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pos_app"
LOCALES = PACKAGE / "locale"
LANGUAGES = ("de", "es")
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rs])?(?::[^{}]*)?\}|%n|%\d|%\([a-z_]+\)[sr]|%[sr]")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _source_sentences() -> set[str]:
    """Every sentence marked for gettext in the package, as Babel extracts it."""
    found: set[str] = set()
    method_map = [("**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=method_map, keywords=KEYWORDS):
        for part in message if isinstance(message, tuple) else (message,):
            if part:
                found.add(part)
    return found


def _po(language: str):  # type: ignore[no-untyped-def]
    with (LOCALES / language / "LC_MESSAGES" / "leeway.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_gettext_catalog_holds_every_sentence_translated(language: str) -> None:
    catalog = _po(language)
    have: dict[str, object] = {}
    for message in catalog:
        if not message.id:
            continue
        for part in message.id if isinstance(message.id, tuple) else (message.id,):
            have[part] = message
    sources = _source_sentences()
    assert len(sources) > 300, "extraction found suspiciously few sentences"
    missing = sorted(sources - set(have))
    assert not missing, (f"{len(missing)} sentences are not in the {language} catalog (run"
                         f" `make translations`), e.g. {missing[:5]}")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        for text in strings:
            if _placeholders(text) != _placeholders(ids[-1]) and \
                    _placeholders(text) != _placeholders(ids[0]):
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, f"{len(problems)} problems in {language}: {problems[:8]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_gettext_catalog_matches_its_source(language: str) -> None:
    with (LOCALES / language / "LC_MESSAGES" / "leeway.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in _po(language):
        if not message.id or isinstance(message.id, tuple):
            continue
        assert compiled.gettext(message.id) == message.string, (
            f"{language} .mo is stale for {message.id!r}: run `make translations`")


def _ts_messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(path)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "", message))
    return out


def _translations(message: ET.Element) -> list[str]:
    node = message.find("translation")
    assert node is not None
    forms = [f.text or "" for f in node.iter("numerusform")]
    return forms or [node.text or ""]


@pytest.mark.parametrize("language", LANGUAGES)
def test_qt_catalog_is_complete_and_current(language: str, tmp_path: Path) -> None:
    committed = LOCALES / "qt" / f"leeway_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    ui_files = sorted(str(p) for p in (PACKAGE / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", "-locations",
                    "none", *ui_files, "-ts", str(fresh)], check=True, timeout=120)
    messages = _ts_messages(fresh)
    assert len(messages) > 300, "lupdate found suspiciously few sentences"
    problems = []
    for context, source, message in messages:
        node = message.find("translation")
        kind = node.get("type") if node is not None else "missing"
        texts = _translations(message)
        if kind in ("unfinished", "missing") or not all(texts):
            problems.append(f"untranslated {context}: {source!r}")
            continue
        for text in texts:
            if _placeholders(text) != _placeholders(source):
                problems.append(f"placeholders differ {context}: {source!r} -> {text!r}")
    assert not problems, (f"{len(problems)} problems in leeway_{language}.ts (run `make"
                          f" translations`, then translate): {problems[:8]}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_qt_catalog_matches_its_source(language: str, tmp_path: Path) -> None:
    source = LOCALES / "qt" / f"leeway_{language}.ts"
    out = tmp_path / f"leeway_{language}.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(source), "-qm", str(out)],
                   check=True, timeout=60)
    assert out.read_bytes() == (LOCALES / "qt" / out.name).read_bytes(), (
        f"{out.name} is stale: run `make translations`")


# --- the source: nothing visible bypasses the translators ------------------------------

# Qt calls whose string arguments a person sees (or hears, through a screen reader).
VISIBLE_METHODS = {
    "setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "setStatusTip",
    "setWhatsThis", "setAccessibleName", "setAccessibleDescription", "setTitle", "addTab",
    "setTabText", "showMessage", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    "addItem", "addItems", "setLabelText", "setInformativeText", "setDetailedText",
    "setPrefix", "setSuffix", "setSpecialValueText", "addAction", "addMenu", "addRow",
    "setHeaderData", "information", "warning", "critical", "question",
}
VISIBLE_WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QToolButton", "QMenu", "QCommandLinkButton",
}
# Exceptions a person reads (their str() is shown at the counter and on the command line).
PERSON_FACING_ERRORS = {
    "LeewayError", "InvalidInput", "NotFound", "PolicyError", "AuthenticationFailed",
    "IntegrityProblem", "CentralUnavailable", "SecretsUnavailable", "Failure",
}


def _is_words(node: ast.AST) -> bool:
    """A literal with letters in it, or an f-string: a sentence someone would read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2,}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and re.search(r"[A-Za-z]{2,}", str(v.value))
                   for v in node.values)
    if isinstance(node, ast.BinOp):  # "Saved " + field
        return _is_words(node.left) or _is_words(node.right)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _untranslated(path: Path, ui: bool, cli: bool = False) -> list[str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    # Constants marked with QT_TRANSLATE_NOOP are extracted where they are written and
    # translated where they are shown, through a variable: allowed in such modules only.
    marks_constants = "QT_TRANSLATE_NOOP(" in text or "QT_TR_NOOP(" in text
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            owner = getattr(node.func, "value", None)
            if name == "translate" and not (isinstance(node.func, ast.Name) or (
                    isinstance(owner, ast.Name) and owner.id == "QCoreApplication")):
                continue  # canvas.translate(x, y) and the like
            if name in ("tr", "translate", "_", "N_", "ngettext"):
                literal_args = node.args[1:2] if name == "translate" else node.args[:1]
                for arg in literal_args:
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        if not (name == "_" and not ui) and not (
                                marks_constants and name in ("tr", "translate")):
                            # _(label) outside the windows: words from the policy
                            found.append(f"{path.name}:{node.lineno} {name}() of a non-literal")
                continue
            watched = (ui and (name in VISIBLE_METHODS or name in VISIBLE_WIDGETS)) or (
                name in PERSON_FACING_ERRORS) or (cli and name in ("print", "error", "exit"))
            if watched:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    if _is_words(arg):
                        found.append(f"{path.name}:{node.lineno} {name}(...) with untranslated"
                                     f" text")
    return found


def test_every_visible_sentence_goes_through_a_translator() -> None:
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "screenshots.py" or path == PACKAGE / "i18n.py":
            continue  # a developer tool (file names, not a screen); the translator itself
        problems += _untranslated(path, ui=path.parent.name == "ui",
                                  cli=path.parent.name == "cli")
    assert not problems, f"{len(problems)} untranslatable sentences:\n" + "\n".join(problems)
