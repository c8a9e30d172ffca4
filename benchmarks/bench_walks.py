"""Benchmark: the safety walks' pages over many walks and findings.

Run: ``python benchmarks/bench_walks.py [--walks N] [--findings M] [--partners K]``
(writes benchmarks/results/walks.json).

Data (synthetic, in a temporary SQLite database): N published walks (default 200) over five
areas, M findings (default 5,000) spread over them with 20 owners, K partners (default 200),
three on each walk.

Measured (median of 5, through the test client), with each page's query count and, where
there is one, the same page's query count on a small case (a filtered list, a walk with two
findings, a partner with one walk): equal counts mean no query per row. The peer, measured in
the same run, is the partner register of K partners (another app's list page); the ratios
are each page's time over the peer's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import tempfile
from pathlib import Path

from benchenv import setup_django

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "walks.json"
PEER = "peer: partner register (coordinator)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--walks", type=int, default=200)
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--partners", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-walks-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "var", debug=True)
        # The workload imports Django models: only after setup.
        work = importlib.import_module("walks_workload")
        built = work.build(args.walks, args.findings, args.partners)
        pages = work.measure(built["ids"])
    peer_ms = pages[PEER]["ms"]
    result = {
        "benchmark": "walks",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        },
        "data": built["data"],
        "pages": pages,
        "ratios_to_peer": {
            name: round(figures["ms"] / peer_ms, 2)
            for name, figures in pages.items()
            if name != PEER
        },
        "no_query_per_row": {
            name: figures["queries"] == figures["queries_small_case"]
            for name, figures in pages.items()
            if "queries_small_case" in figures
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
