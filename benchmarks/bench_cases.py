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
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "cases.json"
SEED = 20260101
REPEATS = 5
VALUES = 20_000


def setup_django(db: Path, var: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{db}",
            "SAMTRYGG_VAR_DIR": str(var),
            "SAMTRYGG_IGNORE_DOTENV": "1",
            "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "CASE_DATA_KEY": "YmVuY2gtb25seS1jYXNlLWRhdGEta2V5LTMyLWJ5dGU=",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL": "0",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "DJANGO_SETTINGS_MODULE": "samtrygg.settings",
            "LOG_LEVEL": "WARNING",
            "DEBUG": "0",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(n: int) -> dict[str, Any]:
    from django.core.management import call_command

    from samtrygg.accounts.models import Membership, Organisation, User
    from samtrygg.cases.models import AgeBandChoice, Case, CaseStub, Outcome, Programme

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="IFO", code="ifo-bench", kind="municipal_unit")
    worker = User.objects.create(username="bench-worker")
    Membership.objects.create(user=worker, organisation=org, role="case_worker")
    rng = random.Random(SEED)
    today = dt.date.today()
    rows = []
    for i in range(n):
        opened = today - dt.timedelta(days=rng.randrange(3 * 365))
        closed = None
        if rng.random() < 2 / 3:
            closed = min(today, opened + dt.timedelta(days=rng.randrange(30, 400)))
        plan = opened + dt.timedelta(days=rng.randrange(5, 60)) if rng.random() < 0.8 else None
        rows.append(
            Case(
                reference=f"BENCH-{i:06d}",
                programme=rng.choice(Programme.values),
                status="closed" if closed else rng.choice(["intake", "assessment", "active"]),
                organisation=org,
                coordinator=worker,
                intake_reason="other_concern",
                opened_on=opened,
                closed_on=closed,
                outcome=rng.choice(Outcome.values) if closed else "",
                age_band=rng.choice(AgeBandChoice.values),
                plan_started_on=plan,
            )
        )
    Case.objects.bulk_create(rows, batch_size=1000)
    CaseStub.objects.bulk_create(
        [
            CaseStub(
                programme=rng.choice(Programme.values),
                organisation=org,
                opened_year=today.year - 8 + rng.randrange(2),
                closed_year=today.year - 6,
                outcome=rng.choice(Outcome.values),
                deleted_on=today,
            )
            for _ in range(200)
        ]
    )
    return {"cases": n, "stubs": 200, "worker_id": worker.pk, "organisation_id": org.pk}


def time_figures() -> dict[str, Any]:
    from samtrygg.cases.statistics.figures import build_figures, figure_system

    today = dt.date.today()
    system, _window, _years = figure_system(today)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        figures = build_figures(today)
        times.append(time.perf_counter() - start)
    published = sum(
        1
        for table in (figures.opened, figures.closed, figures.active, figures.age, figures.outcome)
        for value in table.values()
        if value is not None
    )
    return {
        "figures": len(system.figures),
        "equations": len(system.equations),
        "published_in_quarter_tables": published,
        "median_seconds": round(statistics.median(times), 3),
    }


def time_intake_and_rotation(m: int, worker_id: int, organisation_id: int) -> dict[str, Any]:
    from django.test import override_settings

    from samtrygg.accounts.models import Organisation, User
    from samtrygg.cases import services

    worker = User.objects.get(pk=worker_id)
    org = Organisation.objects.get(pk=organisation_id)
    today = dt.date.today()
    per_case = []
    for i in range(m):
        start = time.perf_counter()
        services.case_intake(
            actor=worker,
            programme="sspf",
            organisation=org,
            intake_reason="truancy",
            opened_on=today,
            subject=services.PersonInput(
                role="subject",
                name=f"Bench Person {i}",
                identity_number="200812202398",
                phone="070-000 00 00",
                email="bench@example.se",
                address="Benchgatan 1",
            ),
        )
        per_case.append(time.perf_counter() - start)
    from django.conf import settings

    new_key = os.urandom(32)
    with override_settings(CASE_DATA_KEYS=[new_key, *settings.CASE_DATA_KEYS]):
        start = time.perf_counter()
        report = services.case_keys_rotate()
        rotation = time.perf_counter() - start
    return {
        "intakes": m,
        "intake_median_seconds": round(statistics.median(per_case), 4),
        "rotation_cases": report.cases,
        "rotation_values": report.values,
        "rotation_seconds_per_case": round(rotation / max(report.cases, 1), 4),
    }


def time_cipher() -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from samtrygg.cases.crypto import Cipher

    key = os.urandom(32)
    cipher = Cipher(key_id="bench", data_key=key)
    values = [f"Namn Efternamnsson {i}" for i in range(VALUES)]
    start = time.perf_counter()
    tokens = [cipher.encrypt(v, aad=f"bench:{i}:name") for i, v in enumerate(values)]
    encrypt = time.perf_counter() - start
    start = time.perf_counter()
    for i, token in enumerate(tokens):
        cipher.decrypt(token, aad=f"bench:{i}:name")
    decrypt = time.perf_counter() - start
    bare = AESGCM(key)
    start = time.perf_counter()
    for i, v in enumerate(values):
        bare.encrypt(os.urandom(12), v.encode(), f"bench:{i}:name".encode())
    floor = time.perf_counter() - start
    return {
        "values": VALUES,
        "encrypt_per_second": round(VALUES / encrypt),
        "decrypt_per_second": round(VALUES / decrypt),
        "bare_aesgcm_encrypt_per_second": round(VALUES / floor),
        "ratio_cipher_to_bare": round(encrypt / floor, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=3_000)
    parser.add_argument("--intakes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-cases-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3", Path(tmp) / "var")
        data = build(args.cases)
        figures = time_figures()
        service = time_intake_and_rotation(
            args.intakes, data.pop("worker_id"), data.pop("organisation_id")
        )
        cipher = time_cipher()
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
