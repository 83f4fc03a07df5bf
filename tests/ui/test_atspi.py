"""What a real screen reader gets: the desk over AT-SPI.

The desk runs on Xvfb with Qt's xcb platform (offscreen has no AT-SPI bridge) inside
``dbus-run-session`` with the accessibility bus; tests/ui/atspi_walk.py, under Debian's
python3 and pyatspi, signs in (a wrong PIN first), opens a guest, grants a preset,
types a bad e-mail, asks for a manager unlock (a wrong PIN), opens the telephone
approval, a voucher, the voucher check (a bad code), the referrals, the telephone
answer and the review with its tabs, and prints what it found as JSON. These tests
judge that record: every interactive element has a role and a name a screen reader
would speak; what labels show is their name; errors are read with their field and
said at once; the buttons say their amounts.

The walk needs the Debian packages in .ci/setup-packages; without them its tests skip,
except under LEEWAY_CI=1, where they fail. The last tests check the same promises
in-process through Qt's accessibility interfaces, and run everywhere.
"""

from __future__ import annotations

import ctypes.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WALKER = Path(__file__).with_name("atspi_walk.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
# What Qt's xcb platform plugin loads beyond libxcb itself.
XCB_LIBRARIES = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xkbcommon-x11", "xcb-shape",
                 "xcb-render-util", "xcb-image", "EGL", "GL")
WALK_TIMEOUT = 180  # seconds; a walk takes about 45
ASSERTIVE, POLITE = 2, 1  # AT-SPI's live-region politeness, as announcements carry it
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
               "text", "entry", "password text", "spin button", "list", "list box",
               "table", "tree table", "tree", "page tab", "menu item", "check menu item",
               "radio menu item", "slider", "link"}
SCREENS = ["sign-in", "sign-in, wrong PIN", "counter", "counter, guest open",
           "confirm a preset", "confirm, bad amount", "contact editor, invalid e-mail",
           "manager unlock", "manager unlock, wrong PIN", "ask by telephone", "voucher",
           "check a voucher", "check a voucher, bad code", "referrals and accounts",
           "answer a telephone approval", "review and learning",
           "review and learning, tab 2", "review and learning, tab 3",
           "review and learning, tab 4", "review and learning, tab 5"]


def _missing() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-run-session", "xdotool")
               if shutil.which(tool) is None]
    if not Path(BUS_LAUNCHER).exists():
        missing.append(BUS_LAUNCHER)
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False,
            timeout=30).returncode:
        missing.append("pyatspi for /usr/bin/python3")
    missing += [f"lib{name}" for name in XCB_LIBRARIES if ctypes.util.find_library(name) is None]
    return missing


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    missing = _missing()
    if missing:
        reason = (f"the AT-SPI walk needs {', '.join(missing)}: run .ci/setup-packages"
                  " (Debian packages)")
        if os.environ.get("LEEWAY_CI") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    data = tmp_path_factory.mktemp("atspi") / "desk"
    env = dict(os.environ, LEEWAY_INSECURE_FILE_KEYRING="1")
    env.pop("DISPLAY", None)  # the walker starts its own X server
    subprocess.run([sys.executable, "-m", "pos_app", "--data-dir", str(data), "init",
                    "--demo"], check=True, capture_output=True, env=env, cwd=ROOT,
                   timeout=120)
    # Its own process group: Xvfb, both buses, the registry and the desk all go at the end.
    walker = subprocess.Popen(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(WALKER), "--data-dir", str(data),
         "--", sys.executable, "-m", "pos_app"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        start_new_session=True)
    try:
        out, err = walker.communicate(timeout=WALK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(walker.pid, signal.SIGKILL)
        out, err = walker.communicate()
        pytest.fail(f"the AT-SPI walk took over {WALK_TIMEOUT} s:\n"
                    f"{err.decode(errors='replace')[-3000:]}")
    finally:
        try:
            os.killpg(walker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # everything in it has already gone
    progress = err.decode(errors="replace")
    assert walker.returncode == 0, progress[-3000:]
    result: dict[str, Any] = json.loads(out)
    result["progress"] = progress
    return result


def _elements(walk: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(screen["screen"], element) for screen in walk["screens"]
            for element in screen["elements"]]


def test_the_walk_reaches_every_screen(walk: dict[str, Any]) -> None:
    assert walk["errors"] == [], walk["progress"][-3000:]
    assert [screen["screen"] for screen in walk["screens"]] == SCREENS
    for screen in walk["screens"]:
        assert screen["elements"], f"nothing to act on in {screen['screen']}"


def test_every_interactive_element_has_a_role_and_a_spoken_name(
        walk: dict[str, Any]) -> None:
    elements = _elements(walk)
    assert len(elements) >= 150  # the counter alone has 25: a walk that saw little fails
    unnamed = [f"{screen}: {e['role']} at {e['path']}" for screen, e in elements
               if not e["name"].strip()]
    assert unnamed == []
    assert {e["role"] for _s, e in elements} <= INTERACTIVE
    assert {"push button", "text", "password text", "combo box", "spin button", "table",
            "page tab"} <= {e["role"] for _s, e in elements}
    # On Linux Qt names a combo box by its current value ("All"): what it is for must come
    # from its label, which AT-SPI clients read through labelled-by.
    unlabelled = [f"{screen}: {e['name']}" for screen, e in elements
                  if e["role"] == "combo box" and not any(n.strip() for n in e["labelled_by"])]
    assert unlabelled == []


def test_the_outcome_banner_is_named_by_its_text_and_announced(walk: dict[str, Any]) -> None:
    banner = walk["checks"]["banner"]
    assert banner["name"] == "Done: Fee waiver of $40.00 recorded."
    assert banner["description"] == "Outcome"
    said = [(a["text"], a["politeness"]) for a in banner["announced"]]
    assert ("Done: Fee waiver of $40.00 recorded.", POLITE) in said
    assert not any("Recording" in text for text, _p in said)
    # Every outcome is announced, the voucher's too.
    assert any(re.fullmatch(r"Done: Discount voucher of \$25\.00 recorded\. Voucher [0-9A-Z-]+"
                            r" issued\.", a["text"]) for a in walk["announcements"])


def test_the_sync_status_is_named_by_what_it_shows(walk: dict[str, Any]) -> None:
    status = walk["checks"]["sync_status"]
    assert (status["name"], status["description"]) == ("Local only", "Sync status")


def test_the_wrong_pin_message_is_read_with_the_pin_field_and_said(
        walk: dict[str, Any]) -> None:
    check = walk["checks"]["wrong_pin"]
    shown = check["error_label"]["name"]
    assert shown.startswith("That employee ID and PIN do not match. 4 attempts left")
    assert check["pin"]["description"] == shown
    said = [(a["text"], a["politeness"]) for a in check["announced"]]
    assert said[0] == ("That employee ID and PIN do not match.", ASSERTIVE)
    assert ("4 attempts left before this ID is locked for 30 minutes.", POLITE) in said


@pytest.mark.parametrize(("check", "field", "message"), [
    ("amount_error", "Amount", "'abc' is not an amount"),
    ("contact_error", "E-mail", "E-mail: 'not an e-mail' is not an e-mail address"),
    ("unlock_error", "Approver PIN", "That employee ID and PIN do not match."),
    ("voucher_error", "Voucher code", "A voucher code has 18 characters; this has 8."),
    ("answer_error", "Challenge", "Enter the challenge the associate reads to you."),
])
def test_errors_in_forms_and_dialogs_are_read_with_their_field_and_said(
        walk: dict[str, Any], check: str, field: str, message: str) -> None:
    found = walk["checks"][check]
    fields = found.get("fields") or [found.get("field") or found.get("pin")]
    concerned = next(f for f in fields if f["name"] == field)
    assert concerned["description"].startswith(message)
    shown = [label["name"] for label in found.get("labels", [])]
    if "error_label" in found:
        shown.append(found["error_label"]["name"])
    assert concerned["description"] in shown  # word for word what the screen shows
    said = [(a["text"], a["politeness"]) for a in found["announced"]]
    assert (concerned["description"], ASSERTIVE) in said
    others = [f for f in fields if f is not concerned]
    assert all(not f["description"].startswith(message) for f in others)


def test_the_buttons_say_their_amounts(walk: dict[str, Any]) -> None:
    names = [b["name"] for b in walk["checks"]["recovery_buttons"]]
    assert names[:3] == ["Waive late-checkout fee, $40.00", "$20 goodwill credit, $20.00",
                         "$25 off next stay, $25.00"]
    assert all(re.search(r"\$\d[\d,]*\.\d\d", name) for name in names), names
    assert "Refund, up to $150.00" in names


def test_the_search_fields_clear_button_has_a_name(walk: dict[str, Any]) -> None:
    buttons = walk["checks"]["search_clear_button"]
    assert [(b["role"], b["name"]) for b in buttons] == [("push button", "Clear the search")]


# --- The same promises in-process, through Qt's own accessibility interfaces (offscreen:
# no AT-SPI there, so these run everywhere, the packages or not). ---------------------

def _spoken(widget: Any, text: Any = None) -> str:
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    return str(interface.text(text if text is not None else QAccessible.Text.Name))


def test_a_wrong_pin_is_read_with_the_pin_until_typing_again(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible

    from tests.ui.helpers import sign_in

    sign_in(qtbot, window, "1001", "0000")
    signin = window.signin
    qtbot.waitUntil(lambda: "attempts left" in signin.error.text(), timeout=5000)
    assert _spoken(signin.pin, QAccessible.Text.Description) == signin.error.text()
    assert _spoken(signin.employee_id, QAccessible.Text.Description) == ""
    qtbot.keyClick(signin.pin, Qt.Key.Key_1)
    assert signin.error.text() == ""
    assert _spoken(signin.pin, QAccessible.Text.Description) == ""


def test_the_counter_names_labels_by_their_text_and_buttons_with_amounts(
        qtbot: Any, window: Any) -> None:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QToolButton

    from tests.ui.helpers import search_and_open, sign_in

    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    search_and_open(qtbot, window, "zo")
    counter = window.counter
    counter.show_banner("Done: Fee waiver of $40.00 recorded.", "ok")
    assert _spoken(counter.banner) == "Done: Fee waiver of $40.00 recorded."
    assert _spoken(counter.banner, QAccessible.Text.Description) == "Outcome"
    sync = window.status_sync.label
    assert _spoken(sync) == sync.text() != ""
    assert _spoken(sync, QAccessible.Text.Description) == "Sync status"
    buttons = list(counter.recovery.buttons.values())
    qtbot.waitUntil(lambda: all(b.detail for b in buttons), timeout=5000)
    names = [_spoken(b) for b in buttons]
    assert names[0] == "Waive late-checkout fee, $40.00"
    assert all(re.search(r"\$\d[\d,]*\.\d\d", name) for name in names), names
    clear = counter.search.field.findChildren(QToolButton)
    assert [_spoken(b) for b in clear] == ["Clear the search"]
