"""Let the test runner's flush empty the append-only access log.

Live-server and transactional tests end with a flush of every table. The database refuses
to delete access-log rows (``samtrygg.core.dbguard``), so the test run, and only the test
run, wraps that flush in the guard's sanctioned lifting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections

from samtrygg.core.dbguard import flush_lifting_guards


@contextmanager
def flush_lifts_access_log_guard() -> Iterator[None]:
    patched: list[tuple[type, Any]] = []
    for connection in connections.all():
        ops_class = type(connection.ops)
        if any(cls is ops_class for cls, _ in patched):
            continue
        original = ops_class.execute_sql_flush
        vendor = connection.vendor

        def execute_sql_flush(
            self: Any, sql_list: list[str], _original: Any = original, _vendor: str = vendor
        ) -> None:
            _original(self, flush_lifting_guards(_vendor, list(sql_list)))

        ops_class.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign,assignment]
        patched.append((ops_class, original))
    try:
        yield
    finally:
        for ops_class, original in patched:
            ops_class.execute_sql_flush = original  # type: ignore[method-assign]
