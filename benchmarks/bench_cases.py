"""Benchmark: case coordination — the protected anonymous figures, intake with encryption,
and key rotation.

Run: ``python benchmarks/bench_cases.py [--cases N] [--intakes M]`` (writes
benchmarks/results/cases.json).

Data (synthetic, fixed seed, in a temporary SQLite database): N cases (default 3,000)
over the three programmes, opened over three years, two thirds closed with an outcome, with
age bands and plan dates, plus 200 stubs of deleted cases — written with ``bulk_create``
(the figures read only the case rows). Then M intakes (default 200) through the intake
service as a case worker: a person with a personnummer, name and contact details, each
field encrypted, the HMAC computed, the case key created and wrapped.

Measured:
* ``statistics.figures.build_figures``: every published figure and the sums that tie them
  (about 400 figures), protected together (LP + null space) — median of 5;
* the intake service, seconds per case (median of the M);
* ``samtrygg rotate-case-key``'s service over the M cases: per case;
* value encryption and decryption (``crypto.Cipher``), values per second, against the bare
  AES-GCM of the ``cryptography`` package on the same values (the floor).
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
RESULTS = HERE / "results" / "cases.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=3_000)
    parser.add_argument("--intakes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-cases-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "var", debug=False)
        # The workload imports Django models: only after setup.
        work = importlib.import_module("cases_workload")
        data = work.build(args.cases)
        figures = work.time_figures()
        service = work.time_intake_and_rotation(
            args.intakes, data.pop("worker_id"), data.pop("organisation_id")
        )
        cipher = work.time_cipher()
    result = {
        "benchmark": "cases",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        },
        "data": data,
        "figures": figures,
        "services": service,
        "cipher": cipher,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
