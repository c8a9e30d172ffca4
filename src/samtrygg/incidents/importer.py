"""Bulk import of incidents from CSV, GeoJSON and police events files.

The file is streamed in chunks; each chunk is parsed, validated and screened as columns
(``validation``), written with ``executemany`` (``bulk``) and assigned to areas. The
whole import is ONE transaction: if the process dies half-way, nothing of it remains.
By default it is all-or-nothing — one bad row and nothing is saved, but every bad row is
still reported with its row number, field and reason. With ``skip_invalid`` the good rows
are saved and the bad ones written to a rejects file (the original columns plus
``reason``). Re-importing the same source updates rows by external id.
"""

from __future__ import annotations

import csv
import gc
import itertools
import json
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.core.exceptions import RowError, ServiceError
from samtrygg.incidents.assignment import current_area_index
from samtrygg.incidents.bulk import IncidentWriter, sqlite_tuned_for_bulk
from samtrygg.incidents.models import Category, ImportFormat, SourceSystem
from samtrygg.incidents.validation import (
    FIELDS,
    IGNORED_COLUMNS,
    ChunkValidator,
    RawChunk,
    canonical_field,
)

CHUNK_ROWS = 25_000
#: Problems kept in memory (and shown); the rejects file has every rejected row.
MAX_KEPT_ERRORS = 10_000
#: Test hook: "ROWS:PATH" pauses the import (inside its transaction) once ROWS rows are
#: written, after creating the file PATH — so a test can kill the process mid-import.
PAUSE_ENV = "SAMTRYGG_TEST_IMPORT_PAUSE"

Progress = Callable[[int, int], None]


class ImportRefused(ServiceError):
    """The file cannot be imported at all (unreadable, unknown columns)."""


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


# --- readers -----------------------------------------------------------------------------
def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count


def _open_text(path: Path) -> IO[str]:
    handle = path.open("r", encoding="utf-8-sig", newline="")
    try:
        handle.read(4096)
        handle.seek(0)
    except UnicodeDecodeError:
        handle.close()
        raise ImportRefused(_("The file is not UTF-8 text.")) from None
    return handle


def read_csv(path: Path, chunk_rows: int = CHUNK_ROWS) -> tuple[int, Iterator[RawChunk]]:
    """(estimated rows, chunks). Refuses unknown or duplicate columns up front."""
    handle = _open_text(path)
    first = handle.readline()
    handle.seek(0)
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        raise ImportRefused(_("The file is empty.")) from None
    names = [canonical_field(h) for h in header]
    unknown = [
        h
        for h, n in zip(header, names, strict=True)
        if n not in FIELDS and n not in IGNORED_COLUMNS
    ]
    duplicates = sorted({n for n in names if names.count(n) > 1 and n in FIELDS})
    problems = []
    if unknown:
        problems.append(
            _("Unknown column(s): %(unknown)s. Known columns: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(FIELDS)}
        )
    if duplicates:
        problems.append(_("Column(s) given twice: %s.") % ", ".join(duplicates))
    for required in ("occurred_from", "category"):
        if required not in names:
            problems.append(_("The column %s is missing.") % required)
    if problems:
        handle.close()
        raise ImportRefused(" ".join(problems))
    width = len(header)
    keep = [i for i, n in enumerate(names) if n in FIELDS]
    kept_names = [names[i] for i in keep]
    total = max(_count_lines(path) - 1, 0)

    def chunks() -> Iterator[RawChunk]:
        # Rows are numbered as records, the header being row 1: the line number in the
        # file unless a quoted field spans lines.
        next_row = 2
        with handle:
            while True:
                try:
                    records = list(itertools.islice(reader, chunk_rows))
                except UnicodeDecodeError:
                    raise ImportRefused(
                        _("The file is not UTF-8 text (after row %d).") % (next_row - 1)
                    ) from None
                except csv.Error as exc:
                    raise ImportRefused(
                        _("The file is not valid CSV (after row %(row)d): %(error)s")
                        % {"row": next_row - 1, "error": exc}
                    ) from None
                if not records:
                    break
                rows = list(range(next_row, next_row + len(records)))
                next_row += len(records)
                read_errors: dict[int, list[tuple[str, str]]] = {}
                if any(len(r) != width for r in records):
                    kept_rows: list[int] = []
                    kept_records: list[list[str]] = []
                    for row, record in zip(rows, records, strict=True):
                        if not record or (len(record) == 1 and not record[0].strip()):
                            continue  # a blank line
                        if len(record) != width:
                            read_errors[len(kept_rows)] = [
                                (
                                    "row",
                                    _("%(found)d fields instead of %(expected)d")
                                    % {"found": len(record), "expected": width},
                                )
                            ]
                            record = (record + [""] * width)[:width]
                        kept_rows.append(row)
                        kept_records.append(record)
                    rows, records = kept_rows, kept_records
                    if not rows:
                        continue
                yield _csv_chunk(rows, records, read_errors, keep, kept_names)

    return total, chunks()


def _csv_chunk(
    rows: list[int],
    records: list[list[str]],
    read_errors: dict[int, list[tuple[str, str]]],
    keep: list[int],
    names: list[str],
) -> RawChunk:
    transposed = list(zip(*records, strict=True))
    columns: dict[str, Any] = {name: transposed[i] for i, name in zip(keep, names, strict=True)}
    return RawChunk(rows=rows, columns=columns, records=records, read_errors=read_errors)


def _geojson_crs(document: dict[str, Any], features: list[Any]) -> str:
    crs = json.dumps(document.get("crs") or "")
    if "3006" in crs:
        return "EPSG:3006"
    if "4326" in crs or "CRS84" in crs:
        return "EPSG:4326"
    for feature in features[:100]:
        geometry = (feature or {}).get("geometry") or {}
        coords = geometry.get("coordinates")
        if isinstance(coords, list) and len(coords) >= 2 and isinstance(coords[0], int | float):
            return "EPSG:3006" if abs(coords[0]) > 180 or abs(coords[1]) > 90 else "EPSG:4326"
    return "EPSG:4326"


def read_geojson(
    path: Path, chunk_rows: int = CHUNK_ROWS, warnings: list[str] | None = None
) -> tuple[int, Iterator[RawChunk]]:
    try:
        with _open_text(path) as handle:
            document = json.load(handle)
    except json.JSONDecodeError as exc:
        raise ImportRefused(_("The file is not valid JSON: %s") % exc) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportRefused(_("The file is not a GeoJSON FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise ImportRefused(_("The FeatureCollection has no list of features."))
    crs = _geojson_crs(document, features)
    point_fields = ("x", "y") if crs == "EPSG:3006" else ("lon", "lat")
    ignored: set[str] = set()

    def chunks() -> Iterator[RawChunk]:
        for start in range(0, len(features), chunk_rows):
            part = features[start : start + chunk_rows]
            columns: dict[str, list[str]] = {name: [""] * len(part) for name in FIELDS}
            read_errors: dict[int, list[tuple[str, str]]] = {}
            records = []
            for pos, feature in enumerate(part):
                records.append([str(start + pos + 1), json.dumps(feature, ensure_ascii=False)])
                if not isinstance(feature, dict) or feature.get("type") != "Feature":
                    read_errors[pos] = [("feature", _("not a GeoJSON Feature"))]
                    continue
                for key, value in (feature.get("properties") or {}).items():
                    name = canonical_field(str(key))
                    if name in FIELDS:
                        columns[name][pos] = "" if value is None else str(value)
                    elif name not in IGNORED_COLUMNS:
                        ignored.add(str(key))
                geometry = feature.get("geometry")
                if geometry is None:
                    continue
                coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
                if (
                    not isinstance(geometry, dict)
                    or geometry.get("type") != "Point"
                    or not isinstance(coords, list)
                    or len(coords) < 2
                ):
                    read_errors[pos] = [("geometry", _("must be a Point (or null)"))]
                    continue
                columns[point_fields[0]][pos] = repr(coords[0])
                columns[point_fields[1]][pos] = repr(coords[1])
            yield RawChunk(
                rows=list(range(start + 1, start + len(part) + 1)),
                columns=columns,
                records=records,
                read_errors=read_errors,
            )
        if ignored and warnings is not None:
            warnings.append(_("Properties ignored: %s.") % ", ".join(sorted(ignored)))

    return len(features), chunks()


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


def _pause_hook() -> tuple[int, Path] | None:
    value = os.environ.get(PAUSE_ENV)
    if not value:
        return None
    rows, _sep, path = value.partition(":")
    return int(rows), Path(path)


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
    )
    report.seconds = time.perf_counter() - started
    return report


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
) -> ImportReport:
    """The engine behind every import: validate, write and assign chunk by chunk, in one
    transaction (rolled back for a dry run or, without ``skip_invalid``, any bad row)."""
    report = report or ImportReport(dry_run=dry_run)
    now = timezone.now()
    validator = ChunkValidator(
        categories=_category_lookup(),
        areas=dict(Area.objects.values_list("code", "pk")),
        default_classification=classification,
        allow_restricted=allow_restricted,
        now=now,
    )
    index = current_area_index()
    rejects = _Rejects(Path(rejects_path) if rejects_path and skip_invalid else None, header)
    pause = _pause_hook()
    done = 0
    failed = False
    # Police events touch the database while being read: they stay on this thread.
    validated: Iterator[tuple[RawChunk, Any]] = (
        _read_ahead(chunks, validator)
        if READ_AHEAD and feed is None
        else ((chunk, validator.validate(chunk)) for chunk in chunks)
    )
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of short-lived rows: the collector would only slow us down
    try:
        with transaction.atomic(), sqlite_tuned_for_bulk():
            writer = IncidentWriter(
                source_organisation_id=source.pk,
                source_system=source_system,
                area_index=index,
                import_job_id=import_job_id,
                now=now,
            )
            for chunk, result in validated:
                for pos in sorted(result.errors):
                    problems = result.errors[pos]
                    row = chunk.rows[pos]
                    report.rejected += 1
                    for fld, message in problems:
                        report.error_count += 1
                        if len(report.errors) < MAX_KEPT_ERRORS:
                            report.errors.append(RowError(row=row, field=fld, message=message))
                    rejects.write(chunk.records[pos], "; ".join(f"{f}: {m}" for f, m in problems))
                if result.errors and not skip_invalid:
                    failed = True
                if not failed:
                    written = writer.write(result.columns)
                    report.created += written.created
                    report.updated += written.updated
                    report.area_links += written.area_links
                done += len(chunk)
                if progress is not None:
                    progress(done, max(total, done))
                if pause is not None and done >= pause[0] and not failed:
                    pause[1].write_text(str(done))
                    time.sleep(3600)
            if feed is not None:
                report.skipped = feed.skipped
                report.warnings.extend(feed.warnings)
            if failed or dry_run:
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
    report.total_rows = done
    report.saved = not failed and not dry_run and (report.created + report.updated) > 0
    if failed:
        report.created = report.updated = report.area_links = 0
    return report
