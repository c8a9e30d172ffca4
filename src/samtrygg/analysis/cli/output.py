"""Write a method's result: JSON (or GeoJSON) documents and CSV rows, to a file or stdout.

Imported only once a method has run (it needs numpy, which ``--help`` does without)."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from samtrygg.analysis.cli.common import clean
from samtrygg.analysis.cli.table import CellFeatures, ColumnRows, csv_chunks, json_items
from samtrygg.analysis.errors import AnalysisInputError

#: Items of a large list encoded (and written) at a time.
STREAM_ITEMS = 2000


@contextlib.contextmanager
def _output(out: str | None) -> Iterator[IO[str]]:
    """Standard output, or FILE opened for writing (a clear error if it cannot be)."""
    if out is None:
        yield sys.stdout
        return
    try:
        fh = Path(out).open("w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise AnalysisInputError(f"cannot write {out}: {exc.strerror}") from None
    with fh:
        yield fh


def write_csv(rows: Sequence[dict[str, Any]], out: str | None) -> None:
    if isinstance(rows, ColumnRows) and len(rows):
        with _output(out) as fh:
            for chunk in csv_chunks(rows):
                fh.write(chunk)
        return
    # row by row: a large grid is never held as one string beside its rows
    first = clean(rows[0]) if rows else {}
    with _output(out) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(first.keys()))
        writer.writeheader()
        for row in rows:
            writer.writerow(clean(row))


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def _json_chunks(doc: Any) -> Iterator[str]:
    """``_dumps(doc)`` in pieces: the lists of a top-level object ``STREAM_ITEMS`` items at a
    time. json.dump would stream too, but through the pure-Python encoder (several times
    slower); this keeps the C encoder and the same text."""
    if not isinstance(doc, dict):
        yield _dumps(doc)
        return
    yield "{"
    for n, (key, value) in enumerate(doc.items()):
        yield f"{', ' if n else ''}{_dumps(key)}: "
        if isinstance(value, ColumnRows | CellFeatures):
            items = (
                json_items(value, _dumps)
                if isinstance(value, ColumnRows)
                else value.json_items(_dumps)
            )
            yield "["
            for start in range(0, len(items), STREAM_ITEMS):
                yield (", " if start else "") + ", ".join(items[start : start + STREAM_ITEMS])
            yield "]"
            continue
        if not isinstance(value, list) or len(value) <= STREAM_ITEMS:
            yield _dumps(value)
            continue
        yield "["
        for start in range(0, len(value), STREAM_ITEMS):
            yield (", " if start else "") + _dumps(value[start : start + STREAM_ITEMS])[1:-1]
        yield "]"
    yield "}"


def write_json(doc: Any, out: str | None) -> None:
    # cleaned first, so a value JSON cannot hold fails before anything is written
    cleaned = clean(doc)
    with _output(out) as fh:
        for chunk in _json_chunks(cleaned):
            fh.write(chunk)
        fh.write("\n")
