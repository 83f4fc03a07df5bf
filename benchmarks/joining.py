"""Figure 9: a new desk joining a central database that holds N customers.

A fresh PostgreSQL database gets the central schema and N customers as registration
leaves them (``central_customers`` and one ``customer`` change each in the feed, JSON
built from ``demo_customers``), loaded by COPY beforehand. Then a child process (so its
peak memory is its own) creates a new desk (``leeway init``, not timed) and times, with
the real command line, ``terminal register`` followed by ``sync`` until the desk can
search every customer: the last customer by id must be found by e-mail address, and the desk must
hold N. Baseline, in the same run: ``COPY (SELECT id, data, clocks FROM
central_customers) TO STDOUT`` read to the end by psycopg, rows/s. Target: the join at
≥ 1/3 of that rate, and the child's peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.core import REPO_ROOT, Figure
from benchmarks.dataset import log
from benchmarks.sync import PostgresUnavailable, admin_url, pg_required, scratch_database

JOIN_SEED = 5  # different people from the 1M desk's
RSS_LIMIT_MB = 300


def _fill_central(url: str, count: int) -> str:
    """COPY ``count`` customers into central as registration stores them; returns the
    id that sorts last (the one the child searches for)."""
    import psycopg

    from pos_app.services.demo import demo_customers

    last = ""
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy("COPY central_customers (id, data, clocks) FROM STDIN") as copy:
            for c in demo_customers(count, seed=JOIN_SEED):
                data = {"id": c.id, "given_name": c.given_name, "family_name": c.family_name,
                        "phone": c.phone, "email": c.email, "loyalty_id": c.loyalty_id,
                        "room": c.room, "address": c.address, "city": c.city,
                        "postal_code": c.postal_code, "country": c.country}
                copy.write_row((c.id, json.dumps(data, ensure_ascii=False), "{}"))
                last = max(last, c.id)
        cur.execute("INSERT INTO central_changes (kind, key, data)"
                    " SELECT 'customer', id, data FROM central_customers ORDER BY id")
        conn.commit()
        cur.execute("ANALYZE central_customers")
        cur.execute("ANALYZE central_changes")
    return last


def _copy_out(url: str) -> tuple[float, int]:
    """Seconds and rows of COPY ... TO STDOUT of the customers, read to the end."""
    import psycopg

    rows = 0
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        started = time.perf_counter()
        with cur.copy("COPY (SELECT id, data, clocks FROM central_customers)"
                      " TO STDOUT") as copy:
            for block in copy:
                rows += bytes(block).count(b"\n")
        took = time.perf_counter() - started
    return took, rows


def figure_join(scratch: Path, count: int) -> Figure:
    fig = Figure(9, f"a new desk joining a central database of {count:,} customers,"
                    " until it can search them all", "rows/s",
                 f"≥ 1/3 of the COPY TO STDOUT rate; peak RSS ≤ {RSS_LIMIT_MB} MB")
    try:
        admin = admin_url()
    except PostgresUnavailable as exc:
        if pg_required():
            raise
        fig.notes = f"PostgreSQL skipped: {exc}."
        return fig
    terminal_id = f"bench-join-{uuid.uuid4().hex[:8]}"
    with scratch_database(admin, terminals=(terminal_id,)) as (url, _version):
        from pos_app.adapters.central.connect import init_central

        init_central(url)
        log(f"loading {count:,} customers into central ...")
        started = time.perf_counter()
        last = _fill_central(url, count)
        log(f"loaded in {time.perf_counter() - started:.1f} s; joining with a new desk ...")
        desk = scratch / "join-desk"
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "LEEWAY_INSECURE_FILE_KEYRING": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.join_child", str(desk), url, terminal_id,
             last, str(count)], capture_output=True, text=True, env=env, cwd=REPO_ROOT,
            timeout=1800, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"join child exited {done.returncode}: {done.stderr[-800:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        copy_s, copy_rows = _copy_out(url)
    fig.value = count / result["seconds"]
    fig.baseline = copy_rows / copy_s
    fig.set_ratio()
    rss_mb = result["peak_kib"] / 1024
    fig.met = (fig.ratio is not None and fig.ratio >= 1 / 3 and rss_mb <= RSS_LIMIT_MB
               and result["held"] == count and result["found"])
    fig.stats = {**result, "peak_rss_mb": round(rss_mb, 1), "copy_seconds": round(copy_s, 3),
                 "copy_rows": copy_rows}
    fig.value_text = f"{fig.value:,.0f} rows/s, {rss_mb:.0f} MB"
    fig.notes = (
        f"leeway terminal register + leeway sync of a new desk (child process) until the"
        f" last customer by id is found by e-mail: {result['seconds']:.1f} s for"
        f" {count:,} customers (register {result['register_s']:.1f} s, sync"
        f" {result['sync_s']:.1f} s: customers in pages of 50,000 keyset by id, one bulk"
        " insert and one full-text rebuild in one local transaction, then the feed"
        f" from its head); the desk holds {result['held']:,}; peak RSS {rss_mb:.0f} MB."
        f" Baseline: COPY (SELECT id, data, clocks FROM central_customers) TO STDOUT read"
        f" by psycopg, {copy_s:.2f} s for {copy_rows:,} rows.")
    return fig
