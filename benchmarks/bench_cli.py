"""Benchmark of ``samtrygg analyze`` as a command: start-up and end to end against compute.

Run: ``python benchmarks/bench_cli.py`` (writes benchmarks/results/cli.json).

* start-up: wall time of ``samtrygg analyze --help`` in a fresh process, against the import of
  numpy, scipy.spatial and numba alone (the floor of any analysis command);
* end to end: ``samtrygg analyze gi-star events.csv --cell 100 --format csv --out FILE`` on
  200,000 synthetic events (20 x 20 km in SWEREF 99 TM, 200 x 200 cells), against the
  computation alone (grid counts and Gi* in this process, warmed up) plus the start-up.

Each figure is the median of ``REPEATS`` runs: the machine the benchmarks run on is shared, so
single runs vary a lot. Targets (issue 16): start-up under 0.6 s; end to end under
3 x compute + start-up.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from analysis.data import synthetic_events  # noqa: E402

from samtrygg.analysis.grid import grid_counts, make_grid  # noqa: E402
from samtrygg.analysis.hotspots import gi_star_grid  # noqa: E402

RESULTS = HERE / "results" / "cli.json"
REPEATS = 3
N_EVENTS = 200_000
CELL = 100.0
STARTUP_TARGET_S = 0.6


def _command() -> list[str]:
    """The installed ``samtrygg`` script beside this Python, else the module."""
    script = Path(sys.executable).parent / "samtrygg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "samtrygg.cli"]


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ})
    return time.perf_counter() - t0


def _median(cmd: list[str]) -> float:
    _wall(cmd)  # warm the file cache and numba's on-disk cache
    return statistics.median(_wall(cmd) for _ in range(REPEATS))


def _compute(x: np.ndarray, y: np.ndarray) -> float:
    t0 = time.perf_counter()
    grid = make_grid(x, y, CELL)
    gc = grid_counts(x, y, grid=grid)
    gi_star_grid(gc, weights="queen")
    return time.perf_counter() - t0


def main() -> int:
    x, y, t = synthetic_events(N_EVENTS, 20.0)
    x, y = x + 500_000.0, y + 6_600_000.0  # in SWEREF 99 TM, the command's default CRS
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "events.csv"
        with src.open("w", encoding="utf-8") as fh:
            fh.write("x,y,t\n")
            np.savetxt(fh, np.column_stack([x, y, t]), fmt=["%.2f", "%.2f", "%d"], delimiter=",")
        out = Path(tmp) / "cells.csv"
        floor = _median([sys.executable, "-c", "import numpy, scipy.spatial, numba"])
        startup = _median([*_command(), "analyze", "--help"])
        e2e_cmd = [*_command(), "analyze", "gi-star", str(src), "--cell", str(CELL)]
        e2e_csv = _median([*e2e_cmd, "--format", "csv", "--out", str(out)])
        n_rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        e2e_json = _median([*e2e_cmd, "--format", "json", "--out", str(out)])
        # the same points as the command sees (two decimals), warmed up
        xs, ys = np.round(x, 2), np.round(y, 2)
        _compute(xs[:1000], ys[:1000])
        compute = statistics.median(_compute(xs, ys) for _ in range(REPEATS))
    budget = 3 * compute + startup
    res: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": os.getloadavg()[0],
        },
        "repeats": REPEATS,
        "statistic": "median wall seconds",
        "import_numpy_scipy_numba_seconds": floor,
        "startup": {
            "target": "samtrygg analyze --help: < 0.6 s",
            "seconds": startup,
            "pass": startup < STARTUP_TARGET_S,
        },
        "gi_star_200k": {
            "target": "end to end < 3 x compute + start-up",
            "events": N_EVENTS,
            "cells": n_rows,
            "compute_seconds": compute,
            "end_to_end_csv_seconds": e2e_csv,
            "end_to_end_json_seconds": e2e_json,
            "budget_seconds": budget,
            "pass": max(e2e_csv, e2e_json) < budget,
        },
    }
    print(json.dumps(res, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
