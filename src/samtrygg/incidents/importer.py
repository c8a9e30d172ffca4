"""Bulk import of incidents from CSV, GeoJSON and police events files.

The file is streamed in chunks (``readers``); each chunk is parsed, validated and
screened as columns (``validation``), written with ``executemany`` (``bulk``) and
assigned to areas. The import is all-or-nothing: if the process dies half-way, nothing
of it is visible (PostgreSQL writes it in one transaction; SQLite stages it and publishes
it in short transactions whose rows are hidden until the last, see ``staging``). By
default it is all-or-nothing — one bad row and nothing is
saved, but every bad row is still reported with its row number, field and reason. With
``skip_invalid`` the good rows are saved and the bad ones written to a rejects file (the
original columns plus ``reason``). Re-importing the same source updates rows by
external id.
"""

from __future__ import annotations

import csv
import gc
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.core.exceptions import RowError
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.bulk import IncidentSink, IncidentWriter, sqlite_tuned_for_bulk
from samtrygg.incidents.models import Category, ImportFormat, SourceSystem
from samtrygg.incidents.publication import pending_imports_abandoned_clean
from samtrygg.incidents.readers import CHUNK_ROWS, ImportRefused, read_csv, read_geojson
from samtrygg.incidents.staging import PUBLISH_ROWS, StagedIncidentSink
from samtrygg.incidents.validation import ChunkValidator, RawChunk

__all__ = ["ImportRefused", "ImportReport", "import_chunks", "incidents_import"]

#: Problems kept in memory (and shown); the rejects file has every rejected row.
MAX_KEPT_ERRORS = 10_000
#: Called after every chunk with (rows done, rows in all), inside the import: a caller
#: shows or stores it; a test may hold the import there (``samtrygg.testing.held_import``).
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    #: Police events that are summaries, not place-related, or elsewhere: kept raw only.
    skipped: int = 0
    area_links: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    saved: bool = False
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def refused_for_errors(self) -> bool:
        """Nothing was (or, in a dry run, would be) saved because of bad rows."""
        return self.error_count > 0 and self.created + self.updated == 0


# --- the engine ----------------------------------------------------------------------------
class _Rollback(Exception):
    pass


_END = object()
#: Read and validate the next chunk on a second thread while this one is written.
READ_AHEAD = True


def _read_ahead(
    chunks: Iterator[RawChunk], validator: ChunkValidator, depth: int = 2
) -> Iterator[tuple[RawChunk, Any]]:
    """(chunk, validation result) pairs, read and validated on a second thread.

    SQLite releases the GIL while it inserts, and numpy while it computes, so reading the
    next chunk overlaps with writing this one. Reading and validating touch no database.
    Closing the generator (or an error on either side) stops the reader."""
    out: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    language = translation.get_language()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def reader() -> None:
        with translation.override(language):
            try:
                for chunk in chunks:
                    if not put((chunk, validator.validate(chunk))):
                        return
                put(_END)
            except BaseException as exc:  # handed to the writing thread
                put(exc)

    thread = threading.Thread(target=reader, name="incident-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=30)


def _category_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, code, name_sv, name_en in Category.objects.values_list(
        "pk", "code", "name_sv", "name_en"
    ):
        for key in (name_en, name_sv, code):
            lookup[key.strip().lower()] = pk
    return lookup


class _Rejects:
    def __init__(self, path: Path | None, header: list[str]) -> None:
        self.path = path
        self.header = header
        self.handle: IO[str] | None = None
        self.writer: Any = None

    def write(self, record: list[str], reason: str) -> None:
        if self.path is None:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("w", encoding="utf-8", newline="")
            self.writer = csv.writer(self.handle)
            self.writer.writerow([*self.header, "reason"])
        self.writer.writerow([*record, reason])

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def incidents_import(
    *,
    path: Path | str,
    format: str,
    source: Organisation,
    classification: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | str | None = None,
    created_by: Any = None,
    allow_restricted: bool = True,
    import_job_id: int | None = None,
    location: str | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    publish_rows: int = PUBLISH_ROWS,
    published: Progress | None = None,
) -> ImportReport:
    """Import one file; see the module docstring. Raises ``ImportRefused`` for a file
    that cannot be read at all; bad rows are in the report."""
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(_("No such file: %s") % path.name)
    report = ImportReport(dry_run=dry_run)
    source_system = SourceSystem.IMPORT.value
    feed: Any = None
    if format == ImportFormat.CSV:
        total, chunks = read_csv(path, chunk_rows)
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
        header = next(csv.reader([first], delimiter=max((",", ";", "\t"), key=first.count)))
    elif format == ImportFormat.GEOJSON:
        total, chunks = read_geojson(path, chunk_rows, report.warnings)
        header = ["feature", "json"]
    elif format == ImportFormat.POLICE_EVENTS:
        from samtrygg.incidents.feedstore import PoliceEventsReader

        feed = PoliceEventsReader(
            data=path.read_bytes(),
            location=settings.SAMTRYGG_MUNICIPALITY if location is None else location,
            chunk_rows=chunk_rows,
        )
        total, chunks = feed.total, feed.chunks()
        header = ["item", "json"]
        source_system = SourceSystem.POLICE_FEED.value
    else:
        raise ImportRefused(_("Unknown format %r.") % format)

    report = import_chunks(
        chunks=chunks,
        total=total,
        header=header,
        source=source,
        source_system=source_system,
        classification=classification,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        rejects_path=rejects_path,
        allow_restricted=allow_restricted,
        import_job_id=import_job_id,
        progress=progress,
        report=report,
        feed=feed,
        publish_rows=publish_rows,
        published=published,
    )
    report.seconds = time.perf_counter() - started
    return report


class _Consumer:
    """Takes validated chunks to a sink: counts, reports bad rows, calls ``progress``."""

    def __init__(
        self,
        report: ImportReport,
        rejects: _Rejects,
        skip_invalid: bool,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.report, self.rejects, self.skip_invalid = report, rejects, skip_invalid
        self.progress, self.total = progress, total
        self.done = 0
        self.failed = False

    def __call__(self, validated: Iterator[tuple[RawChunk, Any]], sink: IncidentSink) -> None:
        report = self.report
        for chunk, result in validated:
            for pos in sorted(result.errors):
                problems = result.errors[pos]
                row = chunk.rows[pos]
                report.rejected += 1
                for fld, message in problems:
                    report.error_count += 1
                    if len(report.errors) < MAX_KEPT_ERRORS:
                        report.errors.append(RowError(row=row, field=fld, message=message))
                self.rejects.write(chunk.records[pos], "; ".join(f"{f}: {m}" for f, m in problems))
            if result.errors and not self.skip_invalid:
                self.failed = True
            if not self.failed:
                written = sink.write(result.columns)
                report.created += written.created
                report.updated += written.updated
                report.area_links += written.area_links
            self.done += len(chunk)
            if self.progress is not None:
                self.progress(self.done, max(self.total, self.done))


def _piece_published(published: Progress, total: int, done: int) -> None:
    published(done, total)


def _import_staged(
    validated: Iterator[tuple[RawChunk, Any]],
    consume: _Consumer,
    source_args: dict[str, Any],
    *,
    publish_rows: int | None,
    published: Progress | None,
) -> None:
    """SQLite: stage chunk by chunk (no lock on the database), then publish in short
    transactions of ``publish_rows`` new rows, all visible at the last (see
    ``staging``); a dry run (``publish_rows=None``) only counts."""
    pending_imports_abandoned_clean()  # a killed import's hidden rows hold its ids
    sink = StagedIncidentSink(**source_args)
    try:
        with sqlite_tuned_for_bulk():
            consume(validated, sink)
        if consume.failed:
            return
        report = consume.report
        sink.prepare()
        if publish_rows is None:
            result = sink.counts()
        else:
            after_piece = None
            if published is not None:
                after_piece = partial(_piece_published, published, sink.counts().created)
            with sqlite_tuned_for_bulk():
                result = sink.publish(piece_rows=publish_rows, after_piece=after_piece)
        report.created, report.updated = result.created, result.updated
        report.area_links = result.area_links
    finally:
        sink.drop()


def import_chunks(
    *,
    chunks: Iterator[RawChunk],
    total: int,
    header: list[str],
    source: Organisation,
    source_system: str,
    classification: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | str | None = None,
    allow_restricted: bool = True,
    import_job_id: int | None = None,
    progress: Progress | None = None,
    report: ImportReport | None = None,
    feed: Any = None,
    publish_rows: int = PUBLISH_ROWS,
    published: Progress | None = None,
) -> ImportReport:
    """The engine behind every import: validate, write and assign chunk by chunk, all or
    nothing (nothing saved for a dry run or, without ``skip_invalid``, any bad row).
    ``published`` is called with (new rows shown so far, new rows in all) after each
    piece of a staged publish (``publish_rows`` rows each)."""
    report = report or ImportReport(dry_run=dry_run)
    now = timezone.now()
    validator = ChunkValidator(
        categories=_category_lookup(),
        areas=dict(Area.objects.values_list("code", "pk")),
        default_classification=classification,
        allow_restricted=allow_restricted,
        now=now,
        inactive_categories=frozenset(
            Category.objects.filter(is_active=False).values_list("pk", flat=True)
        ),
    )
    index = current_area_index()
    rejects = _Rejects(Path(rejects_path) if rejects_path and skip_invalid else None, header)
    # Police events touch the database while being read: they stay on this thread.
    validated: Iterator[tuple[RawChunk, Any]] = (
        _read_ahead(chunks, validator)
        if READ_AHEAD and feed is None
        else ((chunk, validator.validate(chunk)) for chunk in chunks)
    )
    source_args: dict[str, Any] = {
        "source_organisation_id": source.pk,
        "source_system": source_system,
        "area_index": index,
        "import_job_id": import_job_id,
        "now": now,
    }
    consume = _Consumer(report, rejects, skip_invalid, progress, total)
    gc_was_enabled = gc.isenabled()
    # The rows are millions of short-lived tuples and lists, which the collector would
    # traverse again and again for nothing. Measured (bench_incidents' data, 200,000 rows,
    # SQLite, staged, alternating, two runs each on a busy machine): 7.4 and 9.5 CPU-s with
    # it off, 7.6 and 10.1 with it on — about 5 % on the mean, so it stays.
    gc.disable()
    try:
        # SQLite: staged, so that the write lock is held only briefly. Not for police events
        # (they write their raw items while being read: one transaction for them), nor
        # when the caller has a transaction open (it holds the lock already).
        if connection.vendor == "sqlite" and feed is None and not connection.in_atomic_block:
            _import_staged(
                validated,
                consume,
                source_args,
                publish_rows=None if dry_run else publish_rows,
                published=published,
            )
        else:
            with transaction.atomic(), sqlite_tuned_for_bulk():
                consume(validated, IncidentWriter(**source_args))
                if feed is not None:
                    report.skipped = feed.skipped
                    report.warnings.extend(feed.warnings)
                if consume.failed or dry_run:
                    raise _Rollback
    except _Rollback:
        pass
    finally:
        close = getattr(validated, "close", None)
        if close is not None:
            close()
        rejects.close()
        if gc_was_enabled:
            gc.enable()
    done, failed = consume.done, consume.failed
    report.total_rows = done
    report.saved = not failed and not dry_run and (report.created + report.updated) > 0
    if failed:
        report.created = report.updated = report.area_links = 0
    return report
