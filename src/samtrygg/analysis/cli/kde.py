"""``kde``: kernel density on a grid."""

from __future__ import annotations

import argparse
from typing import Any

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import (
    Result,
    parse_bounds,
    positive_number,
)
from samtrygg.analysis.cli.shapes import cells_result, grid_info
from samtrygg.analysis.kde import kde_grid


def run(args: argparse.Namespace) -> Result:
    ev, proj = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=None, crs=args.crs)
    bw: Any = args.bandwidth
    if bw not in ("scott", "silverman"):
        bw = positive_number(bw, "--bandwidth")
    kres = kde_grid(
        ev.x,
        ev.y,
        positive_number(str(args.cell), "--cell"),
        bandwidth=bw,
        kernel=args.kernel,
        bounds=parse_bounds(args.bounds),
    )
    meta = {
        "method": "kde",
        "kernel": kres.kernel,
        "bandwidth": kres.bandwidth,
        "bandwidth_rule": kres.bandwidth_rule,
        "units": "events per km2",
        "n_events": kres.n_events,
        "grid": grid_info(kres.grid, proj),
    }
    kcols = {"density": kres.density}
    return cells_result(args.format, kres.grid, proj, kcols, meta)
