"""Spatial weights for areas (polygons): contiguity, given neighbour lists, distance band.

* Queen contiguity: two polygons are neighbours when they share at least one boundary point
  (they touch or overlap). Rook: their boundaries share a segment of positive length.
  Candidates come from a shapely ``STRtree``; the predicates are evaluated exactly.
* Distance band: areas whose representative points (centroids unless given) are at distance
  ``<= threshold`` (closed, as libpysal's ``DistanceBand``).
* Islands (areas without neighbours) are reported in ``SpatialWeights.islands``.

Weights are binary; ``matrix(transform="row")`` row-standardises (each row sums to one).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree

from samtrygg.analysis.types import (
    AnalysisInputError,
    ArrayLike,
    IntArray,
    Transform,
    as_float_vector,
)


@dataclass(frozen=True, eq=False)
class SpatialWeights:
    """Symmetric binary neighbour structure over ``ids`` (no self-neighbours)."""

    ids: tuple[Hashable, ...]
    neighbours: tuple[tuple[int, ...], ...]
    kind: str

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def cardinalities(self) -> IntArray:
        return np.array([len(nb) for nb in self.neighbours], dtype=np.int64)

    @property
    def islands(self) -> tuple[Hashable, ...]:
        """Ids of the observations that have no neighbours."""
        return tuple(self.ids[i] for i, nb in enumerate(self.neighbours) if not nb)

    def matrix(
        self, *, transform: Transform = "binary", self_weight: bool = False
    ) -> sparse.csr_array:
        """Sparse ``n × n`` weights; ``self_weight`` adds ``w_ii = 1`` before transforming."""
        rows: list[int] = []
        cols: list[int] = []
        for i, nb in enumerate(self.neighbours):
            rows.extend([i] * len(nb))
            cols.extend(nb)
            if self_weight:
                rows.append(i)
                cols.append(i)
        data = np.ones(len(rows))
        m = sparse.csr_array((data, (rows, cols)), shape=(self.n, self.n))
        if transform == "row":
            rs = np.asarray(m.sum(axis=1)).ravel()
            scale = np.divide(1.0, rs, out=np.zeros_like(rs), where=rs > 0)
            m = sparse.csr_array(sparse.diags_array(scale) @ m)
        elif transform != "binary":
            raise AnalysisInputError(f"transform must be 'binary' or 'row', got {transform!r}")
        return m


def _check_ids(ids: Sequence[Hashable], n: int) -> tuple[Hashable, ...]:
    out = tuple(ids)
    if len(out) != n:
        raise AnalysisInputError(f"got {len(out)} ids for {n} observations")
    if len(set(out)) != len(out):
        seen: set[Hashable] = set()
        dup = next(i for i in out if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        raise AnalysisInputError(f"duplicate id {dup!r}")
    return out


def _from_pairs(
    ids: tuple[Hashable, ...], i: np.ndarray, j: np.ndarray, kind: str
) -> SpatialWeights:
    n = len(ids)
    keep = i != j
    i, j = i[keep], j[keep]
    a = np.concatenate([i, j])
    b = np.concatenate([j, i])
    m = sparse.csr_array((np.ones(a.size), (a, b)), shape=(n, n))
    m.sum_duplicates()
    nbs = tuple(
        tuple(int(v) for v in np.sort(m.indices[m.indptr[r] : m.indptr[r + 1]])) for r in range(n)
    )
    return SpatialWeights(ids=ids, neighbours=nbs, kind=kind)


def validate_polygons(geoms: Sequence[shapely.Geometry], ids: Sequence[Hashable]) -> None:
    """Raise :class:`AnalysisInputError` naming the first invalid or non-areal geometry."""
    for g, ident in zip(geoms, ids, strict=True):
        if g is None or g.is_empty:
            raise AnalysisInputError(f"area {ident!r}: empty geometry")
        if g.geom_type not in ("Polygon", "MultiPolygon"):
            raise AnalysisInputError(f"area {ident!r}: expected a polygon, got {g.geom_type}")
        if not g.is_valid:
            reason = shapely.is_valid_reason(g)
            raise AnalysisInputError(f"area {ident!r}: invalid polygon ({reason})")


def polygon_contiguity(
    geoms: Sequence[shapely.Geometry],
    ids: Sequence[Hashable] | None = None,
    *,
    kind: Literal["queen", "rook"] = "queen",
) -> SpatialWeights:
    """Queen or rook contiguity built from the polygons themselves (see module docstring)."""
    geoms = list(geoms)
    ids_t = _check_ids(list(range(len(geoms))) if ids is None else ids, len(geoms))
    if not geoms:
        raise AnalysisInputError("no polygons")
    validate_polygons(geoms, ids_t)
    if kind not in ("queen", "rook"):
        raise AnalysisInputError(f"contiguity must be 'queen' or 'rook', got {kind!r}")
    arr = np.array(geoms, dtype=object)
    tree = shapely.STRtree(arr)
    left, right = tree.query(arr, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if kind == "rook" and left.size:
        shared = shapely.intersection(shapely.boundary(arr[left]), shapely.boundary(arr[right]))
        positive = shapely.length(shared) > 0
        left, right = left[positive], right[positive]
    return _from_pairs(ids_t, left, right, kind)


def weights_from_neighbours(
    ids: Sequence[Hashable], neighbours: Mapping[Hashable, Iterable[Hashable]]
) -> SpatialWeights:
    """Weights from given neighbour lists (made symmetric: i~j if either lists the other)."""
    ids_t = _check_ids(ids, len(list(ids)))
    pos = {v: k for k, v in enumerate(ids_t)}
    li: list[int] = []
    lj: list[int] = []
    for a, nbs in neighbours.items():
        if a not in pos:
            raise AnalysisInputError(f"neighbour list for unknown id {a!r}")
        for b in nbs:
            if b not in pos:
                raise AnalysisInputError(f"id {a!r} lists unknown neighbour {b!r}")
            li.append(pos[a])
            lj.append(pos[b])
    return _from_pairs(ids_t, np.array(li, dtype=np.int64), np.array(lj, dtype=np.int64), "given")


def distance_band_weights(
    x: ArrayLike, y: ArrayLike, threshold: float, ids: Sequence[Hashable] | None = None
) -> SpatialWeights:
    """Neighbours are points (e.g. area centroids) at distance ``<= threshold``."""
    xa = as_float_vector("x", x)
    ya = as_float_vector("y", y)
    if not threshold > 0:
        raise AnalysisInputError(f"distance threshold must be positive, got {threshold!r}")
    ids_t = _check_ids(list(range(xa.size)) if ids is None else ids, xa.size)
    tree = cKDTree(np.column_stack([xa, ya]))
    pairs = tree.query_pairs(threshold, output_type="ndarray")
    d = np.hypot(xa[pairs[:, 0]] - xa[pairs[:, 1]], ya[pairs[:, 0]] - ya[pairs[:, 1]])
    pairs = pairs[d <= threshold]
    return _from_pairs(ids_t, pairs[:, 0], pairs[:, 1], f"distance:{threshold:g}")
