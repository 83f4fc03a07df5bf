"""Helpers for sync tests: desks registered with a central database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import SECRET_URL, init_central, normalise_url
from pos_app.cli import main


def new_desk(tmp_path: Path, name: str, demo: bool, central: str, capsys: Any) -> Path:
    """A terminal ``name`` (with the demo data when ``demo``) registered with ``central``."""
    from pos_app.bootstrap import init_terminal

    data_dir = tmp_path / name
    init_terminal(data_dir, terminal_id=name, demo=demo).close()
    register(data_dir, central, capsys)
    return data_dir


def register(data_dir: Path, central: str, capsys: Any) -> None:
    assert main(["--data-dir", str(data_dir), "terminal", "register", "--central", central]) == 0
    capsys.readouterr()


def sync(data_dir: Path, capsys: Any) -> dict[str, Any]:
    code = main(["--data-dir", str(data_dir), "sync", "--json"])
    out = capsys.readouterr().out
    data: dict[str, Any] = json.loads(out)
    assert code == (0 if data["online"] else 1)
    return data


def central_events(url: str) -> list[tuple[str, int, str]]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT terminal_id, seq, hash FROM central_events"
                                     " ORDER BY terminal_id, seq")).all()
        return [(r[0], int(r[1]), r[2]) for r in rows]
    finally:
        engine.dispose()


def terminal_url(app: Any) -> str:
    url = app.secrets.get(SECRET_URL)
    assert url
    return str(url)


def new_central(url: str) -> str:
    init_central(url)
    return url
