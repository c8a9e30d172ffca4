"""``kde``: kernel density on a grid."""

from __future__ import annotations

import argparse
from typing import Any

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import (
    Result,
    add_column_options,
    add_common_options,
    parse_bounds,
    positive_number,
)
from samtrygg.analysis.cli.shapes import cells_result, grid_info
from samtrygg.analysis.kde import kde_grid


def register(sub: argparse._SubParsersAction) -> None:
    kd = sub.add_parser("kde", help="kernel density on a grid")
    add_common_options(kd, ("json", "csv", "geojson"))
    add_column_options(kd, t=False)
    kd.add_argument("--cell", type=float, required=True)
    kd.add_argument("--bandwidth", default="scott", help="metres, scott or silverman")
    kd.add_argument("--kernel", choices=["gaussian", "quartic"], default="gaussian")
    kd.add_argument("--bounds", help="xmin,ymin,xmax,ymax in the working CRS (metres)")


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
