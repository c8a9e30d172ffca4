"""The task worker that survives a locked database (``samtrygg worker``).

django-tasks-db's worker lets an "is locked" error escape from two places — opening the
transaction that claims the next task, and recording a task's result (three quick tries) —
and the process then exits; a task it had claimed stays "running" for ever. Under a long
write lock (a 500,000-row import on SQLite, a ``BEGIN IMMEDIATE`` held by hand) that left
the worker dead and web imports queued until someone restarted the server.

This worker treats a lock as a passing condition everywhere:

- claiming waits and tries again, with back-off up to ``MAX_LOCK_WAIT`` seconds;
- a task that fails *because of* a lock is put back in the queue (``run_after`` a little
  later) instead of being marked failed; the tasks are written to be re-run safely (imports
  are all-or-nothing, the outbox and the feed are idempotent);
- a result that cannot be recorded is retried until it is recorded;
- ``--recover`` puts tasks left "running" by a worker that was killed back in the queue
  (only for one worker per database: ``samtrygg serve`` runs exactly one).

When idle it also runs the housekeeping jobs about once an hour (``core.housekeeping``).

A heartbeat thread rewrites ``var/run/worker-heartbeat.json`` every few seconds for
``/healthz``, also while a long task runs.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import timedelta
from typing import Any

from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from samtrygg.core.dblocks import is_lock_error
from samtrygg.core.health import heartbeat_write
from samtrygg.core.housekeeping import INTERVAL as HOUSEKEEPING_INTERVAL
from samtrygg.core.housekeeping import housekeeping_run

logger = logging.getLogger("samtrygg.worker")

HEARTBEAT_SECONDS = 5.0
ORPHAN_GRACE = 10.0
FIRST_LOCK_WAIT = 0.5
MAX_LOCK_WAIT = 10.0
#: A task that failed on a lock runs again this much later.
LOCKED_TASK_DELAY = timedelta(seconds=5)


class _Heartbeat(threading.Thread):
    """Beats every few seconds; also ends a worker whose parent has died (``samtrygg serve``
    killed with SIGKILL): the kernel's SIGTERM (PR_SET_PDEATHSIG) asks for a graceful stop,
    and a worker still there ``ORPHAN_GRACE`` seconds later exits at once (a task it was
    running is queued again by the next worker's ``--recover``)."""

    def __init__(self) -> None:
        super().__init__(name="worker-heartbeat", daemon=True)
        self.state = "starting"
        self._stop_event = threading.Event()
        self._parent = os.getppid()
        self._orphaned_at: float | None = None

    def _check_parent(self) -> None:
        if os.getppid() == self._parent:
            return
        now = time.monotonic()
        if self._orphaned_at is None:
            self._orphaned_at = now
            logger.warning("the process that started the worker is gone; stopping")
        elif now - self._orphaned_at >= ORPHAN_GRACE:
            os._exit(1)

    def beat(self) -> None:
        try:
            heartbeat_write(state=self.state)
        except OSError:
            logger.warning("cannot write the worker heartbeat", exc_info=True)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.beat()
            self._check_parent()
            self._stop_event.wait(HEARTBEAT_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()


def tasks_recover_interrupted() -> int:
    """Put tasks that a killed worker left "running" back in the queue."""
    with exclusive_transaction(DBTaskResult.objects.db):
        return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )


class ResilientWorker(Worker):
    """django-tasks-db's worker loop with every database step made lock-tolerant."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat = _Heartbeat()
        self._lock_wait = FIRST_LOCK_WAIT
        self._last_housekeeping: float | None = None

    # -- waiting on a lock ----------------------------------------------------------------
    def _wait_for_lock(self, where: str) -> None:
        self.heartbeat.state = "waiting for the database"
        logger.warning("database locked while %s; trying again in %.1f s", where, self._lock_wait)
        close_old_connections()
        time.sleep(self._lock_wait)
        self._lock_wait = min(self._lock_wait * 2, MAX_LOCK_WAIT)

    def run_until_past_lock(self, where: str, step: Any) -> Any:
        """Run ``step`` until it gets past the database lock (or the worker stops)."""
        while True:
            try:
                result = step()
            except Exception as exc:
                if not is_lock_error(exc):
                    raise
                self._wait_for_lock(where)
                if not self.running:
                    raise
                continue
            self._lock_wait = FIRST_LOCK_WAIT
            return result

    # -- the loop ---------------------------------------------------------------------------
    def _claim_next(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run(self) -> None:
        logger.info("worker %s started", self.worker_id)
        self.heartbeat.start()
        try:
            self._loop()
        finally:
            self.heartbeat.state = "stopped"
            self.heartbeat.beat()
            self.heartbeat.stop()

    def _loop(self) -> None:
        while self.running:
            close_old_connections()
            self.heartbeat.state = "idle"
            task_result = self.run_until_past_lock("claiming a task", self._claim_next)
            if task_result is not None:
                self.run_task(task_result)
            elif self.batch:
                return
            else:
                self._housekeeping_when_due()
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _housekeeping_when_due(self) -> None:
        """When idle, about once an hour (and first when the worker starts)."""
        now = time.monotonic()
        if self._last_housekeeping is not None and now - self._last_housekeeping < (
            HOUSEKEEPING_INTERVAL.total_seconds()
        ):
            return
        self._last_housekeeping = now
        self.heartbeat.state = "housekeeping"
        self.run_until_past_lock("housekeeping", housekeeping_run)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        self.heartbeat.state = "running a task"
        try:
            outcome, value = self._call(db_task_result)
            if outcome == "locked":
                logger.warning(
                    "task %s met a locked database; queued again", db_task_result.task_path
                )
                self.run_until_past_lock(
                    "queueing a task again", lambda: self._requeue(db_task_result)
                )
            elif outcome == "ok":
                self.run_until_past_lock(
                    "recording a result", lambda: db_task_result.set_successful(value)
                )
                self._finished(db_task_result)
            else:
                self.run_until_past_lock(
                    "recording a failure", lambda: db_task_result.set_failed(value)
                )
                self._finished(db_task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1

    @staticmethod
    def _call(db_task_result: DBTaskResult) -> tuple[str, Any]:
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except Exception as exc:
            if is_lock_error(exc):
                return "locked", exc
            logger.exception("task %s failed", db_task_result.task_path)
            return "failed", exc
        return "ok", value

    @staticmethod
    def _requeue(db_task_result: DBTaskResult) -> None:
        db_task_result.status = TaskResultStatus.READY
        db_task_result.run_after = timezone.now() + LOCKED_TASK_DELAY
        db_task_result.save(update_fields=["status", "run_after"])

    @staticmethod
    def _finished(db_task_result: DBTaskResult) -> None:
        try:
            task_finished.send(
                sender=type(db_task_result.task.get_backend()),
                task_result=db_task_result.task_result,
            )
        except Exception:  # a receiver's failure must not stop the worker
            logger.exception("after task %s", db_task_result.task_path)
