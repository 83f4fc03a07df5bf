"""Figure 3: recording one decision durably against a bare INSERT + COMMIT."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.core import Figure, num, p50_p99, ratio_text

EMPLOYEE = "5001"  # the demo general manager: a $20,000 shift cap, no approval for $1
DEMO_CUSTOMERS = 3000
WARMUP = 20
BARE_SQL = "INSERT INTO scratch (body) VALUES (?)"
BODY = ('{"action":"refund","amount_minor":100,"currency":"USD","customer_id":"C100000",'
        '"reason":"billing_error"}')


def _bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS scratch"
                 " (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    return conn


def figure_decide(scratch: Path, count: int) -> Figure:
    from pos_app.bootstrap import init_terminal
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    fig = Figure(3, "recording one decision durably (policy check + decision + event +"
                    " outbox), p50/p99", "ms",
                 "p50 and p99 each ≤ 4× the bare commit's; p99 ≤ 5 ms")
    app = init_terminal(scratch / "desk", terminal_id="bench", demo=True,
                        insecure_keyring=True)
    bare = _bare_connection(scratch / "bare.sqlite3")
    try:
        desk = app.desk

        def record(i: int) -> float:
            # The desk's own act, as the counter calls it: the policy in force is read
            # (cached by version), the amount parsed, judged, recorded and committed.
            ask = RecoveryAsk(EMPLOYEE, f"C{100000 + i % DEMO_CUSTOMERS}", "refund", "1.00",
                              "billing_error")
            started = time.perf_counter()
            outcome = grant_recovery(desk, ask)
            if not outcome.recorded:
                raise RuntimeError(f"decision refused: {outcome.verdict.explain()}")
            return time.perf_counter() - started

        def commit_bare() -> float:
            started = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute(BARE_SQL, (BODY,))
            bare.execute("COMMIT")
            return time.perf_counter() - started

        for i in range(WARMUP):
            record(i)
            commit_bare()
        mine, theirs = [], []
        for i in range(WARMUP, WARMUP + count):  # interleaved, so disk noise hits both
            mine.append(record(i))
            theirs.append(commit_bare())
    finally:
        bare.close()
        app.close()
    p50, p99 = p50_p99(mine)
    b50, b99 = p50_p99(theirs)
    fig.value, fig.baseline = p99, b99
    fig.set_ratio()
    # The target is the p50 ratio (with p99 ≤ 5 ms); the p99 ratio is held too.
    fig.met = p99 <= 5 and p50 <= 4 * b50 and p99 <= 4 * b99
    fig.value_text = f"{num(p50)} / {num(p99)} ms"
    fig.baseline_text = f"{num(b50)} / {num(b99)} ms"
    fig.ratio_text = f"{ratio_text(p50 / b50)} / {ratio_text(fig.ratio)}"
    fig.stats = {"p50_ms": round(p50, 3), "p99_ms": round(p99, 3),
                 "baseline_p50_ms": round(b50, 3), "baseline_p99_ms": round(b99, 3),
                 "ratio_p50": round(p50 / b50, 2), "decisions": count}
    fig.notes = (
        f"value/baseline/ratio are p99; p50 {num(p50)} vs {num(b50)} ms."
        f" {count} $1.00 refunds by a general manager over the demo terminal's"
        f" {DEMO_CUSTOMERS} customers, each in its own write unit of work (BEGIN IMMEDIATE,"
        " decide, commit). Baseline: sqlite3 BEGIN IMMEDIATE + one INSERT + COMMIT into a"
        " scratch table (WAL, synchronous=FULL) on the same disk, interleaved."
    )
    return fig
