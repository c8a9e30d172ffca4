"""Readers of incident files: CSV and GeoJSON streamed as chunks of raw text columns.

They check the file's shape (encoding, columns, feature types) and refuse it up front with
:class:`ImportRefused`; the values themselves are validated later, per chunk, by
``validation.ChunkValidator``. Reading touches no database, so the importer runs it on a
second thread.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.core import jsonlimits
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.text import quoted_list
from samtrygg.incidents.validation import FIELDS, IGNORED_COLUMNS, RawChunk, canonical_field

CHUNK_ROWS = 25_000
# A file of one column has no delimiter whose count could show a swallowed row.
MIN_COLUMNS_TO_CHECK = 2


class ImportRefused(ServiceError):
    """The file cannot be imported at all (unreadable, unknown columns)."""


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
    # strict: a quote left open at the end of the file is an error, not one long last field.
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        raise ImportRefused(_("The file is empty.")) from None
    except csv.Error as exc:
        handle.close()
        raise _malformed(1, reader.line_num, exc) from None
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
            ngettext(
                "Unknown column: %(unknown)s. Known columns: %(known)s.",
                "Unknown columns: %(unknown)s. Known columns: %(known)s.",
                len(unknown),
            )
            % {"unknown": quoted_list(unknown), "known": quoted_list(FIELDS)}
        )
    if duplicates:
        problems.append(
            ngettext(
                "Column given twice: %(columns)s.",
                "Columns given twice: %(columns)s.",
                len(duplicates),
            )
            % {"columns": quoted_list(duplicates)}
        )
    for required in ("occurred_from", "category"):
        if required not in names:
            problems.append(_("The column “%s” is missing.") % required)
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
                records: list[list[str]] = []
                try:
                    records.extend(itertools.islice(reader, chunk_rows))
                except UnicodeDecodeError:
                    raise ImportRefused(
                        _("The file is not UTF-8 text (after row %d).")
                        % (next_row + len(records) - 1)
                    ) from None
                except csv.Error as exc:
                    raise _malformed(next_row + len(records), reader.line_num, exc) from None
                if not records:
                    break
                _refuse_swallowed_rows(records, next_row, delimiter, width)
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


def _malformed(row: int, line: int, exc: csv.Error) -> ImportRefused:
    """The whole file is refused, naming the record (row) and the line it ended on."""
    if "unexpected end of data" in str(exc):
        reason = _("a quotation mark is opened but never closed")
    else:
        reason = str(exc)
    return ImportRefused(
        _("Row %(row)d (line %(line)d) is not valid CSV: %(reason)s. Nothing was imported.")
        % {"row": row, "line": line, "reason": reason}
    )


def _refuse_swallowed_rows(
    records: list[list[str]], first_row: int, delimiter: str, width: int
) -> None:
    """Refuse a quoted field that spans lines shaped like rows of their own.

    A quotation mark left open makes the CSV reader take every following line, up to the
    next stray quote, as part of one field: the file still parses, but those rows would
    vanish into a description. A line break inside a real quoted text is fine; a line
    with a full row's worth of delimiters inside a field is taken as a sign of this.
    """
    if width < MIN_COLUMNS_TO_CHECK:
        return
    for offset, record in enumerate(records):
        for value in record:
            if "\n" not in value and "\r" not in value:
                continue
            swallowed = [
                line for line in value.splitlines()[1:] if line.count(delimiter) >= width - 1
            ]
            if swallowed:
                raise ImportRefused(
                    ngettext(
                        "Row %(row)d: a quoted field runs over %(count)d line that looks "
                        "like a row of its own. Is a quotation mark not closed? Nothing "
                        "was imported.",
                        "Row %(row)d: a quoted field runs over %(count)d lines that look "
                        "like rows of their own. Is a quotation mark not closed? Nothing "
                        "was imported.",
                        len(swallowed),
                    )
                    % {"row": first_row + offset, "count": len(swallowed)}
                )


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
            document = jsonlimits.load(handle)
    except jsonlimits.JSONTooDeep as exc:
        raise ImportRefused(
            _("The file nests deeper than %(depth)d levels; GeoJSON never needs that.")
            % {"depth": exc.limit}
        ) from None
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
            warnings.append(_("Properties ignored: %s.") % quoted_list(sorted(ignored)))

    return len(features), chunks()
