"""Benchmark: how long a large command-line import holds SQLite's write lock, and whether
log-ins during it succeed.

Run: ``python benchmarks/bench_import_lock.py [--rows 200000 1000000] [--again]`` (writes
benchmarks/results/import_lock.json).

For each size, ``bench_incidents``' synthetic CSV (200 Voronoi districts) is imported as
``samtrygg import-incidents`` does it, in a child process, into a WAL SQLite file. Beside
it run two other processes against the same file:

* a lock probe that tries ``BEGIN IMMEDIATE`` without waiting every 5 ms and records when
  it could not get the write lock: the intervals the import held it (the longest is the
  figure that matters: a writer waits at most ``SQLITE_BUSY_TIMEOUT``, 5 s by default);
* a log-in probe: Django's test client posting the log-in form again and again (a real
  log-in writes the session, the last log-in and an audit entry) with the production busy
  time-out; every answer's status and seconds are kept (302 = logged in, 503 = "busy, try
  again").

The import's own markers say when its publish step began and ended. Each size is
imported with the import's own rows per publishing transaction (``--publish-rows``,
``staging.PUBLISH_ROWS``) and, in the same run for comparison, with every row in one
transaction as before pieces existed (0); ``--again`` also measures a second import of
the same file, whose rows all exist (the last transaction checks and updates them).

``--feed`` also measures a police-feed pull, which is still one transaction on SQLite: the
feed answers at most 500 events (its newest), so 500 events of the municipality, every one
of a type that becomes an incident (the largest pull there can be), are imported as the
pull imports them, with the same lock and log-in probes. Wall-clock figures on
a shared machine: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_incidents as incidents  # noqa: E402

RESULTS = HERE / "results" / "import_lock.json"
PUBLISH_ROWS = 10_000  # samtrygg.incidents.staging.PUBLISH_ROWS (imported there: Django)
USERNAME = "inloggning"
PASSWORD = "a-long-bench-password-1234"  # a throw-away database's user
PROBE_STEP = 0.005
#: Statements kept in the results: those that matter (a piece runs a few short ones).
SLOW_STATEMENT = 0.05


def child_setup(db_path: Path) -> None:
    incidents.setup_database(db_path)
    auth = importlib.import_module("django.contrib.auth")
    auth.get_user_model().objects.create_user(username=USERNAME, password=PASSWORD)


def child_import(db_path: Path, csv_path: Path, markers: Path, publish_rows: int) -> dict[str, Any]:
    """The import, with the start and end of its publish written to ``markers``;
    ``publish_rows`` 0 publishes every row in one piece (as before pieces existed)."""
    incidents._django(db_path)
    connection = importlib.import_module("django.db").connection
    organisation = importlib.import_module("samtrygg.accounts.models").Organisation
    staging = importlib.import_module("samtrygg.incidents.staging")
    incidents_import = importlib.import_module("samtrygg.incidents.importer").incidents_import

    publish_all = staging.StagedIncidentSink.publish
    publish: dict[str, float] = {}

    statements: list[list[Any]] = []

    def timed_statement(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.time()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.time() - t0
            if seconds >= SLOW_STATEMENT:
                statements.append([" ".join(sql.split()[:4]), round(seconds, 3)])

    def timed_publish(self: Any, **options: Any) -> Any:
        publish["started"] = time.time()
        (markers / "publishing").write_text("1")
        try:
            with connection.execute_wrapper(timed_statement):
                return publish_all(self, **options)
        finally:
            publish["swapped"] = time.time()

    staging.StagedIncidentSink.publish = timed_publish  # type: ignore[method-assign]
    source = organisation.objects.get(code="bench-source")
    t0 = time.time()
    report = incidents_import(
        path=csv_path,
        format="csv",
        source=source,
        classification="internal",
        publish_rows=publish_rows or 10**9,
    )
    ended = time.time()
    (markers / "done").write_text("1")
    return {
        "started": t0,
        "ended": ended,
        "created": report.created,
        "updated": report.updated,
        "publish": publish,
        "statements": statements,
    }


FEED_EVENTS = 500
FEED_TYPES = ["Misshandel", "Skadegörelse", "Stöld", "Inbrott", "Brand", "Rån"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni"]


def write_feed(path: Path) -> None:
    """The largest pull: 500 events in Västerås, in the API's shape, all of mapped types."""
    events = []
    for i in range(FEED_EVENTS):
        day, month, kind = 1 + i % 28, MONTHS[i % len(MONTHS)], FEED_TYPES[i % len(FEED_TYPES)]
        events.append(
            {
                "id": 900_000 + i,
                "datetime": f"2025-06-30 {i % 24}:{i % 60:02d}:00 +02:00",
                "name": f"{day:02d} {month} {i % 24:02d}.{i % 60:02d}, {kind}, Västerås",
                "summary": "Polisen är på plats.",
                "url": f"/aktuellt/handelser/2025/{month}/{day}/{i}/",
                "type": kind,
                "location": {"name": "Västerås", "gps": "59.609901,16.544809"},
            }
        )
    path.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")


def child_feed(db_path: Path, feed_path: Path, markers: Path) -> dict[str, Any]:
    """A pull's import of ``feed_path`` (one transaction: it is the publish)."""
    incidents._django(db_path)
    organisation = importlib.import_module("samtrygg.accounts.models").Organisation
    incidents_import = importlib.import_module("samtrygg.incidents.importer").incidents_import
    source = organisation.objects.get(code="bench-source")
    t0 = time.time()
    (markers / "publishing").write_text("1")
    report = incidents_import(
        path=feed_path,
        format="police-events",
        source=source,
        classification="internal",
        location="Västerås",
        skip_invalid=True,
    )
    ended = time.time()
    (markers / "done").write_text("1")
    return {
        "started": t0,
        "ended": ended,
        "created": report.created,
        "publish": {"started": t0},
        "statements": [],
    }


def child_lock_probe(db_path: Path, markers: Path) -> dict[str, Any]:
    """Try the write lock without waiting until the import is done; the busy intervals."""
    con = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    busy: list[list[float]] = []
    current: float | None = None
    while not (markers / "done").exists():
        now = time.time()
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            if current is not None:
                busy.append([current, now])
                current = None
        except sqlite3.OperationalError:
            if current is None:
                current = now
        time.sleep(PROBE_STEP)
    if current is not None:
        busy.append([current, time.time()])
    return {"busy": busy}


def child_login_probe(db_path: Path, markers: Path) -> dict[str, Any]:
    """Log in again and again while the import runs; each answer's start, seconds, status."""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    incidents._django(db_path)
    client_class = importlib.import_module("django.test").Client
    url = importlib.import_module("django.urls").reverse("accounts:login")
    answers = []
    (markers / "login-ready").write_text("1")
    while not (markers / "done").exists():
        client = client_class(raise_request_exception=False)
        started = time.time()
        response = client.post(url, {"username": USERNAME, "password": PASSWORD})
        answers.append([started, time.time() - started, response.status_code])
        time.sleep(0.2)
    return {"answers": answers}


def run_one(
    rows: int, clean_db: Path, tmpdir: Path, *, publish_rows: int = 0, again: bool = False
) -> dict[str, Any]:
    """``rows`` from a CSV published ``publish_rows`` at a time (0: at once), or (``rows``
    = 0) the largest police-feed pull. ``again``: the file is imported once first and the
    second import of it (every row there, none changed) is measured."""
    kind = "import" if rows else "feed"
    csv_path = tmpdir / f"incidents-{rows}.{'csv' if rows else 'json'}"
    if rows:
        incidents.write_csv(csv_path, rows, np.random.default_rng(incidents.SEED))
    else:
        write_feed(csv_path)
    db_path = tmpdir / "bench.sqlite3"
    incidents.copy_database(clean_db, db_path)
    me = [sys.executable, __file__, "--child"]
    pieces = [str(publish_rows)] if rows else []
    if again:
        first = tmpdir / f"markers-{rows}-first"
        first.mkdir()
        subprocess.run(
            [*me, kind, str(db_path), str(csv_path), str(first), *pieces],
            check=True,
            capture_output=True,
        )
    markers = tmpdir / f"markers-{rows}-{publish_rows}-{int(again)}"
    markers.mkdir()
    probes = [
        subprocess.Popen([*me, kind, str(db_path), str(markers)], stdout=subprocess.PIPE, text=True)
        for kind in ("lock", "login")
    ]
    while not (markers / "login-ready").exists():  # its Django is up before the import
        time.sleep(0.1)
    load_before = os.getloadavg()
    out = subprocess.run(
        [*me, kind, str(db_path), str(csv_path), str(markers), *pieces],
        check=True,
        capture_output=True,
        text=True,
    )
    imported = json.loads(out.stdout.strip().splitlines()[-1])
    lock, login = (json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in probes)
    load = {"before": load_before, "after": os.getloadavg()}
    csv_path.unlink()
    summary = summarise(rows, imported, {"busy": lock["busy"], "answers": login["answers"]}, load)
    if rows:
        summary["publish_rows"] = publish_rows or "all"
        summary["re_import"] = again
        summary["updated"] = imported["updated"]
    return summary


def summarise(
    rows: int,
    imported: dict[str, Any],
    probes: dict[str, list[list[float]]],
    load: dict[str, tuple[float, ...]],
) -> dict[str, Any]:
    busy, answers = probes["busy"], probes["answers"]
    publish = imported["publish"]
    begun = publish.get("started", imported["ended"])
    longest = max((b - a for a, b in busy), default=0.0)
    before_publish = [b - a for a, b in busy if b <= begun]
    during = [a for a in answers if a[0] + a[1] >= begun and a[0] <= imported["ended"]]
    statuses: dict[str, int] = {}
    for _start, _seconds, status in answers:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "rows": rows or FEED_EVENTS,
        "created": imported["created"],
        "import_seconds": round(imported["ended"] - imported["started"], 2),
        "publish_seconds": round(imported["ended"] - begun, 2),
        "publish_statements_seconds": imported["statements"],
        "write_lock": {
            "longest_hold_seconds": round(longest, 2),
            "held_in_all_seconds": round(sum(b - a for a, b in busy), 2),
            "holds": len(busy),
            "longest_hold_while_staging_seconds": round(max(before_publish, default=0.0), 3),
        },
        "logins": {
            "answers": statuses,
            "during_publish": [
                {"status": int(s), "seconds": round(sec, 2), "at": round(start - begun, 2)}
                for start, sec, s in during
            ],
            "slowest_seconds": round(max((a[1] for a in answers), default=0.0), 2),
        },
        "load_average_1_5_15": {
            when: [round(v, 2) for v in figures] for when, figures in load.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--rows", type=int, nargs="*", default=[200_000, 1_000_000], help="none: keep the last"
    )
    parser.add_argument(
        "--publish-rows",
        type=int,
        nargs="+",
        default=[PUBLISH_ROWS, 0],
        help="new rows per publishing transaction; 0: all in one (as before pieces)",
    )
    parser.add_argument(
        "--again", action="store_true", help="and a second import of each file (all updates)"
    )
    parser.add_argument("--feed", action="store_true", help="and the largest feed pull")
    args = parser.parse_args()
    results = []
    feed = None
    with tempfile.TemporaryDirectory(prefix="samtrygg-bench-") as tmp:
        tmpdir = Path(tmp)
        clean_db = tmpdir / "clean.sqlite3"
        subprocess.run([sys.executable, __file__, "--child", "setup", str(clean_db)], check=True)
        for rows in args.rows:
            for publish_rows in args.publish_rows:
                results.append(run_one(rows, clean_db, tmpdir, publish_rows=publish_rows))
                print(json.dumps(results[-1], indent=2))
            if args.again:
                results.append(
                    run_one(rows, clean_db, tmpdir, publish_rows=args.publish_rows[0], again=True)
                )
                print(json.dumps(results[-1], indent=2))
        if args.feed:
            feed = run_one(0, clean_db, tmpdir)
            print(json.dumps(feed, indent=2))
    if RESULTS.exists():  # keep what this run did not measure again
        previous = json.loads(RESULTS.read_text())

        def kind(entry: dict[str, Any]) -> tuple[Any, ...]:
            return (entry["rows"], entry.get("publish_rows"), entry.get("re_import"))

        measured = {kind(entry) for entry in results}
        kept = [entry for entry in previous["sizes"] if kind(entry) not in measured]
        results = sorted(kept + results, key=lambda e: (e["rows"], bool(e.get("re_import"))))
        feed = feed or previous.get("police_feed_pull")
    document = {
        "benchmark": "write lock held by a command-line import on SQLite, log-ins during it",
        "busy_timeout_seconds": 5,
        "sizes": results,
        "police_feed_pull": feed,
        "environment": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")


def child(kind: str, rest: list[str]) -> None:
    if kind == "setup":
        child_setup(Path(rest[0]))
        return
    if kind == "import":
        result = child_import(Path(rest[0]), Path(rest[1]), Path(rest[2]), int(rest[3]))
    elif kind == "feed":
        result = child_feed(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif kind == "lock":
        result = child_lock_probe(Path(rest[0]), Path(rest[1]))
    else:
        result = child_login_probe(Path(rest[0]), Path(rest[1]))
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3:])
    else:
        main()
