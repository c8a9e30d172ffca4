"""/healthz: database, worker heartbeat, queue age, police feed; 503 when one is unhealthy.
And a request that meets a locked database answers 503 with Retry-After, never 500."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samtrygg.core.dblocks import is_lock_error
from samtrygg.core.health import heartbeat_path, heartbeat_write
from samtrygg.core.tests.worker_tasks import add
from samtrygg.incidents.models import FeedSource
from samtrygg.testing.matrix import World

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _health() -> tuple[int, dict[str, Any]]:
    response = Client().get("/healthz")
    return response.status_code, response.json()


@pytest.fixture
def with_worker(settings: Any, tmp_path: Any) -> Any:
    settings.TASKS = DB_BACKEND
    settings.VAR_DIR = tmp_path
    return settings


def test_without_a_task_worker_only_the_database_counts(db: Any) -> None:
    status, body = _health()
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["worker"] == {"status": "unused"}


def test_a_silent_worker_is_unhealthy(db: Any, with_worker: Any) -> None:
    status, body = _health()
    assert status == 503
    assert body["checks"]["worker"] == {"status": "error", "error": "no heartbeat"}

    heartbeat_write(state="idle")
    status, body = _health()
    assert status == 200, body
    assert body["checks"]["worker"]["state"] == "idle"
    assert body["checks"]["worker"]["heartbeat_age_seconds"] < 5

    stale = json.loads(heartbeat_path().read_text())
    stale["at"] = time.time() - with_worker.HEALTH_WORKER_MAX_SILENCE - 1
    heartbeat_path().write_text(json.dumps(stale))
    status, body = _health()
    assert status == 503
    assert body["checks"]["worker"]["status"] == "error"


def test_a_task_waiting_too_long_is_unhealthy(db: Any, with_worker: Any) -> None:
    heartbeat_write(state="idle")
    result = add.enqueue(1, 2)
    status, body = _health()
    assert status == 200 and body["checks"]["queue"]["ready"] == 1
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=with_worker.HEALTH_QUEUE_MAX_AGE + 5)
    )
    status, body = _health()
    assert status == 503
    assert body["checks"]["queue"]["status"] == "error"
    assert body["checks"]["queue"]["oldest_age_seconds"] > with_worker.HEALTH_QUEUE_MAX_AGE
    # A task queued for later is not late before its time.
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now() + timedelta(hours=1))
    status, body = _health()
    assert status == 200 and body["checks"]["queue"]["ready"] == 0


def test_a_stalled_police_feed_is_unhealthy(world: World) -> None:
    status, body = _health()
    assert body["checks"]["police_feed"] == {"status": "unused"}
    source = FeedSource.objects.create(
        location="Västerås",
        organisation=world.organisations["police"],
        is_active=True,
        interval_minutes=60,
        last_fetched_at=timezone.now() - timedelta(minutes=30),
    )
    status, body = _health()
    assert status == 200
    assert body["checks"]["police_feed"]["status"] == "ok"
    assert 1700 < body["checks"]["police_feed"]["last_pull_age_seconds"] < 1900
    FeedSource.objects.filter(pk=source.pk).update(
        last_fetched_at=timezone.now() - timedelta(hours=4)
    )
    status, body = _health()
    assert status == 503
    assert body["checks"]["police_feed"]["late_sources"] == 1


def test_a_broken_database_is_reported(db: Any, monkeypatch: Any) -> None:
    def broken_cursor(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database is down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        status, body = _health()
    assert status == 503
    assert body["checks"] == {"database": {"status": "error", "error": "RuntimeError"}}


def test_lock_errors_are_told_from_other_database_errors() -> None:
    assert is_lock_error(OperationalError("database is locked"))
    assert is_lock_error(OperationalError("database table is locked: x"))
    assert not is_lock_error(OperationalError("no such table: x"))
    assert not is_lock_error(ValueError("database is locked"))
    try:
        try:
            raise OperationalError("database is locked")
        except OperationalError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert is_lock_error(outer)


def test_a_postgresql_lock_timeout_is_a_lock_error() -> None:
    """As Django raises it: its OperationalError caused by psycopg's LockNotAvailable
    (55P03, ``lock_timeout``). psycopg's class is not named OperationalError, and the
    server's message says nothing of "locked": the SQLSTATE is what tells (it once did not,
    and a log-in during a PostgreSQL table lock was a 500)."""
    try:
        try:
            raise psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
        except psycopg.Error as inner:
            raise OperationalError(*inner.args) from inner
    except OperationalError as wrapped:
        assert is_lock_error(wrapped)
    try:
        try:
            raise psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
        except psycopg.Error as inner:
            raise OperationalError(*inner.args) from inner
    except OperationalError as other:
        assert not is_lock_error(other)


@pytest.mark.urls("samtrygg.core.tests.busy_urls")
def test_a_locked_database_answers_503_with_retry_after(db: Any, settings: Any) -> None:
    client = Client(raise_request_exception=False)
    response = client.post("/save/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.DATABASE_BUSY_RETRY_AFTER)
    page = response.content.decode()
    assert 'lang="sv"' in page and "Försök igen" in page
    assert "Traceback" not in page

    response = client.post("/api/v1/save/")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "detail" in response.json()

    # Any other database error stays a server error (it is a bug to fix, not to wait out).
    assert client.get("/broken/").status_code == 500


@pytest.mark.urls("samtrygg.core.tests.busy_urls")
def test_the_503_page_in_development_mode_too(db: Any, settings: Any) -> None:
    settings.DEBUG = True
    response = Client(raise_request_exception=False).post("/save/")
    assert response.status_code == 503
