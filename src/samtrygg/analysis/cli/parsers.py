"""The command line's parsers, apart from the methods: ``samtrygg analyze --help`` (and a
mistyped option) is answered without importing numpy, scipy, numba, shapely or pyproj, which
the methods' modules load. Keep this module to argparse and ``analysis.errors``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from samtrygg.analysis.errors import AnalysisInputError

PROG = "samtrygg analyze"


class ReportingParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise AnalysisInputError(f"{self.prog}: {message}")


def add_common_options(
    p: argparse.ArgumentParser, formats: Sequence[str] = ("json", "csv")
) -> None:
    p.add_argument("input", metavar="INPUT", help="CSV or GeoJSON file")
    p.add_argument("--format", choices=list(formats), default="json")
    p.add_argument("--out", help="write to FILE instead of standard output")
    p.add_argument("--crs", default="EPSG:3006", help="EPSG:3006 (default), EPSG:4326 or none")


def add_column_options(p: argparse.ArgumentParser, t: bool = True) -> None:
    p.add_argument("--x", default="x", help="x / easting / longitude column (default x)")
    p.add_argument("--y", default="y", help="y / northing / latitude column (default y)")
    if t:
        p.add_argument("--t", default="t", help="time column: days or ISO dates (default t)")


def _near_repeat(sub: argparse._SubParsersAction) -> None:
    k = sub.add_parser("knox", help="Knox space-time test (near repeats)")
    add_common_options(k)
    add_column_options(k)
    k.add_argument("--distance-bands", required=True, help="edges, e.g. 0,100,200,400")
    k.add_argument("--time-bands", required=True, help="edges in days, e.g. 0,7,14,28")
    k.add_argument("--permutations", type=int, default=999)
    k.add_argument("--seed", type=int)
    k.add_argument("--metric", choices=["euclidean", "manhattan"], default="euclidean")
    k.add_argument("--engine", choices=["auto", "numpy", "numba"], default="auto")

    nr = sub.add_parser("near-repeat", help="per-event near-repeat neighbour counts")
    add_common_options(nr)
    add_column_options(nr)
    nr.add_argument("--distance", type=float, required=True)
    nr.add_argument("--time-window", type=float, required=True)
    nr.add_argument("--direction", choices=["both", "prior"], default="both")
    nr.add_argument("--metric", choices=["euclidean", "manhattan"], default="euclidean")


def _hotspots(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("gi-star", help="Getis-Ord Gi* on areas or on a grid (--cell)")
    add_common_options(g, ("json", "csv", "geojson"))
    add_column_options(g, t=False)
    g.add_argument("--value", help="area property with the value (areas)")
    g.add_argument("--id", help="area property with the id (areas)")
    g.add_argument("--cell", type=float, help="grid cell size in metres (grid version)")
    g.add_argument("--bounds", help="grid bounds xmin,ymin,xmax,ymax (grid version)")
    g.add_argument("--weights", default="queen", help="queen, rook or distance:METRES")
    g.add_argument("--transform", choices=["binary", "row"], default="binary")
    g.add_argument("--permutations", type=int, default=0)
    g.add_argument("--seed", type=int)
    g.add_argument("--alpha", type=float, default=0.05)
    g.add_argument("--no-fdr", action="store_true", help="judge raw p-values, not BH q-values")

    m = sub.add_parser("local-moran", help="Local Moran's I on areas")
    add_common_options(m, ("json", "csv", "geojson"))
    m.add_argument("--value", required=True)
    m.add_argument("--id")
    m.add_argument("--weights", default="queen", help="queen, rook or distance:METRES")
    m.add_argument("--transform", choices=["binary", "row"], default="row")
    m.add_argument("--permutations", type=int, default=999)
    m.add_argument("--seed", type=int)
    m.add_argument("--alpha", type=float, default=0.05)


def _kde(sub: argparse._SubParsersAction) -> None:
    kd = sub.add_parser("kde", help="kernel density on a grid")
    add_common_options(kd, ("json", "csv", "geojson"))
    add_column_options(kd, t=False)
    kd.add_argument("--cell", type=float, required=True)
    kd.add_argument("--bandwidth", default="scott", help="metres, scott or silverman")
    kd.add_argument("--kernel", choices=["gaussian", "quartic"], default="gaussian")
    kd.add_argument("--bounds", help="xmin,ymin,xmax,ymax in the working CRS (metres)")


def _change(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("change", help="counts per period with exact change tests")
    add_common_options(c)
    add_column_options(c)
    c.add_argument("--period", choices=["week", "month", "quarter"], default="month")
    c.add_argument("--chart", action="store_true", help="add a weekly EWMA control chart")


def _evaluate(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("evaluate", help="evaluate an intervention (DiD, WDQ, WDD)")
    add_common_options(e)
    add_column_options(e)
    e.add_argument("--treated", required=True, help="GeoJSON polygon(s) of the treated area")
    e.add_argument("--buffer", help="GeoJSON polygon(s) of the buffer area")
    e.add_argument("--control", required=True, help="GeoJSON polygon(s) of the control area")
    e.add_argument("--before", required=True, help="START/END dates, inclusive")
    e.add_argument("--after", required=True, help="START/END dates, inclusive")
    e.add_argument("--category", help="category column (for harm weights)")
    e.add_argument("--harm-weights", help="JSON file mapping category to weight")


#: Method modules in the order their parsers are listed, and the methods each one runs.
MODULES: dict[str, tuple[str, ...]] = {
    "near_repeat": ("knox", "near-repeat"),
    "hotspots": ("gi-star", "local-moran"),
    "kde": ("kde",),
    "change": ("change",),
    "evaluate": ("evaluate",),
}


def build_parser() -> argparse.ArgumentParser:
    parser = ReportingParser(prog=PROG, description="Crime analysis on CSV/GeoJSON files.")
    sub = parser.add_subparsers(dest="method", required=True, parser_class=ReportingParser)
    for register in (_near_repeat, _hotspots, _kde, _change, _evaluate):
        register(sub)
    return parser
