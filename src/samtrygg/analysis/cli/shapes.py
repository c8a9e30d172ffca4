"""Grid results as GeoJSON features or CSV rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import Result
from samtrygg.analysis.cli.table import CellFeatures, ColumnRows
from samtrygg.analysis.grid import Grid


def _cell_features(grid: Grid, proj: io.Projection, cols: dict[str, np.ndarray]) -> CellFeatures:
    xs = grid.x0 + np.arange(grid.nx + 1) * grid.cell
    ys = grid.y0 + np.arange(grid.ny + 1) * grid.cell
    node_x, node_y = np.meshgrid(xs, ys)
    # every corner projected once (a point's projection does not depend on its neighbours)
    px, py = proj.from_plane(node_x.ravel(), node_y.ravel())
    rows = ColumnRows(
        {
            "row": np.repeat(np.arange(grid.ny), grid.nx),
            "col": np.tile(np.arange(grid.nx), grid.ny),
            **cols,
        }
    )
    return CellFeatures(np.asarray(px), np.asarray(py), grid.ny, grid.nx, rows)


def _cell_rows(grid: Grid, cols: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    gx, gy = grid.centres()
    # Python lists first: indexing arrays cell by cell costs more than the analysis itself
    gxl, gyl = gx.tolist(), gy.tolist()
    lists = {k: v.tolist() for k, v in cols.items()}
    rows = []
    for iy in range(grid.ny):
        for ix in range(grid.nx):
            r = {"row": iy, "col": ix, "x": gxl[iy][ix], "y": gyl[iy][ix]}
            r.update({k: v[iy][ix] for k, v in lists.items()})
            rows.append(r)
    return rows


def grid_info(grid: Grid, proj: io.Projection) -> dict[str, Any]:
    return {
        "x0": grid.x0,
        "y0": grid.y0,
        "cell": grid.cell,
        "nx": grid.nx,
        "ny": grid.ny,
        "crs": "EPSG:3006" if proj.crs != "none" else "none",
    }


def cells_result(
    fmt: str, grid: Grid, proj: io.Projection, cols: dict[str, np.ndarray], meta: dict[str, Any]
) -> Result:
    """GeoJSON cells with ``meta`` on the collection, or ``meta`` with the cell rows."""
    if fmt == "geojson":
        features = _cell_features(grid, proj, cols)
        return {"type": "FeatureCollection", "features": features, **meta}, None
    rows: Sequence[dict[str, Any]]
    if all(np.asarray(v).dtype.kind in "biuf" for v in cols.values()) and grid.nx * grid.ny:
        gx, gy = grid.centres()
        rows = ColumnRows(
            {
                "row": np.repeat(np.arange(grid.ny), grid.nx),
                "col": np.tile(np.arange(grid.nx), grid.ny),
                "x": gx,
                "y": gy,
                **cols,
            }
        )
    else:
        rows = _cell_rows(grid, cols)
    return {**meta, "cells": rows}, rows
