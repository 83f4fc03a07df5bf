"""Exactly once under kill -9: a syncing process is killed at random points, over and
over, while the desk keeps writing; afterwards every event exists exactly once centrally,
in order, and the central copy of the chain verifies."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import normalise_url
from pos_app.bootstrap import init_terminal, open_app
from pos_app.domain.events import Event, verify_chain
from tests.integration.sync_support import new_central, register, sync

RUNS = 50


def _append(data_dir: Path, count: int, run: int) -> None:
    app = open_app(data_dir)
    try:
        with app.uow(write=True) as uow:
            for n in range(count):
                uow.events.append("note.added", {"run": run, "n": n}, actor="1001")
            uow.commit()
    finally:
        app.close()


def _central_chain(url: str) -> list[Event]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, terminal_id, seq, hlc, occurred_at, actor, approver, type, payload,"
                " prev_hash, hash FROM central_events ORDER BY seq")).all()
    finally:
        engine.dispose()
    return [Event(*row) for row in rows]


def test_killing_the_sync_at_random_points_loses_and_duplicates_nothing(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    desk = tmp_path / "desk-a"
    init_terminal(desk, terminal_id="desk-a", demo=True).close()
    register(desk, central, capsys)
    env = {**os.environ, "LEEWAY_SYNC_BATCH": "5", "LEEWAY_INSECURE_FILE_KEYRING": "1"}
    rng = random.Random(20261125)
    killed = 0
    for run in range(RUNS):
        _append(desk, 120, run)
        proc = subprocess.Popen([sys.executable, "-m", "pos_app", "--data-dir", str(desk),
                                 "sync"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(30)
        # Whatever was interrupted, central holds a gapless prefix of the local chain.
        stored = _central_chain(central)
        assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert killed >= RUNS // 3, "the kills should land mid-sync often enough to matter"
    final = sync(desk, capsys)
    assert final["online"] and final["pending"] == 0 and final["rejected_total"] == 0
    app = open_app(desk)
    try:
        with app.uow() as uow:
            local = list(uow.events.ordered())
    finally:
        app.close()
    stored = _central_chain(central)
    assert [(e.id, e.hash) for e in stored] == [(e.id, e.hash) for e in local]
    assert verify_chain(stored) is None
