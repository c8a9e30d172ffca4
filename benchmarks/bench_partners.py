"""Benchmark: the partner register and the dialogue forum's pages over a large dialogue.

Run: ``python benchmarks/bench_partners.py [--partners N] [--meetings M] [--per-meeting K]``
(writes benchmarks/results/partners.json).

Data (synthetic, in a temporary SQLite database): N partners (default 300), M held dialogue
meetings (default 100) with a third of the partners taking part in each (the partner login's
own partner in all), K contributions per meeting (default 30) and two recommendations each.

Measured (median of 5, through the test client): the register, the meetings list with its
counts, the newest 300 contributions and the recommendations as the coordinator; the
partner login's own page and meetings list (filtered by the resolver), and the first page
of the contributions API.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchenv import result_header, temp_django, write_result

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "partners.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--partners", type=int, default=300)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--per-meeting", type=int, default=30)
    args = parser.parse_args()
    with temp_django("partners", debug=True) as work:
        data = work.build(args.partners, args.meetings, args.per_meeting)
        pages = work.time_pages(
            data.pop("coordinator_id"), data.pop("partner_login_id"), data.pop("own_partner_id")
        )
    result = {
        **result_header("partners"),
        "data": data,
        "pages": pages,
    }
    write_result(RESULTS, result)


if __name__ == "__main__":
    main()
