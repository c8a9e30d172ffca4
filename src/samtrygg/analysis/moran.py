"""Local Moran's I (Anselin 1995) for areas, with quadrants and conditional permutation p.

With ``z = x - xbar`` and ``m2 = sum(z**2) / n``::

    I_i = (z_i / m2) * sum_j w_ij z_j

with row-standardised weights by default (``transform="binary"`` is allowed). The quadrant
comes from the signs of ``z_i`` and its spatial lag ``sum_j w_ij z_j``: ``HH`` (both > 0),
``LL`` (both <= 0), ``HL`` (z > 0, lag <= 0), ``LH`` (z <= 0, lag > 0) — esda's q = 1, 3, 4, 2.
``p_sim`` is esda's folded conditional-permutation pseudo p-value.

esda's ``Moran_Local.Is`` equals ``(n - 1) / n`` times this I (esda divides by
``sum(z**2) / (n - 1)`` after standardising); quadrants and p-values are unaffected.
Islands have no lag: their I, quadrant and p are undefined (NaN / ``""``) and they are listed
in ``islands``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from samtrygg.analysis.inference import (
    benjamini_hochberg,
    conditional_permutation_counts,
    folded_p_sim,
)
from samtrygg.analysis.types import (
    AnalysisInputError,
    ArrayLike,
    BoolArray,
    FloatArray,
    as_float_vector,
    check_permutations,
    check_seed,
)
from samtrygg.analysis.weights import SpatialWeights, Transform


@dataclass(frozen=True, eq=False)
class LocalMoranResult:
    """Local Moran's I per area; arrays are aligned with ``ids``."""

    ids: tuple[Hashable, ...]
    values: FloatArray
    I: FloatArray  # noqa: E741 - the statistic's conventional name
    lag: FloatArray
    quadrant: tuple[str, ...]
    p_sim: FloatArray | None
    q_value: FloatArray | None
    significant: BoolArray | None
    islands: tuple[Hashable, ...]
    weights: str
    transform: str
    permutations: int
    seed: int | None
    alpha: float
    fdr: bool


def local_moran(
    values: ArrayLike,
    weights: SpatialWeights,
    *,
    transform: Transform = "row",
    permutations: int = 999,
    seed: int | None = None,
    alpha: float = 0.05,
    fdr: bool = False,
) -> LocalMoranResult:
    """Local Moran's I with quadrants and (if ``permutations``) folded pseudo p-values."""
    x = as_float_vector("values", values)
    if x.size != weights.n:
        raise AnalysisInputError(f"{x.size} values for {weights.n} areas")
    if x.size < 3:
        raise AnalysisInputError("Local Moran needs at least 3 areas")
    permutations = check_permutations(permutations)
    seed = check_seed(seed)
    if not 0 < alpha < 1:
        raise AnalysisInputError(f"alpha must lie in (0, 1), got {alpha!r}")
    z = x - x.mean()
    m2 = float((z * z).mean())
    if m2 == 0:
        raise AnalysisInputError("all values are equal: Local Moran is undefined")
    w = weights.matrix(transform=transform)
    lag = np.asarray(w @ z, dtype=np.float64)
    local_i = z / m2 * lag
    k = weights.cardinalities
    island = k == 0
    local_i[island] = np.nan
    lag[island] = np.nan
    quad = np.where(z > 0, np.where(lag > 0, "HH", "HL"), np.where(lag > 0, "LH", "LL")).astype(
        object
    )
    quad[island] = ""
    p_sim = q = sig = None
    if permutations:
        scale = 1.0 / np.maximum(k, 1) if transform == "row" else np.ones(x.size)
        larger = conditional_permutation_counts(
            z, k, local_i, lambda sums: z / m2 * sums * scale, permutations, seed
        )
        p_sim = folded_p_sim(larger, permutations)
        p_sim[island] = np.nan
        q = benjamini_hochberg(p_sim)
        sig = ((q if fdr else p_sim) <= alpha) & ~island
    return LocalMoranResult(
        ids=weights.ids,
        values=x,
        I=local_i,
        lag=lag,
        quadrant=tuple(str(v) for v in quad),
        p_sim=p_sim,
        q_value=q,
        significant=sig,
        islands=weights.islands,
        weights=weights.kind,
        transform=transform,
        permutations=permutations,
        seed=seed,
        alpha=float(alpha),
        fdr=fdr,
    )
