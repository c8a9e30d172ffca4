"""Parse the command line, run one method and write its result."""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from samtrygg.analysis.cli.common import PROG, ReportingParser, Result, clean
from samtrygg.analysis.cli.parsers import MODULES, register_all
from samtrygg.analysis.cli.table import ColumnRows, csv_chunks, json_items
from samtrygg.analysis.types import AnalysisInputError

#: The module that runs each method; imported only when that method runs.
COMMANDS: dict[str, str] = {m: module for module, methods in MODULES.items() for m in methods}
#: Items of a large list encoded (and written) at a time.
STREAM_ITEMS = 2000


def build_parser() -> argparse.ArgumentParser:
    parser = ReportingParser(prog=PROG, description="Crime analysis on CSV/GeoJSON files.")
    sub = parser.add_subparsers(dest="method", required=True, parser_class=ReportingParser)
    register_all(sub)
    return parser


def _run(args: argparse.Namespace) -> Result:
    """Return (document for json/geojson, rows for csv)."""
    module = COMMANDS.get(args.method)
    if module is None:
        raise AnalysisInputError(f"unknown method {args.method!r}")  # pragma: no cover
    command: Callable[[argparse.Namespace], Result] = importlib.import_module(
        f"samtrygg.analysis.cli.{module}"
    ).run
    return command(args)


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


def _write_csv(rows: Sequence[dict[str, Any]], out: str | None) -> None:
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
        if isinstance(value, ColumnRows):
            items = json_items(value, _dumps)
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


def _write_json(doc: Any, out: str | None) -> None:
    # cleaned first, so a value JSON cannot hold fails before anything is written
    cleaned = clean(doc)
    with _output(out) as fh:
        for chunk in _json_chunks(cleaned):
            fh.write(chunk)
        fh.write("\n")


def main(argv: list[str]) -> int:
    """Run one analysis; returns 0 on success and 2 on bad input."""
    try:
        args = build_parser().parse_args(argv)
        doc, rows = _run(args)
        if args.format == "csv":
            if rows is None:
                raise AnalysisInputError("this result has no CSV form; use --format json")
            _write_csv(rows, args.out)
        else:
            _write_json(doc, args.out)
        return 0
    except AnalysisInputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
