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
from pathlib import Path

from benchenv import result_header, temp_django, write_result

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "walks.json"
PEER = "peer: partner register (coordinator)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--walks", type=int, default=200)
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--partners", type=int, default=200)
    args = parser.parse_args()
    with temp_django("walks", debug=True) as work:
        built = work.build(args.walks, args.findings, args.partners)
        pages = work.measure(built["ids"])
    peer_ms = pages[PEER]["ms"]
    result = {
        **result_header("walks"),
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
    write_result(RESULTS, result)


if __name__ == "__main__":
    main()
