"""Logging filters: one line where a line says it all.

Named in ``settings.LOGGING``. Neither filter drops a failure: a refused request is still
logged (without the traceback of the expected ``PermissionDenied``), and a failed task is
still logged with its traceback.
"""

from __future__ import annotations

import logging

FORBIDDEN = 403


class OneLineForbidden(logging.Filter):
    """A 403 is a refusal the application meant, not a fault: Django logs it with the
    ``PermissionDenied`` traceback attached, which buries real errors in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == FORBIDDEN:
            record.exc_info = None
            record.exc_text = None
        return True


class TaskFailuresOnly(logging.Filter):
    """The task worker logs two INFO lines per task (started, finished); building the demo
    queues hundreds of tasks. Warnings and failures pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING
