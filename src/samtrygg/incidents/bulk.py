"""Fast bulk writes of incidents and their areas (imports, the police feed, the demo).

Rows arrive as column arrays (``IncidentColumns``) and are written with ``executemany`` in
batches, bypassing model instances: a million rows take seconds, not minutes. Ids of new
rows are allocated up front (``MAX(id)`` on SQLite, which serialises writers; the id
sequence on PostgreSQL) so that the area rows can be written without reading back.
Existing rows — the same source organisation, source system and external id — are
updated in place, never duplicated. Area assignment runs per batch through the areas
app's ``AreaIndex`` (points only; coarse precisions are never assigned by point).

Call inside ``transaction.atomic()``: the caller decides what is one batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from django.db import connection
from django.utils import timezone

from samtrygg.areas.spatial import AreaIndex
from samtrygg.incidents.models import (
    MAPPABLE_PRECISIONS,
    Incident,
    IncidentArea,
    IncidentStatus,
)

_MAPPABLE = frozenset(str(p) for p in MAPPABLE_PRECISIONS)

#: Columns that vary per row, bound as parameters (in this order).
ROW_COLUMNS = (
    "id",
    "occurred_from",
    "occurred_to",
    "reported_at",
    "category_id",
    "lon",
    "lat",
    "x",
    "y",
    "precision",
    "address",
    "place_id",
    "external_id",
    "description",
    "classification",
    "feed_item_id",
)
#: Columns with one value per writer (the source, the time of the write, the defaults),
#: bound as parameters after the row columns.
BATCH_COLUMNS = (
    "created_at",
    "updated_at",
    "source_organisation_id",
    "source_system",
    "created_by_id",
    "status",
    "feedback",
    "import_job_id",
)
#: Columns an update rewrites (status and feedback stay as the municipality set them;
#: ``reported_at`` only when the file gives it: its default is the time of the import that
#: added the row, which a re-import keeps).
UPDATE_COLUMNS = (
    "occurred_from",
    "occurred_to",
    "reported_at",
    "category_id",
    "lon",
    "lat",
    "x",
    "y",
    "precision",
    "address",
    "place_id",
    "description",
    "classification",
    "feed_item_id",
)
_LOOKUP_BATCH = 500


def update_columns(*, reported_given: bool) -> tuple[str, ...]:
    """The columns an update writes: ``reported_at`` only when the rows give it."""
    if reported_given:
        return UPDATE_COLUMNS
    return tuple(c for c in UPDATE_COLUMNS if c != "reported_at")


@dataclass
class IncidentColumns:
    """One batch of rows as columns. Times are ``datetime64[s]`` in UTC; NaN = no value."""

    occurred_from: np.ndarray
    occurred_to: np.ndarray
    category_id: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    precision: Sequence[str]
    address: Sequence[str]
    description: Sequence[str]
    external_id: Sequence[str | None]
    classification: Sequence[str]
    reported_at: np.ndarray | None = None
    #: For ``area`` precision: the area the row names (else ``None``).
    area_id: Sequence[int | None] | None = None
    place_id: Sequence[int | None] | None = None
    feed_item_id: Sequence[int | None] | None = None

    def __len__(self) -> int:
        return len(self.category_id)


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    area_links: int = 0
    ids: list[int] = field(default_factory=list)


def datetimes_to_db(values: np.ndarray) -> list[Any]:
    """UTC ``datetime64`` → what the database adapter expects for a DateTimeField."""
    seconds = values.astype("datetime64[s]")
    if connection.vendor == "sqlite":
        # Django stores "YYYY-MM-DD HH:MM:SS" (UTC, with a space: comparisons are textual).
        text = np.datetime_as_string(seconds, unit="s").astype("S19")
        text.view(np.uint8).reshape(-1, 19)[:, 10] = ord(" ")
        return text.astype(str).tolist()
    epoch = seconds.astype(np.int64).tolist()
    base = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return [base + dt.timedelta(seconds=s) for s in epoch]


def _floats(values: np.ndarray) -> list[float | None]:
    array = np.asarray(values, dtype=float)
    if not np.isnan(array).any():
        return array.tolist()
    return [None if v != v else v for v in array.tolist()]


def _repeat(value: Any, n: int) -> list[Any]:
    return [value] * n


class IncidentSink(Protocol):
    """Where validated batches of incidents of one source go.

    ``write`` creates the rows that are new and updates, in place, those whose external id
    the source already has (status and feedback stay as set); it (re)assigns their areas.
    ``OrmIncidentSink`` (``incidents.ormsink``) is the reference, one model instance at a
    time; ``IncidentWriter`` is the fast path with ``executemany``. A property test holds
    them to the same database."""

    def write(self, cols: IncidentColumns) -> WriteResult: ...


class IncidentWriter:
    """Writes batches of incidents of one source (organisation + system) with
    ``executemany``: every value a bound parameter."""

    def __init__(
        self,
        *,
        source_organisation_id: int,
        source_system: str,
        area_index: AreaIndex,
        import_job_id: int | None = None,
        created_by_id: int | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.source_organisation_id = source_organisation_id
        self.source_system = source_system
        self.import_job_id = import_job_id
        self.created_by_id = created_by_id
        self.index = area_index
        self.now = now or timezone.now()
        q = connection.ops.quote_name
        self.table = q(Incident._meta.db_table)
        self.area_table = q(IncidentArea._meta.db_table)
        self.has_existing = Incident.objects.filter(
            source_organisation_id=source_organisation_id, source_system=source_system
        ).exists()
        self._next_id: int | None = None
        now_utc = self.now.astimezone(dt.UTC).replace(microsecond=0)
        stamp = (
            now_utc.strftime("%Y-%m-%d %H:%M:%S")
            if connection.vendor == "sqlite"
            else now_utc.isoformat()
        )
        self.now_param: Any = stamp if connection.vendor == "sqlite" else now_utc
        constants: dict[str, Any] = {
            "created_at": self.now_param,
            "updated_at": self.now_param,
            "source_organisation_id": int(source_organisation_id),
            "source_system": source_system,
            "created_by_id": created_by_id,
            "status": str(IncidentStatus.NEW.value),
            "feedback": "",
            "import_job_id": import_job_id,
        }
        self.constants = tuple(constants[c] for c in BATCH_COLUMNS)
        columns = ", ".join(q(c) for c in (*ROW_COLUMNS, *BATCH_COLUMNS))
        values = ", ".join(["%s"] * (len(ROW_COLUMNS) + len(BATCH_COLUMNS)))
        # Only names from the model are part of the statement text; values are all bound.
        self.insert_sql = f"INSERT INTO {self.table} ({columns}) VALUES ({values})"  # noqa: S608
        assignments = ", ".join(f"{q(c)} = %s" for c in (*UPDATE_COLUMNS, "updated_at"))
        self.update_sql = f"UPDATE {self.table} SET {assignments} WHERE {q('id')} = %s"  # noqa: S608
        keeping = ", ".join(
            f"{q(c)} = %s" for c in (*update_columns(reported_given=False), "updated_at")
        )
        self.update_keeping_reported_sql = f"UPDATE {self.table} SET {keeping} WHERE {q('id')} = %s"  # noqa: S608
        self.area_sql = (
            f"INSERT INTO {self.area_table} ({q('incident_id')}, {q('area_id')}) VALUES (%s, %s)"  # noqa: S608
        )

    # --- ids ----------------------------------------------------------------------------
    def _allocate_ids(self, n: int) -> list[int]:
        if n == 0:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [Incident._meta.db_table, n],
                )
                return sorted(row[0] for row in cursor.fetchall())
            if self._next_id is None:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.table}")  # noqa: S608
                self._next_id = int(cursor.fetchone()[0]) + 1
        first = self._next_id
        self._next_id = first + n
        return list(range(first, first + n))

    def _existing_ids(self, external_ids: Sequence[str | None]) -> dict[str, int]:
        if not self.has_existing:
            return {}
        wanted = [e for e in external_ids if e is not None]
        found: dict[str, int] = {}
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            part = wanted[start : start + _LOOKUP_BATCH]
            rows = Incident.objects.filter(
                source_organisation_id=self.source_organisation_id,
                source_system=self.source_system,
                external_id__in=part,
            ).values_list("external_id", "id")
            for external_id, pk in rows:
                if external_id is not None:
                    found[external_id] = pk
        return found

    # --- writing ------------------------------------------------------------------------
    def write(self, cols: IncidentColumns) -> WriteResult:
        n = len(cols)
        result = WriteResult()
        if n == 0:
            return result
        existing = self._existing_ids(cols.external_id)
        ids = np.zeros(n, dtype=np.int64)
        if existing:
            is_update = np.fromiter(
                (e is not None and e in existing for e in cols.external_id), bool, n
            )
            update_positions = np.flatnonzero(is_update)
            ids[update_positions] = [
                existing[str(cols.external_id[int(i)])] for i in update_positions
            ]
        else:
            is_update = np.zeros(n, dtype=bool)
        new_positions = np.flatnonzero(~is_update)
        ids[new_positions] = self._allocate_ids(len(new_positions))
        values = self._column_values(cols, ids)
        every_column = [values[c] for c in ROW_COLUMNS] + [_repeat(k, n) for k in self.constants]
        with connection.cursor() as cursor:
            if len(new_positions) == n:
                cursor.executemany(self.insert_sql, list(zip(*every_column, strict=True)))
            else:
                rows = list(zip(*every_column, strict=True))
                cursor.executemany(self.insert_sql, [rows[i] for i in new_positions.tolist()])
                updated = np.flatnonzero(is_update).tolist()
                given = cols.reported_at is not None
                cols_upd = [values[c] for c in update_columns(reported_given=given)]
                cursor.executemany(
                    self.update_sql if given else self.update_keeping_reported_sql,
                    [(*(col[i] for col in cols_upd), self.now_param, int(ids[i])) for i in updated],
                )
                self._delete_area_links([int(ids[i]) for i in updated])
            result.area_links = self._write_area_links(cursor, cols, ids)
        if len(new_positions):
            # A later batch may name these external ids again: then it updates them.
            self.has_existing = True
        result.created = len(new_positions)
        result.updated = n - len(new_positions)
        result.ids = ids.tolist()
        return result

    def _column_values(self, cols: IncidentColumns, ids: np.ndarray) -> dict[str, list[Any]]:
        n = len(cols)
        occurred_from = datetimes_to_db(cols.occurred_from)
        if cols.occurred_to is cols.occurred_from or np.array_equal(
            cols.occurred_to, cols.occurred_from
        ):
            occurred_to = occurred_from
        else:
            occurred_to = datetimes_to_db(cols.occurred_to)
        reported = (
            _repeat(self.now_param, n)
            if cols.reported_at is None
            else datetimes_to_db(cols.reported_at)
        )
        return {
            "id": ids.tolist(),
            "occurred_from": occurred_from,
            "occurred_to": occurred_to,
            "reported_at": reported,
            "category_id": np.asarray(cols.category_id, dtype=np.int64).tolist(),
            "lon": _floats(cols.lon),
            "lat": _floats(cols.lat),
            "x": _floats(cols.x),
            "y": _floats(cols.y),
            "precision": list(cols.precision),
            "address": list(cols.address),
            "place_id": list(cols.place_id) if cols.place_id is not None else _repeat(None, n),
            "external_id": list(cols.external_id),
            "description": list(cols.description),
            "classification": list(cols.classification),
            "feed_item_id": (
                list(cols.feed_item_id) if cols.feed_item_id is not None else _repeat(None, n)
            ),
        }

    def _delete_area_links(self, incident_ids: list[int]) -> None:
        for start in range(0, len(incident_ids), _LOOKUP_BATCH):
            IncidentArea.objects.filter(
                incident_id__in=incident_ids[start : start + _LOOKUP_BATCH]
            ).delete()

    def _write_area_links(self, cursor: Any, cols: IncidentColumns, ids: np.ndarray) -> int:
        n = len(cols)
        x = np.asarray(cols.x, dtype=float)
        y = np.asarray(cols.y, dtype=float)
        kinds = set(cols.precision)
        if kinds <= _MAPPABLE:
            mappable = np.ones(n, dtype=bool)
        elif kinds.isdisjoint(_MAPPABLE):
            mappable = np.zeros(n, dtype=bool)
        else:
            mappable = np.fromiter((p in _MAPPABLE for p in cols.precision), bool, n)
        mappable &= ~(np.isnan(x) | np.isnan(y))
        positions = np.flatnonzero(mappable)
        links: list[tuple[int, int]] = []
        if len(positions) and len(self.index.ids):
            point_idx, area_ids = self.index.pairs(x[positions], y[positions])
            order = np.argsort(point_idx, kind="stable")
            links = list(
                zip(
                    ids[positions[point_idx[order]]].tolist(),
                    area_ids[order].tolist(),
                    strict=True,
                )
            )
        if cols.area_id is not None:
            links.extend((int(ids[i]), int(a)) for i, a in enumerate(cols.area_id) if a is not None)
        if links:
            cursor.executemany(self.area_sql, links)
        return len(links)


def sqlite_tuned_for_bulk() -> Any:
    """A context manager: a larger page cache for the connection while a bulk write runs."""

    @contextlib.contextmanager
    def tuned() -> Any:
        if connection.vendor != "sqlite":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            previous = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")

    return tuned()
