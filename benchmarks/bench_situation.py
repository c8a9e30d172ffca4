"""Benchmark: the whole situational picture for one year, and the cached dashboard.

Run: ``python benchmarks/bench_situation.py`` (writes benchmarks/results/situation.json).

Data (synthetic, fixed seed, in a temporary SQLite database): 40 districts of 1.5 km × 1.5 km
(a 12 × 7.5 km town), 100,000 incidents in the year measured and 95,000 and 90,000 in the
two years before (comparisons and the control chart's baseline): weekday/hour rhythm,
seasons, hot spots, near-repeat burglary chains, 8 % police-feed notices without a position,
5 % restricted rows. Written through the incidents app's bulk writer (with area assignment).

1. **Picture, end to end** (issue 5: under 3 s): ``picture_for_scope`` for the year with an
   empty cache — the incidents adapter's arrays, the grouped counts, every figure (counts,
   rates, heat table, change tests, control chart, KDE, Gi* on cells and areas, Knox with 99
   permutations, alerts, harm, coverage). Median of 3 after one warm-up run (which loads
   numba's cached kernels). Peer: reading the same 100,000 rows' columns with a bare
   ``sqlite3`` cursor (no permissions, no datetimes, no statistics).
2. **Dashboard with cached results** (issue 5: p95 under 300 ms over 200 requests): a real
   server (gunicorn, one sync worker, DEBUG=0) in a subprocess, a logged-in session (the
   analyst), 200 sequential GETs of the full dashboard page for the year after the cache is
   warm; also 200 htmx fragment requests. Peer: ``/healthz`` (one SELECT 1), same server.
3. **First picture after a server start** (issue 16: under 1.5 × the warm time): ``samtrygg
   serve`` (one gunicorn process) started afresh, the year's dashboard asked as soon as it
   answers, against the next picture computed in full in the same process (a second analyst,
   same incidents, another cache key); with ``SERVE_WARM_UP`` off and on, side by side.
   numba's kernel cache is already filled by part 1 (as after a server's first start).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any

import numpy as np
import requests
from benchenv import setup_django
from django.core.cache import caches

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "situation.json"
SEED = 20260101
YEAR = 2025
VOLUMES = {2025: 100_000, 2024: 95_000, 2023: 90_000}
NX, NY, SIZE = 8, 5, 1500.0
X0, Y0 = 580_000.0, 6_602_000.0
PASSWORD = "bench-password-1234"
REQUESTS = 200
#: issue 16: the first picture after a server start under 1.5 × the next one.
TARGET_COLD_RATIO = 1.5

CATEGORIES = {
    "skadegorelse": 0.16,
    "klotter": 0.10,
    "brand": 0.03,
    "nedskrapning": 0.08,
    "ordningsstorning": 0.12,
    "otrygga-grupperingar": 0.07,
    "hot": 0.05,
    "vald": 0.06,
    "inbrott-bostad": 0.06,
    "stold": 0.12,
    "narkotika": 0.06,
    "otrygg-belysning": 0.09,
}
HOUR_WEIGHTS = np.array(
    [4, 3, 3, 2, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 4, 5, 6, 6, 7, 8, 9, 9, 8, 6], dtype=float
)
WEEKDAY_WEIGHTS = np.array([0.9, 0.9, 0.95, 1.0, 1.3, 1.4, 1.1])


def generate(rng: np.random.Generator, year: int, n: int) -> dict[str, np.ndarray]:
    """Times (UTC datetime64[s]), points (NaN for notices), categories, classifications."""
    days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    season = 1.0 + 0.25 * np.sin((np.arange(days) - 80) / days * 2 * np.pi)
    start = dt.date(year, 1, 1)
    weekday = np.array([(start + dt.timedelta(days=int(d))).weekday() for d in range(days)])
    day_weights = season * WEEKDAY_WEIGHTS[weekday]
    day = rng.choice(days, size=n, p=day_weights / day_weights.sum())
    hour = rng.choice(24, size=n, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    seconds = (day * 86400 + hour * 3600 + rng.integers(0, 3600, n)).astype("timedelta64[s]")
    local = np.datetime64(f"{year}-01-01T00:00:00") + seconds
    utc = local - np.timedelta64(1, "h")  # CET; good enough for synthetic data
    names = list(CATEGORIES)
    probs = np.array(list(CATEGORIES.values()))
    cat = rng.choice(len(names), size=n, p=probs / probs.sum())
    centres = np.column_stack(
        [
            rng.uniform(X0 + 500, X0 + NX * SIZE - 500, 25),
            rng.uniform(Y0 + 500, Y0 + NY * SIZE - 500, 25),
        ]
    )
    in_hot = rng.random(n) < 0.55
    which = rng.integers(0, len(centres), n)
    x = np.where(
        in_hot, centres[which, 0] + rng.normal(0, 220, n), rng.uniform(X0, X0 + NX * SIZE, n)
    )
    y = np.where(
        in_hot, centres[which, 1] + rng.normal(0, 220, n), rng.uniform(Y0, Y0 + NY * SIZE, n)
    )
    # near-repeat chains: a third of the burglaries get a follow-up within 150 m and 10 days
    burglary = np.flatnonzero(cat == names.index("inbrott-bostad"))
    seeds = burglary[rng.random(burglary.size) < 0.33]
    followers = rng.choice(np.setdiff1d(np.arange(n), burglary), size=seeds.size, replace=False)
    cat[followers] = names.index("inbrott-bostad")
    x[followers] = x[seeds] + rng.normal(0, 60, seeds.size)
    y[followers] = y[seeds] + rng.normal(0, 60, seeds.size)
    utc[followers] = utc[seeds] + rng.integers(3600, 10 * 86400, seeds.size).astype(
        "timedelta64[s]"
    )
    x = np.clip(x, X0 + 1, X0 + NX * SIZE - 1)
    y = np.clip(y, Y0 + 1, Y0 + NY * SIZE - 1)
    notice = rng.random(n) < 0.08
    x[notice] = np.nan
    y[notice] = np.nan
    restricted = (~notice) & (rng.random(n) < 0.05)
    return {"utc": utc, "x": x, "y": y, "cat": cat, "notice": notice, "restricted": restricted}


def build_database() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import transaction

    from samtrygg.accounts.models import Membership, Organisation, User
    from samtrygg.areas.selectors import area_index
    from samtrygg.areas.services import area_create
    from samtrygg.areas.spatial import to_4326
    from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter, sqlite_tuned_for_bulk
    from samtrygg.incidents.models import Category

    call_command("migrate", verbosity=0)
    orgs = {
        code: Organisation.objects.create(name=name, code=code, kind=kind)
        for code, name, kind in [
            ("slk-bench", "Stadsledningskontoret", "municipal_office"),
            ("lpo-bench", "Lokalpolisområdet", "police"),
            ("bostad-bench", "Bostadsbolaget", "housing_company"),
            ("skola-bench", "Skolförvaltningen", "municipal_unit"),
        ]
    }
    analyst = User.objects.create(username="bench-analyst")
    analyst.set_password(PASSWORD)
    analyst.save()
    Membership.objects.create(user=analyst, organisation=orgs["slk-bench"], role="analyst")
    # A second analyst elsewhere: the same incidents, another cache key (the cold-start figure).
    other = User.objects.create(username="bench-analyst-2")
    other.set_password(PASSWORD)
    other.save()
    Membership.objects.create(user=other, organisation=orgs["skola-bench"], role="analyst")
    rng = np.random.default_rng(SEED)
    for i in range(NX):
        for j in range(NY):
            x, y = X0 + i * SIZE, Y0 + j * SIZE
            area_create(
                actor=analyst,
                name=f"Distrikt {i}{j}",
                code=f"d{i}{j}",
                kind="district",
                geometry={
                    "type": "Polygon",
                    "coordinates": [
                        [[x, y], [x + SIZE, y], [x + SIZE, y + SIZE], [x, y + SIZE], [x, y]]
                    ],
                },
                crs="EPSG:3006",
                population=int(rng.integers(2000, 8000)),
                population_year=YEAR,
            )
    categories = dict(Category.objects.values_list("code", "pk"))
    names = list(CATEGORIES)
    index = area_index()
    t0 = time.perf_counter()
    total = 0
    with sqlite_tuned_for_bulk():
        for year, n in VOLUMES.items():
            d = generate(rng, year, n)
            lon, lat = to_4326(np.nan_to_num(d["x"], nan=X0), np.nan_to_num(d["y"], nan=Y0))
            lon = np.where(d["notice"], np.nan, lon)
            lat = np.where(d["notice"], np.nan, lat)
            source = np.where(d["notice"] | d["restricted"], 1, rng.integers(2, 4, n))
            source[d["restricted"]] = 0
            for code, system, mask in [
                ("lpo-bench", "police_feed", d["notice"]),
                ("lpo-bench", "import", d["restricted"]),
                ("bostad-bench", "form", (~d["notice"]) & (~d["restricted"]) & (source == 2)),
                ("skola-bench", "form", (~d["notice"]) & (~d["restricted"]) & (source == 3)),
            ]:
                idx = np.flatnonzero(mask)
                for start in range(0, idx.size, 50_000):
                    part = idx[start : start + 50_000]
                    with transaction.atomic():
                        writer = IncidentWriter(
                            source_organisation_id=orgs[code].pk,
                            source_system=system,
                            area_index=index,
                        )
                        writer.write(
                            IncidentColumns(
                                occurred_from=d["utc"][part],
                                occurred_to=d["utc"][part],
                                category_id=np.array(
                                    [categories[names[c]] for c in d["cat"][part]]
                                ),
                                lon=lon[part],
                                lat=lat[part],
                                x=d["x"][part],
                                y=d["y"][part],
                                precision=[
                                    "municipality" if d["notice"][k] else "exact" for k in part
                                ],
                                address=[""] * part.size,
                                description=[""] * part.size,
                                external_id=[f"{year}-{code}-{system}-{k}" for k in part],
                                classification=[
                                    "restricted"
                                    if d["restricted"][k]
                                    else ("open" if system == "police_feed" else "internal")
                                    for k in part
                                ],
                            )
                        )
                    total += part.size
    return {"incidents": total, "write_seconds": round(time.perf_counter() - t0, 1)}


def clear_caches() -> None:
    """Both caches the picture is kept in: this process's and the shared one (a table)."""
    for alias in ("default", "shared"):
        caches[alias].clear()


def time_picture() -> dict[str, Any]:
    from samtrygg.accounts.models import User
    from samtrygg.picture.compute import compute_picture
    from samtrygg.picture.data import load_picture_data, scope_for_user
    from samtrygg.picture.params import PictureParams
    from samtrygg.picture.service import picture_for_scope

    user = User.objects.get(username="bench-analyst")
    params = PictureParams("year", dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    scope = scope_for_user(user)
    clear_caches()
    t0 = time.perf_counter()
    figures = picture_for_scope(params=params, scope=scope)
    first = time.perf_counter() - t0
    runs = []
    for _ in range(3):
        clear_caches()
        t0 = time.perf_counter()
        picture_for_scope(params=params, scope=scope)
        runs.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    data = load_picture_data(params, scope)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    compute_picture(data)
    compute = time.perf_counter() - t0
    return {
        "first_run_seconds": round(first, 3),
        "seconds": [round(r, 3) for r in runs],
        "median_seconds": round(statistics.median(runs), 3),
        "load_seconds": round(load, 3),
        "compute_seconds": round(compute, 3),
        "incidents_in_picture": figures.totals.incidents,
        "mappable": figures.totals.mappable,
        "knox_events": figures.near_repeat.n_events,
        "hot_cells": figures.hotspots.n_hot,
        "target_seconds": 3.0,
    }


def bare_read(db: Path) -> float:
    con = sqlite3.connect(db)
    t0 = time.perf_counter()
    rows = con.execute(
        "SELECT id, x, y, occurred_from, occurred_to, category_id, precision "
        "FROM incidents_incident WHERE occurred_from >= ? AND occurred_from < ?",
        (f"{YEAR - 1}-12-31 23:00:00", f"{YEAR}-12-31 23:00:00"),
    ).fetchall()
    seconds = time.perf_counter() - t0
    con.close()
    assert len(rows) >= VOLUMES[YEAR] * 0.9
    return seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_server(env: dict[str, str]) -> dict[str, Any]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "samtrygg.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=os.environ | env | {"DEBUG": "0", "PYTHONPATH": str(ROOT / "src")},
        cwd=str(ROOT),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        session = requests.Session()
        page = session.get(f"{base}/accounts/login/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        login = session.post(
            f"{base}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": "bench-analyst", "password": PASSWORD},
            headers={"Referer": f"{base}/accounts/login/"},
            timeout=10,
        )
        assert "sessionid" in session.cookies, login.text[:500]
        url = f"{base}/situation/?period=year&at={YEAR}-06-01"
        t0 = time.perf_counter()
        warm = session.get(url, timeout=120)
        warm_seconds = time.perf_counter() - t0
        assert warm.status_code == 200 and "situation-map" in warm.text, warm.status_code

        def run(target: str, headers: dict[str, str] | None = None) -> list[float]:
            times = []
            for _ in range(REQUESTS):
                t0 = time.perf_counter()
                r = session.get(target, headers=headers or {}, timeout=30)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200
            return times

        def summary(times: list[float]) -> dict[str, float]:
            q = np.percentile(times, [50, 95, 99])
            return {
                "p50_ms": round(float(q[0]), 1),
                "p95_ms": round(float(q[1]), 1),
                "p99_ms": round(float(q[2]), 1),
                "max_ms": round(max(times), 1),
            }

        page_times = run(url)
        fragment_times = run(url, {"HX-Request": "true"})
        health_times = run(f"{base}/healthz")
        return {
            "first_request_seconds": round(warm_seconds, 2),
            "requests": REQUESTS,
            "page_bytes": len(warm.content),
            "dashboard_page": summary(page_times),
            "dashboard_fragment": summary(fragment_times),
            "peer_healthz": summary(health_times),
            "target_p95_ms": 300.0,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _login(base: str, username: str) -> Any:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=60,
    )
    assert "sessionid" in session.cookies, username
    return session


def time_cold_start(env: dict[str, str], *, warm_up: bool) -> dict[str, Any]:
    """The first dashboard after ``samtrygg serve`` starts (one gunicorn process, no task
    worker) against the next one computed in the same process: the second analyst reads the
    same incidents under another cache key, so both pictures are computed in full. Asked
    as soon as the server answers /healthz and the two analysts have logged in (the worst
    case: the background warm-up may still be running)."""
    clear_caches()  # the shared cache would hand the server last run's pictures
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "samtrygg.cli",
            "serve",
            f"127.0.0.1:{port}",
            "--no-worker",
            "--workers",
            "1",
        ],
        env=os.environ
        | env
        | {"DEBUG": "0", "PYTHONPATH": str(ROOT / "src"), "SERVE_WARM_UP": str(int(warm_up))},
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if requests.get(f"{base}/healthz", timeout=60).status_code == HTTPStatus.OK:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        up = time.perf_counter() - started
        first, second = _login(base, "bench-analyst"), _login(base, "bench-analyst-2")
        url = f"{base}/situation/?period=year&at={YEAR}-06-01"
        times = []
        for session in (first, second):
            t0 = time.perf_counter()
            page = session.get(url, timeout=300)
            times.append(time.perf_counter() - t0)
            assert page.status_code == HTTPStatus.OK, page.status_code
            assert "situation-map" in page.text
        api = f"{base}/api/v1/situation/picture/?period=year&at={YEAR}-06-01"
        totals = [s.get(api, timeout=300).json()["totals"]["incidents"] for s in (first, second)]
        assert totals[0] == totals[1], totals  # the same incidents in both pictures
        return {
            "warm_up": warm_up,
            "server_answers_after_seconds": round(up, 2),
            "first_picture_seconds": round(times[0], 2),
            "next_picture_seconds": round(times[1], 2),
            "ratio_first_to_next": round(times[0] / times[1], 2),
            "incidents_in_picture": totals[0],
        }
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-situation-") as tmp:
        db = Path(tmp) / "bench.sqlite3"
        env = setup_django(db, Path(tmp) / "var", debug=False, plain_static=True)
        data = build_database()
        picture = time_picture()
        print("picture:", json.dumps(picture), flush=True)
        bare = bare_read(db)
        server = time_server(env)
        cold = {
            "without_warm_up": time_cold_start(env, warm_up=False),
            "with_warm_up": time_cold_start(env, warm_up=True),
        }
        print("cold start:", json.dumps(cold), flush=True)
    result = {
        "benchmark": "situation",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(v, 2) for v in load_before],
            "load_average_at_end": [round(v, 2) for v in os.getloadavg()],
        },
        "data": data
        | {"areas": NX * NY, "year": YEAR, "volumes": {str(k): v for k, v in VOLUMES.items()}},
        "picture": picture
        | {
            "peer_bare_sqlite_read_seconds": round(bare, 3),
            "ratio_to_bare_read": round(picture["median_seconds"] / bare, 1),
            "meets_target": picture["median_seconds"] < 3.0,
        },
        "dashboard": server
        | {
            "ratio_p95_to_healthz": round(
                server["dashboard_page"]["p95_ms"] / max(server["peer_healthz"]["p95_ms"], 0.1), 1
            ),
            "meets_target": server["dashboard_page"]["p95_ms"] < 300.0,
        },
        "cold_start": cold
        | {
            "target_ratio": TARGET_COLD_RATIO,
            "meets_target": cold["with_warm_up"]["ratio_first_to_next"] < TARGET_COLD_RATIO,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
