"""``python -m benchmarks [--quick] [--out PATH]``: run every figure, print, write JSON."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Before anything from pos_app is imported: the file keyring opt-in and headless Qt.
os.environ["LEEWAY_INSECURE_FILE_KEYRING"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.core import (  # noqa: E402
    DATA_DIR,
    DEFAULT_OUT,
    QUERY_SEED,
    Figure,
    Sizes,
    machine,
    machine_line,
    table,
)

# id -> (name, unit, target), for a figure whose measurement failed.
CATALOG = {
    1: ("search service latency p50/p99", "ms", "p99 ≤ 15 ms; ≥ 10× faster than baseline at p50"),
    2: ("last keystroke to results in the Qt model, p99", "ms", "≤ 50 ms"),
    3: ("recording one decision durably, p50/p99", "ms",
        "p50 and p99 each ≤ 4× the bare commit's; p99 ≤ 5 ms"),
    4: ("sync push of outbox events into PostgreSQL", "rows/s", "≥ 1/3 of the COPY rate"),
    5: ("start-up to the sign-in screen shown and responsive", "s", "≤ 1.0 s and ≤ 3× baseline"),
    6: ("voucher PDF render, p50/p99", "ms", "p99 ≤ 50 ms"),
    7: ("peak RSS after start-up and 200 searches", "MB", "≤ 250 MB"),
    8: ("importing a customer CSV", "rows/s", "≥ 50,000 rows/s"),
    9: ("a new desk joining a central database of many customers", "rows/s",
        "≥ 1/3 of the COPY TO STDOUT rate; peak RSS ≤ 300 MB"),
    10: ("desks pushing events and asking for allowances at once", "events/s",
         "≥ 50% of one desk alone; p99 allowance ≤ 50 ms"),
}


def _failed(fid: int, exc: BaseException) -> Figure:
    name, unit, target = CATALOG[fid]
    return Figure(fid, name, unit, target,
                  notes=f"measurement failed: {type(exc).__name__}: {exc}"[:500])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (about 20,000 customers), for development and CI")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"where to write the results (default {DEFAULT_OUT})")
    parser.add_argument("--only", type=int, nargs="+", metavar="N", choices=sorted(CATALOG),
                        help="measure only these figures (the others keep their values"
                             " from the results file, if it has them)")
    parser.add_argument("--markdown", type=Path, metavar="RESULTS",
                        help="print an existing results file as a Markdown table (for the"
                             " README) and exit; nothing is measured")
    args = parser.parse_args(argv)
    if args.markdown is not None:
        saved = json.loads(args.markdown.read_text(encoding="utf-8"))
        print(table([Figure.from_json(f) for f in saved["figures"]], markdown=True))
        print(f"\nMachine: {saved['machine_line']}.")
        return 0
    sizes = Sizes.for_run(args.quick)
    info = machine()
    began = time.perf_counter()
    print(f"Leeway benchmarks ({'quick' if args.quick else 'full'}):"
          f" {sizes.customers:,} customers; {machine_line(info)}", flush=True)

    from benchmarks import dataset

    scratch = DATA_DIR / f"scratch-{os.getpid()}"
    figures: dict[int, Figure] = {}
    errors: list[str] = []

    def attempt(fids: tuple[int, ...], fn: Callable[[], Any]) -> None:
        print(f"[figure {'/'.join(map(str, fids))}]", flush=True)
        started = time.perf_counter()
        try:
            made = fn()
            for fig in made if isinstance(made, tuple) else (made,):
                figures[fig.id] = fig
        except Exception as exc:
            errors.append(f"figure {fids}: {type(exc).__name__}: {exc}")
            traceback.print_exc()
            for fid in fids:
                figures[fid] = _failed(fid, exc)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)

    try:
        scratch.mkdir(parents=True, exist_ok=True)
        print("[data]", flush=True)
        desk = dataset.customer_desk(sizes.customers)
        queries = dataset.make_queries(desk, sizes.customers, sizes.queries, QUERY_SEED)
        queries_file = scratch / "queries.json"
        queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        _run_all(attempt, figures, sizes, info, desk, queries, queries_file, scratch,
                 set(args.only or CATALOG))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.only and args.out.exists():  # keep the figures this run did not measure
        saved = json.loads(args.out.read_text(encoding="utf-8"))
        origin = f"{'quick' if saved.get('quick') else 'full'} run of {saved.get('generated_at')}"
        for f in saved.get("figures", []):
            if f["id"] not in figures and f["id"] in CATALOG:
                kept = Figure.from_json(f)
                if not kept.notes.startswith("(From the "):  # say where it comes from, once
                    kept.notes = f"(From the {origin}.) {kept.notes}"
                figures[f["id"]] = kept
    ordered = [figures.get(fid) or _failed(fid, RuntimeError("not run")) for fid in CATALOG]
    result = {
        "issue": 16,
        "measured": sorted(args.only or CATALOG),
        "quick": args.quick,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - began, 1),
        "sizes": asdict(sizes),
        "machine": info,
        "machine_line": machine_line(info),
        "figures": [f.as_json() for f in ordered],
        "errors": errors,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print()
    print(table(ordered))
    print()
    print(f"Machine: {machine_line(info)}")
    print(f"Wrote {args.out} in {result['duration_s']} s.")
    if errors:
        print(f"{len(errors)} measurement(s) failed:", *errors, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def _run_all(attempt: Callable[[tuple[int, ...], Callable[[], Any]], None],
             figures: dict[int, Figure], sizes: Sizes, info: dict[str, Any], desk: Path,
             queries: list[tuple[str, str]], queries_file: Path, scratch: Path,
             only: set[int]) -> None:
    from benchmarks.decisions import figure_decide
    from benchmarks.importing import figure_import
    from benchmarks.joining import figure_join
    from benchmarks.search import figure_keystroke, figure_search
    from benchmarks.startup import figures_startup
    from benchmarks.sync import figure_sync, pg_required
    from benchmarks.vouchers import figure_render
    from pos_app.bootstrap import open_app

    if only & {1, 2}:
        app = open_app(desk, insecure_keyring=True)
        try:
            attempt((1,), lambda: figure_search(app, desk, queries, sizes.customers))
            service_p99 = figures[1].value
            attempt((2,), lambda: figure_keystroke(app, queries, service_p99))
        finally:
            app.close()
    if 3 in only:
        attempt((3,), lambda: figure_decide(scratch, sizes.decisions))
    if 4 in only:
        if pg_required():  # CI: a PostgreSQL failure must fail the run
            figures[4] = figure_sync(scratch, sizes.events, info)
        else:
            attempt((4,), lambda: figure_sync(scratch, sizes.events, info))
    if only & {5, 7}:
        attempt((5, 7), lambda: figures_startup(desk, queries_file, sizes.startup_runs,
                                                sizes.customers))
    if 6 in only:
        attempt((6,), lambda: figure_render(sizes.renders))
    if 8 in only:
        attempt((8,), lambda: figure_import(scratch, sizes.import_rows))
    if 9 in only:
        attempt((9,), lambda: figure_join(scratch, sizes.customers))
    if 10 in only:
        attempt((10,), lambda: _fleet(sizes, info))


def _fleet(sizes: Sizes, info: dict[str, Any]) -> Figure:
    """Figure 10 on a throwaway server with room for every desk's connection (see
    ``benchmarks.pgserver``), or on the machine's when that cannot be started."""
    from benchmarks.fleet import figure_fleet
    from benchmarks.pgserver import private_server

    with private_server(max_connections=sizes.desks + 50) as private:
        fig = figure_fleet(Path(), sizes.desks, sizes.fleet_events, sizes.fleet_requests,
                           info, admin=private)
    fig.notes += (" Server: a throwaway PostgreSQL of the machine's version and defaults,"
                  f" max_connections {sizes.desks + 50}." if private else
                  " Server: the machine's own PostgreSQL.")
    return fig


if __name__ == "__main__":
    raise SystemExit(main())
