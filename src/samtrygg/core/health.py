"""What ``/healthz`` reports: the database, the task worker, the task queue and whatever
the apps register (the incidents app registers the police feed).

A check returns a dict with at least ``status`` (``"ok"``, ``"error"`` or ``"unused"``
when the thing is not part of this installation). Any ``"error"`` makes the endpoint answer
503 so that a monitor or a load balancer sees it. Checks report ages and counts only, never
personal data: the endpoint is public.

The worker's heartbeat is a small file that a thread in the worker process rewrites every
few seconds (``samtrygg worker``). A file and not a table, so that the heartbeat keeps
beating, and can be read, while another process holds the database's write lock.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

OK = "ok"
ERROR = "error"
UNUSED = "unused"

HealthCheck = Callable[[], dict[str, Any]]
_checks: dict[str, HealthCheck] = {}

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def register_health_check(name: str, check: HealthCheck) -> None:
    """Called from an app's ``ready()``; the name becomes a key of the report."""
    _checks[name] = check


def heartbeat_path() -> Path:
    return Path(settings.VAR_DIR) / "run" / "worker-heartbeat.json"


def heartbeat_write(*, state: str, path: Path | None = None) -> None:
    """Atomically replace the heartbeat (the reader never sees half a file)."""
    target = path or heartbeat_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"pid": os.getpid(), "at": time.time(), "state": state}))
    tmp.replace(target)


def heartbeat_read(path: Path | None = None) -> dict[str, Any] | None:
    try:
        data = json.loads((path or heartbeat_path()).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def uses_task_worker() -> bool:
    """Tasks are run by ``samtrygg worker`` only with the database backend (tests and some
    installations run them immediately, in the request)."""
    return bool(settings.TASKS["default"]["BACKEND"] == DATABASE_BACKEND)


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure here is the answer, not a crash
        return {"status": ERROR, "error": type(exc).__name__}
    return {"status": OK, "vendor": connection.vendor}


def check_worker() -> dict[str, Any]:
    if not uses_task_worker():
        return {"status": UNUSED}
    beat = heartbeat_read()
    if beat is None:
        return {"status": ERROR, "error": "no heartbeat"}
    age = max(0.0, time.time() - float(beat.get("at", 0)))
    healthy = age <= settings.HEALTH_WORKER_MAX_SILENCE
    return {
        "status": OK if healthy else ERROR,
        "heartbeat_age_seconds": round(age, 1),
        "state": str(beat.get("state", "")),
    }


def check_queue() -> dict[str, Any]:
    if not uses_task_worker():
        return {"status": UNUSED}
    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    age = None
    if oldest is not None:
        enqueued, run_after = oldest
        # A task queued for later is waiting only since the time it was due.
        due = run_after if run_after <= now else enqueued
        age = max(timedelta(0), now - max(enqueued, due)).total_seconds()
    healthy = age is None or age <= settings.HEALTH_QUEUE_MAX_AGE
    return {
        "status": OK if healthy else ERROR,
        "ready": ready.count(),
        "oldest_age_seconds": None if age is None else round(age, 1),
    }


def health_report() -> dict[str, Any]:
    checks: dict[str, dict[str, Any]] = {"database": check_database()}
    if checks["database"]["status"] == OK:
        checks["worker"] = check_worker()
        for name, check in [("queue", check_queue), *sorted(_checks.items())]:
            try:
                checks[name] = check()
            except Exception as exc:  # a failing check is reported, not raised
                checks[name] = {"status": ERROR, "error": type(exc).__name__}
    healthy = all(c["status"] != ERROR for c in checks.values())
    return {"status": OK if healthy else ERROR, "checks": checks}
