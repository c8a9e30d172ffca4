"""Benchmark: bulk import of incidents from a 1,000,000-row CSV on SQLite.

Run: ``python benchmarks/bench_incidents.py [--rows N]`` (writes
benchmarks/results/incidents.json).

End to end, as ``samtrygg import-incidents`` does it: stream the CSV, parse and validate
every field, screen the free text for personal data, project WGS84 → SWEREF 99 TM, assign
each point to the areas containing it (200 Voronoi districts), write the incidents and
their area links in one transaction. The import runs in a child process, whose peak
memory (``ru_maxrss``) is reported.

Peer, in the same run: the very rows the import wrote, read back and inserted again by a
bare ``executemany`` (every column a bound parameter) into the same table of an empty
copy of the database (same schema, same indexes), in one transaction — the cost of the
writes alone, with no parsing, validation, screening, projection, area assignment or
area links. Import and peer alternate; the best of ``--repeat`` runs of each counts
(the machine may be shared).

Targets (issue 4): ≥ 50,000 rows/s; ≥ 0.5 × the bare executemany; peak memory < 2 GB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "incidents.json"
SEED = 20260101
N_AREAS = 200
# A box around Västerås in WGS84 (lon, lat).
BOX = (16.35, 59.54, 16.75, 59.70)

DESCRIPTIONS = [
    "Klotter på fasad vid entrén",
    "Krossad ruta i trapphus",
    "Nedskräpning vid återvinningsstation",
    "Grupp ungdomar som skapade oro vid busshållplatsen",
    "Inbrott i källarförråd, dörren uppbruten",
    "Brand i papperskorg, släckt av personal",
    "Trasig belysning på gångvägen",
    "Misstänkt narkotikaförsäljning på lekplatsen",
    "Skadegörelse på parkbänk",
    "Cykelstöld från cykelställ",
    "",
]
STREETS = ["Storgatan", "Vasagatan", "Kopparbergsvägen", "Bäckbyvägen", "Råbyvägen", "Stora torget"]
CATEGORIES = [
    "skadegorelse",
    "klotter",
    "brand",
    "nedskrapning",
    "ordningsstorning",
    "otrygga-grupperingar",
    "hot",
    "vald",
    "inbrott-bostad",
    "inbrott-forrad",
    "stold",
    "fordon",
    "narkotika",
    "otrygg-belysning",
]


def _cpu() -> float:
    """CPU time of this process (all its threads), user + system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DEBUG", "1")
    os.environ["SAMTRYGG_IGNORE_DOTENV"] = "1"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "samtrygg.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def write_csv(path: Path, rows: int, rng: np.random.Generator) -> None:
    start = np.datetime64("2024-06-01T00:00")
    minutes = np.sort(rng.integers(0, 730 * 24 * 60, rows))
    times = np.datetime_as_string(start + minutes.astype("timedelta64[m]"), unit="m")
    lon = rng.uniform(BOX[0], BOX[2], rows)
    lat = rng.uniform(BOX[1], BOX[3], rows)
    categories = rng.integers(0, len(CATEGORIES), rows)
    descriptions = rng.integers(0, len(DESCRIPTIONS), rows)
    streets = rng.integers(0, len(STREETS), rows)
    numbers = rng.integers(1, 120, rows)
    with_end = rng.random(rows) < 0.2
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "external_id",
                "occurred_from",
                "occurred_to",
                "category",
                "lon",
                "lat",
                "address",
                "description",
            ]
        )
        for i in range(rows):
            t = str(times[i]).replace("T", " ")
            description = DESCRIPTIONS[descriptions[i]]
            if description:
                description = f"{description}, {numbers[i]} st, {STREETS[streets[i]]}"
            writer.writerow(
                [
                    f"B{i:07d}",
                    t,
                    t[:10] if with_end[i] else "",
                    CATEGORIES[categories[i]],
                    f"{lon[i]:.6f}",
                    f"{lat[i]:.6f}",
                    f"{STREETS[streets[i]]} {numbers[i]}",
                    description,
                ]
            )


def setup_database(db_path: Path) -> None:
    """Migrate, and add the source organisation and 200 Voronoi districts."""
    _django(db_path)
    import shapely
    from django.core.management import call_command
    from shapely.geometry import mapping
    from shapely.ops import voronoi_diagram

    from samtrygg.accounts.models import Organisation
    from samtrygg.areas.models import Area
    from samtrygg.areas.spatial import project_geometry

    call_command("migrate", verbosity=0)
    Organisation.objects.create(name="Benchmark", code="bench-source", kind="housing_company")
    rng = np.random.default_rng(SEED)
    seeds = shapely.MultiPoint(
        np.column_stack(
            [rng.uniform(BOX[0], BOX[2], N_AREAS), rng.uniform(BOX[1], BOX[3], N_AREAS)]
        )
    )
    envelope = shapely.box(*BOX)
    cells = [
        cell.intersection(envelope) for cell in voronoi_diagram(seeds, envelope=envelope).geoms
    ]
    for i, cell in enumerate(cells):
        projected = project_geometry(cell, "EPSG:4326", "EPSG:3006")
        Area.objects.create(
            name=f"District {i}",
            code=f"bench-{i:03d}",
            kind="district",
            geometry=mapping(cell),
            geometry_3006=shapely.to_wkb(projected),
            min_x=projected.bounds[0],
            min_y=projected.bounds[1],
            max_x=projected.bounds[2],
            max_y=projected.bounds[3],
            area_km2=projected.area / 1e6,
        )


def child_import(db_path: Path, csv_path: Path) -> dict[str, Any]:
    _django(db_path)
    from samtrygg.accounts.models import Organisation
    from samtrygg.incidents.importer import incidents_import

    source = Organisation.objects.get(code="bench-source")
    cpu0 = _cpu()
    t0 = time.perf_counter()
    report = incidents_import(path=csv_path, format="csv", source=source, classification="internal")
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "cpu_seconds": _cpu() - cpu0,
        "created": report.created,
        "rejected": report.rejected,
        "area_links": report.area_links,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_executemany(imported_db: Path, empty_db: Path) -> dict[str, Any]:
    """Read back the rows the import wrote; insert them bare into an empty copy of the
    same database (same table, same indexes, same starting state as the import)."""
    source = sqlite3.connect(imported_db)
    cursor = source.execute("SELECT * FROM incidents_incident ORDER BY id")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    source.close()
    con = sqlite3.connect(empty_db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-262144")  # the import uses the same page cache
    sql = (
        f"INSERT INTO incidents_incident ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    cpu0 = _cpu()
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for start in range(0, len(rows), 25_000):
        con.executemany(sql, rows[start : start + 25_000])
    con.execute("COMMIT")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu_seconds": _cpu() - cpu0, "rows": len(rows)}


def copy_database(clean: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(clean, target)


def run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "import":
            result = child_import(Path(rest[0]), Path(rest[1]))
        else:
            result = child_executemany(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-") as tmp:
        tmpdir = Path(tmp)
        clean_db = tmpdir / "clean.sqlite3"
        db_path = tmpdir / "bench.sqlite3"
        bare_db = tmpdir / "bare.sqlite3"
        csv_path = tmpdir / "incidents.csv"
        rng = np.random.default_rng(SEED)
        t0 = time.perf_counter()
        write_csv(csv_path, args.rows, rng)
        size_mb = csv_path.stat().st_size / 1e6
        print(f"wrote {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - t0:.1f} s")
        setup = subprocess.run(
            [sys.executable, __file__, "--child", "setup", str(clean_db)], check=False
        )
        if setup.returncode:
            raise SystemExit("database set-up failed")
        runs, bares = [], []
        for attempt in range(args.repeat):
            copy_database(clean_db, db_path)
            runs.append(run_child("import", str(db_path), str(csv_path)))
            print(f"import {attempt + 1}: {runs[-1]}")
            copy_database(clean_db, bare_db)
            bares.append(run_child("executemany", str(db_path), str(bare_db)))
            print(f"bare executemany {attempt + 1}: {bares[-1]}")
        imported = min(runs, key=lambda r: r["seconds"])
        imported["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
        bare = min(bares, key=lambda r: r["seconds"])
        import_cpu = min(r["cpu_seconds"] for r in runs)
        bare_cpu = min(r["cpu_seconds"] for r in bares)

    rows = imported["created"]
    import_rate = rows / imported["seconds"]
    bare_rate = bare["rows"] / bare["seconds"]
    result = {
        "benchmark": "incident import, CSV → SQLite, end to end",
        "rows": args.rows,
        "areas": N_AREAS,
        "method": f"best of {args.repeat} runs each; import and peer alternate",
        "import": {
            "seconds": round(imported["seconds"], 2),
            "rows_per_second": round(import_rate),
            "incidents_created": rows,
            "area_links": imported["area_links"],
            "rejected": imported["rejected"],
            "peak_memory_mb": round(imported["peak_rss_mb"], 1),
            "cpu_seconds": round(import_cpu, 2),
            "all_runs_seconds": [round(r["seconds"], 2) for r in runs],
        },
        "peers": {
            "bare_executemany": {
                "what": "the rows the import wrote, read back and inserted again by sqlite3 "
                "executemany (all columns bound) into the same table of an empty copy of the "
                "database (same schema and indexes), in one transaction",
                "seconds": round(bare["seconds"], 2),
                "rows_per_second": round(bare_rate),
                "cpu_seconds": round(bare_cpu, 2),
                "all_runs_seconds": [round(r["seconds"], 2) for r in bares],
            }
        },
        "ratios": {
            "import_vs_bare_executemany": round(import_rate / bare_rate, 3),
            # The same ratio from CPU time (less sensitive to other load on a shared
            # machine; the import's reader thread counts in full).
            "import_vs_bare_executemany_cpu": round(bare_cpu / import_cpu, 3),
        },
        "targets": {
            "rows_per_second": 50_000,
            "ratio_vs_bare_executemany": 0.5,
            "peak_memory_mb": 2048,
        },
        "met": {
            "rows_per_second": import_rate >= 50_000,
            "ratio_vs_bare_executemany": import_rate / bare_rate >= 0.5,
            "peak_memory_mb": imported["peak_rss_mb"] < 2048,
        },
        "environment": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "numpy": np.__version__,
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
            "load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child" and sys.argv[2] == "setup":
        setup_database(Path(sys.argv[3]))
    else:
        main()
