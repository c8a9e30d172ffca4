"""``samtrygg analyze METHOD INPUT [options]`` — the analysis library on files, no database.

Entry point: :func:`main` (``argv`` = everything after the word ``analyze``); returns the exit
status. Bad input prints one message on stderr and returns 2.

Split by method (``near_repeat``, ``hotspots``, ``kde``, ``change``, ``evaluate``); the parser,
dispatch and output are in ``runner``, shared helpers in ``common`` and ``shapes``.
"""

from samtrygg.analysis.cli.common import PROG, clean
from samtrygg.analysis.cli.runner import build_parser, main

__all__ = ["PROG", "build_parser", "clean", "main"]
