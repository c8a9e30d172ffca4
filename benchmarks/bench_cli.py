"""Benchmark of ``samtrygg analyze`` as a command: start-up and end to end against compute.

Run: ``python benchmarks/bench_cli.py`` (writes benchmarks/results/cli.json).

* start-up: wall time of ``samtrygg analyze --help`` in a fresh process, beside Python's own
  start (``python -c pass``), the import of numpy (the floor of the Gi* grid command) and of
  numpy, scipy.spatial and numba (the floor of ``knox``);
* end to end: ``samtrygg analyze gi-star events.csv --cell 100 --format csv --out FILE`` on
  200,000 synthetic events (20 x 20 km in SWEREF 99 TM, 200 x 200 cells), against the
  computation alone (grid counts and Gi* in this process, warmed up) plus the start-up;
* where the rest goes: reading the events, the computation, building the rows and writing
  the CSV, each timed in this process (CPU seconds, warmed up).

Each figure is the median of ``REPEATS`` runs: the machine the benchmarks run on is shared, so
single runs vary a lot; beside the wall time each run's CPU time (user + system of the child)
is kept, which a busy machine disturbs much less, and the end-to-end target is judged in both.
Targets (issue 16): start-up under 0.6 s; end to end under 3 x compute + start-up. The commands
run from compiled bytecode, as an installed program does, even where the environment says
not to write it (kept in a temporary folder).

``--baseline SRC`` also times the same commands with ``SRC`` (another checkout's ``src``, e.g.
``git archive`` of an older commit) first on ``PYTHONPATH``, interleaved with ours, and reports
both side by side with the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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

from samtrygg.analysis import io  # noqa: E402
from samtrygg.analysis.cli import hotspots as hotspots_command  # noqa: E402
from samtrygg.analysis.cli import output  # noqa: E402
from samtrygg.analysis.cli.parsers import build_parser  # noqa: E402
from samtrygg.analysis.grid import grid_counts, make_grid  # noqa: E402
from samtrygg.analysis.hotspots import gi_star_grid  # noqa: E402

RESULTS = HERE / "results" / "cli.json"
REPEATS = 5
N_EVENTS = 200_000
CELL = 100.0
STARTUP_TARGET_S = 0.6


def _command() -> list[str]:
    """The installed ``samtrygg`` script beside this Python, else the module."""
    script = Path(sys.executable).parent / "samtrygg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "samtrygg.cli"]


#: Where the commands keep their compiled bytecode (set in main): an installed program runs
#: from its .pyc files, so the timed runs may write and read them (the warm-up run writes
#: them), away from the source trees, even where PYTHONDONTWRITEBYTECODE is set.
PYCACHE: dict[str, str] = {}


def _env(src: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYCACHE)
    if src is None:
        return env
    return {**env, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


def _wall(cmd: list[str], src: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env(src))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _medians(cmd: list[str], sources: list[str | None]) -> list[tuple[float, float]]:
    """Median (wall, CPU) per source tree, the trees' runs interleaved."""
    for src in sources:
        _wall(cmd, src)  # warm the file cache and numba's on-disk cache
    runs: list[list[tuple[float, float]]] = [[] for _ in sources]
    for _ in range(REPEATS):
        for k, src in enumerate(sources):
            runs[k].append(_wall(cmd, src))
    return [(statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for r in runs]


def _median(cmd: list[str]) -> dict[str, float]:
    wall, cpu = _medians(cmd, [None])[0]
    return {"wall": wall, "cpu": cpu}


def _compute(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Wall and CPU seconds of the grid counts and Gi* (what the command computes)."""
    t0, c0 = time.perf_counter(), time.process_time()
    grid = make_grid(x, y, CELL)
    gc = grid_counts(x, y, grid=grid)
    gi_star_grid(gc, weights="queen")
    return time.perf_counter() - t0, time.process_time() - c0


def _stages(src: Path, out: Path) -> dict[str, float]:
    """Median CPU seconds of each stage of the command, in this process (warmed up)."""
    args = build_parser().parse_args(
        ["gi-star", str(src), "--cell", str(CELL), "--format", "csv", "--out", str(out)]
    )
    runs: dict[str, list[float]] = {"read": [], "read_compute_rows": [], "write_csv": []}
    for k in range(REPEATS + 1):
        c0 = time.process_time()
        io.read_events(str(src), t_col=None)
        c1 = time.process_time()
        _, rows = hotspots_command.run(args)
        c2 = time.process_time()
        output.write_csv(rows, str(out))
        c3 = time.process_time()
        if k:  # the first run warms up
            runs["read"].append(c1 - c0)
            runs["read_compute_rows"].append(c2 - c1)
            runs["write_csv"].append(c3 - c2)
    return {name: statistics.median(v) for name, v in runs.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", help="another source tree to time side by side")
    ap.add_argument("--baseline-label", default="", help="what the baseline is (a commit)")
    opts = ap.parse_args(argv)
    sources: list[str | None] = [None] + ([opts.baseline] if opts.baseline else [])
    load_start = os.getloadavg()[0]
    x, y, t = synthetic_events(N_EVENTS, 20.0)
    x, y = x + 500_000.0, y + 6_600_000.0  # in SWEREF 99 TM, the command's default CRS
    with tempfile.TemporaryDirectory() as tmp:
        PYCACHE["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        src = Path(tmp) / "events.csv"
        with src.open("w", encoding="utf-8") as fh:
            fh.write("x,y,t\n")
            np.savetxt(fh, np.column_stack([x, y, t]), fmt=["%.2f", "%.2f", "%d"], delimiter=",")
        out = Path(tmp) / "cells.csv"
        python = _median([sys.executable, "-c", "pass"])
        numpy_floor = _median([sys.executable, "-c", "import numpy"])
        knox_floor = _median([sys.executable, "-c", "import numpy, scipy.spatial, numba"])
        startup_all = _medians([*_command(), "analyze", "--help"], sources)
        e2e_cmd = [*_command(), "analyze", "gi-star", str(src), "--cell", str(CELL)]
        csv_all = _medians([*e2e_cmd, "--format", "csv", "--out", str(out)], sources)
        n_rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        json_all = _medians([*e2e_cmd, "--format", "json", "--out", str(out)], sources)
        startup, e2e_csv, e2e_json = startup_all[0][0], csv_all[0][0], json_all[0][0]
        # the same points as the command sees (two decimals), warmed up
        xs, ys = np.round(x, 2), np.round(y, 2)
        _compute(xs[:1000], ys[:1000])
        timings = [_compute(xs, ys) for _ in range(REPEATS)]
        compute = statistics.median(w for w, _ in timings)
        compute_cpu = statistics.median(c for _, c in timings)
        stages = _stages(src, out)
    budget = 3 * compute + startup
    budget_cpu = 3 * compute_cpu + startup_all[0][1]
    e2e_cpu = max(csv_all[0][1], json_all[0][1])
    res: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": load_start,
            "load_average_at_end": os.getloadavg()[0],
        },
        "repeats": REPEATS,
        "statistic": "median wall seconds (and median CPU seconds where named)",
        "bytecode": "cached, as an installed program runs (written by a warm-up run)",
        "python_start": python,
        "import_numpy": numpy_floor,
        "import_numpy_scipy_spatial_numba": knox_floor,
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
            "end_to_end_csv_cpu_seconds": csv_all[0][1],
            "end_to_end_json_cpu_seconds": json_all[0][1],
            "startup_cpu_seconds": startup_all[0][1],
            "compute_cpu_seconds": compute_cpu,
            "budget_cpu_seconds": budget_cpu,
            "pass_cpu": e2e_cpu < budget_cpu,
            "stages_cpu_seconds_in_process": stages,
        },
    }
    if opts.baseline:
        res["baseline"] = {
            "source": opts.baseline_label or "the --baseline source tree",
            "timing": "interleaved with ours, same commands, same data",
            "startup_seconds": startup_all[1][0],
            "end_to_end_csv_seconds": csv_all[1][0],
            "end_to_end_json_seconds": json_all[1][0],
            "startup_cpu_seconds": startup_all[1][1],
            "end_to_end_csv_cpu_seconds": csv_all[1][1],
            "end_to_end_json_cpu_seconds": json_all[1][1],
            "ratio_baseline_over_ours": {
                "startup_wall": startup_all[1][0] / startup_all[0][0],
                "csv_wall": csv_all[1][0] / csv_all[0][0],
                "json_wall": json_all[1][0] / json_all[0][0],
                "csv_cpu": csv_all[1][1] / csv_all[0][1],
                "json_cpu": json_all[1][1] / json_all[0][1],
            },
        }
    print(json.dumps(res, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
