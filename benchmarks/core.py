"""What every figure shares: sizes, the result record, percentiles, the machine, the table."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
DEFAULT_OUT = PACKAGE_DIR / "results.json"

CUSTOMER_SEED = 11  # the 1M-customer desk
CSV_SEED = 2026  # the import file (different people from the desk's)
QUERY_SEED = 7  # the 200 mixed queries


@dataclass(frozen=True)
class Sizes:
    customers: int
    events: int
    queries: int
    decisions: int
    renders: int
    startup_runs: int
    import_rows: int
    desks: int  # figure 10's fleet
    fleet_events: int  # events each desk of the fleet pushes
    fleet_requests: int  # allowance requests each desk of the fleet makes

    @staticmethod
    def for_run(quick: bool) -> Sizes:
        if quick:
            return Sizes(customers=20_000, events=5_000, queries=200, decisions=200,
                         renders=30, startup_runs=3, import_rows=20_000, desks=10,
                         fleet_events=300, fleet_requests=20)
        return Sizes(customers=1_000_000, events=100_000, queries=200, decisions=2_000,
                     renders=200, startup_runs=5, import_rows=1_000_000, desks=100,
                     fleet_events=1_000, fleet_requests=50)


@dataclass
class Figure:
    """One line of the results: ``ratio`` is always value ÷ baseline."""

    id: int
    name: str
    unit: str
    target: str
    value: float | None = None
    baseline: float | None = None
    ratio: float | None = None
    met: bool | None = None
    notes: str = ""
    # The table's text for value and baseline when one number is not enough (p50/p99).
    value_text: str | None = None
    baseline_text: str | None = None
    ratio_text: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    def set_ratio(self) -> None:
        if self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline
        else:
            self.ratio = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("value_text", "baseline_text", "ratio_text"):
            data.pop(key)
        for key in ("value", "baseline", "ratio"):
            if data[key] is not None:
                data[key] = _round(data[key])
        data["display"] = dict(zip(("value", "baseline", "ratio"), self.cells(), strict=True))
        return data

    def cells(self) -> tuple[str, str, str]:
        """The table's value, baseline and ratio texts."""
        return (self.value_text or num(self.value, self.unit),
                self.baseline_text or num(self.baseline, self.unit),
                self.ratio_text or ratio_text(self.ratio))

    @staticmethod
    def from_json(data: dict[str, Any]) -> Figure:
        shown = data.get("display") or {}
        return Figure(
            id=int(data["id"]), name=str(data["name"]), unit=str(data["unit"]),
            target=str(data["target"]), value=data["value"], baseline=data["baseline"],
            ratio=data["ratio"], met=data["met"], notes=str(data["notes"]),
            value_text=shown.get("value"), baseline_text=shown.get("baseline"),
            ratio_text=shown.get("ratio"), stats=dict(data.get("stats") or {}))


def _round(x: float) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    digits = max(0, 4 - int(math.floor(math.log10(abs(x)))))
    return round(x, digits)


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def p50_p99(seconds: Sequence[float]) -> tuple[float, float]:
    """Median and 99th percentile, in milliseconds."""
    return percentile(seconds, 50) * 1000, percentile(seconds, 99) * 1000


def num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    if abs(x) >= 1000:
        text = f"{x:,.0f}"
    elif abs(x) >= 100:
        text = f"{x:.0f}"
    elif abs(x) >= 10:
        text = f"{x:.1f}"
    elif abs(x) >= 1:
        text = f"{x:.2f}"
    else:
        text = f"{x:.3f}"
    return f"{text} {unit}".strip()


def ratio_text(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    if 0 < ratio < 0.5:
        return f"1/{1 / ratio:.0f}" if ratio < 0.1 else f"1/{1 / ratio:.1f}"
    return f"{ratio:.2f}×"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb: float | None = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    info: dict[str, Any] = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        # Other work on the machine skews tail latencies: recorded at start and end.
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    return info


def machine_line(info: dict[str, Any]) -> str:
    parts = [f"{info['cpu']}, {info['cores']} cores", f"{info['ram_gb']} GB RAM",
             str(info["os"]), f"Python {info['python']}", f"SQLite {info['sqlite']}"]
    if info.get("pyside6"):
        parts.append(f"PySide6 {info['pyside6']}")
    if info.get("postgresql"):
        parts.append(f"PostgreSQL {info['postgresql']}")
    return "; ".join(parts)


def table(figures: Sequence[Figure], markdown: bool = False) -> str:
    header = ["#", "figure", "value", "baseline", "ratio", "target", "met"]
    rows = []
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "NO")
        rows.append([str(f.id), f.name, *f.cells(), f.target, met])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |"
                  for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)
