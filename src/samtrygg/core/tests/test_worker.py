"""The task worker waits out a locked database instead of dying (issue: a 26 s lock left
the worker a zombie and web imports queued until a restart)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django_tasks_db.models import DBTaskResult

from samtrygg.core import worker as worker_module
from samtrygg.core.health import heartbeat_read
from samtrygg.core.tests import worker_tasks
from samtrygg.core.worker import ResilientWorker, tasks_recover_interrupted


@pytest.fixture
def db_tasks(db: Any, settings: Any, monkeypatch: Any, tmp_path: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.VAR_DIR = tmp_path
    # The worker closes connections that are not in autocommit; inside the test's
    # transaction that would be the test's own connection.
    monkeypatch.setattr(worker_module, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker_module, "FIRST_LOCK_WAIT", 0.01)
    monkeypatch.setattr(worker_module, "LOCKED_TASK_DELAY", worker_module.timedelta(0))
    monkeypatch.setattr(worker_module.time, "sleep", lambda seconds: None)
    return settings


def _worker(**kwargs: Any) -> ResilientWorker:
    options: dict[str, Any] = {
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
    }
    options.update(kwargs)
    return ResilientWorker(**options)


def _status(result: Any) -> str:
    return str(DBTaskResult.objects.get(pk=result.id).status)


def test_claiming_waits_out_a_lock(db_tasks: Any, monkeypatch: Any) -> None:
    result = worker_tasks.add.enqueue(2, 3)
    worker = _worker()
    real_claim = worker._claim_next
    locks = iter([True, True, True])

    def claim() -> Any:
        if next(locks, False):
            raise OperationalError("database is locked")
        return real_claim()

    monkeypatch.setattr(worker, "_claim_next", claim)
    worker.run()
    assert _status(result) == "SUCCESSFUL"
    assert DBTaskResult.objects.get(pk=result.id).return_value == 5
    beat = heartbeat_read()
    assert beat is not None and beat["state"] == "stopped"


def test_a_task_that_meets_a_lock_is_queued_again_and_runs_later(db_tasks: Any) -> None:
    worker_tasks.LOCKS_LEFT["count"] = 2
    result = worker_tasks.locked_then_ok.enqueue()
    worker = _worker(batch=False, max_tasks=1)
    worker.run()
    assert _status(result) == "READY"  # not failed: put back in the queue
    _worker(batch=False, max_tasks=2).run()
    assert _status(result) == "SUCCESSFUL"
    assert worker_tasks.LOCKS_LEFT["count"] == 0


def test_a_result_that_cannot_be_recorded_is_retried(db_tasks: Any, monkeypatch: Any) -> None:
    result = worker_tasks.add.enqueue(1, 1)
    real_save = DBTaskResult.save
    failures = {"left": 4}  # more than django-tasks-db's own three quick tries

    def save(self: Any, *args: Any, **kwargs: Any) -> None:
        if "return_value" in (kwargs.get("update_fields") or []) and failures["left"]:
            failures["left"] -= 1
            raise OperationalError("database is locked")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(DBTaskResult, "save", save)
    _worker().run()
    assert failures["left"] == 0
    assert _status(result) == "SUCCESSFUL"


def test_a_real_failure_is_recorded_and_the_worker_goes_on(db_tasks: Any) -> None:
    bad = worker_tasks.broken.enqueue()
    good = worker_tasks.add.enqueue(4, 4)
    _worker().run()
    assert _status(bad) == "FAILED"
    assert _status(good) == "SUCCESSFUL"


def test_tasks_left_running_by_a_killed_worker_are_queued_again(
    db_tasks: Any, monkeypatch: Any
) -> None:
    # The command would install its SIGTERM handler in the test process for good.
    monkeypatch.setattr(ResilientWorker, "configure_signals", lambda self: None)
    result = worker_tasks.add.enqueue(5, 5)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=["dead"])
    assert tasks_recover_interrupted() == 1
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", "-v", "0")
    assert _status(result) == "SUCCESSFUL"
