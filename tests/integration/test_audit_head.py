"""A truncated tail is caught against an exported end-of-day head."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from pos_app.cli import main


def _run(argv: list[str], capsys: Any, monkeypatch: Any, stdin: str = "") -> tuple[int, str,
                                                                                  str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_truncating_the_log_and_its_head_is_caught_by_an_exported_head(
        demo_app: Any, data_dir: Path, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    demo_app.close()
    d = ["--data-dir", str(data_dir)]
    code, out, _ = _run([*d, "audit", "head", "--json"], capsys, monkeypatch)
    assert code == 0
    head = json.loads(out)
    exported = tmp_path / "head.json"
    exported.write_text(out, encoding="utf-8")
    # Someone deletes the last two events and rewinds the terminal's own head record.
    with sqlite3.connect(data_dir / "leeway.sqlite3") as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        rows = conn.execute("SELECT id, seq FROM events ORDER BY seq DESC LIMIT 3").fetchall()
        for event_id, _ in rows[:2]:
            conn.execute("DELETE FROM outbox WHERE event_id=?", (event_id,))
            conn.execute("DELETE FROM decisions WHERE event_id=?", (event_id,))
            conn.execute("DELETE FROM events WHERE id=?", (event_id,))
        new_head = conn.execute("SELECT hash FROM events WHERE id=?", (rows[2][0],)).fetchone()
        conn.execute("UPDATE terminal SET last_seq=?, head_hash=?", (rows[2][1], new_head[0]))
    # The local check alone cannot see it...
    assert _run([*d, "audit", "verify"], capsys, monkeypatch)[0] == 0
    # ...the exported head can.
    code, _, err = _run([*d, "audit", "verify", "--head", str(exported)], capsys, monkeypatch)
    assert code == 4
    assert f"event {head['seq']}" in err and "truncated" in err


def test_a_foreign_or_malformed_head_file_is_refused(demo_app: Any, data_dir: Path,
                                                    tmp_path: Path, capsys: Any,
                                                    monkeypatch: Any) -> None:
    demo_app.close()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    d = ["--data-dir", str(data_dir)]
    code, _, err = _run([*d, "audit", "verify", "--head", str(bad)], capsys, monkeypatch)
    assert code == 1 and "not a head" in err
    bad.write_text(json.dumps({"terminal_id": "elsewhere", "seq": 1, "hash": "0" * 64}))
    code, _, err = _run([*d, "audit", "verify", "--head", str(bad)], capsys, monkeypatch)
    assert code == 1 and "terminal elsewhere" in err


@pytest.mark.parametrize(("a", "b"), [(1, 2), (5, 6)])
def test_swapped_events_are_caught(demo_app: Any, data_dir: Path, capsys: Any,
                                   monkeypatch: Any, a: int, b: int) -> None:
    demo_app.close()
    with sqlite3.connect(data_dir / "leeway.sqlite3") as conn:
        # Swap the two rows' places in the sequence, each otherwise untouched.
        conn.execute("UPDATE events SET seq=-1 WHERE seq=?", (a,))
        conn.execute("UPDATE events SET seq=? WHERE seq=?", (a, b))
        conn.execute("UPDATE events SET seq=? WHERE seq=-1", (b,))
    code, _, err = _run(["--data-dir", str(data_dir), "audit", "verify"], capsys, monkeypatch)
    assert code == 4
    assert f"Event {a} " in err
