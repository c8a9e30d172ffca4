"""Harm-weighted counts and hotspot-map accuracy (hit rate, PAI, PEI).

Sources: Sherman, Neyroud & Neyroud (2016) for crime harm indices; Chainey, Tompson & Uhlig
(2008) for the PAI; Hunt (2016) for the PEI.

* Harm-weighted count = sum over categories of count × weight. No official Swedish harm index
  exists: weights are configuration; :data:`ILLUSTRATIVE_HARM_WEIGHTS` is an *illustrative*
  example only, not an endorsed scale.
* A hotspot map flags the top ``k`` % of cells by predicted score (``m = ceil(k/100 * cells)``
  cells; ties broken by cell order). Against the events of a later period: hit rate
  ``n / N``; PAI ``(n / N) / (a / A)`` with a the flagged area and A the whole area; PEI
  ``n / n_max`` where ``n_max`` is the most later events any ``m`` cells could have captured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from samtrygg.analysis.types import AnalysisInputError, ArrayLike, BoolArray

#: Illustrative weights only (roughly ordered by seriousness); edit for real use.
ILLUSTRATIVE_HARM_WEIGHTS: Mapping[str, float] = {
    "violence": 10.0,
    "robbery": 8.0,
    "burglary": 4.0,
    "vehicle_crime": 2.0,
    "vandalism": 1.0,
    "disorder": 0.5,
}


@dataclass(frozen=True)
class HarmResult:
    total: float
    by_category: dict[str, float]
    counts: dict[str, int]


def harm_weighted_count(
    categories: Sequence[str],
    weights: Mapping[str, float],
    *,
    default_weight: float | None = None,
) -> HarmResult:
    """Sum of category weights over events; unknown categories need ``default_weight``."""
    counts: dict[str, int] = {}
    for c in categories:
        counts[c] = counts.get(c, 0) + 1
    by_cat: dict[str, float] = {}
    for c, n in counts.items():
        w = weights.get(c, default_weight)
        if w is None:
            raise AnalysisInputError(f"no harm weight for category {c!r}")
        if not math.isfinite(w) or w < 0:
            raise AnalysisInputError(f"harm weight for {c!r} must be non-negative, got {w!r}")
        by_cat[c] = n * float(w)
    return HarmResult(total=float(sum(by_cat.values())), by_category=by_cat, counts=counts)


@dataclass(frozen=True, eq=False)
class HotspotAccuracy:
    top_percent: float
    flagged_cells: int
    total_cells: int
    events: int
    events_captured: int
    hit_rate: float | None
    area_share: float
    pai: float | None
    n_max: int
    pei: float | None
    flagged: BoolArray


def hotspot_accuracy(
    predicted: ArrayLike, later_counts: ArrayLike, top_percent: float = 5.0
) -> HotspotAccuracy:
    """Hit rate, PAI and PEI of the top ``top_percent`` % cells of ``predicted``.

    ``predicted`` and ``later_counts`` are same-shaped arrays over equal-area cells.
    """
    p = np.asarray(predicted, dtype=np.float64)
    c = np.asarray(later_counts, dtype=np.float64)
    if p.shape != c.shape or p.size == 0:
        raise AnalysisInputError("predicted and later counts must have the same, non-empty shape")
    if not (np.isfinite(p).all() and np.isfinite(c).all()) or (c < 0).any():
        raise AnalysisInputError("scores must be finite and counts non-negative")
    if not 0 < top_percent <= 100:
        raise AnalysisInputError(f"top_percent must lie in (0, 100], got {top_percent!r}")
    total = p.size
    m = max(1, math.ceil(top_percent / 100 * total))
    order = np.argsort(-p.ravel(), kind="stable")
    flagged = np.zeros(total, dtype=bool)
    flagged[order[:m]] = True
    events = int(c.sum())
    captured = int(c.ravel()[flagged].sum())
    n_max = int(np.sort(c.ravel())[::-1][:m].sum())
    hit = captured / events if events else None
    share = m / total
    return HotspotAccuracy(
        top_percent=float(top_percent),
        flagged_cells=m,
        total_cells=total,
        events=events,
        events_captured=captured,
        hit_rate=hit,
        area_share=share,
        pai=None if hit is None else hit / share,
        n_max=n_max,
        pei=captured / n_max if n_max else None,
        flagged=flagged.reshape(p.shape),
    )
