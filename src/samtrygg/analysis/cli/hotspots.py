"""``gi-star`` (Getis-Ord Gi* on areas, or on a grid with ``--cell``) and ``local-moran``.

The grid version is here; the area versions (weights from polygons: shapely, scipy.sparse and
scipy.spatial) are in :mod:`samtrygg.analysis.cli.hotspot_areas`, imported only for them.
"""

from __future__ import annotations

import argparse
import importlib

import numpy as np

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import (
    Result,
    parse_bounds,
    parse_weights,
    positive_number,
)
from samtrygg.analysis.cli.shapes import cells_result, grid_info
from samtrygg.analysis.grid import grid_counts, make_grid
from samtrygg.analysis.hotspots import gi_star_grid


def run(args: argparse.Namespace) -> Result:
    if args.method == "gi-star" and args.cell is not None:
        return _gi_star_grid(args)
    areas = importlib.import_module("samtrygg.analysis.cli.hotspot_areas")
    result: Result = areas.run_on_areas(args)
    return result


def _gi_star_grid(args: argparse.Namespace) -> Result:
    ev, proj = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=None, crs=args.crs)
    grid = make_grid(
        ev.x, ev.y, positive_number(str(args.cell), "--cell"), bounds=parse_bounds(args.bounds)
    )
    gc = grid_counts(ev.x, ev.y, grid=grid)
    spec, dist = parse_weights(args.weights)
    grid_res = gi_star_grid(
        gc,
        weights=spec,
        distance=dist,
        transform=args.transform,
        permutations=args.permutations,
        seed=args.seed,
        alpha=args.alpha,
        fdr=not args.no_fdr,
    )
    cols: dict[str, np.ndarray] = {
        "count": gc.counts.astype(np.int64),
        "z": grid_res.z,
        "p_norm": grid_res.p_norm,
        "q_value": grid_res.q_value,
        "hot": grid_res.significant & (grid_res.z > 0),
        "cold": grid_res.significant & (grid_res.z < 0),
    }
    if grid_res.p_sim is not None:
        cols["p_sim"] = grid_res.p_sim
    meta = {
        "method": "gi-star-grid",
        "weights": grid_res.weights,
        "transform": grid_res.transform,
        "permutations": grid_res.permutations,
        "seed": grid_res.seed,
        "alpha": grid_res.alpha,
        "fdr": grid_res.fdr,
        "n_events": gc.n_inside + gc.n_outside,
        "p_norm_rule": "one-sided P(Z >= |z|)",
        "grid": grid_info(grid, proj),
    }
    return cells_result(args.format, grid, proj, cols, meta)
