"""Measure ``leeway import customers`` on 1,000,000 realistic rows (not part of the suite).

    .venv/bin/python tests/integration/measure_import_1m.py [ROWS] [--profile]

Writes /tmp/leeway-1m/customers.csv (demo-style rows), initialises a fresh terminal in
/tmp/leeway-1m/desk, times the real ``leeway`` executable importing the file, and
prints rows/s. ``--profile`` runs the same import in-process under cProfile instead.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pos_app.services.demo import demo_customers
from pos_app.services.importing import COLUMNS

ROOT = Path("/tmp/leeway-1m")
LEEWAY = Path(sys.executable).with_name("leeway")


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for c in demo_customers(rows, seed=2026):
            writer.writerow([c.id, *(getattr(c, col) for col in COLUMNS[1:])])


def main() -> int:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), "1000000"))
    profile = "--profile" in sys.argv
    ROOT.mkdir(exist_ok=True)
    data = ROOT / f"customers-{rows}.csv"
    if not data.exists():
        started = time.perf_counter()
        write_csv(data, rows)
        print(f"wrote {data} ({data.stat().st_size / 1e6:.0f} MB) in"
              f" {time.perf_counter() - started:.1f} s")
    desk = ROOT / "desk"
    shutil.rmtree(desk, ignore_errors=True)
    env = os.environ | {"LEEWAY_INSECURE_FILE_KEYRING": "1"}
    subprocess.run([str(LEEWAY), "--data-dir", str(desk), "init", "--terminal-id", "bench"],
                   check=True, env=env, capture_output=True)
    if profile:
        import cProfile
        import pstats

        from pos_app.cli import main as leeway

        os.environ["LEEWAY_INSECURE_FILE_KEYRING"] = "1"
        out = ROOT / "import.prof"
        cProfile.runctx("leeway(['--data-dir', str(desk), 'import', 'customers', str(data)])",
                        globals(), {"leeway": leeway, "desk": desk, "data": data}, str(out))
        stats = pstats.Stats(str(out))
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
        return 0
    started = time.perf_counter()
    result = subprocess.run([str(LEEWAY), "--data-dir", str(desk), "import", "customers",
                             str(data)], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    print(result.stdout.strip() or result.stderr.strip())
    print(f"{rows} rows in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s"
          f" (exit {result.returncode}; database"
          f" {(desk / 'leeway.sqlite3').stat().st_size / 1e6:.0f} MB)")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
