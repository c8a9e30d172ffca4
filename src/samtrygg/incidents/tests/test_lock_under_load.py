"""A long-held lock while a real ``samtrygg serve`` is under load: clients log in, open
pages, read the API and submit reports for the whole time. No answer is a server error (a
write that meets the lock is a 503 with ``Retry-After``), reads go on, the worker survives
(the same process, or restarted and healthy) and a task that fell due during the lock
completes after it.

On SQLite the lock is the database's write lock (``BEGIN IMMEDIATE`` held by another
connection, 30 s). On PostgreSQL, which locks tables and rows rather than the database, it
is ``LOCK TABLE … IN EXCLUSIVE MODE`` on the tables a log-in, a report and the worker
write (sessions, incidents, the task queue; reads of them go on), held well past
``DATABASE_LOCK_TIMEOUT`` but shorter (the suite's time is precious). The test runs on the
database the suite runs on.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest

from samtrygg.testing.served_db import (
    PASSWORD,
    ServedDatabase,
    Template,
    postgres_server_url,
    template_build,
)
from samtrygg.testing.serving import (
    CSRF_FIELD,
    Served,
    alive,
    log_in,
    samtrygg,
    serve,
    session_opener,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

VENDOR = "postgresql" if postgres_server_url() else "sqlite"
LOCK_SECONDS = 30.0 if VENDOR == "sqlite" else 12.0
#: PostgreSQL: how long a statement waits for a lock (``DATABASE_LOCK_TIMEOUT``) in the test.
PG_LOCK_TIMEOUT = "2"
#: What a log-in, a report and the worker write: locked on PostgreSQL.
PG_LOCKED_TABLES = "django_session, incidents_incident, django_tasks_database_dbtaskresult"
#: Production settings (DEBUG=0): a server error would be the plain 500 page.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-test-only-secret-key-for-the-fault-test-0123456789",
    "CASE_DATA_KEY": "dGVzdC1vbmx5LWNhc2UtZGF0YS1rZXktMzItYnl0ZXM=",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL": "0",
    "SAMTRYGG_PLAIN_STATIC": "1",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: Any) -> Iterator[Template]:
    built = template_build(VENDOR, tmp_path_factory.mktemp("lock-template"))
    yield built
    built.drop()


@dataclass(frozen=True)
class Answer:
    kind: str
    status: int  # 0: no answer (connection error or time-out)
    retry_after: str | None
    started: float  # seconds since the lock was taken
    during_lock: bool
    detail: str = ""


class Load:
    """Clients that each repeat one kind of request until stopped, recording every answer."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.answers: list[Answer] = []
        self.stop = threading.Event()
        self.lock_taken = 0.0
        self.lock_released: float | None = None
        self._mutex = threading.Lock()
        self._threads: list[threading.Thread] = []

    def record(self, kind: str, call: Callable[[], tuple[int, dict[str, str]]]) -> None:
        started = time.monotonic()
        try:
            status, headers = call()
            detail = ""
        except OSError as exc:  # time-out or refused connection: no answer at all
            status, headers, detail = 0, {}, repr(exc)
        ended = time.monotonic()
        released = self.lock_released
        during = started < (released if released is not None else float("inf")) and (
            ended > self.lock_taken
        )
        with self._mutex:
            self.answers.append(
                Answer(
                    kind,
                    status,
                    headers.get("Retry-After"),
                    started - self.lock_taken,
                    during,
                    detail,
                )
            )

    def client(self, kind: str, step: Callable[[], tuple[int, dict[str, str]]]) -> None:
        def loop() -> None:
            while not self.stop.is_set():
                self.record(kind, step)
                self.stop.wait(0.2)

        thread = threading.Thread(target=loop, name=f"load-{kind}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def join(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=120)


def _logged_in(served: Served, username: str) -> Any:
    opener = session_opener()
    status, _headers = log_in(served, username, PASSWORD, opener=opener, timeout=90)
    assert status == HTTPStatus.FOUND, status
    return opener


def _report_step(served: Served, db: ServedDatabase) -> Callable[[], tuple[int, dict[str, str]]]:
    """The reporter submits the report form (a write): 302 to "my reports" when saved."""
    opener = _logged_in(served, "rapportor")
    category = str(db.scalar("SELECT id FROM incidents_category WHERE code = 'klotter'"))
    stockholm = ZoneInfo("Europe/Stockholm")

    def step() -> tuple[int, dict[str, str]]:
        status, headers, page = served.request("GET", "/incidents/report/", opener=opener)
        token = CSRF_FIELD.search(page.decode(errors="replace"))
        if status != HTTPStatus.OK or token is None:
            return status, headers  # the form itself did not open: that is the answer
        when = dt.datetime.now(stockholm) - dt.timedelta(hours=1)
        status, headers, _body = served.request(
            "POST",
            "/incidents/report/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "category": category,
                "occurred_from": when.strftime("%Y-%m-%dT%H:%M"),
                "lon": "16.52",
                "lat": "59.61",
                "description": "Klotter på fasaden vid entrén",
                "classification": "internal",
            },
            opener=opener,
            timeout=90,
        )
        return status, headers

    return step


def _get_step(served: Served, opener: Any, paths: list[str]) -> Callable[[], Any]:
    turn = iter(range(10**9))

    def step() -> tuple[int, dict[str, str]]:
        path = paths[next(turn) % len(paths)]
        status, headers, _body = served.request("GET", path, opener=opener, timeout=90)
        return status, headers

    return step


def _login_step(served: Served) -> Callable[[], tuple[int, dict[str, str]]]:
    def step() -> tuple[int, dict[str, str]]:
        try:
            return log_in(served, "analytiker", PASSWORD, timeout=90)
        except AssertionError as exc:  # the log-in page itself did not open
            status = int(str(exc).rsplit(" ", 1)[-1])
            return status, {}

    return step


@pytest.fixture
def database(template: Template, tmp_path: Path) -> Iterator[ServedDatabase]:
    extra = {} if VENDOR == "sqlite" else {"DATABASE_LOCK_TIMEOUT": PG_LOCK_TIMEOUT}
    db = template.copy(tmp_path, **PRODUCTION, **extra)
    yield db
    db.drop()


def test_a_long_lock_under_load_gives_no_server_error(
    database: ServedDatabase, tmp_path: Path
) -> None:
    served = serve(tmp_path, env=database.env)
    try:
        (worker,) = served.worker_pids()
        # The sessions are opened before the lock: log-in itself is one of the loads.
        reader = _logged_in(served, "analytiker")
        api = _logged_in(served, "analytiker")
        report = _report_step(served, database)
        reports_before = database.scalar("SELECT COUNT(*) FROM incidents_incident")
        # A task that falls due while the lock is held: the worker must wait it out.
        task_id = samtrygg(
            database.env,
            "shell",
            "-c",
            "import datetime as dt; from django.utils import timezone;"
            "from samtrygg.core.tests.worker_tasks import add;"
            "print(add.using(run_after=timezone.now() + dt.timedelta(seconds=8))"
            ".enqueue(20, 22).id)",
        ).split()[-1]

        load = _lock_under_load(served, database, reader=reader, api=api, report=report)
        answers = load.answers
        summary = _summary(answers)
        # Every answer is the normal one or "busy, try again": no server error, no request
        # left without an answer, and no other refusal (a read whose session could not be
        # refreshed was a 400 "session deleted").
        bad = [a for a in answers if a.status not in (200, 302, 503)]
        assert not bad, f"{bad[:5]}\n{summary}\n{served.log_text()[-3000:]}"
        # A write that met the lock was told to come back.
        busy = [a for a in answers if a.status == HTTPStatus.SERVICE_UNAVAILABLE]
        assert all(a.retry_after and int(a.retry_after) > 0 for a in busy), summary
        # The lock bit: writes during it were refused with 503 ...
        assert any(a.during_lock and a.kind in ("login", "report") for a in busy), summary
        # ... while pages and the API went on answering (SQLite in WAL mode).
        for kind in ("page", "api"):
            ok = [a for a in answers if a.kind == kind and a.during_lock and a.status == 200]
            assert ok, f"no {kind} answered during the lock\n{summary}"

        # After the lock: the worker runs the task that fell due during it.
        def task_done() -> bool:
            status = database.scalar(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
                # SQLite stores the UUID as 32 hex digits, PostgreSQL as a uuid.
                (uuid.UUID(task_id).hex if VENDOR == "sqlite" else task_id,),
            )
            return status == "SUCCESSFUL"

        assert wait_for(task_done, 150, step=2), served.log_text()[-3000:]
        pids = served.worker_pids()
        assert pids == [worker] or alive(pids[-1]), served.log_text()[-3000:]
        assert wait_for(served.healthy, 30)
        # Writes work again: a report is saved and a log-in succeeds.
        assert report()[0] == HTTPStatus.FOUND
        assert database.scalar("SELECT COUNT(*) FROM incidents_incident") > reports_before
        assert _login_step(served)()[0] == HTTPStatus.FOUND
        print(summary)
    finally:
        served.stop()


def _summary(answers: list[Answer]) -> str:
    lines = []
    for kind in sorted({a.kind for a in answers}):
        mine = [a for a in answers if a.kind == kind]
        counts: dict[str, int] = {}
        for a in mine:
            key = f"{a.status}{' (lock)' if a.during_lock else ''}"
            counts[key] = counts.get(key, 0) + 1
        lines.append(f"{kind}: {dict(sorted(counts.items()))}")
    return "\n".join(lines)


def _lock_under_load(
    served: Served, database: ServedDatabase, *, reader: Any, api: Any, report: Any
) -> Load:
    """Hold the write lock for ``LOCK_SECONDS`` while eight clients work, and a little after."""
    load = Load(served)
    held = threading.Event()

    def hold_the_write_lock() -> None:
        connection: Any
        if database.sqlite_file is not None:
            connection = sqlite3.connect(database.sqlite_file, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
        else:
            connection = psycopg.connect(database.pg_url or "", autocommit=True)
            connection.execute("BEGIN")
            connection.execute(f"LOCK TABLE {PG_LOCKED_TABLES} IN EXCLUSIVE MODE")
        load.lock_taken = time.monotonic()
        held.set()
        time.sleep(LOCK_SECONDS)
        connection.execute("COMMIT")
        load.lock_released = time.monotonic()
        connection.close()

    locker = threading.Thread(target=hold_the_write_lock)
    locker.start()
    assert held.wait(10)
    load.client("login", _login_step(served))
    load.client("login", _login_step(served))
    load.client("page", _get_step(served, reader, ["/", "/incidents/", "/incidents/mine/"]))
    load.client("page", _get_step(served, reader, ["/incidents/report/", "/"]))
    load.client("api", _get_step(served, api, ["/api/v1/incidents/?limit=20"]))
    load.client("api", _get_step(served, api, ["/api/v1/categories/"]))
    load.client("report", report)
    load.client("report", report)
    locker.join()
    time.sleep(5)  # and a little while after the lock
    load.join()
    return load
