"""Benchmark: the auditor's pages and exports over a large audit trail and access log.

Run: ``python benchmarks/bench_audit.py [--changes N] [--reads M]`` (writes
benchmarks/results/audit.json).

Data (synthetic, in a temporary SQLite database): N audit-trail entries (default 10,000;
organisations created and changed, each change a choice, a foreign key and a text) and M
access-log entries (default 100,000) by 50 readers, a third of them reads of lists naming 20
restricted records each.

Measured (median of 5, as the auditor through the test client): the audit trail's first page
and a filtered page (50 entries described: labels, related records, local time), the access
log's first page, one person's reads, one record's readers (a scan of the lists' records);
then each CSV export of everything, in entries per second.
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
ROOT = HERE.parent
RESULTS = HERE / "results" / "audit.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-audit-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "var", debug=True)
        # The workload imports Django models: only after setup.
        work = importlib.import_module("audit_workload")
        data = work.build(args.changes, args.reads)
        pages = work.time_pages(data.pop("auditor_id"), data.pop("reader_id"))
    result = {
        "benchmark": "audit",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        },
        "data": data,
        "pages": pages,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
