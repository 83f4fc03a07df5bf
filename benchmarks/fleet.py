"""Figure 10: a fleet of desks pushing events and asking for allowances at once.

Setup in a scratch central database: the schema, the demo policy published (its caps are
what ``leeway_allowance()`` grants from), four associates added by the administrator
(shift caps) and every desk registered with ``register()``, so each has its own login
role. Each desk does the same work: its own chain of decision events pushed in batches
through the real ``push_batch()`` (COPY into the session-temporary table and one
``leeway_push()``, committed as one statement, as a desk's sync does), interleaved with
allowance requests through the real ``allowances.request_now()``: a third for five hot
guests every desk shares (they contend on the budget's lock row and run out of budget),
a third for its own guests, a third for the shared associates. Each request is timed
alone as a desk pays it (pool checkout with pre-ping, then the call, committed by the
server as it ends, as ``escrow.ensure_allowance`` asks) on a connection opened before
the start.
The desks are threads in one worker process per core, each with its own engine.

Baseline, same run and database: one desk alone doing the same work first (then giving
its allowances back with ``leeway_allowance_return``). Aggregate = the fleet's events ÷
the time from the common start to the last desk done. Then the central database is
checked: every event stored once, every head at its last event, and for each shared
guest and associate what is spent plus held within the published cap and equal to what
the desks were told. PostgreSQL is optional unless ``LEEWAY_REQUIRE_PG=1``; the database
and roles are dropped afterwards.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.core import Figure, num, percentile
from benchmarks.dataset import log, synthetic_events
from benchmarks.sync import PostgresUnavailable, admin_url, pg_required, scratch_database

BATCH = 500
HOT_GUESTS = tuple(f"fleet-hot-{i}" for i in range(5))
STAFF = tuple(f"fleet-e{i}" for i in range(1, 5))
STAFF_TIER = "associate"
GUEST_WANT, STAFF_WANT = 5_000, 2_000  # minor units per request
P99_TARGET_MS = 50.0
READY_TIMEOUT_S = 600


@dataclass
class DeskRun:
    terminal_id: str
    pushed: int = 0
    rejected: int = 0
    seconds: float = 0.0
    finished: float = 0.0  # perf_counter (system-wide monotonic) when the desk was done
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    grants: dict[str, int] = field(default_factory=dict)  # "scope:key" -> total granted
    own_short: int = 0  # requests for the desk's own guests granted less than asked
    error: str | None = None


def _asks(index: int, count: int) -> list[tuple[str, str, int]]:
    """A hot shared guest, a guest of this desk's own, a shared associate, in turn."""
    rng = random.Random(index)
    return [("customer", rng.choice(HOT_GUESTS), GUEST_WANT) if j % 3 == 0
            else ("customer", f"fleet-{index:03d}-guest-{j}", GUEST_WANT) if j % 3 == 1
            else ("employee", rng.choice(STAFF), STAFF_WANT) for j in range(count)]


def _desk(index: int, terminal_id: str, url: str, events: int, requests: int, batch: int,
          ready: Any, go: Any) -> DeskRun:
    """One desk: build its chain, open its connection, say ready, wait, then work."""
    from pos_app.adapters.central.allowances import request_now
    from pos_app.adapters.central.connect import central_engine
    from pos_app.adapters.central.push import push_batch
    from pos_app.domain.events import Event

    run = DeskRun(terminal_id)
    engine = None
    try:
        rows = synthetic_events(events, terminal_id)
        chain = [Event(*row) for row in rows]  # type: ignore[arg-type]
        asks = _asks(index, requests)
        engine = central_engine(url)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:
        run.error = f"setup: {type(exc).__name__}: {exc}"[:300]
    ready.release()
    go.wait()
    if engine is None or run.error:
        if engine is not None:
            engine.dispose()
        return run
    rounds = max(1, math.ceil(len(chain) / batch))
    started = time.perf_counter()
    try:
        for b in range(rounds):
            for scope, key, want in asks[b * len(asks) // rounds:(b + 1) * len(asks) // rounds]:
                t = time.perf_counter()
                with engine.connect() as conn:  # as escrow.ensure_allowance asks
                    granted, _held = request_now(conn, scope, key, want)
                kind = ("hot_guest" if key in HOT_GUESTS else "own_guest"
                        if scope == "customer" else "associate")
                run.latencies.setdefault(kind, []).append(time.perf_counter() - t)
                name = f"{scope}:{key}"
                run.grants[name] = run.grants.get(name, 0) + granted
                run.own_short += key.startswith(f"fleet-{index:03d}-") and granted < want
            chunk = chain[b * batch:(b + 1) * batch]
            if chunk:
                with engine.connect() as conn:
                    result = push_batch(conn, chunk)
                run.pushed += len(result.acknowledged)
                run.rejected += len(result.rejected)
    except Exception as exc:  # a lock or statement timeout, a refused connection ...
        run.error = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        run.finished = time.perf_counter()
        run.seconds = run.finished - started
        engine.dispose()
    return run


def _worker(jobs: list[tuple[int, str, str]], events: int, requests: int, batch: int,
            ready: Any, go: Any, out: Any) -> None:
    """One process running its share of the desks as threads; sends back their runs and
    the process's CPU seconds."""
    from concurrent.futures import ThreadPoolExecutor

    def one(job: tuple[int, str, str]) -> DeskRun:
        return _desk(*job, events, requests, batch, ready, go)

    with ThreadPoolExecutor(len(jobs)) as pool:
        runs = list(pool.map(one, jobs))
    cpu = os.times()
    out.put((runs, cpu.user + cpu.system))


def _cpu_busy() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _run_fleet(jobs: list[tuple[int, str, str]], events: int, requests: int, batch: int,
               processes: int) -> tuple[list[DeskRun], float, float, float]:
    """(runs, wall seconds, clients' CPU seconds, machine busy fraction)."""
    ctx = multiprocessing.get_context("fork")  # desks need no re-import of __main__
    ready, go, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(jobs[p::processes], events, requests, batch,
                                                ready, go, out), daemon=True)
             for p in range(processes)]
    for p in procs:
        p.start()
    for _ in jobs:
        if not ready.acquire(timeout=READY_TIMEOUT_S):
            for p in procs:
                p.terminate()
            raise RuntimeError("a desk never became ready")
    busy0, total0 = _cpu_busy()
    start = time.perf_counter()
    go.set()
    runs: list[DeskRun] = []
    cpu = 0.0
    for _ in procs:
        part, seconds = out.get(timeout=READY_TIMEOUT_S * 3)
        runs += part
        cpu += seconds
    busy1, total1 = _cpu_busy()
    for p in procs:
        p.join()
    wall = max(r.finished for r in runs) - start
    return runs, wall, cpu, (busy1 - busy0) / max(1, total1 - total0)


def _setup(url: str, terminals: list[str]) -> dict[str, str]:
    """Schema, published policy, shared associates, registered desks: id -> desk URL."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from pos_app.adapters.central.connect import init_central, register
    from pos_app.adapters.central.publish import publish_policy
    from pos_app.adapters.central.staff_admin import add_staff
    from pos_app.bootstrap import DEFAULT_POLICY

    init_central(url)
    publish_policy(url, DEFAULT_POLICY.read_text(encoding="utf-8"))
    for emp in STAFF:
        add_staff(url, emp, f"Fleet {emp}", STAFF_TIER, "4711")
    urls = {}
    for tid in terminals:
        key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw,
                                                                      PublicFormat.Raw)
        urls[tid] = register(url, tid, key.hex(), [])[0]
    return urls


def _verify(url: str, runs: list[DeskRun], fleet: list[DeskRun], expected_events: int,
            events: int) -> dict[str, Any]:
    """The central database's account of the run; ``fleet`` holds the allowances (the lone
    desk gave its own back)."""
    import psycopg

    told: dict[str, int] = {}
    for r in fleet:
        for name, granted in r.grants.items():
            told[name] = told.get(name, 0) + granted
    with psycopg.connect(url) as conn:
        stored = conn.execute("SELECT count(*), count(DISTINCT (terminal_id, seq))"
                              " FROM central_events").fetchone()
        heads: dict[str, int] = dict(conn.execute(
            "SELECT id, head_seq FROM central_terminals").fetchall())
        limits: dict[str, int] = dict(conn.execute(
            "SELECT name, value FROM central_limits").fetchall())
        shared = {}
        for scope, keys, cap in (("customer", HOT_GUESTS, limits.get("customer_budget", 0)),
                                 ("employee", STAFF, limits.get(f"shift_cap:{STAFF_TIER}", 0))):
            for key in keys:
                row = conn.execute(
                    "SELECT coalesce(sum(granted_minor), 0),"
                    " coalesce(sum(greatest(granted_minor - consumed_minor, 0)), 0),"
                    " leeway_spent(%s, %s) FROM central_allowances"
                    " WHERE scope = %s AND key = %s", (scope, key, scope, key)).fetchone()
                assert row is not None
                shared[f"{scope}:{key}"] = (int(row[0]), int(row[1]) + int(row[2]), int(cap))
    within = all(held <= cap for _g, held, cap in shared.values())
    agree = all(granted == told.get(name, 0) for name, (granted, _h, _c) in shared.items())
    return {
        "central_events": int(stored[0]) if stored else None,
        "events_expected": expected_events,
        "events_stored_once": bool(stored and stored[0] == stored[1] == expected_events),
        "heads_at_last_event": all(heads.get(r.terminal_id) == events for r in runs),
        "shared_within_cap": within, "shared_grants_match_desks": agree,
        "shared_granted_of_cap": {k: f"{g}/{c}" for k, (g, _h, c) in shared.items()},
    }


def figure_fleet(scratch: Path, desks: int, events_per_desk: int, requests_per_desk: int,
                 machine: dict[str, Any], batch: int = BATCH,
                 processes: int | None = None, admin: str | None = None) -> Figure:
    """``admin``: the server to use (default: the machine's, see ``admin_url``)."""
    import psycopg

    fig = Figure(10, f"{desks} desks pushing events and asking for allowances at once",
                 "events/s", "≥ 50% of one desk alone; p99 allowance ≤ 50 ms")
    try:
        admin = admin or admin_url()
    except PostgresUnavailable as exc:
        if pg_required():
            raise
        fig.notes = f"PostgreSQL skipped: {exc}."
        return fig
    with psycopg.connect(admin) as conn:
        row = conn.execute(
            "SELECT current_setting('max_connections')::int,"
            " current_setting('superuser_reserved_connections')::int, (SELECT count(*)"
            " FROM pg_stat_activity WHERE backend_type = 'client backend'"
            " AND pid <> pg_backend_pid())").fetchone()
    most, reserved, used = (int(x) for x in row) if row else (0, 0, 0)
    conns = {"max_connections": most, "superuser_reserved": reserved, "other_clients": used}
    if desks > most - reserved - used:
        fig.stats = conns
        fig.notes = (f"Not run: {desks} desks need {desks} connections at once; this server"
                     f" takes {most} (max_connections) less {reserved} reserved for"
                     f" superusers and {used} in use: {most - reserved - used}.")
        return fig
    tag = uuid.uuid4().hex[:6]
    solo, ids = f"bench-fleet-solo-{tag}", [f"bench-fleet-{i:03d}-{tag}" for i in range(desks)]
    procs = max(1, min(processes or os.cpu_count() or 1, desks))
    with scratch_database(admin, terminals=(solo, *ids)) as (url, version):
        machine["postgresql"] = version
        log(f"registering {desks + 1} desks ...")
        urls = _setup(url, [solo, *ids])
        log("one desk alone ...")
        go = threading.Event()
        go.set()
        alone = _desk(desks, solo, urls[solo], events_per_desk, requests_per_desk, batch,
                      threading.Semaphore(0), go)
        if alone.error is None:
            from pos_app.adapters.central.allowances import release
            from pos_app.adapters.central.connect import central_engine

            engine = central_engine(urls[solo])
            with engine.begin() as c:
                release(c, set())  # the fleet starts from the whole budgets
            engine.dispose()
        log(f"{desks} desks at once, {procs} processes ...")
        load = os.getloadavg()[0]
        runs, wall, client_cpu, busy = _run_fleet(
            [(i, tid, urls[tid]) for i, tid in enumerate(ids)], events_per_desk,
            requests_per_desk, batch, procs)
        checks = _verify(url, [alone, *runs], runs, (desks + 1) * events_per_desk,
                         events_per_desk)
    errors = [f"{r.terminal_id}: {r.error}" for r in [alone, *runs] if r.error]
    kinds: dict[str, list[float]] = {}
    for r in runs:
        for kind, seconds in r.latencies.items():
            kinds.setdefault(kind, []).extend(seconds)
    lat = [x for seconds in kinds.values() for x in seconds]
    pct = {p: percentile(lat, p) * 1000 for p in (50, 95, 99)} if lat else {}
    fig.value = sum(r.pushed for r in runs) / wall if wall > 0 else None
    fig.baseline = alone.pushed / alone.seconds if alone.seconds > 0 else None
    fig.set_ratio()
    p99 = pct.get(99)
    if p99 is not None:
        fig.value_text = f"{num(fig.value, 'events/s')}; p99 {p99:.1f} ms"
    correct = (not errors and sum(r.rejected + r.own_short for r in runs) == 0
               and all(checks[k] for k in ("events_stored_once", "heads_at_last_event",
                                           "shared_within_cap", "shared_grants_match_desks")))
    if fig.ratio is not None and p99 is not None:
        fig.met = fig.ratio >= 0.5 and p99 <= P99_TARGET_MS and correct
    cores = os.cpu_count() or 1
    share = client_cpu / (wall * cores) if wall > 0 else 0.0
    fig.stats = {
        "desks": desks, "events_per_desk": events_per_desk, "batch": batch,
        "requests_per_desk": requests_per_desk, "requests": len(lat), "processes": procs,
        "threads_per_process": math.ceil(desks / procs),
        **{f"allowance_p{p}_ms": round(v, 2) for p, v in pct.items()},
        **{f"allowance_p99_ms_{k}": round(percentile(v, 99) * 1000, 2)
           for k, v in sorted(kinds.items())},
        "one_desk_allowance_p99_ms": round(percentile(
            [x for v in alone.latencies.values() for x in v], 99) * 1000, 2)
        if alone.latencies else None,
        "one_desk_events_per_s": round(fig.baseline or 0, 1),
        "aggregate_events_per_s": round(fig.value or 0, 1), "wall_seconds": round(wall, 3),
        "one_desk_seconds": round(alone.seconds, 3),
        "slowest_desk_seconds": round(max(r.seconds for r in runs), 3),
        "rejected": sum(r.rejected for r in [alone, *runs]),
        "own_guest_requests_short": sum(r.own_short for r in runs),
        "errors": errors[:5], "error_count": len(errors), **conns,
        "machine_cpu_busy": round(busy, 3), "client_cpu_share": round(share, 3),
        "loadavg_before": round(load, 2), **checks}
    fig.notes = (
        f"{desks} registered desks, each its own login role, engine and connection, as"
        f" threads in {procs} processes, each pushing {events_per_desk:,} chained events in"
        f" batches of {batch} (push_batch: COPY + leeway_push(), one statement each)"
        f" between {requests_per_desk} allowance requests (hot shared guests, its own"
        f" guests, shared associates): {wall:.2f} s from the common start to the last desk"
        f" done. Baseline: one desk alone first, same database, {alone.seconds:.2f} s. The"
        f" {cores} cores were {busy:.0%} busy during the fleet (PostgreSQL and the desks'"
        f" clients share them; the clients took {share:.0%})"
        + (", so the aggregate is bounded by CPU" if busy >= 0.9 else
           ": CPU was not saturated, waits (locks, commits, the clients' GIL) bound it")
        + f"; max_connections ({most}, {reserved} for superusers) bounds the desks. "
        + ("Checked: every event stored once, every head at its last event, shared guests"
           " and associates within their caps and matching what desks were told."
           if correct else f"CHECKS FAILED: {checks}; errors: {errors[:3]}"))
    return fig
