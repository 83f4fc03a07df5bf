"""packaging/smoke_test.py catches what broke the bundle before, against stand-in binaries.

The real run needs a built bundle (`make bundle`, minutes); these check in a second that
its checks fail loudly on the evidence a broken bundle gives: a voucher that exits 0
but could not be rendered, a window that dies or writes warnings, no bundle at all.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_LIB = Path("/lib/x86_64-linux-gnu")


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("leeway_smoke_test",
                                                  ROOT / "packaging" / "smoke_test.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


smoke = _load()


def _stand_in(tmp_path: Path, body: str) -> Any:
    """A Desk whose `leeway` is a shell script with ``body``."""
    binary = tmp_path / "bundle" / "leeway"
    binary.parent.mkdir()
    binary.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    binary.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    return smoke.Desk(binary, work)


def test_a_voucher_that_could_not_be_rendered_fails_the_smoke_test(tmp_path: Path) -> None:
    # What the first bundle printed: the grant is committed (exit 0), the PDF is not.
    report = {"decision_id": "d1", "voucher_code": "2GR7-X8BC-DJV3-ZZCS-85",
              "voucher_pdf": None, "voucher_pdf_error":
              "ModuleNotFoundError: No module named 'reportlab.graphics.barcode.code93'"}
    desk = _stand_in(tmp_path, f"cat >/dev/null; echo '{json.dumps(report)}'")
    with pytest.raises(smoke.SmokeFailure) as failure:
        smoke.issue_voucher(desk, "C100030", tmp_path / "v.pdf")
    assert "granted no voucher with a PDF" in str(failure.value)
    assert "reportlab.graphics.barcode.code93" in str(failure.value)  # the evidence


def test_the_stand_in_sees_a_sealed_environment(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("LEEWAY_DATA_DIR", str(ROOT / ".data" / "demo"))
    desk = _stand_in(tmp_path, 'echo "$PYTHONPATH|$LEEWAY_DATA_DIR|$(pwd)"')
    out = desk.ok("anything").out.strip()
    pythonpath, data_dir, cwd = out.split("|")
    assert pythonpath == ""
    assert data_dir == str(tmp_path / "work" / "data")
    assert cwd == str(tmp_path / "work")


def test_a_failing_command_is_reported_with_its_output(tmp_path: Path) -> None:
    desk = _stand_in(tmp_path, 'echo "Traceback (most recent call last): boom" >&2; exit 1')
    with pytest.raises(smoke.SmokeFailure) as failure:
        desk.ok("audit", "verify")
    message = str(failure.value)
    assert "`leeway audit verify` failed" in message
    assert "exit code: 1" in message and "boom" in message


@pytest.mark.parametrize(("body", "expected"), [
    ("exit 0", "the window exited within"),
    ('echo "qt.qpa.plugin: Could not load the Qt platform plugin" >&2; exec sleep 30',
     "the window wrote to stderr"),
])
def test_a_window_that_dies_or_complains_fails(body: str, expected: str, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    monkeypatch.setattr(smoke, "WINDOW_SECONDS", 0.5)
    desk = _stand_in(tmp_path, body)
    with pytest.raises(smoke.SmokeFailure) as failure:
        smoke.check_window(desk)
    assert expected in str(failure.value)


def test_a_quiet_window_that_stays_up_passes(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(smoke, "WINDOW_SECONDS", 0.5)
    smoke.check_window(_stand_in(tmp_path, "exec sleep 30"))


def test_no_bundle_is_a_clear_failure_and_exit_1(tmp_path: Path, capsys: Any) -> None:
    assert smoke.main(["--bundle", str(tmp_path / "missing")]) == 1
    assert "run `make bundle` first" in capsys.readouterr().err


def _fake_internal(tmp_path: Path, library: Path, monkeypatch: Any) -> Path:
    """A bundle folder whose one 'window library' is a copy of a real system library."""
    internal = tmp_path / "_internal"
    (internal / "PySide6" / "Qt" / "lib").mkdir(parents=True)
    shutil.copy(library, internal / "window.so")
    monkeypatch.setattr(smoke, "WINDOW_LIBRARIES", ("window.so",))
    return internal


def test_a_library_taken_from_the_build_machine_fails_the_check(tmp_path: Path,
                                                                 monkeypatch: Any) -> None:
    # libxcb.so.1 needs libXau.so.6, which is neither in this "bundle" nor a system
    # library a desk is told to install: exactly a library PyInstaller failed to copy.
    libxcb, libxau = SYSTEM_LIB / "libxcb.so.1", SYSTEM_LIB / "libXau.so.6"
    if not (libxcb.exists() and libxau.exists() and shutil.which("ldd")):
        pytest.skip("needs ldd, libxcb1 and libxau6 (Debian, x86-64)")
    internal = _fake_internal(tmp_path, libxcb, monkeypatch)
    with pytest.raises(smoke.SmokeFailure) as failure:
        smoke.check_window_libraries(internal)
    assert "window.so needs libXau.so.6, which the bundle lacks" in str(failure.value)
    # Once the bundle carries it, the same library passes (libXau needs only libc).
    for name in ("libXau.so.6", "libXdmcp.so.6", "libbsd.so.0", "libmd.so.0"):
        shutil.copy(SYSTEM_LIB / name, internal / name)
    smoke.check_window_libraries(internal)


def test_readme_apt_line_installs_every_system_library_the_bundle_leaves_out() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installing on a desk", 1)[1].split("\n## ", 1)[0]
    apt_lines = [line for line in section.splitlines() if "apt-get install" in line]
    assert len(apt_lines) == 1, apt_lines
    packages = set(apt_lines[0].split())
    needed = set(smoke.SYSTEM_LIBRARIES.values()) - {"libc6"}  # every Debian has libc6
    assert needed <= packages, needed - packages
    assert "make bundle" in section and "make install-desktop" in section


def test_catalogs_missing_from_the_bundle_fail_and_shipped_ones_pass(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    internal.mkdir()
    with pytest.raises(smoke.SmokeFailure) as failure:
        smoke.check_catalogs(internal)
    assert "is missing or differs" in str(failure.value)
    shutil.copytree(ROOT / "pos_app" / "locale", internal / "pos_app" / "locale")
    smoke.check_catalogs(internal)
