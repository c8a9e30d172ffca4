"""``samtrygg serve`` for real (gunicorn + supervised worker) and its fault tests: the
server and its worker stop together; a worker killed with SIGKILL is started again; a long
write lock gives 503 (never 500), the worker survives it and queued work completes after."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from samtrygg.testing.serving import (
    alive,
    log_in,
    samtrygg,
    scratch_env,
    serve,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

PASSWORD = "a-long-test-password-1234"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: Any) -> Path:
    """One migrated database (with a user) that each test copies: migrating takes long."""
    folder = tmp_path_factory.mktemp("served-template")
    env = scratch_env(folder, DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    samtrygg(env, "migrate", "--noinput", "-v", "0")
    samtrygg(env, "createsuperuser", "--noinput", "--username", "drift", "--email", "d@x.se")
    return folder / "samtrygg.sqlite3"


def _copy(migrated: Path, folder: Path) -> None:
    source = sqlite3.connect(migrated)
    target = sqlite3.connect(folder / "samtrygg.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()


def test_the_server_warms_up_before_and_after_the_fork(migrated: Path, tmp_path: Path) -> None:
    """The master imports the views once before forking; each worker process loads the
    picture's kernels in the background and serves meanwhile (core.warmup)."""
    _copy(migrated, tmp_path)
    served = serve(tmp_path, args=["--workers", "2"])
    try:
        assert wait_for(lambda: served.log_text().count("warmed up: picture kernels") == 2, 240)
        log = served.log_text()
        assert log.count("warmed up: views") == 1, log  # once, in the master
        assert "failed" not in log, log
        status, _headers, _body = served.get("/accounts/login/")
        assert status == 200
    finally:
        served.stop()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_server_stops_its_worker(
    migrated: Path, tmp_path: Path, how: signal.Signals
) -> None:
    _copy(migrated, tmp_path)
    served = serve(tmp_path)
    try:
        # The report names the worker as healthy (retried: a busy machine may be slow).
        assert wait_for(
            lambda: served.health()[1].get("checks", {}).get("worker", {}).get("status") == "ok",
            60,
        )
        assert "gunicorn" in served.log_text()
        (worker,) = served.worker_pids()
        assert alive(worker)
        served.process.send_signal(how)
        served.process.wait(timeout=90)
        assert wait_for(lambda: not alive(worker), 45), "the worker outlived the server"
    finally:
        served.stop()


def test_a_killed_worker_is_started_again(migrated: Path, tmp_path: Path) -> None:
    _copy(migrated, tmp_path)
    served = serve(tmp_path)
    try:
        (first,) = served.worker_pids()
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: len(served.worker_pids()) == 2, 20), served.log_text()
        second = served.worker_pids()[1]
        assert second != first and alive(second)
        assert not alive(first)  # reaped, not a zombie
        assert "stopped (killed by SIGKILL)" in served.log_text()
        assert served.process.poll() is None
        # The new worker beats: the server is healthy again.
        assert wait_for(served.healthy, 20)
    finally:
        served.stop()


def test_a_long_write_lock_gives_503_and_the_worker_survives(
    migrated: Path, tmp_path: Path
) -> None:
    _copy(migrated, tmp_path)
    # Production settings (DEBUG=0): a server error would be the plain 500 page.
    env = scratch_env(
        tmp_path,
        SQLITE_BUSY_TIMEOUT="1",
        DEBUG="0",
        SECRET_KEY="a-test-only-secret-key-for-the-fault-test-0123456789",
        CASE_DATA_KEY="dGVzdC1vbmx5LWNhc2UtZGF0YS1rZXktMzItYnl0ZXM=",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL="0",
        SAMTRYGG_PLAIN_STATIC="1",
    )
    served = serve(tmp_path, env=env)
    try:
        (worker,) = served.worker_pids()
        lock_seconds = 25.0  # 25 times the busy time-out
        held = threading.Event()

        def hold_the_write_lock() -> None:
            connection = sqlite3.connect(tmp_path / "samtrygg.sqlite3", isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            held.set()
            time.sleep(lock_seconds)
            connection.execute("COMMIT")
            connection.close()

        # A task that falls due while the lock is held: the worker must wait it out.
        task_id = samtrygg(
            env,
            "shell",
            "-c",
            "import datetime as dt; from django.utils import timezone;"
            "from samtrygg.core.tests.worker_tasks import add;"
            "print(add.using(run_after=timezone.now() + dt.timedelta(seconds=8))"
            ".enqueue(20, 22).id)",
        ).split()[-1]
        queued_at = time.monotonic()  # a little after the task was queued
        locker = threading.Thread(target=hold_the_write_lock)
        locker.start()
        assert held.wait(10)
        assert time.monotonic() - queued_at < 7, "the lock came after the task was due"
        started = time.monotonic()
        status, headers = log_in(served, "drift", PASSWORD)
        waited = time.monotonic() - started
        assert status == 503, status
        assert int(headers["Retry-After"]) > 0
        # It answered while the lock was still held: it did not wait for the lock to end.
        assert locker.is_alive(), f"the login waited {waited:.1f} s, past the lock"
        # Reading goes on during the lock (WAL): the health endpoint still answers.
        _status, report = served.health()
        assert report["checks"]["database"]["status"] == "ok"
        locker.join()

        def task_done() -> bool:
            status = samtrygg(
                env,
                "shell",
                "-c",
                "from django_tasks_db.models import DBTaskResult;"
                f"print(DBTaskResult.objects.get(id='{task_id}').status)",
            )
            return status.split()[-1] == "SUCCESSFUL"

        assert wait_for(task_done, 150, step=2), served.log_text()
        assert served.worker_pids() == [worker], "the worker was restarted"
        assert alive(worker)
        status, headers = log_in(served, "drift", PASSWORD)
        assert status == 302, status  # logged in once the lock is gone
        assert wait_for(served.healthy, 15)
    finally:
        served.stop()
