"""Close pairs of points: every pair ``i < j`` closer than a distance, and its band.

Two searches give exactly the same pairs: a compiled one on a uniform grid of cells at least
the largest distance wide (:func:`grid_pairs`, with numba), and a ``scipy`` KD-tree query
filtered with the same floating-point operations (:func:`close_pairs` with
``method="kdtree"``). Memory is proportional to the number of pairs found, never ``n**2``.
Used by the Knox test and the per-event near-repeat counts (:mod:`samtrygg.analysis.knox`).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from samtrygg.analysis import knox_kernels as _k
from samtrygg.analysis.types import AnalysisInputError, FloatArray


def metric_p(metric: str) -> float:
    if metric == "euclidean":
        return 2.0
    if metric == "manhattan":
        return 1.0
    raise AnalysisInputError(f"metric must be 'euclidean' or 'manhattan', got {metric!r}")


def _distances(
    x: FloatArray, y: FloatArray, i: npt.NDArray[Any], j: npt.NDArray[Any], metric: str
) -> FloatArray:
    dx = x[i] - x[j]
    dy = y[i] - y[j]
    if metric == "manhattan":
        return np.abs(dx) + np.abs(dy)
    return np.hypot(dx, dy)


def _grid_keys(x: FloatArray, y: FloatArray, min_cell: float) -> tuple[npt.NDArray[np.int64], int]:
    """Cell of every event on a grid of square cells of side ``>= min_cell``, as a key.

    Returns ``(key, row_width)`` with ``key = (row + 1) * row_width + (column + 1)``: a free
    column and row on each side, so neighbouring cells are ``key ± 1`` and
    ``key ± row_width + (-1, 0, 1)`` without wrapping. The side is ``min_cell`` widened by
    far more than the rounding of ``(x - x.min()) / side`` (relative 1e-12, plus 1e-14 per
    cell of extent), so two events less than ``min_cell`` apart are always in the same or
    adjacent cells, however large the coordinates. Sparse columns (huge extents with small
    cells) are renumbered keeping adjacency, so keys fit in int64 and nothing dense is ever
    allocated.
    """
    x0, y0 = float(x.min()), float(y.min())
    span = max(float(x.max()) - x0, float(y.max()) - y0)
    with np.errstate(over="ignore"):
        ratio = np.float64(span) / np.float64(min_cell)
        side = np.float64(min_cell) * (1.0 + 1e-12 + 1e-14 * ratio)
    if not (math.isfinite(span) and math.isfinite(side)):  # absurd extents: one cell
        return np.zeros(x.shape[0], dtype=np.int64), 3
    # column numbers are below 1e14 (< 2**53): exact as floats and as int64
    cx = np.floor((x - x0) / side).astype(np.int64)
    cy = np.floor((y - y0) / side).astype(np.int64)
    width = int(cx.max()) + 3
    if width * (int(cy.max()) + 3) >= 2**62:
        cx, cy = _renumber_adjacent(cx), _renumber_adjacent(cy)
        width = int(cx.max()) + 3
    return (cy + 1) * width + (cx + 1), width


def _renumber_adjacent(c: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Compact integer coordinates: adjacent stay adjacent, any larger gap becomes 2."""
    values, inverse = np.unique(c, return_inverse=True)
    compact = np.concatenate([[0], np.cumsum(np.minimum(np.diff(values), 2))])
    return compact[inverse].astype(np.int64)


def _kdtree_pairs(
    x: FloatArray, y: FloatArray, max_distance: float, metric: str
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], FloatArray]:
    p = metric_p(metric)
    tree = cKDTree(np.column_stack([x, y]), compact_nodes=False, balanced_tree=False)
    # query slightly wider (the tree's arithmetic differs from ours), then filter exactly
    pairs = tree.query_pairs(max_distance * (1 + 1e-9) + 1e-12, p=p, output_type="ndarray")
    del tree
    pi = pairs[:, 0].astype(np.int32)
    pj = pairs[:, 1].astype(np.int32)
    del pairs
    d = _distances(x, y, pi, pj, metric)
    keep = d < max_distance
    if not keep.all():
        pi, pj, d = pi[keep], pj[keep], d[keep]
    swap = pi > pj
    if swap.any():
        pi[swap], pj[swap] = pj[swap], pi[swap].copy()
    return pi, pj, d


def grid_pairs(
    x: FloatArray, y: FloatArray, edges: FloatArray, metric: str, *, want_d: bool
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.int16], FloatArray]:
    """Pairs with ``edges[0] <= d < edges[-1]`` and their band, by the compiled grid search."""
    key, row_width = _grid_keys(x, y, float(edges[-1]))
    edges = np.ascontiguousarray(edges, dtype=np.float64)
    lo, hi = _k.squared_windows(edges)
    pi, pj, band, d = _k.grid_close_pairs(
        x, y, key, row_width, edges, lo, hi, _k.METRIC_CODES[metric], want_d
    )
    return pi, pj, band, d


def close_pairs(
    x: FloatArray,
    y: FloatArray,
    max_distance: float,
    metric: str = "euclidean",
    *,
    method: Literal["auto", "grid", "kdtree"] = "auto",
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], FloatArray]:
    """All pairs ``i < j`` with ``d_ij < max_distance`` as ``(i, j, d)`` arrays.

    ``method="grid"`` (the default with numba) searches a uniform grid of cells at least
    ``max_distance`` wide, ``"kdtree"`` queries a ``scipy`` KD-tree; both compute ``d`` with
    the same operations and return the same pairs (in different orders). Memory is
    proportional to the number of such pairs.
    """
    metric_p(metric)
    if method not in ("auto", "grid", "kdtree"):
        raise AnalysisInputError(f"method must be auto, grid or kdtree, got {method!r}")
    if method == "grid" and not _k.HAVE_NUMBA:
        raise AnalysisInputError("method='grid' needs numba, which is not installed")
    n = x.shape[0]
    if n < 2 or max_distance <= 0:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty.copy(), np.zeros(0)
    if method == "kdtree" or (method == "auto" and not _k.HAVE_NUMBA):
        return _kdtree_pairs(x, y, max_distance, metric)
    pi, pj, _, d = grid_pairs(x, y, np.array([0.0, max_distance]), metric, want_d=True)
    return pi, pj, d
