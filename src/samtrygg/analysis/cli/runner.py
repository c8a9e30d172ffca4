"""Parse the command line, run one method and write its result.

Only the parsers are imported up front: ``--help`` and a mistyped option are answered without
numpy; the method's module and the writers (``output``) are imported once they are needed."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from samtrygg.analysis.cli.parsers import MODULES, PROG, build_parser
from samtrygg.analysis.errors import AnalysisInputError

if TYPE_CHECKING:
    from samtrygg.analysis.cli.common import Result

#: The module that runs each method; imported only when that method runs.
COMMANDS: dict[str, str] = {m: module for module, methods in MODULES.items() for m in methods}


def _run(args: argparse.Namespace) -> Result:
    """Return (document for json/geojson, rows for csv)."""
    module = COMMANDS.get(args.method)
    if module is None:
        raise AnalysisInputError(f"unknown method {args.method!r}")  # pragma: no cover
    command: Callable[[argparse.Namespace], Result] = importlib.import_module(
        f"samtrygg.analysis.cli.{module}"
    ).run
    return command(args)


def main(argv: list[str]) -> int:
    """Run one analysis; returns 0 on success and 2 on bad input."""
    try:
        args = build_parser().parse_args(argv)
        doc, rows = _run(args)
        output = importlib.import_module("samtrygg.analysis.cli.output")
        if args.format == "csv":
            if rows is None:
                raise AnalysisInputError("this result has no CSV form; use --format json")
            output.write_csv(rows, args.out)
        else:
            output.write_json(doc, args.out)
        return 0
    except AnalysisInputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
