"""Regular grids in projected metres and grid counts.

A grid has its lower-left corner at ``(x0, y0)``, square cells of side ``cell`` and shape
``(ny, nx)`` (row ``iy`` = y index, from south to north). Cells are half-open:
cell ``(iy, ix)`` holds points with ``x0 + ix*cell <= x < x0 + (ix+1)*cell`` and likewise in y.
Points outside the grid are counted in ``n_outside`` and nowhere else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from samtrygg.analysis.types import (
    AnalysisInputError,
    ArrayLike,
    FloatArray,
    IntArray,
    as_float_vector,
    same_length,
)

MAX_CELLS = 50_000_000


@dataclass(frozen=True)
class Grid:
    """Grid geometry: lower-left corner, cell size and shape ``(ny, nx)``."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int

    @property
    def shape(self) -> tuple[int, int]:
        return (self.ny, self.nx)

    @property
    def cell_area_km2(self) -> float:
        return self.cell * self.cell / 1e6

    def centres(self) -> tuple[FloatArray, FloatArray]:
        """Cell-centre coordinates as two ``(ny, nx)`` arrays."""
        xs = self.x0 + (np.arange(self.nx) + 0.5) * self.cell
        ys = self.y0 + (np.arange(self.ny) + 0.5) * self.cell
        gx, gy = np.meshgrid(xs, ys)
        return gx, gy

    def cell_bounds(self, iy: int, ix: int) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` of one cell."""
        x = self.x0 + ix * self.cell
        y = self.y0 + iy * self.cell
        return (x, y, x + self.cell, y + self.cell)

    def locate(self, x: FloatArray, y: FloatArray) -> tuple[IntArray, IntArray, np.ndarray]:
        """Cell indices ``(iy, ix)`` of points and a mask of the points inside the grid."""
        dx = x - self.x0
        dy = y - self.y0
        # Inside is decided on the offsets themselves: the quotient can round across a cell
        # boundary (a tiny negative offset divides to -0.0, floor 0), the offsets cannot.
        inside = (dx >= 0) & (dx < self.nx * self.cell) & (dy >= 0) & (dy < self.ny * self.cell)
        ix = np.clip(np.floor(dx / self.cell), -1, self.nx).astype(np.int64)
        iy = np.clip(np.floor(dy / self.cell), -1, self.ny).astype(np.int64)
        ix[inside] = np.minimum(ix[inside], self.nx - 1)
        iy[inside] = np.minimum(iy[inside], self.ny - 1)
        return iy, ix, inside


def _snapped_span(low: float, high: float, cell: float) -> tuple[float, int]:
    """A corner at a multiple of ``cell`` at or below ``low`` and enough cells that
    ``low - corner >= 0`` and ``high - corner < n * cell`` hold in floating point, as
    :meth:`Grid.locate` tests them (the quotients alone can round across the edges)."""
    corner = math.floor(low / cell) * cell
    while low - corner < 0:
        corner -= cell
    n = math.floor((high - corner) / cell) + 1
    while high - corner >= n * cell:
        n += 1
    return corner, n


def make_grid(
    x: ArrayLike,
    y: ArrayLike,
    cell: float,
    *,
    bounds: tuple[float, float, float, float] | None = None,
) -> Grid:
    """A grid of ``cell``-metre squares covering ``bounds`` or the points' bounding box.

    Without bounds, the corner is snapped down to a multiple of ``cell`` and the grid is made
    large enough that every point is inside (a point on the maximum edge gets its own cell).
    """
    if not (math.isfinite(cell) and cell > 0):
        raise AnalysisInputError(f"cell size must be a positive number, got {cell!r}")
    if bounds is None:
        xa = as_float_vector("x", x)
        ya = as_float_vector("y", y)
        same_length(x=xa, y=ya)
        x0, nx = _snapped_span(float(xa.min()), float(xa.max()), cell)
        y0, ny = _snapped_span(float(ya.min()), float(ya.max()), cell)
    else:
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        if not (xmax > xmin and ymax > ymin):
            raise AnalysisInputError(f"bounds must satisfy xmin < xmax and ymin < ymax: {bounds}")
        x0, y0 = xmin, ymin
        nx = max(1, math.ceil((xmax - xmin) / cell))
        ny = max(1, math.ceil((ymax - ymin) / cell))
    if nx * ny > MAX_CELLS:
        raise AnalysisInputError(
            f"grid of {ny} x {nx} cells is too large (limit {MAX_CELLS}); use a larger cell"
        )
    return Grid(x0=float(x0), y0=float(y0), cell=float(cell), nx=int(nx), ny=int(ny))


@dataclass(frozen=True, eq=False)
class GridCounts:
    """Events per cell (``counts[iy, ix]``) and how many events fell outside the grid."""

    grid: Grid
    counts: FloatArray
    n_inside: int
    n_outside: int


def grid_counts(
    x: ArrayLike,
    y: ArrayLike,
    cell: float | None = None,
    *,
    grid: Grid | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    weights: ArrayLike | None = None,
) -> GridCounts:
    """Count (or sum ``weights`` of) events per grid cell.

    Give either ``grid`` or ``cell`` (with optional ``bounds``). Counts are returned as
    float64 so that harm weights can be summed the same way; without weights they are whole
    numbers and ``counts.sum() == n_inside``.
    """
    xa = as_float_vector("x", x, allow_empty=True)
    ya = as_float_vector("y", y, allow_empty=True)
    same_length(x=xa, y=ya)
    if grid is None:
        if cell is None:
            raise AnalysisInputError("give a cell size or a grid")
        grid = make_grid(xa, ya, cell, bounds=bounds)
    w = None
    if weights is not None:
        w = as_float_vector("weights", weights, allow_empty=True)
        same_length(x=xa, weights=w)
    iy, ix, inside = grid.locate(xa, ya)
    flat = iy[inside] * grid.nx + ix[inside]
    counts = np.bincount(
        flat, weights=None if w is None else w[inside], minlength=grid.nx * grid.ny
    ).astype(np.float64)
    n_in = int(inside.sum())
    return GridCounts(
        grid=grid, counts=counts.reshape(grid.shape), n_inside=n_in, n_outside=xa.size - n_in
    )
