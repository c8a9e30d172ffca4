"""Getis–Ord Gi* hot spots on a regular grid and on areas (Getis & Ord 1992; Ord & Getis 1995).

Gi* includes i itself (``w_ii = 1``). With ``W_i = sum_j w_ij``, ``S1_i = sum_j w_ij**2``, the
mean ``xbar`` and ``s = sqrt(sum(x**2)/n - xbar**2)`` over all n values::

    z_i = (sum_j w_ij x_j - xbar W_i) / (s * sqrt((n S1_i - W_i**2) / (n - 1)))

* ``p_norm`` is one-sided from the normal in the direction of z, ``P(Z >= |z_i|)``, as esda
  reports it; a significant positive z is a hot spot, a negative one a cold spot.
* Weights are binary contiguity/distance weights, optionally row-standardised. Multiplying a
  row by a constant leaves the Ord–Getis z unchanged, so z and the permutation p-values are
  the same for ``binary`` and ``row``. (esda's row-standardised ``G_Local`` uses the variance
  ``W_i (n - W_i)``, which equals the Ord–Getis variance only for binary weights; its z then
  differs from ours.)
* ``p_sim`` (optional) is esda's conditional permutation pseudo p-value, folded:
  ``(min(larger, R - larger) + 1) / (R + 1)``; see :mod:`samtrygg.analysis.inference`.
* Benjamini–Hochberg q-values over all cells/areas are given; ``significant`` uses
  ``q <= alpha`` when ``fdr`` is true, else the raw p (``p_sim`` if permutations, else
  ``p_norm``) ``<= alpha``.
* Grid: the study region is the whole grid (cells with zero events count); edge cells have
  fewer neighbours. Queen = the 3 × 3 block, rook = the cell and its 4 edge neighbours,
  distance = cells whose centres are within ``distance`` metres (closed, ``<=``). The local
  sums are box sums computed by convolution, not a weights object.
* Areas without neighbours (islands) get ``z = NaN`` and are listed in ``islands``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from samtrygg.analysis.fftconv import fftconvolve_same
from samtrygg.analysis.grid import Grid, GridCounts
from samtrygg.analysis.inference import (
    benjamini_hochberg,
    conditional_permutation_counts,
    folded_p_sim,
)
from samtrygg.analysis.normal import norm_sf
from samtrygg.analysis.types import (
    AnalysisInputError,
    ArrayLike,
    BoolArray,
    FloatArray,
    IntArray,
    Transform,
    as_float_vector,
    check_permutations,
    check_seed,
)

if TYPE_CHECKING:  # the grid path needs no weights object (nor scipy.sparse/spatial, shapely)
    from samtrygg.analysis.weights import SpatialWeights

GridWeights = Literal["queen", "rook", "distance"]


@dataclass(frozen=True, eq=False)
class GiStarResult:
    """Gi* for areas; arrays are aligned with ``ids``."""

    ids: tuple[Hashable, ...]
    values: FloatArray
    z: FloatArray
    p_norm: FloatArray
    p_sim: FloatArray | None
    q_value: FloatArray
    significant: BoolArray
    label: tuple[str, ...]
    islands: tuple[Hashable, ...]
    weights: str
    transform: str
    permutations: int
    seed: int | None
    alpha: float
    fdr: bool


@dataclass(frozen=True, eq=False)
class GridGiStarResult:
    """Gi* on a grid; arrays have the grid's shape ``(ny, nx)``."""

    grid: Grid | None
    values: FloatArray
    z: FloatArray
    p_norm: FloatArray
    p_sim: FloatArray | None
    q_value: FloatArray
    significant: BoolArray
    neighbours: IntArray
    weights: str
    transform: str
    permutations: int
    seed: int | None
    alpha: float
    fdr: bool


def _gi_star_z(
    x: FloatArray, local_sum: FloatArray, w_sum: FloatArray, s1: FloatArray
) -> FloatArray:
    n = x.size
    xbar = x.mean()
    s = np.sqrt(max((x * x).mean() - xbar * xbar, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        den = s * np.sqrt((n * s1 - w_sum * w_sum) / (n - 1))
        z = (local_sum - xbar * w_sum) / den
    z[~np.isfinite(z)] = np.nan
    return np.asarray(z, dtype=np.float64)


def _inference(
    x: FloatArray,
    z: FloatArray,
    local_sum: FloatArray,
    k: IntArray,
    permutations: int,
    seed: int | None,
    alpha: float,
    fdr: bool,
) -> tuple[FloatArray, FloatArray | None, FloatArray, BoolArray]:
    # scipy.stats.norm.sf, bit for bit, without importing scipy (see analysis.normal)
    p_norm = norm_sf(np.abs(z))
    p_sim: FloatArray | None = None
    if permutations:
        neighbour_sum = local_sum - x  # the statistic's random part (x_i is held fixed)
        larger = conditional_permutation_counts(
            x, k, neighbour_sum, lambda sums: sums, permutations, seed
        )
        p_sim = folded_p_sim(larger, permutations)
        p_sim[np.isnan(z)] = np.nan
    p_used = p_sim if p_sim is not None else p_norm
    q = benjamini_hochberg(p_used)
    sig = (q if fdr else p_used) <= alpha
    sig &= ~np.isnan(z)
    return p_norm, p_sim, q, sig


def _check_alpha(alpha: float) -> float:
    if not 0 < alpha < 1:
        raise AnalysisInputError(f"alpha must lie in (0, 1), got {alpha!r}")
    return float(alpha)


def gi_star(
    values: ArrayLike,
    weights: SpatialWeights,
    *,
    transform: Transform = "binary",
    permutations: int = 0,
    seed: int | None = None,
    alpha: float = 0.05,
    fdr: bool = True,
) -> GiStarResult:
    """Getis–Ord Gi* for areas with contiguity, distance-band or given neighbour weights."""
    x = as_float_vector("values", values)
    if x.size != weights.n:
        raise AnalysisInputError(f"{x.size} values for {weights.n} areas")
    if x.size < 3:
        raise AnalysisInputError("Gi* needs at least 3 areas")
    permutations = check_permutations(permutations)
    seed = check_seed(seed)
    alpha = _check_alpha(alpha)
    w = weights.matrix(transform=transform, self_weight=True)
    local_sum = w @ x
    w_sum = np.asarray(w.sum(axis=1)).ravel()
    s1 = np.asarray(w.multiply(w).sum(axis=1)).ravel()
    z = _gi_star_z(x, np.asarray(local_sum), w_sum, s1)
    k = weights.cardinalities
    z[k == 0] = np.nan
    # permutation decisions are row-scale invariant: use the binary neighbour sums
    binary_sum = weights.matrix(transform="binary", self_weight=True) @ x
    p_norm, p_sim, q, sig = _inference(
        x, z, np.asarray(binary_sum), k, permutations, seed, alpha, fdr
    )
    return GiStarResult(
        ids=weights.ids,
        values=x,
        z=z,
        p_norm=p_norm,
        p_sim=p_sim,
        q_value=q,
        significant=sig,
        label=_labels(z, sig),
        islands=weights.islands,
        weights=weights.kind,
        transform=transform,
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        fdr=fdr,
    )


def _labels(z: FloatArray, sig: BoolArray) -> tuple[str, ...]:
    lab = np.where(sig & (z > 0), "hot", np.where(sig & (z < 0), "cold", ""))
    return tuple(str(v) for v in lab.ravel())


def grid_kernel(
    weights: GridWeights, *, distance: float | None = None, cell: float | None = None
) -> FloatArray:
    """The binary neighbourhood (including the centre) as a small odd-sized array."""
    if weights == "queen":
        return np.ones((3, 3))
    if weights == "rook":
        return np.array([[0.0, 1, 0], [1, 1, 1], [0, 1, 0]])
    if weights == "distance":
        if distance is None or cell is None or not distance > 0 or not cell > 0:
            raise AnalysisInputError("distance weights need a positive distance and cell size")
        r = int(np.floor(distance / cell))
        off = np.arange(-r, r + 1) * cell
        dx, dy = np.meshgrid(off, off)
        return (np.hypot(dx, dy) <= distance).astype(np.float64)
    raise AnalysisInputError(f"grid weights must be queen, rook or distance, got {weights!r}")


def _box_sum(a: FloatArray, kernel: FloatArray) -> FloatArray:
    if kernel.size <= 81:
        return correlate_small(a, kernel)
    return fftconvolve_same(a, kernel[::-1, ::-1])


def correlate_small(a: npt.NDArray[Any], kernel: FloatArray) -> npt.NDArray[Any]:
    """``scipy.ndimage.correlate(a, kernel, mode="constant", cval=0.0)``, bit for bit.

    The same operations in the same order: per output cell, starting from 0.0, add
    ``value * weight`` for every kernel element with ``|weight| > DBL_EPSILON`` in raster order
    (cells beyond the edge are 0.0), then cast to the input's dtype. One shifted array sum
    per kernel element, so the command line need not import scipy.ndimage for a 3 x 3 kernel.
    """
    ny, nx = a.shape
    ry, rx = kernel.shape[0] // 2, kernel.shape[1] // 2
    padded = np.pad(np.asarray(a, dtype=np.float64), ((ry, ry), (rx, rx)))
    out = np.zeros((ny, nx), dtype=np.float64)
    for dy, dx in zip(*np.nonzero(np.abs(kernel) > np.finfo(np.float64).eps), strict=True):
        out += padded[dy : dy + ny, dx : dx + nx] * kernel[dy, dx]
    return out.astype(a.dtype, copy=False)


def gi_star_grid(
    counts: GridCounts | ArrayLike,
    *,
    weights: GridWeights = "queen",
    distance: float | None = None,
    transform: Transform = "binary",
    permutations: int = 0,
    seed: int | None = None,
    alpha: float = 0.05,
    fdr: bool = True,
) -> GridGiStarResult:
    """Gi* for every cell of a grid of counts (or any 2-d array of values).

    ``distance`` (metres) is required for ``weights="distance"`` and needs the cell size from
    a :class:`GridCounts` input.
    """
    grid = counts.grid if isinstance(counts, GridCounts) else None
    arr = counts.counts if isinstance(counts, GridCounts) else np.asarray(counts, dtype=np.float64)
    if arr.ndim != 2 or arr.size < 3:
        raise AnalysisInputError(f"grid values must be a 2-d array of >= 3 cells, got {arr.shape}")
    if not np.isfinite(arr).all():
        raise AnalysisInputError("grid values must be finite")
    if transform not in ("binary", "row"):
        raise AnalysisInputError(f"transform must be 'binary' or 'row', got {transform!r}")
    permutations = check_permutations(permutations)
    seed = check_seed(seed)
    alpha = _check_alpha(alpha)
    kernel = grid_kernel(weights, distance=distance, cell=grid.cell if grid else None)
    integral = bool(np.all(arr == np.round(arr)))
    local_sum = _box_sum(arr, kernel)
    w_sum = np.round(_box_sum(np.ones_like(arr), kernel))
    if integral:
        local_sum = np.round(local_sum)
    x = arr.ravel()
    z = _gi_star_z(x, local_sum.ravel(), w_sum.ravel(), w_sum.ravel())
    k = (w_sum.ravel() - 1).astype(np.int64)
    p_norm, p_sim, q, sig = _inference(x, z, local_sum.ravel(), k, permutations, seed, alpha, fdr)
    shape = arr.shape
    label = weights if weights != "distance" else f"distance:{distance:g}"
    return GridGiStarResult(
        grid=grid,
        values=arr,
        z=z.reshape(shape),
        p_norm=p_norm.reshape(shape),
        p_sim=None if p_sim is None else p_sim.reshape(shape),
        q_value=q.reshape(shape),
        significant=sig.reshape(shape),
        neighbours=k.reshape(shape),
        weights=label,
        transform=transform,
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        fdr=fdr,
    )
