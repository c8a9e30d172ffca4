"""Reading date-times out of the database fast, for arrays of many rows.

Times come out as text parsed by numpy (SQLite stores UTC text) or as epoch seconds
(``EXTRACT(EPOCH …)`` on PostgreSQL) instead of one Python datetime per row, and local
time is computed with numpy from one UTC offset per distinct hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import CharField, FloatField, Func, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone


class EpochSeconds(Func):
    """Seconds since 1970-01-01 UTC of a DateTimeField (float)."""

    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS REAL)",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::float8", **extra
        )


class HourKey(Func):
    """``'YYYY-MM-DD HH'`` of a DateTimeField in UTC (for grouping by hour): a prefix of the
    stored text on SQLite, ``to_char`` on PostgreSQL."""

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 13)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')",
            **extra,
        )


def time_column(field: str) -> Func | Cast:
    """An annotation that reads a DateTimeField cheaply: the stored UTC text on SQLite
    (numpy parses it), epoch seconds on PostgreSQL."""
    if connection.vendor == "sqlite":
        return Cast(field, CharField())
    return EpochSeconds(field)


def epoch_seconds(values: Sequence[Any]) -> np.ndarray:
    """What ``time_column`` returned, as float epoch seconds."""
    if not values:
        return np.zeros(0, dtype=float)
    if isinstance(values[0], str):
        micro = np.array(values, dtype="datetime64[us]").astype(np.int64)
        return micro / 1e6
    return np.array(values, dtype=float)


def hours_since_epoch(keys: Sequence[str]) -> np.ndarray:
    """``'YYYY-MM-DD HH'`` keys → whole hours since 1970-01-01 UTC."""
    if not keys:
        return np.zeros(0, dtype=np.int64)
    return np.array([k.replace(" ", "T") for k in keys], dtype="datetime64[h]").astype(np.int64)


def utc_offsets(hours: np.ndarray) -> np.ndarray:
    """The local time zone's UTC offset (seconds) at each whole UTC hour."""
    tz = timezone.get_current_timezone()
    unique, inverse = np.unique(hours, return_inverse=True)
    offsets = np.array(
        [
            dt.datetime.fromtimestamp(int(h) * 3600, tz).utcoffset().total_seconds()  # type: ignore[union-attr]
            for h in unique.tolist()
        ],
        dtype=np.int64,
    )
    return offsets[inverse] if unique.size else np.zeros(0, dtype=np.int64)


def local_times(epoch: np.ndarray) -> np.ndarray:
    """Local wall-clock times (``datetime64[s]``, naive) of epoch seconds."""
    seconds = np.floor(epoch).astype(np.int64)
    offsets = utc_offsets(np.floor_divide(seconds, 3600))
    return (seconds + offsets).astype("datetime64[s]")


def local_day_counts(hours: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts per UTC hour → counts per local calendar day (``datetime64[D]``, counts)."""
    if hours.size == 0:
        return np.empty(0, dtype="datetime64[D]"), np.empty(0, dtype=np.int64)
    local = hours * 3600 + utc_offsets(hours)
    days = np.floor_divide(local, 86400)
    unique, inverse = np.unique(days, return_inverse=True)
    return unique.astype("datetime64[D]"), np.bincount(inverse, weights=counts).astype(np.int64)


def fetch_rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """All rows of a ``values_list`` queryset of plain columns, in one ``fetchall``: no
    per-row converters (the columns here are numbers and text) and no 100-row chunks."""
    try:
        sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    except EmptyResultSet:  # e.g. ``qs.none()`` for a user who may read nothing
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
