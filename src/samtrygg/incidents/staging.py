"""A staged import for SQLite: the rows wait in the connection's own temporary tables, then
go into the incident tables in short transactions, hidden until the last one.

SQLite has one writer at a time. An import that wrote straight into the incident tables
held the write lock for its whole transaction, minutes for a large file, and every log-in
(which writes: the session, the last log-in, the audit) waited and then failed. Staged:

1. each chunk goes into ``temp`` tables in a short transaction of its own: the temporary
   database belongs to this connection, so staging takes no lock on the main database;
2. ``prepare`` finds the rows the source already has (by external id) and which of them
   the file changes, without the lock;
3. ``publish`` writes the new rows into the incident tables in pieces of
   ``PUBLISH_ROWS``, one short transaction each, marked with the import's key, which keeps
   them hidden (``publication``); its last transaction updates the existing rows the file
   changes (no other) and deletes the key, which shows every new row
   at once. One ``INSERT … SELECT`` per table and piece: no Python per row under the lock.

The write lock is then held for one piece at a time (``benchmarks/bench_import_lock.py``
measures it), plus the last transaction, which grows with the number of existing rows
the file changes, not with the file.

All-or-nothing holds: nothing of the import is visible before the last transaction
commits; a refused import never reaches ``publish`` and drops its staging tables
(``drop``); an import that fails while publishing removes what it wrote
(``publication.pending_import_discard``); a process that dies loses its temporary tables
with its connection, and its hidden rows are removed by the next import or the worker's
housekeeping, so the import can simply run again.

PostgreSQL locks rows, not the database: there the import writes straight through
``bulk.IncidentWriter`` in one transaction, and a log-in never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils.translation import ngettext

from samtrygg.incidents.bulk import (
    BATCH_COLUMNS,
    ROW_COLUMNS,
    IncidentColumns,
    IncidentWriter,
    WriteResult,
    update_columns,
)
from samtrygg.incidents.models import IncidentArea
from samtrygg.incidents.publication import (
    PendingImport,
    pending_import_abandon,
    pending_import_finish,
    pending_import_start,
    pending_import_touch,
)
from samtrygg.incidents.readers import ImportRefused

ROWS = "samtrygg_staged_incident"
LINKS = "samtrygg_staged_incident_area"
CHANGED = "samtrygg_staged_incident_changed"
#: Staged columns: ``seq`` numbers the rows of the import, ``id`` is the existing row's
#: (``prepare``), NULL for a new one.
_STAGED = tuple(c for c in ROW_COLUMNS if c != "id")
#: New rows per publishing transaction. Measured with ``bench_import_lock.py`` on the
#: 2-core machine at load average 8-9: 20,000 rows held the lock up to 4.7 s while log-ins
#: wrote between the pieces, too close to the 5 s a log-in waits (``SQLITE_BUSY_TIMEOUT``);
#: 10,000 leave room for a busier machine (figures in docs/operations.md).
PUBLISH_ROWS = 10_000


class StagedIncidentSink(IncidentWriter):
    """Stages batches of incidents of one source; ``swap`` publishes them all at once."""

    def __init__(self, **source: Any) -> None:
        """The same source arguments as ``IncidentWriter``."""
        super().__init__(**source)
        q = connection.ops.quote_name
        self.has_existing = False  # existing rows are found by ``prepare``, at the end
        self._reported_given = False  # a file gives reported_at in every chunk or none
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
        cursor.execute(f"DROP TABLE IF EXISTS temp.{CHANGED}")

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
        self._reported_given = cols.reported_at is not None
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
        """Find the staged rows the source already has, before ``publish`` takes the lock.

        Their ids go into the staging table; a new row keeps none. This is a read of the
        incident table (and a write of the temporary one), so it runs without the write
        lock. What changes in between cannot be lost: a row of the same source and
        external id created meanwhile (by an import of the same source at the same time,
        whose rows are hidden here until it publishes) fails a piece on the unique
        constraint, and an existing row deleted meanwhile fails the last transaction on
        its area links' foreign key; either way nothing is saved and the import can run
        again.
        """
        pending = PendingImport._meta.db_table
        with connection.cursor() as cursor:
            # Each external id is staged once: the validator refuses a file naming one twice.
            cursor.execute(
                f"UPDATE temp.{ROWS} SET id = (SELECT i.id FROM {self.table} i "  # noqa: S608
                "WHERE i.source_organisation_id = %s AND i.source_system = %s "
                f"AND i.external_id = temp.{ROWS}.external_id AND (i.import_batch IS NULL "
                f"OR i.import_batch NOT IN (SELECT key FROM {pending}))) "
                "WHERE external_id IS NOT NULL",
                [self.source_organisation_id, self.source_system],
            )
            # The pieces read the links of a range of rows.
            cursor.execute(f"CREATE INDEX temp.{LINKS}_seq ON {LINKS} (seq)")
        self._find_changed()
        self._prepared = True

    def _find_changed(self) -> None:
        """Note which rows the source already has the file changes: a column the update
        writes, or the areas it lies in. Read before the write lock, like the ids.

        Only these rows are written by the last transaction, so a re-import costs what it
        changes. A row someone else changes in between keeps that change unless the file
        changes the row too (as if the import had come first); in the last transaction a
        changed row deleted meanwhile refuses the import."""
        q = connection.ops.quote_name
        table, links = self.table, q(IncidentArea._meta.db_table)
        columns = update_columns(reported_given=self._reported_given)
        differs = " OR ".join(f"i.{q(c)} IS NOT s.{q(c)}" for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE {CHANGED} (id INTEGER PRIMARY KEY)")
            cursor.execute(
                f"INSERT INTO temp.{CHANGED} (id) SELECT s.id FROM temp.{ROWS} s "  # noqa: S608
                f"JOIN {table} i ON i.id = s.id WHERE {differs}"
            )
            cursor.execute(  # an area the row gains
                f"INSERT OR IGNORE INTO temp.{CHANGED} (id) SELECT r.id "  # noqa: S608
                f"FROM temp.{LINKS} l JOIN temp.{ROWS} r ON r.seq = l.seq "
                f"WHERE r.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {links} a "
                "WHERE a.incident_id = r.id AND a.area_id = l.area_id)"
            )
            cursor.execute(  # an area it loses
                f"INSERT OR IGNORE INTO temp.{CHANGED} (id) SELECT r.id "  # noqa: S608
                f"FROM temp.{ROWS} r JOIN {links} a ON a.incident_id = r.id "
                f"WHERE NOT EXISTS (SELECT 1 FROM temp.{LINKS} l "
                "WHERE l.seq = r.seq AND l.area_id = a.area_id)"
            )

    def counts(self) -> WriteResult:
        """What ``publish`` would create, update and link (a dry run's report)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) - COUNT(id), COUNT(id) FROM temp.{ROWS}"  # noqa: S608
            )
            created, updated = cursor.fetchone()
            cursor.execute(f"SELECT COUNT(*) FROM temp.{LINKS}")  # noqa: S608
            (links,) = cursor.fetchone()
        return WriteResult(created=int(created), updated=int(updated), area_links=int(links))

    def publish(
        self,
        *,
        piece_rows: int = PUBLISH_ROWS,
        after_piece: Callable[[int], None] | None = None,
    ) -> WriteResult:
        """Write every staged row in short transactions and show them all at the last one
        (see the module). ``after_piece`` is called with the new rows written so far after
        each piece (a caller shows it; a test may hold the import there). On any failure
        the rows written are removed again and the error is raised."""
        if connection.in_atomic_block:
            raise RuntimeError("publish outside a transaction: it commits piece by piece")
        if not self._prepared:
            raise RuntimeError("prepare before publish: it finds the rows to update")
        key = pending_import_start()
        result = WriteResult()
        try:
            low = 0
            while (high := self._piece_end(low, piece_rows)) is not None:
                with transaction.atomic():
                    created, links = self._insert_piece(key, low, high)
                result.created += created
                result.area_links += links
                low = high
                if after_piece is not None:
                    after_piece(result.created)
            with transaction.atomic():
                updated, links = self._update_existing()
                pending_import_finish(key)
            result.updated = updated
            result.area_links += links
        except BaseException:
            pending_import_abandon(key)
            raise
        return result

    def _piece_end(self, low: int, piece_rows: int) -> int | None:
        """The last ``seq`` of the next ``piece_rows`` new rows after ``low`` (None: no
        new row is left)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT seq FROM temp.{ROWS} WHERE id IS NULL AND seq > %s "  # noqa: S608
                "ORDER BY seq LIMIT 1 OFFSET %s",
                [low, piece_rows - 1],
            )
            row = cursor.fetchone()
            if row is None:
                cursor.execute(
                    f"SELECT MAX(seq) FROM temp.{ROWS} WHERE id IS NULL AND seq > %s",  # noqa: S608
                    [low],
                )
                row = cursor.fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def _insert_piece(self, key: int, low: int, high: int) -> tuple[int, int]:
        """Insert the new rows with ``low < seq <= high``, hidden under ``key``; inside
        the piece's transaction. A row gets the id ``MAX(id) + seq - low``, read under the
        lock (the transaction is IMMEDIATE: it holds the lock from its start)."""
        q = connection.ops.quote_name
        table = self.table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
            base = int(cursor.fetchone()[0]) - low
            names = ", ".join(q(c) for c in ("id", *_STAGED, *BATCH_COLUMNS, "import_batch"))
            staged = ", ".join(q(c) for c in _STAGED)
            constants = ", ".join(["%s"] * (len(BATCH_COLUMNS) + 1))
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT %s + seq, {staged}, {constants} "  # noqa: S608
                f"FROM temp.{ROWS} WHERE id IS NULL AND seq > %s AND seq <= %s ORDER BY seq",
                [base, *self.constants, key, low, high],
            )
            created = cursor.rowcount
            cursor.execute(
                f"INSERT INTO {q(IncidentArea._meta.db_table)} (incident_id, area_id) "  # noqa: S608
                f"SELECT %s + r.seq, l.area_id FROM temp.{LINKS} l "
                f"JOIN temp.{ROWS} r ON r.seq = l.seq "
                "WHERE r.id IS NULL AND l.seq > %s AND l.seq <= %s ORDER BY r.seq",
                [base, low, high],
            )
            links = cursor.rowcount
            pending_import_touch(key)
        return created, links

    def _update_existing(self) -> tuple[int, int]:
        """Update the rows the file changes (``_find_changed``) and their area links;
        inside the last transaction. Returns (rows in the file that the source had, area
        links written)."""
        q = connection.ops.quote_name
        table = self.table
        area_table = q(IncidentArea._meta.db_table)
        columns = update_columns(reported_given=self._reported_given)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(id) FROM temp.{ROWS}")  # noqa: S608
            (existing,) = cursor.fetchone()
            cursor.execute(
                f"SELECT COUNT(*) FROM temp.{CHANGED} c WHERE NOT EXISTS "  # noqa: S608
                f"(SELECT 1 FROM {table} i WHERE i.id = c.id)"
            )
            (gone,) = cursor.fetchone()
            if gone:
                raise ImportRefused(
                    ngettext(
                        "%(count)s incident this file updates was deleted during the "
                        "import. Nothing was saved; run the import again.",
                        "%(count)s incidents this file updates were deleted during the "
                        "import. Nothing was saved; run the import again.",
                        gone,
                    )
                    % {"count": gone}
                )
            assignments = ", ".join(f"{q(c)} = s.{q(c)}" for c in columns)
            cursor.execute(
                f"UPDATE {table} SET {assignments}, {q('updated_at')} = %s "  # noqa: S608
                f"FROM temp.{ROWS} s WHERE {table}.id = s.id "
                f"AND s.id IN (SELECT id FROM temp.{CHANGED})",
                [self.now_param],
            )
            cursor.execute(
                f"DELETE FROM {area_table} WHERE incident_id IN "  # noqa: S608
                f"(SELECT id FROM temp.{CHANGED})"
            )
            cursor.execute(
                f"INSERT INTO {area_table} (incident_id, area_id) "  # noqa: S608
                f"SELECT r.id, l.area_id FROM temp.{LINKS} l "
                f"JOIN temp.{ROWS} r ON r.seq = l.seq "
                f"WHERE r.id IN (SELECT id FROM temp.{CHANGED}) ORDER BY r.seq"
            )
            links = cursor.rowcount
        return int(existing), links
