"""Start the real desk under an AT-SPI bus and walk what a screen reader is given.

Run by tests/ui/test_atspi.py, inside ``dbus-run-session``, with Debian's
/usr/bin/python3 (pyatspi is a system package; the project's venv is another Python):

    dbus-run-session -- /usr/bin/python3 tests/ui/atspi_walk.py \
        --data-dir DEMO_DESK -- .venv/bin/python -m pos_app

It starts Xvfb, the accessibility bus and the desk (Qt's xcb platform: offscreen has no
AT-SPI bridge), drives it as a person with a screen reader would (the steps are in
atspi_scenario.py: AT-SPI actions and EditableText; xdotool for the keys; the X
window is focused first, as there is no window manager) and prints JSON on stdout:
per screen, every
showing interactive element (role, name, description) and the labels; the checks'
raw material (the banner, the sync status, errors and the fields they concern); and
every announcement the desk made. Progress goes to stderr. The test judges; this
script only records, and never stops at the first surprise (a failed step is listed
under "errors" and the walk goes on).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from atspi_scenario import run  # beside this file (the script's folder is on sys.path)

# Roles a person acts on (AT-SPI role names, as pyatspi spells them).
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
               "text", "entry", "password text", "spin button", "list", "list box",
               "table", "tree table", "tree", "page tab", "menu item", "check menu item",
               "radio menu item", "slider", "link"}
# Their children are rows of data (or a combo's closed popup), not more controls.
NO_DESCENT = {"table", "tree table", "tree", "list", "list box", "combo box"}
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
STEP_TIMEOUT = 8.0


def log(message: str) -> None:
    print(f"[atspi_walk {time.monotonic():8.2f}] {message}", file=sys.stderr, flush=True)


class Session:
    """Xvfb, the accessibility bus and the desk; stopped whatever happens."""

    def __init__(self, data_dir: str, desk: list[str]) -> None:
        self.data_dir, self.desk_cmd = data_dir, desk
        self.procs: list[subprocess.Popen[bytes]] = []
        self.display = ""
        self.desk: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        read, write = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                 "1366x768x24", "-nolisten", "tcp", "-ac"],
                                pass_fds=(write,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(xvfb)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        os.environ["DISPLAY"] = self.display
        self.procs.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"],
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        _wait_for_a11y_bus()
        env = dict(os.environ, LEEWAY_DATA_DIR=self.data_dir,
                   LEEWAY_INSECURE_FILE_KEYRING="1", QT_QPA_PLATFORM="xcb",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   LANG="C.UTF-8", LANGUAGE="", LC_ALL="")
        self.desk = subprocess.Popen(self.desk_cmd, env=env, stdout=sys.stderr,
                                     stderr=sys.stderr)
        self.procs.append(self.desk)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=3)


def _wait_for_a11y_bus() -> None:
    from gi.repository import Gio

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + 10
    while True:
        try:
            bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                          None, None, Gio.DBusCallFlags.NONE, 1000, None)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Walker:
    """What the desk exposes, read and driven through AT-SPI."""

    def __init__(self, session: Session) -> None:
        import pyatspi
        from gi.repository import GLib

        self.pyatspi, self.glib = pyatspi, GLib
        self.session = session
        self.app: Any = None
        self.announcements: list[dict[str, Any]] = []
        self.result: dict[str, Any] = {"screens": [], "checks": {}, "errors": [],
                                       "announcements": self.announcements}
        pyatspi.Registry.registerEventListener(self._heard, "object:announcement")

    # --- events and waiting ---------------------------------------------------------
    def _heard(self, event: Any) -> None:
        try:
            source = event.source.name if event.source is not None else ""
        except Exception:
            source = ""
        self.announcements.append({"text": str(event.any_data), "politeness": event.detail1,
                                   "source": source, "at": time.monotonic()})

    def pump(self, seconds: float = 0.0) -> None:
        context = self.glib.MainContext.default()
        end = time.monotonic() + seconds
        while True:
            while context.pending():
                context.iteration(False)
            if time.monotonic() >= end:
                return
            time.sleep(0.02)

    def wait(self, what: str, check: Callable[[], Any], timeout: float = STEP_TIMEOUT) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            try:
                found = check()
            except Exception:  # an object went away mid-read: look again
                found = None
            if found:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            time.sleep(0.05)

    def settle(self, check: Callable[[], Any], timeout: float = 4.0) -> Any:
        """Like wait, but a timeout is no failure (a desk without the fix may never)."""
        try:
            return self.wait("", check, timeout)
        except TimeoutError:
            return None

    def heard(self, since: float, count: int = 1) -> list[dict[str, Any]]:
        """The announcements since then, once ``count`` have come (or a few seconds)."""
        self.settle(lambda: len(self.heard_since(since)) >= count)
        self.pump(0.1)
        return self.heard_since(since)

    def find_app(self) -> None:
        desk = self.session.desk
        assert desk is not None
        pid = desk.pid

        def look() -> Any:
            if desk.poll() is not None:
                raise RuntimeError(f"the desk exited with {desk.returncode}")
            root = self.pyatspi.Registry.getDesktop(0)
            for app in root:
                if app is not None and app.get_process_id() == pid and app.childCount:
                    return app
            return None

        self.app = self.wait("the desk on the accessibility bus", look, timeout=30)

    # --- reading --------------------------------------------------------------------
    def showing(self, acc: Any) -> bool:
        return bool(acc.getState().contains(self.pyatspi.STATE_SHOWING))

    def nodes(self, root: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[Any, tuple[str, ...]]]:
        """Every showing node under root (root included), pruned at hidden subtrees."""
        if root is None or not self.showing(root):
            return
        yield root, path
        if root.getRoleName() in NO_DESCENT:
            return
        here = path + (f"{root.getRoleName()}:{root.name}",)
        for child in root:
            yield from self.nodes(child, here)

    def windows(self) -> list[Any]:
        return [w for w in self.app if w is not None and self.showing(w)]

    def find_window(self, pattern: str) -> Any:
        for w in self.windows():
            if re.search(pattern, w.name or ""):
                return w
        return None

    def window(self, pattern: str) -> Any:
        """The showing top-level window whose name matches."""
        return self.wait(f"a window named {pattern!r}", lambda: self.find_window(pattern))

    def close_dialogs(self) -> None:
        """After a failed step: whatever it left open goes, newest first (Cancel, Close)."""
        for _round in range(4):
            dialogs = [w for w in self.windows() if w.getRoleName() == "dialog"]
            if not dialogs:
                return
            for dialog in reversed(dialogs):
                button = self.find(dialog, "push button", "^(Cancel|Close)")
                if button is not None:
                    self.press(button)
            self.pump(0.3)

    def find(self, root: Any, role: str | set[str], name: str = "", desc: str = "") -> Any:
        roles = {role} if isinstance(role, str) else role
        for acc, _path in self.nodes(root):
            if (acc.getRoleName() in roles and re.search(name, acc.name or "")
                    and re.search(desc, acc.description or "")):
                return acc
        return None

    def find_any(self, root: Any, role: str, name: str) -> Any:
        """Like find, hidden nodes included (the sync button hides on a local-only desk)."""
        stack = [root]
        while stack:
            acc = stack.pop()
            if acc is None:
                continue
            if acc.getRoleName() == role and re.search(name, acc.name or ""):
                return acc
            if acc.getRoleName() not in NO_DESCENT:
                stack.extend(acc)
        raise LookupError(f"no {role} named {name!r}")

    def need(self, root: Any, role: str | set[str], name: str = "", desc: str = "") -> Any:
        return self.wait(f"{role} {name!r} {desc!r}", lambda: self.find(root, role, name, desc))

    def text_of(self, acc: Any) -> str:
        try:
            text = acc.queryText()
            return str(text.getText(0, text.characterCount))
        except NotImplementedError:
            return ""

    def tab_selected(self, root: Any, index: int) -> bool:
        tabs = [t for t, _p in self.nodes(root) if t.getRoleName() == "page tab"]
        return len(tabs) > index and bool(
            tabs[index].getState().contains(self.pyatspi.STATE_SELECTED))

    def relations(self, acc: Any) -> list[dict[str, Any]]:
        out = []
        for relation in acc.getRelationSet():
            targets = [relation.getTarget(i) for i in range(relation.getNTargets())]
            kind = relation.getRelationType()
            out.append({"type": getattr(kind, "value_nick", str(kind)),
                        "targets": [{"role": t.getRoleName(), "name": t.name,
                                     "text": self.text_of(t)} for t in targets if t]})
        return out

    def describe(self, acc: Any) -> dict[str, Any]:
        return {"role": acc.getRoleName(), "name": acc.name or "",
                "description": acc.description or "", "text": self.text_of(acc),
                "relations": self.relations(acc)}

    def snapshot(self, screen: str, root: Any | None = None) -> dict[str, Any]:
        """Every showing interactive element and label of the window (or all windows)."""
        elements, labels, walked = [], [], 0
        for top in [root] if root is not None else self.windows():
            for acc, path in self.nodes(top):
                walked += 1
                role = acc.getRoleName()
                if role in INTERACTIVE:
                    labels_of = [t["name"] for r in self.relations(acc)
                                 if r["type"] == "labelled-by" for t in r["targets"]]
                    elements.append({"role": role, "name": acc.name or "",
                                     "description": acc.description or "",
                                     "labelled_by": labels_of,
                                     "path": " > ".join(path[-3:])})
                elif role == "label":
                    labels.append({"name": acc.name or "", "description": acc.description or ""})
        shot = {"screen": screen, "walked": walked, "elements": elements, "labels": labels}
        self.result["screens"].append(shot)
        log(f"{screen}: {walked} nodes, {len(elements)} interactive")
        return shot

    # --- acting ---------------------------------------------------------------------
    def press(self, acc: Any) -> None:
        action = acc.queryAction()
        names = [action.getName(i).lower() for i in range(action.nActions)]
        action.doAction(names.index("press") if "press" in names else 0)
        self.pump(0.1)

    def type_into(self, acc: Any, text: str) -> None:
        acc.queryEditableText().setTextContents(text)
        self.pump(0.05)

    def focus(self, acc: Any) -> None:
        acc.queryComponent().grabFocus()
        self.pump(0.1)

    def keys(self, window_title: str, *keys: str) -> None:
        """Keys to the X window with that title (no window manager: focus it first)."""
        # A window that a closing dialog has just handed back may take a moment to be
        # mapped again on a loaded machine: look for up to 10 s before giving up.
        deadline = time.monotonic() + 10
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", window_title],
                check=False, capture_output=True, text=True, timeout=5).stdout.split()
            if found or time.monotonic() > deadline:
                break
            self.pump(0.2)
        if not found:
            raise RuntimeError(f"no X window named {window_title!r}")
        subprocess.run(["xdotool", "windowfocus", found[-1]], check=True, timeout=5)
        self.pump(0.15)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", "40", *keys],
                       check=True, timeout=10)
        self.pump(0.2)

    def step(self, name: str, body: Callable[[], None]) -> bool:
        started = time.monotonic()
        try:
            body()
        except Exception as exc:
            self.result["errors"].append({"step": name, "error": f"{type(exc).__name__}: {exc}"})
            log(f"step {name} FAILED: {exc}")
            self.close_dialogs()
            return False
        log(f"step {name} done in {time.monotonic() - started:.1f}s")
        return True

    def heard_since(self, since: float) -> list[dict[str, Any]]:
        return [a for a in self.announcements if a["at"] >= since]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--title", default="^Leeway — ", help="the main window's title")
    parser.add_argument("desk", nargs="+", help="the command that starts the desk")
    args = parser.parse_args()
    session = Session(args.data_dir, args.desk)
    result: dict[str, Any] = {"errors": []}
    log("starting Xvfb, the accessibility bus and the desk")
    try:
        session.start()
        walker = Walker(session)
        result = walker.result
        run(walker, args.title)
    except Exception as exc:
        result["errors"].append({"step": "start", "error": f"{type(exc).__name__}: {exc}"})
    finally:
        session.stop()
    elements = [e for screen in result.get("screens", []) for e in screen["elements"]]
    log(f"{len(result.get('screens', []))} screens, {len(elements)} interactive elements,"
        f" {sum(1 for e in elements if e['name'].strip())} named;"
        f" {len(result.get('announcements', []))} announcements;"
        f" {len(result['errors'])} failed steps")
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
