"""Shared inference helpers: conditional permutation, folded pseudo p-values, BH FDR.

Conditional randomisation follows esda (Anselin 1995): for observation i the value ``x_i`` is
held fixed and its ``k_i`` neighbours' values are drawn at random, without replacement, from
the other ``n - 1`` values. As in esda, one draw of ``k_max`` distinct indices per permutation
is shared by all observations (each observation's null distribution is exact; p-values of
different observations are therefore not independent).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from samtrygg.analysis.types import AnalysisInputError, ArrayLike, FloatArray, IntArray


def conditional_permutation_counts(
    x: FloatArray,
    k: IntArray,
    observed: FloatArray,
    statistic: Callable[[FloatArray], FloatArray],
    permutations: int,
    seed: int | None,
) -> IntArray:
    """Number of permutations whose statistic is ``>= observed``, per observation.

    ``statistic(sums)`` maps the per-observation sums of the ``k_i`` drawn neighbour values
    (an array of length n) to the simulated statistic. Observations with ``k_i == 0`` get 0.
    """
    n = x.shape[0]
    kmax = int(k.max()) if n else 0
    larger = np.zeros(n, dtype=np.int64)
    if n < 2 or kmax == 0 or permutations == 0:
        return larger
    if kmax > n - 1:
        raise AnalysisInputError("an observation has more neighbours than other observations")
    rng = np.random.default_rng(seed)
    groups = [(int(c), np.flatnonzero(k == c)) for c in np.unique(k) if c > 0]
    sums = np.zeros(n)
    for _ in range(permutations):
        rids = rng.choice(n - 1, size=kmax, replace=False)
        for c, cells in groups:
            # draw r maps to observation r if r < i, else r + 1 (skipping i itself), so
            # sum_i = sum(x[r]) + sum over draws with r >= i of (x[r + 1] - x[r])
            r = np.sort(rids[:c])
            low = x[r]
            delta = x[r + 1] - low
            suffix = np.concatenate([np.cumsum(delta[::-1])[::-1], [0.0]])
            pos = np.searchsorted(r, cells, side="left")
            sums[cells] = low.sum() + suffix[pos]
        larger += statistic(sums) >= observed
    return larger


def folded_p_sim(larger: IntArray, permutations: int) -> FloatArray:
    """esda's pseudo p-value folded toward the smaller tail.

    ``p = (min(larger, R - larger) + 1) / (R + 1)`` where ``larger`` counts simulated
    statistics ``>=`` the observed one.
    """
    folded = np.minimum(larger, permutations - larger)
    return (folded + 1.0) / (permutations + 1.0)


def benjamini_hochberg(p_values: ArrayLike) -> FloatArray:
    """Benjamini–Hochberg (1995) adjusted p-values (q-values); NaN entries are ignored.

    ``q_(i) = min_{j >= i} p_(j) * m / j`` over the m non-NaN p-values sorted ascending,
    capped at 1. Reject the hypotheses with ``q <= alpha`` to control the FDR at ``alpha``.
    """
    p = np.asarray(p_values, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    flat = p.ravel()
    ok = np.flatnonzero(~np.isnan(flat))
    m = ok.size
    if m == 0:
        return q
    if ((flat[ok] < 0) | (flat[ok] > 1)).any():
        raise AnalysisInputError("p-values must lie in [0, 1]")
    order = ok[np.argsort(flat[ok], kind="stable")]
    ranked = flat[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(ranked[::-1])[::-1]
    qflat = q.ravel()
    qflat[order] = np.minimum(adj, 1.0)
    return qflat.reshape(p.shape)
