"""``samtrygg analyze METHOD INPUT [options]`` — the analysis library on files, no database.

Entry point: :func:`main` (``argv`` = everything after the word ``analyze``); returns the exit
status. Bad input prints one message on stderr and returns 2.

Split by method (``near_repeat``, ``hotspots``, ``kde``, ``change``, ``evaluate``); the parsers
are in ``parsers``, dispatch in ``runner``, the writers in ``output`` and ``table``, shared
helpers in ``common`` and ``shapes``. Importing this package loads the parsers only (no numpy):
``clean`` is loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from samtrygg.analysis.cli.parsers import PROG, build_parser
from samtrygg.analysis.cli.runner import main

if TYPE_CHECKING:
    from samtrygg.analysis.cli.common import clean

__all__ = ["PROG", "build_parser", "clean", "main"]


def __getattr__(name: str) -> Any:
    if name == "clean":
        return importlib.import_module("samtrygg.analysis.cli.common").clean
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
