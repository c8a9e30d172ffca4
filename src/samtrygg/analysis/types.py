"""Shared types, validation helpers and the input error of :mod:`samtrygg.analysis`.

Everything in this package takes plain numpy arrays (or sequences convertible to them) and
returns frozen dataclasses. Invalid input raises :class:`AnalysisInputError`, a ``ValueError``
whose message names the problem (and the row/column when the caller knows them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from samtrygg.analysis.errors import AnalysisInputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ArrayLike = npt.ArrayLike
#: Weights as given (binary) or row-standardised.
Transform = Literal["binary", "row"]


def as_float_vector(name: str, values: ArrayLike, *, allow_empty: bool = False) -> FloatArray:
    """Return ``values`` as a 1-d float64 array, refusing NaN/inf and wrong shapes."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise AnalysisInputError(f"{name}: values must be numeric ({exc})") from None
    if arr.ndim != 1:
        raise AnalysisInputError(f"{name}: expected a 1-d array, got shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise AnalysisInputError(f"{name}: no values")
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(f"{name}: value at index {idx} is not finite ({arr[idx]})")
    return arr


def same_length(**arrays: np.ndarray) -> int:
    """Check that all arrays have the same length and return it."""
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{k}={v}" for k, v in lengths.items())
        raise AnalysisInputError(f"arrays must have the same length ({detail})")
    return next(iter(lengths.values()))


def as_edges(name: str, edges: Sequence[float] | ArrayLike, *, min_count: int = 2) -> FloatArray:
    """Validate band edges: finite, non-negative, strictly increasing, at least ``min_count``."""
    arr = as_float_vector(name, edges, allow_empty=True)
    if arr.size < min_count:
        raise AnalysisInputError(f"{name}: need at least {min_count} edges, got {arr.size}")
    if (arr < 0).any():
        raise AnalysisInputError(f"{name}: edges must be non-negative")
    if (np.diff(arr) <= 0).any():
        idx = int(np.flatnonzero(np.diff(arr) <= 0)[0])
        raise AnalysisInputError(
            f"{name}: edges must be strictly increasing ({arr[idx]:g} then {arr[idx + 1]:g})"
        )
    return arr


def check_seed(seed: int | None) -> int | None:
    """Accept ``None`` or a non-negative integer seed."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise AnalysisInputError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def check_permutations(permutations: int, *, allow_zero: bool = True) -> int:
    """Accept a non-negative (or positive) number of permutations."""
    if isinstance(permutations, bool) or not isinstance(permutations, int | np.integer):
        raise AnalysisInputError(f"permutations must be an integer, got {permutations!r}")
    if permutations < 0 or (permutations == 0 and not allow_zero):
        raise AnalysisInputError(f"permutations must be positive, got {permutations}")
    return int(permutations)


def json_float(value: float | np.floating[Any] | None) -> float | None:
    """Convert to a JSON-safe float: NaN and infinities become ``None``."""
    if value is None:
        return None
    f = float(value)
    return f if math.isfinite(f) else None
