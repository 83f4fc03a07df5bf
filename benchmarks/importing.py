"""Figure 8: importing a customer CSV into a fresh terminal."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.core import CSV_SEED, Figure
from benchmarks.dataset import customer_csv


def figure_import(scratch: Path, rows: int) -> Figure:
    from pos_app.bootstrap import init_terminal
    from pos_app.services.importing import import_customers

    fig = Figure(8, f"importing a {rows:,}-customer CSV", "rows/s", "≥ 50,000 rows/s")
    path = customer_csv(rows, CSV_SEED)
    app = init_terminal(scratch / "import-desk", terminal_id="bench-import",
                        insecure_keyring=True)
    try:
        started = time.perf_counter()
        with path.open("rb") as raw, app.uow(write=True) as uow:
            report = import_customers(uow, raw, region=app.region, bulk=True)
            if report.error_count:
                raise RuntimeError(f"import refused: {report.errors[:3]}")
            uow.commit()
        took = time.perf_counter() - started
    finally:
        app.close()
    fig.value = report.imported / took
    fig.met = fig.value >= 50_000
    fig.stats = {"rows": report.imported, "seconds": round(took, 3),
                 "csv_mb": round(path.stat().st_size / 1e6, 1)}
    fig.notes = (
        f"{report.imported:,} rows in {took:.1f} s: import_customers(uow, file, bulk=True)"
        " in one write unit of work plus commit (validation, E.164 phones, inserts, FTS"
        " rebuild) on a fresh terminal; the CSV is written beforehand from"
        f" demo_customers(seed={CSV_SEED})."
    )
    return fig
