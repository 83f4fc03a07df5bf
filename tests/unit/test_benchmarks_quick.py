"""`python -m benchmarks --quick` runs and writes well-formed results (no timing checks)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"id", "name", "value", "unit", "baseline", "ratio", "target", "met", "notes"}
# Figures whose value may be null: they need PostgreSQL (sync, joining, the fleet).
VALUE_MAY_BE_NULL = {4, 9, 10}
# Figures with no baseline by design (the issue's "—"); 4's, 9's and 10's need PostgreSQL.
BASELINE_MAY_BE_NULL = {4, 6, 8, 9, 10}


def _number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def test_quick_benchmarks_write_well_formed_results(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEEWAY_INSECURE_FILE_KEYRING="1")
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True
    assert data["errors"] == []
    for key in ("cpu", "cores", "ram_gb", "python", "sqlite"):
        assert data["machine"][key], key
    figures = data["figures"]
    assert [f["id"] for f in figures] == list(range(1, 11))
    for f in figures:
        assert KEYS <= set(f), (f["id"], KEYS - set(f))
        assert isinstance(f["name"], str) and f["name"]
        assert isinstance(f["unit"], str) and f["unit"]
        assert isinstance(f["target"], str) and f["target"]
        assert isinstance(f["notes"], str)
        fid = f["id"]
        if f["value"] is None:
            assert fid in VALUE_MAY_BE_NULL, (fid, f["notes"])
        else:
            assert _number(f["value"]) and f["value"] >= 0, (fid, f["value"])
        if f["baseline"] is None:
            assert fid in BASELINE_MAY_BE_NULL, (fid, f["notes"])
        else:
            assert _number(f["baseline"]) and f["baseline"] > 0, (fid, f["baseline"])
        if f["value"] is not None and f["baseline"] is not None:
            assert _number(f["ratio"])
        else:
            assert f["ratio"] is None
        assert f["met"] is None or isinstance(f["met"], bool)
        if f["value"] is None:
            assert f["met"] is None
        else:
            assert isinstance(f["met"], bool), fid
    sync, joining, fleet = figures[3], figures[8], figures[9]
    if os.environ.get("LEEWAY_REQUIRE_PG") == "1":
        for fig in (sync, joining, fleet):
            assert fig["baseline"] is not None, fig["notes"]
        # What the figures measured was also correct: the new desk holds and finds every
        # customer; the fleet stored every event once and kept every shared cap.
        assert joining["stats"]["held"] == joining["stats"]["expected"] > 0
        assert joining["stats"]["found"] is True
        for check in ("events_stored_once", "heads_at_last_event", "shared_within_cap",
                      "shared_grants_match_desks"):
            assert fleet["stats"][check] is True, (check, fleet["notes"])
        assert fleet["stats"]["error_count"] == 0
