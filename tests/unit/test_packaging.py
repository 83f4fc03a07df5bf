"""Packaging files stay valid: the .desktop entry, the PyInstaller spec and the icon."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / "leeway.desktop"
SPEC = ROOT / "packaging" / "leeway.spec"
ICON = ROOT / "resources" / "icons" / "leeway.svg"


def _spec_data() -> list[tuple[str, str]]:
    """The spec's ``DATA`` list, read from its syntax tree without running it."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "DATA" for target in node.targets
        ):
            data = ast.literal_eval(node.value)
            assert isinstance(data, list)
            return [(str(src), str(dest)) for src, dest in data]
    raise AssertionError("packaging/leeway.spec has no top-level DATA = [...] list")


def test_desktop_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("LEEWAY_CI") == "1":
            pytest.fail("desktop-file-validate is required in CI (.ci/run installs it)")
        pytest.skip("desktop-file-validate is not on PATH (Debian package desktop-file-utils)")
    result = subprocess.run(
        [tool, str(DESKTOP)], capture_output=True, text=True, timeout=30, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    problems = [line for line in output.splitlines() if "error:" in line or "warning:" in line]
    assert problems == []


def test_spec_compiles_and_its_data_files_exist() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    data = _spec_data()
    sources = {src for src, _ in data}
    assert {"resources/policies", "resources/icons", "resources/brand", "db/local"} <= sources
    for src, dest in data:
        path = ROOT / src
        assert path.exists(), f"{src} is listed as data in leeway.spec but is missing"
        assert any(p.is_file() for p in path.rglob("*")), f"{src} has no files to bundle"
        # pos_app finds resources/ and db/ relative to the package, so the bundle must
        # keep the repository layout.
        assert dest == src


def test_icon_is_well_formed_svg() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"
