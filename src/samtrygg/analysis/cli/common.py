"""What the analysis methods share: checked numbers, bounds and weights, and JSON-safe results.
(The parsers, which ``--help`` needs without numpy, are in :mod:`samtrygg.analysis.cli.parsers`.)"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from typing import Any, Literal, cast

import numpy as np

from samtrygg.analysis.cli.table import CellFeatures, ColumnRows
from samtrygg.analysis.types import AnalysisInputError

#: What a command returns: the document for json/geojson, and the rows for csv (or None).
Result = tuple[Any, Sequence[dict[str, Any]] | None]
WeightsKind = Literal["queen", "rook", "distance"]


def clean(obj: Any) -> Any:
    """Make results JSON-safe: numpy scalars/arrays to Python, NaN/inf to None."""
    # the common cases first: a large grid's rows are hundreds of thousands of plain values
    if isinstance(obj, float | np.floating):
        f = float(obj)
        return f if math.isfinite(f) else None
    if obj is None or isinstance(obj, str | int | ColumnRows | CellFeatures):
        return obj  # a bool stays a bool; the table classes are written by their own writers
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [clean(v) for v in obj]
    if is_dataclass(obj) and not isinstance(obj, type):
        return clean(asdict(obj))
    if isinstance(obj, np.ndarray):
        return clean(obj.tolist())
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def parse_floats(text: str, name: str) -> list[float]:
    try:
        vals = [float(v) for v in text.split(",") if v.strip() != ""]
    except ValueError:
        raise AnalysisInputError(
            f"{name}: {text!r} is not a comma-separated list of numbers"
        ) from None
    for a, b in itertools.pairwise(vals):
        if not b > a:
            raise AnalysisInputError(
                f"{name}: bands must be strictly increasing ({a:g} then {b:g})"
            )
    return vals


def positive_number(text: str, name: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise AnalysisInputError(f"{name}: {text!r} is not a number") from None
    if not (math.isfinite(v) and v > 0):
        raise AnalysisInputError(f"{name}: must be positive, got {text}")
    return v


def parse_bounds(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    vals = list(text.split(","))
    try:
        b = tuple(float(v) for v in vals)
    except ValueError:
        raise AnalysisInputError(f"--bounds: {text!r} is not xmin,ymin,xmax,ymax") from None
    if len(b) != 4:
        raise AnalysisInputError(f"--bounds: {text!r} is not xmin,ymin,xmax,ymax")
    return (b[0], b[1], b[2], b[3])


def parse_weights(spec: str) -> tuple[WeightsKind, float | None]:
    """``--weights``: queen or rook (no distance), or ``distance:METRES``."""
    if spec in ("queen", "rook"):
        return cast(WeightsKind, spec), None
    if spec.startswith("distance:"):
        return "distance", positive_number(spec.split(":", 1)[1], "--weights distance")
    raise AnalysisInputError(f"--weights must be queen, rook or distance:METRES, got {spec!r}")
