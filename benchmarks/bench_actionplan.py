"""Benchmark: evaluating an intervention over 100,000 incidents (issue 7: under 1 s).

Run: ``python benchmarks/bench_actionplan.py [--incidents N]`` (writes
benchmarks/results/actionplan.json).

Data (synthetic, fixed seed, in a temporary SQLite database): a treated district of
1.5 km × 1.5 km, a buffer ring around it, a control district 6 km away and 12 other
districts; N incidents (default 100,000) over two years in the treated, buffer and
control areas — the worst case: all of them fall in the evaluated areas and windows (a
third fewer in the treated area after the start) — plus about 20,000 elsewhere, written
through the incidents app's bulk writer (with area assignment); 5 % police-only rows.

Measured, as the analyst (open and internal data): ``actionplan.services.evaluation_run``
end to end — the permission-filtered grouped count per area, window and category, the
harm weights, ``samtrygg.analysis.evaluate_intervention``, the comparison with the window
before (regression to the mean) and the stored, immutable run. Median of 7 after one
warm-up run.

Peers, in the same run:
* a bare ``sqlite3`` ``GROUP BY`` of the same cells (the link table joined to the
  incidents; no permissions, no ORM, no statistics, nothing stored) — the floor;
* the incidents app's array adapter (``incident_arrays`` for the three areas and the
  whole time span) — the rows-to-numpy route the evaluation does not take.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from benchenv import setup_django

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "actionplan.json"
SEED = 20260101
X0, Y0 = 586_000.0, 6_608_000.0
SIZE = 1500.0
RING = 400.0
START = dt.date(2024, 1, 1)
PIVOT = dt.date(2025, 1, 1)
END = dt.date(2025, 12, 31)
REPEATS = 7
CATEGORIES = {
    "skadegorelse": 0.25,
    "klotter": 0.15,
    "ordningsstorning": 0.15,
    "otrygga-grupperingar": 0.1,
    "stold": 0.15,
    "vald": 0.1,
    "narkotika": 0.1,
}


def _square(x: float, y: float, size: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def build(n: int) -> dict[str, Any]:
    import shapely
    from django.core.management import call_command
    from django.db import transaction

    from samtrygg.accounts.models import Membership, Organisation, User
    from samtrygg.areas.geo import SWEREF99TM, WGS84, Geometry
    from samtrygg.areas.selectors import area_index
    from samtrygg.areas.services import area_create
    from samtrygg.areas.spatial import project_geometry, to_4326
    from samtrygg.incidents.bulk import IncidentColumns, IncidentWriter, sqlite_tuned_for_bulk
    from samtrygg.incidents.models import Category

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(
        name="Bostadsbolaget", code="bostad-bench", kind="housing_company"
    )
    slk = Organisation.objects.create(
        name="Stadsledningskontoret", code="slk-bench", kind="municipal_office"
    )
    analyst = User.objects.create(username="bench-analyst")
    Membership.objects.create(user=analyst, organisation=slk, role="analyst")

    coordinator = importlib.import_module("samtrygg.testing.actors").member("coordinator")

    def create(code: str, geom: shapely.Geometry) -> Any:
        return area_create(
            actor=coordinator,
            name=code,
            code=code,
            kind="district",
            geometry=Geometry(wgs84=project_geometry(geom, SWEREF99TM, WGS84), sweref=geom),
            population=6000,
            population_year=2025,
        )

    treated_geom = shapely.box(X0, Y0, X0 + SIZE, Y0 + SIZE)
    ring_geom = shapely.difference(treated_geom.buffer(RING), treated_geom)
    control_geom = shapely.box(X0 + 6000, Y0, X0 + 6000 + SIZE, Y0 + SIZE)
    areas = {
        "treated": create("treated", treated_geom),
        "buffer": create("buffer", ring_geom),
        "control": create("control", control_geom),
    }
    for i in range(12):
        create(
            f"other-{i}",
            shapely.box(
                X0 - 9000 + (i % 4) * 2000,
                Y0 + 4000 + (i // 4) * 2000,
                X0 - 7500 + (i % 4) * 2000,
                Y0 + 5500 + (i // 4) * 2000,
            ),
        )

    rng = np.random.default_rng(SEED)
    # Generate more than n in the evaluated areas: the treated area's drop removes some,
    # and the rest is trimmed to exactly n below.
    generated = int(n / (1 - 0.45 * 0.5 * 0.33)) + 1000
    total = generated + 20_000
    # Where: 45 % treated, 25 % buffer, 30 % control; the rest in the other districts.
    shares = [0.45 * generated, 0.25 * generated, 0.30 * generated, 20_000]
    where = rng.choice(4, size=total, p=np.array(shares) / total)
    x = np.empty(total)
    y = np.empty(total)
    for k, geom in enumerate([treated_geom, ring_geom, control_geom]):
        idx = np.flatnonzero(where == k)
        minx, miny, maxx, maxy = geom.bounds
        px, py = np.empty(0), np.empty(0)
        while px.size < idx.size:
            cx = rng.uniform(minx, maxx, idx.size * 2)
            cy = rng.uniform(miny, maxy, idx.size * 2)
            ok = shapely.contains_xy(geom, cx, cy)
            px, py = np.concatenate([px, cx[ok]]), np.concatenate([py, cy[ok]])
        x[idx], y[idx] = px[: idx.size], py[: idx.size]
    rest = np.flatnonzero(where == 3)
    x[rest] = rng.uniform(X0 - 9000, X0 - 1500, rest.size)
    y[rest] = rng.uniform(Y0 + 4000, Y0 + 9500, rest.size)
    days = (END - START).days + 1
    seconds = rng.integers(0, days * 86_400, total)
    # After the intervention the treated area loses a third of its incidents (dropped).
    after = seconds >= (PIVOT - START).days * 86_400
    keep = ~((where == 0) & after & (rng.random(total) < 0.33))
    evaluated = np.flatnonzero(keep & (where < 3))
    keep[rng.choice(evaluated, size=max(0, evaluated.size - n), replace=False)] = False
    x, y, seconds, where = x[keep], y[keep], seconds[keep], where[keep]
    utc = np.datetime64(START.isoformat()) + seconds.astype("timedelta64[s]")
    codes = list(CATEGORIES)
    ids = dict(Category.objects.values_list("code", "pk"))
    cat = np.array(
        [ids[codes[c]] for c in rng.choice(len(codes), size=x.size, p=list(CATEGORIES.values()))]
    )
    restricted = rng.random(x.size) < 0.05
    lon, lat = to_4326(x, y)
    index = area_index()
    t0 = time.perf_counter()
    with sqlite_tuned_for_bulk():
        for start in range(0, x.size, 50_000):
            part = slice(start, start + 50_000)
            count = x[part].size
            with transaction.atomic():
                IncidentWriter(
                    source_organisation_id=org.pk, source_system="import", area_index=index
                ).write(
                    IncidentColumns(
                        occurred_from=utc[part],
                        occurred_to=utc[part],
                        category_id=cat[part],
                        lon=lon[part],
                        lat=lat[part],
                        x=x[part],
                        y=y[part],
                        precision=["exact"] * count,
                        address=[""] * count,
                        description=[""] * count,
                        external_id=[f"b{start + k}" for k in range(count)],
                        classification=[
                            "restricted" if r else "internal" for r in restricted[part]
                        ],
                    )
                )
    in_areas = int(np.count_nonzero(where < 3))
    return {
        "incidents_total": int(x.size),
        "incidents_in_evaluated_areas": in_areas,
        "police_only_share": 0.05,
        "write_seconds": round(time.perf_counter() - t0, 1),
        "area_ids": {k: a.pk for k, a in areas.items()},
        "intervention_start": PIVOT.isoformat(),
    }


def time_evaluation(area_ids: dict[str, int]) -> dict[str, Any]:
    from samtrygg.accounts.models import Organisation, User
    from samtrygg.actionplan import services
    from samtrygg.actionplan.models import EvaluationRun
    from samtrygg.areas.models import Area
    from samtrygg.governance.models import FocusArea

    # Imported once Django is set up (the acting users' module imports models).
    member = importlib.import_module("samtrygg.testing.actors").member
    analyst = User.objects.get(username="bench-analyst")
    areas = {k: Area.objects.get(pk=v) for k, v in area_ids.items()}
    intervention = services.intervention_create(
        actor=member("coordinator"),
        data=services.InterventionData(
            title="Platsbaserad närvaro",
            owner=Organisation.objects.get(code="slk-bench"),
            focus_areas=[FocusArea.objects.get(code="strategic")],
            areas=[areas["treated"]],
        ),
    )

    def run() -> Any:
        return services.evaluation_run(
            intervention=intervention,
            actor=analyst,
            treated=areas["treated"],
            buffer=areas["buffer"],
            control=areas["control"],
            before_start=START,
            before_end=PIVOT - dt.timedelta(days=1),
            after_start=PIVOT,
            after_end=END,
            today=END + dt.timedelta(days=1),
        )

    t0 = time.perf_counter()
    first = run()
    first_seconds = time.perf_counter() - t0
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        last = run()
        times.append(time.perf_counter() - t0)
    result = last.result
    counted = sum(
        result[r]["before"] + result[r]["after"] for r in ("treated", "buffer", "control")
    )
    pre = result["extra"]["pre_counts"]
    return {
        "median_seconds": round(statistics.median(times), 3),
        "min_seconds": round(min(times), 3),
        "max_seconds": round(max(times), 3),
        "first_run_seconds": round(first_seconds, 3),
        "runs_stored": EvaluationRun.objects.count(),
        "incidents_counted": counted,
        "counts": {r: result[r] for r in ("treated", "buffer", "control")},
        "pre_window_counts": pre,
        "did_ratio": round(result["did"]["ratio"], 3),
        "wdq": None if result["wdq"]["wdq"] is None else round(result["wdq"]["wdq"], 3),
        "same_result_as_first_run": first.result == last.result,
    }


def time_bare(db: Path, area_ids: dict[str, int]) -> float:
    """The same cells by a bare GROUP BY (no permissions, no ORM, no statistics)."""
    con = sqlite3.connect(db)
    ids = ",".join(str(v) for v in area_ids.values())
    pivot = f"{PIVOT.isoformat()} 00:00:00"
    sql = f"""
        SELECT l.area_id, i.occurred_from >= ?, i.category_id, COUNT(*)
        FROM incidents_incidentarea l JOIN incidents_incident i ON i.id = l.incident_id
        WHERE l.area_id IN ({ids}) AND i.classification IN ('open', 'internal')
          AND i.occurred_from >= ? AND i.occurred_from < ?
        GROUP BY 1, 2, 3
    """
    args = (
        pivot,
        f"{START.isoformat()} 00:00:00",
        f"{(END + dt.timedelta(days=1)).isoformat()} 00:00:00",
    )
    con.execute(sql, args).fetchall()
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        con.execute(sql, args).fetchall()
        times.append(time.perf_counter() - t0)
    con.close()
    return statistics.median(times)


def time_arrays(area_ids: dict[str, int]) -> float:
    """The incidents app's array adapter over the same areas and span."""
    from samtrygg.accounts.models import User
    from samtrygg.actionplan.adapters import day_span
    from samtrygg.incidents.adapters import incident_arrays

    analyst = User.objects.get(username="bench-analyst")
    start, end = day_span(START, END)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        incident_arrays(
            user=analyst,
            start=start,
            end=end,
            areas=list(area_ids.values()),
            mappable_only=False,
            classifications=["open", "internal"],
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-actionplan-") as tmp:
        db = Path(tmp) / "bench.sqlite3"
        setup_django(db, Path(tmp) / "var", debug=False)
        data = build(args.incidents)
        evaluation = time_evaluation(data["area_ids"])
        bare = time_bare(db, data["area_ids"])
        arrays = time_arrays(data["area_ids"])
    result = {
        "benchmark": "actionplan",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "data": {k: v for k, v in data.items() if k != "area_ids"},
        "evaluation": evaluation
        | {
            "target_seconds": 1.0,
            "meets_target": evaluation["median_seconds"] < 1.0,
        },
        "peers": {
            "bare_sqlite_group_by_seconds": round(bare, 3),
            "ratio_evaluation_to_bare_group_by": round(evaluation["median_seconds"] / bare, 1),
            "incident_arrays_adapter_seconds": round(arrays, 3),
            "ratio_arrays_to_evaluation": round(arrays / evaluation["median_seconds"], 1),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
