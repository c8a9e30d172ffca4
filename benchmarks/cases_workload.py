"""The workload of ``bench_cases.py``, imported once Django is set up: the synthetic cases,
and the timed figures, intake, rotation and cipher."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.cases import services
from samtrygg.cases.crypto import Cipher
from samtrygg.cases.models import AgeBandChoice, Case, CaseStub, Outcome, Programme
from samtrygg.cases.statistics.figures import build_figures, figure_system

SEED = 20260101
REPEATS = 5
VALUES = 20_000
SHARE_CLOSED = 2 / 3
SHARE_WITH_PLAN = 0.8


def build(n: int) -> dict[str, Any]:

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
        if rng.random() < SHARE_CLOSED:
            closed = min(today, opened + dt.timedelta(days=rng.randrange(30, 400)))
        plan = (
            opened + dt.timedelta(days=rng.randrange(5, 60))
            if rng.random() < SHARE_WITH_PLAN
            else None
        )
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
