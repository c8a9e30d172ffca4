"""Pure statistical library behind the lägesbild and the evaluations.

numpy/scipy/shapely/pyproj in, frozen dataclass results out, ``seed=`` on every random step.
This package must never import Django or another ``samtrygg`` app.
"""

from samtrygg.analysis.knox import KnoxResult, NearRepeatCounts, knox_test, near_repeat_counts
from samtrygg.analysis.types import AnalysisInputError

__all__ = [
    "AnalysisInputError",
    "KnoxResult",
    "NearRepeatCounts",
    "knox_test",
    "near_repeat_counts",
]
