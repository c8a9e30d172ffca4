"""Parse the command line, run one method and write its result."""

from __future__ import annotations

import argparse
import csv
import io as _stdio
import json
import sys
from collections.abc import Callable
from pathlib import Path

from samtrygg.analysis.cli import change, evaluate, hotspots, kde, near_repeat
from samtrygg.analysis.cli.common import PROG, ReportingParser, Result, clean
from samtrygg.analysis.types import AnalysisInputError

#: The command that runs each method (the parsers are added in ``build_parser``'s order).
COMMANDS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "knox": near_repeat.run,
    "near-repeat": near_repeat.run,
    "gi-star": hotspots.run,
    "local-moran": hotspots.run,
    "kde": kde.run,
    "change": change.run,
    "evaluate": evaluate.run,
}


def build_parser() -> argparse.ArgumentParser:
    parser = ReportingParser(prog=PROG, description="Crime analysis on CSV/GeoJSON files.")
    sub = parser.add_subparsers(dest="method", required=True, parser_class=ReportingParser)
    for module in (near_repeat, hotspots, kde, change, evaluate):
        module.register(sub)
    return parser


def _run(args: argparse.Namespace) -> Result:
    """Return (document for json/geojson, rows for csv)."""
    command = COMMANDS.get(args.method)
    if command is None:
        raise AnalysisInputError(f"unknown method {args.method!r}")  # pragma: no cover
    return command(args)


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AnalysisInputError(f"cannot write {out}: {exc.strerror}") from None


def main(argv: list[str]) -> int:
    """Run one analysis; returns 0 on success and 2 on bad input."""
    try:
        args = build_parser().parse_args(argv)
        doc, rows = _run(args)
        if args.format == "csv":
            if rows is None:
                raise AnalysisInputError("this result has no CSV form; use --format json")
            buf = _stdio.StringIO()
            cleaned = clean(rows)
            writer = csv.DictWriter(buf, fieldnames=list(cleaned[0].keys()) if cleaned else [])
            writer.writeheader()
            writer.writerows(cleaned)
            _write(buf.getvalue(), args.out)
        else:
            _write(json.dumps(clean(doc), ensure_ascii=False, allow_nan=False) + "\n", args.out)
        return 0
    except AnalysisInputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
