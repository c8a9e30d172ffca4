"""The analysis library's input error, in a module of its own: the command line's parser
raises it before (and, for ``--help``, without) numpy being imported."""

from __future__ import annotations


class AnalysisInputError(ValueError):
    """Invalid input to an analysis function (bad values, shapes or parameters)."""
