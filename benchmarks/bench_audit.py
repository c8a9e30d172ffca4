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
from pathlib import Path

from benchenv import result_header, temp_django, write_result

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "audit.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=100_000)
    args = parser.parse_args()
    with temp_django("audit", debug=True) as work:
        data = work.build(args.changes, args.reads)
        pages = work.time_pages(data.pop("auditor_id"), data.pop("reader_id"))
    result = {
        **result_header("audit"),
        "data": data,
        "pages": pages,
    }
    write_result(RESULTS, result)


if __name__ == "__main__":
    main()
