"""Fault tests of a web import on a real ``samtrygg serve``: the task worker killed with
SIGKILL half-way through an import, and the whole server (its process group) killed the
same way. Either way no incident of the file is visible after the kill, the import is run
again from the start (the worker's ``--recover``) and ends with exactly the file's rows.

The file is large enough (100,000 rows) that the import takes seconds; the kill comes
when the import's progress, kept in its job, says part of it, and not all, is read."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samtrygg.testing.served_db import (
    PASSWORD,
    ServedDatabase,
    Template,
    postgres_server_url,
    template_build,
)
from samtrygg.testing.serving import (
    Served,
    alive,
    csrf_token,
    log_in,
    serve,
    session_opener,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

ROWS = 100_000
#: Two web processes are enough to show the faults, and start faster on a busy machine.
SERVE_ARGS = ("--workers", "2", "--threads", "4")
JOB_URL = re.compile(r"/incidents/imports/(\d+)/$")


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                postgres_server_url() is None, reason="the suite runs on SQLite"
            ),
        ),
    ],
)
def template(request: Any, tmp_path_factory: Any) -> Iterator[Template]:
    built = template_build(request.param, tmp_path_factory.mktemp(f"{request.param}-template"))
    yield built
    built.drop()


@pytest.fixture
def database(template: Template, tmp_path: Path) -> Iterator[ServedDatabase]:
    db = template.copy(tmp_path)
    yield db
    db.drop()


@pytest.fixture(scope="module")
def big_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["external_id", "occurred_from", "category", "lon", "lat", "description"])
    for i in range(ROWS):
        writer.writerow(
            [
                f"F-{i}",
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 12:00",
                "klotter",
                f"{16.50 + (i % 1000) * 0.0001:.4f}",
                f"{59.60 + (i % 200) * 0.0001:.4f}",
                "Klotter på fasaden vid entrén",
            ]
        )
    return out.getvalue().encode()


def _upload(served: Served, db: ServedDatabase, content: bytes) -> int:
    """The coordinator uploads the file on the import page; returns the import's id."""
    opener = session_opener()
    status, _headers = log_in(served, "samordnare", PASSWORD, opener=opener)
    assert status == 302, status
    token = csrf_token(served, "/incidents/imports/", opener)
    source = db.scalar("SELECT id FROM accounts_organisation WHERE code = 'bostad'")
    status, headers, body = served.upload(
        "/incidents/imports/",
        {
            "csrfmiddlewaretoken": token,
            "format": "csv",
            "source": str(source),
            "classification": "internal",
        },
        {"file": ("stora-filen.csv", content)},
        opener=opener,
    )
    assert status == 302, body.decode(errors="replace")[-3000:]
    match = JOB_URL.search(headers["Location"])
    assert match is not None, headers["Location"]
    return int(match.group(1))


def _progress(db: ServedDatabase, job: int) -> tuple[int, int] | None:
    done = db.scalar("SELECT done_rows FROM incidents_importjob WHERE id = ?", (job,))
    total = db.scalar("SELECT total_rows FROM incidents_importjob WHERE id = ?", (job,))
    return None if done is None or total is None else (int(done), int(total))


def _wait_until_half_way(served: Served, db: ServedDatabase, job: int) -> tuple[int, int]:
    """Poll the import's progress (in its job) until some rows, and not all, are read."""
    seen: list[tuple[int, int]] = []

    def half_way() -> bool:
        progress = _progress(db, job)
        if progress is not None:
            seen[:] = [progress]
            return 0 < progress[0] < progress[1]
        return False

    assert wait_for(half_way, 180, step=0.05), f"progress {seen}:\n{served.log_text()[-3000:]}"
    return seen[0]


def _file_rows(db: ServedDatabase) -> int:
    return int(
        db.scalar("SELECT COUNT(*) FROM incidents_incident WHERE external_id LIKE 'F-%'") or 0
    )


def _status(db: ServedDatabase, job: int) -> str:
    return str(db.scalar("SELECT status FROM incidents_importjob WHERE id = ?", (job,)))


def _assert_completed_once(served: Served, db: ServedDatabase, job: int) -> None:
    """The import ran again and saved every row of the file exactly once."""
    assert wait_for(lambda: _status(db, job) in ("succeeded", "failed"), 240, step=1), (
        served.log_text()[-3000:]
    )
    message = db.scalar("SELECT message FROM incidents_importjob WHERE id = ?", (job,))
    assert _status(db, job) == "succeeded", message
    assert _file_rows(db) == ROWS
    distinct = "SELECT COUNT(DISTINCT external_id) FROM incidents_incident"
    assert db.scalar(distinct) == ROWS  # nothing doubled
    assert db.scalar("SELECT created_count FROM incidents_importjob WHERE id = ?", (job,)) == ROWS
    tasks = "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE "
    assert db.scalar(tasks + "'%import_job_run_task'") == "SUCCESSFUL"
    # What the coordinator sees: the import's page says it is done, with the count.
    opener = session_opener()
    assert log_in(served, "samordnare", PASSWORD, opener=opener)[0] == 302
    status, _headers, page = served.request("GET", f"/incidents/imports/{job}/", opener=opener)
    assert status == 200
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3})", "", page.decode())
    assert f"<dd>{ROWS}</dd>" in text  # rows read and created


def test_a_worker_killed_during_a_web_import_runs_it_again(
    database: ServedDatabase, tmp_path: Path, big_csv: bytes
) -> None:
    served = serve(tmp_path, env=database.env, args=SERVE_ARGS)
    try:
        (worker,) = served.worker_pids()
        job = _upload(served, database, big_csv)
        done, total = _wait_until_half_way(served, database, job)
        os.kill(worker, signal.SIGKILL)
        assert wait_for(lambda: not alive(worker), 20)
        # Killed mid-import (rows staged, or in an open transaction): none of them is saved.
        assert _file_rows(database) == 0, (done, total)
        assert _status(database, job) == "running"
        # The supervisor starts a new worker, which queues the interrupted import again.
        assert wait_for(lambda: len(served.worker_pids()) == 2, 30), served.log_text()
        assert "killed by SIGKILL" in served.log_text()
        _assert_completed_once(served, database, job)
        assert served.process.poll() is None
    finally:
        served.stop()


def test_a_server_killed_during_a_web_import_runs_it_again_when_started(
    database: ServedDatabase, tmp_path: Path, big_csv: bytes
) -> None:
    served = serve(tmp_path, env=database.env, args=SERVE_ARGS)
    try:
        (worker,) = served.worker_pids()
        job = _upload(served, database, big_csv)
        _wait_until_half_way(served, database, job)
        served.kill_everything()
        assert wait_for(lambda: not alive(worker), 20), "the worker outlived the kill"
    finally:
        served.stop()
    assert _file_rows(database) == 0
    assert _status(database, job) == "running"
    # Started again (as systemd would): the new worker finds the import and runs it again.
    again = serve(tmp_path, env=database.env, args=SERVE_ARGS)
    try:
        _assert_completed_once(again, database, job)
    finally:
        again.stop()
