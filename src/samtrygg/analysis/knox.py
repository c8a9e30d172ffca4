"""Knox space–time interaction test (near-repeat analysis) and per-event near-repeat counts.

Definitions (Knox 1964; Ratcliffe & Rengert 2008, the Near Repeat Calculator; Steenbeek's R
package ``NearRepeat``):

* All unordered pairs ``i < j`` of the ``n`` events, ``N = n (n - 1) / 2``. Distance ``d_ij``
  is Euclidean or Manhattan (L1) in the planar units of the coordinates; the time gap is
  ``|t_i - t_j|`` in the units of ``t`` (days when read by the command line).
* Bands are **half-open** ``[lo, hi)`` for both distance and time, as ``NearRepeat``: cell
  ``(a, b)`` counts pairs with ``D_a <= d < D_(a+1)`` and ``T_b <= dt < T_(b+1)``. A first band
  ``[0, eps)`` therefore means "same place" / "same time". pointpats counts ``d <= delta``
  and ``dt <= tau`` (closed); on integer coordinates or whole days the two rules differ.
  Pairs outside the outermost edges belong to no cell.
* Monte Carlo inference: the event times are permuted over the events (locations fixed) and
  the table rebuilt ``R`` times. ``expected`` is the mean of the simulated tables, the Knox
  ratio ``observed / expected``, and ``p = (1 + #{simulated >= observed}) / (1 + R)``
  (one-sided, upper tail, not folded). The permutations come from one seeded stream
  (:mod:`samtrygg.analysis.knox_stream`) whichever engine counts them, so a seed gives the
  same tables and p-values with either engine.
* With one band of each, the analytic expectation ``E = S * T / N`` (S space-close pairs,
  T time-close pairs) and the Poisson upper tail ``P(X >= observed | lambda = E)`` are also
  given. pointpats reports ``P(X > observed)``, one count less inclusive.

Only pairs within the largest distance edge can fall in a cell: they are found once (with a
compiled search on a uniform grid when numba is installed, else with a KD-tree; both give
exactly the same pairs and bands) and kept as compact ``(i, j, distance band)`` arrays, so
memory grows with the number of close pairs, never with ``n**2``; each permutation costs
O(close pairs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from samtrygg.analysis import knox_kernels as _k
from samtrygg.analysis.knox_stream import permutation_states, shuffled_rows
from samtrygg.analysis.pairs import close_pairs, grid_pairs, metric_p
from samtrygg.analysis.types import (
    AnalysisInputError,
    ArrayLike,
    FloatArray,
    IntArray,
    as_edges,
    as_float_vector,
    check_permutations,
    check_seed,
    json_float,
    same_length,
)

Metric = Literal["euclidean", "manhattan"]
Engine = Literal["auto", "numpy", "numba"]
BAND_RULE = "half-open [lo, hi)"
MAX_NUMBA_BANDS = 2**15 - 1


@dataclass(frozen=True)
class KnoxCell:
    """One cell of the Knox table."""

    distance: tuple[float, float]
    time: tuple[float, float]
    observed: int
    expected: float
    knox_ratio: float
    p_value: float


@dataclass(frozen=True, eq=False)
class KnoxResult:
    """Result of :func:`knox_test`. Arrays are indexed ``[distance band, time band]``."""

    n_events: int
    n_pairs: int
    n_close_pairs: int
    permutations: int
    seed: int | None
    metric: str
    engine: str
    distance_edges: tuple[float, ...]
    time_edges: tuple[float, ...]
    observed: IntArray
    expected: FloatArray
    knox_ratio: FloatArray
    p_value: FloatArray
    expected_analytic: float | None = None
    p_poisson: float | None = None
    space_pairs: int | None = None
    time_pairs: int | None = None
    band_rule: str = BAND_RULE
    simulated: IntArray | None = field(default=None, repr=False)

    @property
    def cells(self) -> list[KnoxCell]:
        """The table as a flat list of cells, distance-major."""
        out: list[KnoxCell] = []
        d, t = self.distance_edges, self.time_edges
        for a in range(len(d) - 1):
            for b in range(len(t) - 1):
                out.append(
                    KnoxCell(
                        distance=(d[a], d[a + 1]),
                        time=(t[b], t[b + 1]),
                        observed=int(self.observed[a, b]),
                        expected=float(self.expected[a, b]),
                        knox_ratio=float(self.knox_ratio[a, b]),
                        p_value=float(self.p_value[a, b]),
                    )
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (the ``samtrygg analyze knox`` output)."""
        out: dict[str, Any] = {
            "n_events": self.n_events,
            "n_pairs": self.n_pairs,
            "permutations": self.permutations,
            "seed": self.seed,
            "metric": self.metric,
            "engine": self.engine,
            "band_rule": self.band_rule,
            "p_value_rule": "(1 + #{simulated >= observed}) / (1 + permutations)",
            "cells": [
                {
                    "distance": list(c.distance),
                    "time": list(c.time),
                    "observed": c.observed,
                    "expected": json_float(c.expected),
                    "knox_ratio": json_float(c.knox_ratio),
                    "p_value": json_float(c.p_value),
                }
                for c in self.cells
            ],
        }
        if self.expected_analytic is not None:
            out["expected_analytic"] = json_float(self.expected_analytic)
            out["p_poisson"] = json_float(self.p_poisson)
            out["p_poisson_rule"] = "P(X >= observed), X ~ Poisson(expected_analytic)"
            out["space_pairs"] = self.space_pairs
            out["time_pairs"] = self.time_pairs
        return out


@dataclass(frozen=True, eq=False)
class NearRepeatCounts:
    """Per-event near-repeat neighbour counts (see :func:`near_repeat_counts`)."""

    counts: IntArray
    distance: float
    time_window: float
    metric: str
    direction: str
    band_rule: str = BAND_RULE


def _validate_points(x: ArrayLike, y: ArrayLike, t: ArrayLike) -> tuple[FloatArray, ...]:
    xa = as_float_vector("x", x)
    ya = as_float_vector("y", y)
    ta = as_float_vector("t", t)
    same_length(x=xa, y=ya, t=ta)
    return xa, ya, ta


def _count_time_pairs_below(ts: FloatArray, edge: float) -> int:
    """Number of pairs i < j with ``|t_i - t_j| < edge`` for sorted ``ts``.

    A vectorised binary search on ``ts[j] - ts[i] < edge`` itself (not on ``ts[i] + edge``),
    so the count uses exactly the arithmetic of the pair tables.
    """
    n = ts.shape[0]
    if edge <= 0 or n < 2:
        return 0
    if _k.HAVE_NUMBA:
        return int(_k.count_pairs_below(ts, edge))
    idx = np.arange(n)
    k = np.searchsorted(ts, ts + edge, side="left")  # fast guess, verified below
    last_in = ts[np.maximum(k - 1, 0)] - ts
    next_out = ts[np.minimum(k, n - 1)] - ts
    if bool(np.all((last_in < edge) & ((k >= n) | (next_out >= edge)))):
        return int((k - idx - 1).sum())
    lo = np.arange(n)  # invariant: ts[lo] - ts[i] < edge
    hi = np.full(n, n)  # invariant: hi == n or ts[hi] - ts[i] >= edge
    base = ts.copy()
    while True:
        active = hi - lo > 1
        if not active.any():
            break
        mid = (lo + hi) // 2
        cond = (ts[np.minimum(mid, n - 1)] - base) < edge
        lo = np.where(active & cond, mid, lo)
        hi = np.where(active & ~cond, mid, hi)
    return int((lo - np.arange(n)).sum())


def _sort_spatially(x: FloatArray, y: FloatArray, cell: float) -> IntArray:
    """Order events cell by cell (Z-order of ``cell``-sized squares) for cache locality."""
    cx = np.floor((x - x.min()) / cell).astype(np.int64)
    cy = np.floor((y - y.min()) / cell).astype(np.int64)
    if _k.HAVE_NUMBA:  # same codes, same stable order, compiled
        return _k.radix_argsort(_k.zorder_codes(cx, cy))
    code = np.zeros(x.shape[0], dtype=np.int64)
    for bit in range(21):
        code |= ((cx >> bit) & 1) << (2 * bit)
        code |= ((cy >> bit) & 1) << (2 * bit + 1)
    return np.argsort(code, kind="stable")


def _kernel_times(t: FloatArray, edges: FloatArray) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Times and edges in the cheapest dtype that keeps every comparison exact.

    Whole-number times spanning less than 2**24 (e.g. days) are shifted to start at zero and
    held as float32, where every difference is exact; anything else stays float64.
    """
    shifted = t - t.min()
    integral = bool(np.all(np.floor(t) == t)) and bool(np.all(np.floor(edges) == edges))
    if integral and shifted.max() < 2**24 and edges.max() < 2**24:
        return shifted.astype(np.float32), edges.astype(np.float32)
    return t, edges


def knox_test(
    x: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    distance_edges: ArrayLike,
    time_edges: ArrayLike,
    *,
    permutations: int = 999,
    seed: int | None = None,
    metric: Metric = "euclidean",
    engine: Engine = "auto",
    keep_simulations: bool = False,
) -> KnoxResult:
    """Knox test over a table of distance × time bands with a Monte Carlo permutation test.

    Parameters
    ----------
    x, y : planar coordinates (metres in EPSG:3006), length n.
    t : event times (e.g. days), length n.
    distance_edges, time_edges : strictly increasing, non-negative band edges; band k is the
        half-open interval ``[edges[k], edges[k + 1])``.
    permutations : number R of random permutations of the times (0 = observed counts only).
    seed : seed of the random permutations: one stream for both engines
        (:mod:`samtrygg.analysis.knox_stream`), so a seed gives bit-identical results whichever
        engine runs.
    metric : ``"euclidean"`` or ``"manhattan"`` (L1).
    engine : ``"numpy"``, ``"numba"`` (32 permutations per pass, needs numba) or ``"auto"``.
    keep_simulations : keep the ``(R, n_distance, n_time)`` simulated tables.

    Returns
    -------
    KnoxResult with observed counts, expected (mean of simulations), Knox ratio, permutation
    p-values ``(1 + #{sim >= obs}) / (1 + R)``, and for a 1 × 1 table the analytic
    expectation ``S * T / N`` with Poisson p-value ``P(X >= observed)``.
    """
    xa, ya, ta = _validate_points(x, y, t)
    d_edges = as_edges("distance_edges", distance_edges)
    t_edges = as_edges("time_edges", time_edges)
    permutations = check_permutations(permutations)
    seed = check_seed(seed)
    metric_p(metric)
    if engine not in ("auto", "numpy", "numba"):
        raise AnalysisInputError(f"engine must be auto, numpy or numba, got {engine!r}")
    if engine == "numba" and not _k.HAVE_NUMBA:
        raise AnalysisInputError("engine='numba' requested but numba is not installed")
    use_numba = engine == "numba" or (engine == "auto" and _k.HAVE_NUMBA)
    n = xa.shape[0]
    if n < 2:
        raise AnalysisInputError(f"the Knox test needs at least 2 events, got {n}")
    n_dist, n_time = d_edges.size - 1, t_edges.size - 1
    if use_numba and n_dist > MAX_NUMBA_BANDS:  # the compiled kernels hold bands as int16
        if engine == "numba":
            raise AnalysisInputError(
                f"engine='numba' takes at most {MAX_NUMBA_BANDS} distance bands, got {n_dist}"
            )
        use_numba = False

    order = _sort_spatially(xa, ya, float(d_edges[-1]))
    xs, ys, ts = xa[order], ya[order], ta[order]
    kt, ke = _kernel_times(ts, t_edges)
    sims: IntArray | None = None
    if permutations > 0:
        sims = np.zeros((permutations, n_dist, n_time), dtype=np.int64)
    if use_numba:
        # pairs come out grouped by grid cell: the time rows of a cell's events stay cached
        pi, pj, band16, _ = grid_pairs(xs, ys, d_edges, metric, want_d=False)
        n_close = int(pi.shape[0])
        obs_cum = _k.cumulative_counts_single(ts, pi, pj, band16, t_edges, n_dist)
        if sims is not None:
            states = permutation_states(seed, permutations)
            n_chunks = max(8, min(256, n_close // 50_000 + 1))
            for start, stop, width in _k.block_plan(permutations):
                block = _k.shuffled_block(kt, states[start:stop], width)
                cum = _k.cumulative_counts_block(block, pi, pj, band16, ke, n_dist, n_chunks)
                sims[start:stop] = np.diff(cum, axis=1).transpose(2, 0, 1)[: stop - start]
    else:
        pi, pj, d = close_pairs(xs, ys, float(d_edges[-1]), metric, method="kdtree")
        band = np.searchsorted(d_edges, d, side="right") - 1
        keep = band >= 0  # d >= first edge
        del d
        if not keep.all():
            pi, pj, band = pi[keep], pj[keep], band[keep]
        del keep
        n_close = int(pi.shape[0])
        # pairs sorted by distance band (stable: keeps the tree's spatial order in a band)
        by_band = np.argsort(band, kind="stable")
        pi, pj = pi[by_band], pj[by_band]
        band_start = np.searchsorted(band[by_band], np.arange(n_dist + 1)).astype(np.int64)
        del band, by_band
        obs_cum = _k.cumulative_counts_numpy(ts, pi, pj, band_start, t_edges, n_dist)
        if sims is not None:
            states = permutation_states(seed, permutations)
            for start in range(0, permutations, _k.BLOCK):  # bounded memory: 32 rows at a time
                rows = shuffled_rows(kt, states[start : start + _k.BLOCK])
                for r, tp in enumerate(rows, start):
                    cum = _k.cumulative_counts_numpy(tp, pi, pj, band_start, ke, n_dist)
                    sims[r] = np.diff(cum, axis=1)
    observed = np.diff(obs_cum, axis=1).astype(np.int64)
    if sims is not None:
        expected = sims.mean(axis=0)
        ge = (sims >= observed[None]).sum(axis=0)
        p_value = (1.0 + ge) / (1.0 + permutations)
    else:
        expected = np.full((n_dist, n_time), np.nan)
        p_value = np.full((n_dist, n_time), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / np.where(expected > 0, expected, 1.0), np.nan)

    n_pairs = n * (n - 1) // 2
    e_an: float | None = None
    p_pois: float | None = None
    s_pairs: int | None = None
    t_pairs: int | None = None
    if n_dist == 1 and n_time == 1:
        s_pairs = n_close
        tsorted = np.sort(ta)
        t_pairs = _count_time_pairs_below(tsorted, float(t_edges[1])) - _count_time_pairs_below(
            tsorted, float(t_edges[0])
        )
        e_an = s_pairs * t_pairs / n_pairs
        obs0 = int(observed[0, 0])
        p_pois = float(stats.poisson.sf(obs0 - 1, e_an)) if e_an > 0 else float(obs0 <= 0)

    return KnoxResult(
        n_events=n,
        n_pairs=n_pairs,
        n_close_pairs=n_close,
        permutations=permutations,
        seed=seed,
        metric=metric,
        engine=("numba" if use_numba else "numpy") if permutations > 0 else "none",
        distance_edges=tuple(float(v) for v in d_edges),
        time_edges=tuple(float(v) for v in t_edges),
        observed=observed,
        expected=expected,
        knox_ratio=ratio,
        p_value=p_value,
        expected_analytic=e_an,
        p_poisson=p_pois,
        space_pairs=s_pairs,
        time_pairs=t_pairs,
        simulated=sims if keep_simulations else None,
    )


def near_repeat_counts(
    x: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    *,
    distance: float,
    time_window: float,
    metric: Metric = "euclidean",
    direction: Literal["both", "prior"] = "both",
) -> NearRepeatCounts:
    """For each event, the number of *other* events with ``d < distance`` and ``|dt| < window``.

    Same half-open rule as the Knox cell ``[0, distance) × [0, time_window)``, so with
    ``direction="both"`` the counts sum to twice that cell's observed count. With
    ``direction="prior"`` only other events at the same time or earlier (``t_j <= t_i``) are
    counted — what a near-repeat alert knows when event i is reported.
    """
    xa, ya, ta = _validate_points(x, y, t)
    if not (math.isfinite(distance) and distance > 0):
        raise AnalysisInputError(f"distance must be a positive number, got {distance!r}")
    if not (math.isfinite(time_window) and time_window > 0):
        raise AnalysisInputError(f"time_window must be a positive number, got {time_window!r}")
    if direction not in ("both", "prior"):
        raise AnalysisInputError(f"direction must be 'both' or 'prior', got {direction!r}")
    n = xa.shape[0]
    pi, pj, _ = close_pairs(xa, ya, float(distance), metric)
    dt = ta[pi] - ta[pj]
    near = np.abs(dt) < time_window
    pi, pj, dt = pi[near], pj[near], dt[near]
    if direction == "both":
        counts = np.bincount(pi, minlength=n) + np.bincount(pj, minlength=n)
    else:
        # j is prior to i when t_j <= t_i, i.e. dt = t_i - t_j >= 0
        counts = np.bincount(pi[dt >= 0], minlength=n) + np.bincount(pj[dt <= 0], minlength=n)
    return NearRepeatCounts(
        counts=counts.astype(np.int64),
        distance=float(distance),
        time_window=float(time_window),
        metric=metric,
        direction=direction,
    )
