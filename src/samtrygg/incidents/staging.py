"""A staged import for SQLite: the rows wait in the connection's own temporary tables and
go into the incident tables in one short transaction at the end.

SQLite has one writer at a time. An import that wrote straight into the incident tables
held the write lock for its whole transaction — minutes for a large file — and every log-in
(which writes: the session, the last log-in, the audit) waited and then failed. Staged,
each chunk goes into ``temp`` tables in a short transaction of its own: the temporary
database belongs to this connection, so staging takes no lock on the main database at
all, and others write between (and during) the chunks. ``prepare`` finds the rows the
source already has (by external id) without the lock; ``swap`` then, in ONE transaction
(the caller's ``transaction.atomic()``), gives the new rows their ids, inserts them,
updates the existing ones and writes the area links — one ``INSERT … SELECT`` per table,
no Python per row while the lock is held. That transaction still grows with the file:
``benchmarks/bench_import_lock.py`` measures how long it holds the lock (seconds for
200,000 rows, about a minute for 1,000,000 on a busy 2-core machine), longer than the
busy time-out, so a log-in during a large publish answers 503 and is tried again.

All-or-nothing holds: nothing is in the incident tables before ``swap`` commits; a failed
or refused import drops the staging tables (``drop``); a crash loses the connection and
SQLite drops its temporary tables with it, so the import can simply run again.

PostgreSQL locks rows, not the database: there the import writes straight through
``bulk.IncidentWriter`` in one transaction, and a log-in never waits for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import connection

from samtrygg.incidents.bulk import (
    BATCH_COLUMNS,
    ROW_COLUMNS,
    UPDATE_COLUMNS,
    IncidentColumns,
    IncidentWriter,
    WriteResult,
)
from samtrygg.incidents.models import IncidentArea

ROWS = "samtrygg_staged_incident"
LINKS = "samtrygg_staged_incident_area"
#: Staged columns: ``seq`` numbers the rows of the import, ``id`` is the existing row's
#: (``prepare``), NULL for a new one.
_STAGED = tuple(c for c in ROW_COLUMNS if c != "id")


class StagedIncidentSink(IncidentWriter):
    """Stages batches of incidents of one source; ``swap`` publishes them all at once."""

    def __init__(self, **source: Any) -> None:
        """The same source arguments as ``IncidentWriter``."""
        super().__init__(**source)
        q = connection.ops.quote_name
        self.has_existing = False  # existing rows are found by ``prepare``, at the end
        self._seq = 0
        self._prepared = False
        self._create_tables()
        names = ", ".join(q(c) for c in ("seq", *_STAGED))
        marks = ", ".join(["%s"] * (1 + len(_STAGED)))
        self.stage_sql = f"INSERT INTO temp.{ROWS} ({names}) VALUES ({marks})"  # noqa: S608
        self.area_sql = f"INSERT INTO temp.{LINKS} (seq, area_id) VALUES (%s, %s)"  # noqa: S608

    def _create_tables(self) -> None:
        with connection.cursor() as cursor:
            self._drop(cursor)
            columns = ", ".join(connection.ops.quote_name(c) for c in _STAGED)
            cursor.execute(
                f"CREATE TEMP TABLE {ROWS} (seq INTEGER PRIMARY KEY, id INTEGER, {columns})"
            )
            cursor.execute(f"CREATE TEMP TABLE {LINKS} (seq INTEGER, area_id INTEGER)")

    @staticmethod
    def _drop(cursor: Any) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS temp.{ROWS}")
        cursor.execute(f"DROP TABLE IF EXISTS temp.{LINKS}")

    def drop(self) -> None:
        """Remove the staged rows (after ``swap``, or instead of it)."""
        with connection.cursor() as cursor:
            self._drop(cursor)

    def write(self, cols: IncidentColumns) -> WriteResult:
        """Stage one batch, in a short transaction of its own on the temporary tables."""
        n = len(cols)
        result = WriteResult()
        if n == 0:
            return result
        seqs = np.arange(self._seq + 1, self._seq + n + 1, dtype=np.int64)
        self._seq += n
        values = self._column_values(cols, seqs)
        rows = list(zip(*(values[c] for c in ("id", *_STAGED)), strict=True))
        if connection.in_atomic_block:
            raise RuntimeError("stage outside a transaction: it would hold the write lock")
        with connection.cursor() as cursor:
            # A deferred transaction that writes only temp tables locks nothing shared.
            cursor.execute("BEGIN DEFERRED")
            try:
                cursor.executemany(self.stage_sql, rows)
                result.area_links = self._write_area_links(cursor, cols, seqs)
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")
        result.created = n
        return result

    def prepare(self) -> None:
        """Find the staged rows the source already has, before ``swap`` takes the lock.

        Their ids go into the staging table; a new row keeps none until ``swap``. This is
        a read of the incident table (and a write of the temporary one), so it runs before
        the write lock: it was a sixth of the publish's hold (1,000,000 new rows, 11 of 69
        s, ``benchmarks/bench_import_lock.py``). What changes in between cannot be lost: a
        row of the same source and external id created meanwhile (by an import of the same
        source at the same time) fails the publish on the unique constraint, and an
        existing row deleted meanwhile fails it on its area links' foreign key; either way
        nothing is saved and the import can run again.
        """
        with connection.cursor() as cursor:
            # Each external id is staged once: the validator refuses a file naming one twice.
            cursor.execute(
                f"UPDATE temp.{ROWS} SET id = (SELECT i.id FROM {self.table} i "  # noqa: S608
                "WHERE i.source_organisation_id = %s AND i.source_system = %s "
                f"AND i.external_id = temp.{ROWS}.external_id) "
                "WHERE external_id IS NOT NULL",
                [self.source_organisation_id, self.source_system],
            )
        self._prepared = True

    def swap(self) -> WriteResult:
        """Publish every staged row; call inside ``transaction.atomic()`` (one write lock).

        A staged row with an id (``prepare``) updates that row; one without is new and gets
        the id ``MAX(id) + seq``, read under the lock."""
        if not connection.in_atomic_block:
            raise RuntimeError("swap inside transaction.atomic(): all or nothing")
        if not self._prepared:
            raise RuntimeError("prepare before swap: it finds the rows to update")
        q = connection.ops.quote_name
        table = self.table
        area_table = q(IncidentArea._meta.db_table)
        result = WriteResult()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
            base = int(cursor.fetchone()[0])
            names = ", ".join(q(c) for c in ("id", *_STAGED, *BATCH_COLUMNS))
            staged = ", ".join(q(c) for c in _STAGED)
            constants = ", ".join(["%s"] * len(BATCH_COLUMNS))
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT %s + seq, {staged}, {constants} "  # noqa: S608
                f"FROM temp.{ROWS} WHERE id IS NULL ORDER BY seq",
                [base, *self.constants],
            )
            result.created = cursor.rowcount
            assignments = ", ".join(f"{q(c)} = s.{q(c)}" for c in UPDATE_COLUMNS)
            cursor.execute(
                f"UPDATE {table} SET {assignments}, {q('updated_at')} = %s "  # noqa: S608
                f"FROM temp.{ROWS} s WHERE {table}.id = s.id",
                [self.now_param],
            )
            result.updated = max(cursor.rowcount, 0)
            cursor.execute(
                f"DELETE FROM {area_table} WHERE incident_id IN "  # noqa: S608
                f"(SELECT id FROM temp.{ROWS} WHERE id IS NOT NULL)"
            )
            cursor.execute(
                f"INSERT INTO {area_table} (incident_id, area_id) "  # noqa: S608
                f"SELECT COALESCE(r.id, %s + r.seq), l.area_id FROM temp.{LINKS} l "
                f"JOIN temp.{ROWS} r ON r.seq = l.seq ORDER BY r.seq",
                [base],
            )
            result.area_links = cursor.rowcount
        return result
