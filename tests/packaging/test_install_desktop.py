"""`make install-desktop` / `make uninstall-desktop` into a temporary PREFIX.

A tiny stand-in bundle (a folder with a `leeway` script) keeps these fast and
independent of a minutes-long build; one test also installs the real dist/leeway when
it has been built, runs it through the symlink and uninstalls it again (pytest keeps
old temporary folders, and each copy of the bundle is ~290 MB).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "dist" / "leeway"
ICON = ROOT / "resources" / "icons" / "leeway.svg"
DESKTOP = ROOT / "packaging" / "leeway.desktop"


def _make(target: str, prefix: Path, bundle: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # HOME is the temporary one too: a slip in the Makefile must not reach ~/.local.
    env = {**os.environ, "HOME": str(home)}
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), target, f"PREFIX={prefix}", f"BUNDLE_DIR={bundle}"],
        capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture()
def bundle(tmp_path: Path) -> Path:
    fake = tmp_path / "fake-bundle"
    (fake / "_internal").mkdir(parents=True)
    (fake / "_internal" / "base_library.zip").write_bytes(b"not really")
    script = fake / "leeway"
    script.write_text('#!/bin/sh\necho "leeway stand-in $*"\n', encoding="utf-8")
    script.chmod(0o755)
    return fake


@pytest.fixture()
def installed(tmp_path: Path, bundle: Path) -> Path:
    prefix = tmp_path / "prefix"
    result = _make("install-desktop", prefix, bundle, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return prefix


def _entry(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line)
    return {key: value for key, value in pairs}


def test_install_puts_bundle_link_icon_and_entry_in_place(installed: Path, bundle: Path
                                                          ) -> None:
    lib = installed / "lib" / "leeway"
    binary = lib / "leeway"
    assert binary.is_file() and os.access(binary, os.X_OK)
    assert sorted(p.name for p in lib.iterdir()) == sorted(p.name for p in bundle.iterdir())
    link = installed / "bin" / "leeway"
    assert link.is_symlink()
    assert os.readlink(link) == str(binary)  # absolute, so the link works from anywhere
    assert link.resolve() == binary.resolve()
    ran = subprocess.run([str(link), "--help"], capture_output=True, text=True, timeout=60,
                         check=False)
    assert ran.returncode == 0 and ran.stdout == "leeway stand-in --help\n", ran.stderr
    icon = installed / "share" / "icons" / "hicolor" / "scalable" / "apps" / "leeway.svg"
    assert icon.read_bytes() == ICON.read_bytes()


def test_the_menu_entry_names_the_installed_binary_by_absolute_path(installed: Path) -> None:
    entry = _entry(installed / "share" / "applications" / "leeway.desktop")
    binary = str(installed / "lib" / "leeway" / "leeway")
    # Not "leeway" from PATH: ~/.local/bin is often not on a desktop session's PATH.
    assert entry["Exec"] == binary and entry["TryExec"] == binary
    source = _entry(DESKTOP)
    assert {k: v for k, v in entry.items() if k not in ("Exec", "TryExec")} == {
        k: v for k, v in source.items() if k not in ("Exec", "TryExec")}
    assert entry["Icon"] == "leeway"


def test_desktop_file_validate_accepts_the_installed_entry(installed: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("LEEWAY_CI") == "1":
            pytest.fail("desktop-file-validate is required in CI (.ci/run installs it)")
        pytest.skip("desktop-file-validate is not on PATH (Debian package desktop-file-utils)")
    result = subprocess.run([tool, str(installed / "share" / "applications" / "leeway.desktop")],
                            capture_output=True, text=True, timeout=30, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert [line for line in output.splitlines() if "error:" in line or "warning:" in line] == []


def test_uninstall_removes_what_install_added_and_nothing_else(installed: Path, bundle: Path,
                                                               tmp_path: Path) -> None:
    neighbours = [installed / "bin" / "other-tool", installed / "share" / "applications" /
                  "other.desktop", installed / "lib" / "other" / "keep.txt"]
    for path in neighbours:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("keep me", encoding="utf-8")
    result = _make("uninstall-desktop", installed, bundle, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (installed / "lib" / "leeway").exists()
    assert not (installed / "bin" / "leeway").is_symlink()
    assert not (installed / "share" / "applications" / "leeway.desktop").exists()
    assert not (installed / "share" / "icons" / "hicolor" / "scalable" / "apps" /
                "leeway.svg").exists()
    assert all(path.read_text(encoding="utf-8") == "keep me" for path in neighbours)


def test_reinstall_replaces_the_bundle(installed: Path, bundle: Path, tmp_path: Path) -> None:
    stale = installed / "lib" / "leeway" / "stale-from-an-old-version"
    stale.write_text("old", encoding="utf-8")
    result = _make("install-desktop", installed, bundle, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not stale.exists()
    assert (installed / "lib" / "leeway" / "leeway").is_file()


def test_a_leeway_that_is_not_our_symlink_is_never_overwritten(tmp_path: Path, bundle: Path
                                                               ) -> None:
    prefix = tmp_path / "prefix"
    theirs = prefix / "bin" / "leeway"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("#!/bin/sh\n# pip's console script\n", encoding="utf-8")
    result = _make("install-desktop", prefix, bundle, tmp_path)
    assert result.returncode != 0
    assert "not a symlink" in result.stderr
    assert theirs.read_text(encoding="utf-8") == "#!/bin/sh\n# pip's console script\n"
    assert not (prefix / "lib" / "leeway").exists()


@pytest.mark.parametrize("prefix", ["relative/prefix", "{tmp}/with space", '{tmp}/say"hi"',
                                    "{tmp}/a&b", "{tmp}/c|d", "{tmp}/semi;colon",
                                    "{tmp}/new\nline"])
def test_a_prefix_the_menu_entry_cannot_name_is_refused(prefix: str, tmp_path: Path,
                                                        bundle: Path) -> None:
    prefix = prefix.format(tmp=tmp_path)
    result = subprocess.run(
        [str(ROOT / "packaging" / "install-desktop.sh"), "install", prefix, str(bundle)],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path)
    assert result.returncode == 2 and "PREFIX" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-bundle"]


def test_install_without_a_bundle_says_to_build_it(tmp_path: Path) -> None:
    result = _make("install-desktop", tmp_path / "prefix", tmp_path / "no-bundle", tmp_path)
    assert result.returncode != 0
    assert "make bundle" in result.stderr
    assert not (tmp_path / "prefix").exists()


def test_the_built_bundle_installs_runs_from_the_link_and_uninstalls(tmp_path: Path) -> None:
    if not (BUILT / "leeway").is_file():
        pytest.skip("dist/leeway is not built (make bundle); the stand-in tests cover the rest")
    prefix = tmp_path / "prefix"
    try:
        result = _make("install-desktop", prefix, BUILT, tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        ran = subprocess.run([str(prefix / "bin" / "leeway"), "--help"], capture_output=True,
                             text=True, timeout=120, check=False, cwd=tmp_path,
                             env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.startswith("usage: leeway")
    finally:
        result = _make("uninstall-desktop", prefix, BUILT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (prefix / "lib" / "leeway").exists()
