"""Pure statistical library behind the lägesbild and the evaluations.

numpy/scipy/shapely/pyproj in, frozen dataclass results out, ``seed=`` on every random step.
This package must never import Django or another ``samtrygg`` app.

The names below are loaded on first use (PEP 562): importing a submodule, such as the
command line's parsers, must not pull in scipy.stats and numba through this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from samtrygg.analysis.errors import AnalysisInputError

if TYPE_CHECKING:
    from samtrygg.analysis.knox import (
        KnoxResult,
        NearRepeatCounts,
        knox_test,
        near_repeat_counts,
    )

_LAZY = {
    "KnoxResult": "samtrygg.analysis.knox",
    "NearRepeatCounts": "samtrygg.analysis.knox",
    "knox_test": "samtrygg.analysis.knox",
    "near_repeat_counts": "samtrygg.analysis.knox",
}

__all__ = [
    "AnalysisInputError",
    "KnoxResult",
    "NearRepeatCounts",
    "knox_test",
    "near_repeat_counts",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
