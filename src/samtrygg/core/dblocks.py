"""Telling a database lock from other database errors.

SQLite has one writer at a time: a writer that waits longer than the busy time-out
(``SQLITE_BUSY_TIMEOUT``) gets "database is locked". PostgreSQL reports a lock it could not
get in time (``lock_timeout``) as SQLSTATE 55P03. Both are passing conditions: the request
answers 503 with ``Retry-After`` and the task worker waits and tries again.
"""

from __future__ import annotations

from django.db.utils import OperationalError

_POSTGRES_LOCK_NOT_AVAILABLE = "55P03"


def is_lock_error(exc: BaseException) -> bool:
    """True for an error that only says the database is locked (a cause chain included)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OperationalError) or type(current).__name__ == "OperationalError":
            message = str(current.args[0]) if current.args else ""
            if "is locked" in message.lower():
                return True
        # psycopg's own class (LockNotAvailable), the cause of Django's OperationalError.
        if getattr(current, "sqlstate", None) == _POSTGRES_LOCK_NOT_AVAILABLE:
            return True
        current = current.__cause__ or current.__context__
    return False
