"""Tasks for the worker tests (a task must live at module level to be queued)."""

from __future__ import annotations

from django.db.utils import OperationalError
from django_tasks import task

#: How many more times ``locked_then_ok`` fails with a lock before it succeeds.
LOCKS_LEFT = {"count": 0}


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def locked_then_ok() -> str:
    if LOCKS_LEFT["count"] > 0:
        LOCKS_LEFT["count"] -= 1
        raise OperationalError("database is locked")
    return "done"


@task()
def broken() -> None:
    raise ValueError("a real bug")
