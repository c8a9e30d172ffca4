"""Projection and point-in-area assignment (shapely + pyproj, vectorised).

``AreaIndex`` answers "which areas contain these points" for many points at once. At
build time it lays a regular grid over the areas and sorts every grid cell, per area,
into *inside* (the closed cell, widened by a hair, is covered by the area), *outside*,
or *border*. A point then costs a little integer arithmetic to find its cell: areas that
cover the cell are taken as they are, and only the areas whose border crosses the cell
are tested exactly, with shapely's vectorised ``intersects_xy`` on prepared geometries.
Points on an area's boundary count as inside (``covers``), so a point on a shared border
belongs to both areas. The result is exactly what shapely's own predicate says.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

#: Cells of the acceleration grid: about 1M keeps the build under a second for a
#: municipality's areas (≈ 50 m cells for Västerås) and the lookup tables under 20 MB.
GRID_CELLS = 1 << 20


@lru_cache(maxsize=4)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def to_3006(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat (degrees) → SWEREF 99 TM x/y (metres)."""
    x, y = _transformer("EPSG:4326", "EPSG:3006").transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def to_4326(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """SWEREF 99 TM x/y (metres) → WGS84 lon/lat (degrees)."""
    lon, lat = _transformer("EPSG:3006", "EPSG:4326").transform(
        np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    )
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def project_geometry(geom: shapely.Geometry, source: str, target: str) -> shapely.Geometry:
    transformer = _transformer(source, target)
    return shapely.transform(
        geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


@dataclass(frozen=True, eq=False)
class _Grid:
    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    #: CSR tables, per cell: indexes (into ``AreaIndex.ids``) of the areas covering it …
    inside_ptr: np.ndarray
    inside: np.ndarray
    #: … and of the areas whose border crosses it.
    border_ptr: np.ndarray
    border: np.ndarray


@dataclass(frozen=True, eq=False)
class AreaIndex:
    """Areas' projected polygons with a grid index, for bulk point assignment."""

    ids: np.ndarray
    geometries: np.ndarray
    tree: shapely.STRtree
    grid: _Grid | None = None

    @classmethod
    def build(
        cls, items: Iterable[tuple[int, bytes | shapely.Geometry]], *, cells: int = GRID_CELLS
    ) -> AreaIndex:
        ids, geoms = [], []
        for area_id, geom in items:
            if isinstance(geom, bytes | memoryview | bytearray):
                geom = shapely.from_wkb(bytes(geom))
            if geom is None or geom.is_empty:
                continue
            shapely.prepare(geom)
            ids.append(area_id)
            geoms.append(geom)
        geometries = np.array(geoms, dtype=object)
        return cls(
            ids=np.array(ids, dtype=np.int64),
            geometries=geometries,
            tree=shapely.STRtree(geometries),
            grid=_build_grid(geometries, cells) if len(geoms) else None,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def pairs(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """(point index, area id) for every point inside (or on the border of) an area.

        Sorted by point index. Points with NaN coordinates belong to no area.
        """
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        grid = self.grid
        if grid is None or x.size == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty.copy()
        with np.errstate(invalid="ignore"):
            fx = np.floor((x - grid.x0) / grid.cell)
            fy = np.floor((y - grid.y0) / grid.cell)
            on_grid = (fx >= 0) & (fx < grid.nx) & (fy >= 0) & (fy < grid.ny)
        points = np.flatnonzero(on_grid)
        cell = fy[points].astype(np.int64) * grid.nx + fx[points].astype(np.int64)

        in_points, in_pos = _expand(points, cell, grid.inside_ptr)
        in_areas = grid.inside[in_pos]

        cand_points, cand_pos = _expand(points, cell, grid.border_ptr)
        cand_areas = grid.border[cand_pos]
        hit = shapely.intersects_xy(self.geometries[cand_areas], x[cand_points], y[cand_points])

        point_idx = np.concatenate([in_points, cand_points[hit]])
        area_idx = np.concatenate([in_areas, cand_areas[hit]])
        # Two runs, each already sorted by point: the stable sort merges them in one pass.
        order = np.argsort(point_idx, kind="stable")
        return point_idx[order], self.ids[area_idx[order]]

    def assign(self, x: Any, y: Any) -> list[list[int]]:
        """For each point, the ids of the areas that contain it."""
        n = np.asarray(x).size
        point_idx, area_ids = self.pairs(x, y)
        result: list[list[int]] = [[] for _ in range(n)]
        for p, a in zip(point_idx.tolist(), area_ids.tolist(), strict=True):
            result[p].append(a)
        return result


def _expand(points: np.ndarray, cell: np.ndarray, ptr: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each (point, cell): the point repeated once per entry of the cell's CSR row, and
    the positions of those entries."""
    lo = ptr[cell]
    count = ptr[cell + 1] - lo
    keep = count > 0
    points, lo, count = points[keep], lo[keep], count[keep]
    total = int(count.sum())
    rep_points = np.repeat(points, count)
    run_start = np.repeat(np.cumsum(count) - count, count)
    positions = np.repeat(lo, count) + (np.arange(total, dtype=np.int64) - run_start)
    return rep_points, positions


def _build_grid(geometries: np.ndarray, cells: int) -> _Grid:
    bounds = shapely.bounds(geometries)
    minx, miny = float(bounds[:, 0].min()), float(bounds[:, 1].min())
    maxx, maxy = float(bounds[:, 2].max()), float(bounds[:, 3].max())
    width, height = maxx - minx, maxy - miny
    size = math.sqrt(width * height / cells) if width * height > 0 else 0.0
    # Long thin extents: keep each side under ~4k cells.
    size = max(size, width / 4096, height / 4096)
    if size <= 0:
        size = 1.0
    # One spare cell on every side, so that points on the outer edge fall on the grid.
    x0, y0 = minx - size, miny - size
    nx = math.floor((maxx - x0) / size) + 2
    ny = math.floor((maxy - y0) / size) + 2

    inside_cells, inside_areas, border_cells, border_areas = [], [], [], []
    for index, geom in enumerate(geometries):
        full, border = _classify_cells(geom, bounds[index], x0, y0, size, nx, ny)
        inside_cells.append(full)
        inside_areas.append(np.full(full.size, index, dtype=np.int32))
        border_cells.append(border)
        border_areas.append(np.full(border.size, index, dtype=np.int32))
    n_cells = nx * ny
    inside_ptr, inside = _csr(inside_cells, inside_areas, n_cells)
    border_ptr, border = _csr(border_cells, border_areas, n_cells)
    return _Grid(x0, y0, size, nx, ny, inside_ptr, inside, border_ptr, border)


def _csr(cells: list[np.ndarray], values: list[np.ndarray], n_cells: int) -> tuple[np.ndarray, ...]:
    all_cells = np.concatenate(cells) if cells else np.empty(0, dtype=np.int64)
    all_values = np.concatenate(values) if values else np.empty(0, dtype=np.int32)
    order = np.argsort(all_cells, kind="stable")
    ptr = np.zeros(n_cells + 1, dtype=np.int64)
    np.cumsum(np.bincount(all_cells, minlength=n_cells), out=ptr[1:])
    return ptr, all_values[order]


def _classify_cells(
    geom: shapely.Geometry,
    bounds: np.ndarray,
    x0: float,
    y0: float,
    size: float,
    nx: int,
    ny: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Cell ids covered by ``geom`` and cell ids its border crosses (quadtree descent).

    Cells are tested widened by a hair so that a point whose cell index is off by one
    through rounding is still judged correctly.
    """
    eps = size * 1e-6
    i0 = max(math.floor((bounds[0] - eps - x0) / size), 0)
    j0 = max(math.floor((bounds[1] - eps - y0) / size), 0)
    i1 = min(math.floor((bounds[2] + eps - x0) / size), nx - 1)
    j1 = min(math.floor((bounds[3] + eps - y0) / size), ny - 1)
    block = 1 << max(i1 - i0, j1 - j0, 0).bit_length()
    bi = np.array([i0], dtype=np.int64)
    bj = np.array([j0], dtype=np.int64)
    full: list[np.ndarray] = []
    border: list[np.ndarray] = []
    while bi.size:
        boxes = shapely.box(
            x0 + bi * size - eps,
            y0 + bj * size - eps,
            x0 + (bi + block) * size + eps,
            y0 + (bj + block) * size + eps,
        )
        covered = shapely.covers(geom, boxes)
        if covered.any():
            full.append(_block_cells(bi[covered], bj[covered], block, i1, j1, nx))
        rest = ~covered
        bi, bj, boxes = bi[rest], bj[rest], boxes[rest]
        touching = shapely.intersects(geom, boxes)
        bi, bj = bi[touching], bj[touching]
        if block == 1:
            border.append(bj * nx + bi)
            break
        block //= 2
        bi = np.concatenate([bi, bi + block, bi, bi + block])
        bj = np.concatenate([bj, bj, bj + block, bj + block])
        keep = (bi <= i1) & (bj <= j1)
        bi, bj = bi[keep], bj[keep]
    empty = np.empty(0, dtype=np.int64)
    return (
        np.concatenate(full) if full else empty,
        np.concatenate(border) if border else empty,
    )


def _block_cells(
    bi: np.ndarray, bj: np.ndarray, block: int, i1: int, j1: int, nx: int
) -> np.ndarray:
    offsets = np.arange(block, dtype=np.int64)
    ii = (bi[:, None, None] + offsets[None, :, None]) + np.zeros((1, 1, block), dtype=np.int64)
    jj = (bj[:, None, None] + offsets[None, None, :]) + np.zeros((1, block, 1), dtype=np.int64)
    keep = (ii <= i1) & (jj <= j1)
    return (jj[keep] * nx + ii[keep]).astype(np.int64)
