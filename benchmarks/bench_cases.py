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
from pathlib import Path

from benchenv import result_header, temp_django, write_result

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "cases.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=3_000)
    parser.add_argument("--intakes", type=int, default=200)
    args = parser.parse_args()
    with temp_django("cases", debug=False) as work:
        data = work.build(args.cases)
        figures = work.time_figures()
        service = work.time_intake_and_rotation(
            args.intakes, data.pop("worker_id"), data.pop("organisation_id")
        )
        cipher = work.time_cipher()
    result = {
        **result_header("cases"),
        "data": data,
        "figures": figures,
        "services": service,
        "cipher": cipher,
    }
    write_result(RESULTS, result)


if __name__ == "__main__":
    main()
