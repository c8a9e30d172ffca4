"""``samtrygg analyze METHOD INPUT [options]`` — the analysis library on files, no database.

Entry point: :func:`main` (``argv`` = everything after the word ``analyze``); returns the exit
status. Bad input prints one message on stderr and returns 2.
"""

from __future__ import annotations

import argparse
import csv
import io as _stdio
import itertools
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import shapely

from samtrygg.analysis import io
from samtrygg.analysis.evaluation import AreaCounts, evaluate_intervention
from samtrygg.analysis.grid import Grid, grid_counts, make_grid
from samtrygg.analysis.hotspots import gi_star, gi_star_grid
from samtrygg.analysis.kde import kde_grid
from samtrygg.analysis.knox import knox_test, near_repeat_counts
from samtrygg.analysis.moran import local_moran
from samtrygg.analysis.trends import change_by_period, weekly_control_chart
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.analysis.weights import (
    SpatialWeights,
    distance_band_weights,
    polygon_contiguity,
)

PROG = "samtrygg analyze"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise AnalysisInputError(f"{self.prog}: {message}")


def clean(obj: Any) -> Any:
    """Make results JSON-safe: numpy scalars/arrays to Python, NaN/inf to None."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return clean(asdict(obj))
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return clean(obj.tolist())
    if isinstance(obj, np.bool_ | bool):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        f = float(obj)
        return f if math.isfinite(f) else None
    return obj


def _floats(text: str, name: str) -> list[float]:
    try:
        vals = [float(v) for v in text.split(",") if v.strip() != ""]
    except ValueError:
        raise AnalysisInputError(
            f"{name}: {text!r} is not a comma-separated list of numbers"
        ) from None
    for a, b in itertools.pairwise(vals):
        if not b > a:
            raise AnalysisInputError(
                f"{name}: bands must be strictly increasing ({a:g} then {b:g})"
            )
    return vals


def _common(p: argparse.ArgumentParser, formats: Sequence[str] = ("json", "csv")) -> None:
    p.add_argument("input", metavar="INPUT", help="CSV or GeoJSON file")
    p.add_argument("--format", choices=list(formats), default="json")
    p.add_argument("--out", help="write to FILE instead of standard output")
    p.add_argument("--crs", default="EPSG:3006", help="EPSG:3006 (default), EPSG:4326 or none")


def _cols(p: argparse.ArgumentParser, t: bool = True) -> None:
    p.add_argument("--x", default="x", help="x / easting / longitude column (default x)")
    p.add_argument("--y", default="y", help="y / northing / latitude column (default y)")
    if t:
        p.add_argument("--t", default="t", help="time column: days or ISO dates (default t)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Crime analysis on CSV/GeoJSON files.")
    sub = parser.add_subparsers(dest="method", required=True, parser_class=_Parser)

    k = sub.add_parser("knox", help="Knox space-time test (near repeats)")
    _common(k)
    _cols(k)
    k.add_argument("--distance-bands", required=True, help="edges, e.g. 0,100,200,400")
    k.add_argument("--time-bands", required=True, help="edges in days, e.g. 0,7,14,28")
    k.add_argument("--permutations", type=int, default=999)
    k.add_argument("--seed", type=int)
    k.add_argument("--metric", choices=["euclidean", "manhattan"], default="euclidean")
    k.add_argument("--engine", choices=["auto", "numpy", "numba"], default="auto")

    nr = sub.add_parser("near-repeat", help="per-event near-repeat neighbour counts")
    _common(nr)
    _cols(nr)
    nr.add_argument("--distance", type=float, required=True)
    nr.add_argument("--time-window", type=float, required=True)
    nr.add_argument("--direction", choices=["both", "prior"], default="both")
    nr.add_argument("--metric", choices=["euclidean", "manhattan"], default="euclidean")

    g = sub.add_parser("gi-star", help="Getis-Ord Gi* on areas or on a grid (--cell)")
    _common(g, ("json", "csv", "geojson"))
    _cols(g, t=False)
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
    _common(m, ("json", "csv", "geojson"))
    m.add_argument("--value", required=True)
    m.add_argument("--id")
    m.add_argument("--weights", default="queen", help="queen, rook or distance:METRES")
    m.add_argument("--transform", choices=["binary", "row"], default="row")
    m.add_argument("--permutations", type=int, default=999)
    m.add_argument("--seed", type=int)
    m.add_argument("--alpha", type=float, default=0.05)

    kd = sub.add_parser("kde", help="kernel density on a grid")
    _common(kd, ("json", "csv", "geojson"))
    _cols(kd, t=False)
    kd.add_argument("--cell", type=float, required=True)
    kd.add_argument("--bandwidth", default="scott", help="metres, scott or silverman")
    kd.add_argument("--kernel", choices=["gaussian", "quartic"], default="gaussian")
    kd.add_argument("--bounds", help="xmin,ymin,xmax,ymax in the working CRS (metres)")

    c = sub.add_parser("change", help="counts per period with exact change tests")
    _common(c)
    _cols(c)
    c.add_argument("--period", choices=["week", "month", "quarter"], default="month")
    c.add_argument("--chart", action="store_true", help="add a weekly EWMA control chart")

    e = sub.add_parser("evaluate", help="evaluate an intervention (DiD, WDQ, WDD)")
    _common(e)
    _cols(e)
    e.add_argument("--treated", required=True, help="GeoJSON polygon(s) of the treated area")
    e.add_argument("--buffer", help="GeoJSON polygon(s) of the buffer area")
    e.add_argument("--control", required=True, help="GeoJSON polygon(s) of the control area")
    e.add_argument("--before", required=True, help="START/END dates, inclusive")
    e.add_argument("--after", required=True, help="START/END dates, inclusive")
    e.add_argument("--category", help="category column (for harm weights)")
    e.add_argument("--harm-weights", help="JSON file mapping category to weight")
    return parser


def _weights_for_areas(spec: str, areas: io.Areas) -> SpatialWeights:
    if spec in ("queen", "rook"):
        return polygon_contiguity(areas.geoms, areas.ids, kind=spec)  # type: ignore[arg-type]
    if spec.startswith("distance:"):
        dist = _positive(spec.split(":", 1)[1], "--weights distance")
        pts = shapely.centroid(np.array(areas.geoms, dtype=object))
        return distance_band_weights(shapely.get_x(pts), shapely.get_y(pts), dist, areas.ids)
    raise AnalysisInputError(f"--weights must be queen, rook or distance:METRES, got {spec!r}")


def _positive(text: str, name: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise AnalysisInputError(f"{name}: {text!r} is not a number") from None
    if not (math.isfinite(v) and v > 0):
        raise AnalysisInputError(f"{name}: must be positive, got {text}")
    return v


def _bounds(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    vals = list(text.split(","))
    try:
        b = tuple(float(v) for v in vals)
    except ValueError:
        raise AnalysisInputError(f"--bounds: {text!r} is not xmin,ymin,xmax,ymax") from None
    if len(b) != 4:
        raise AnalysisInputError(f"--bounds: {text!r} is not xmin,ymin,xmax,ymax")
    return (b[0], b[1], b[2], b[3])


def _area_values(areas: io.Areas, field: str | None) -> np.ndarray:
    if field is None:
        raise AnalysisInputError("--value FIELD is required for areas")
    out = []
    for n, (ident, pr) in enumerate(zip(areas.ids, areas.properties, strict=True), start=1):
        if field not in pr:
            raise AnalysisInputError(f"feature {n} (id {ident!r}): missing property {field!r}")
        v = pr[field]
        try:
            f = float(v)
        except (TypeError, ValueError):
            raise AnalysisInputError(
                f"feature {n} (id {ident!r}), property {field!r}: {v!r} is not a number"
            ) from None
        if not math.isfinite(f):
            raise AnalysisInputError(f"feature {n} (id {ident!r}), property {field!r}: not finite")
        out.append(f)
    return np.array(out)


def _cell_features(grid: Grid, proj: io.Projection, cols: dict[str, np.ndarray]) -> dict[str, Any]:
    feats = []
    xs = grid.x0 + np.arange(grid.nx + 1) * grid.cell
    ys = grid.y0 + np.arange(grid.ny + 1) * grid.cell
    for iy in range(grid.ny):
        for ix in range(grid.nx):
            cx = np.array([xs[ix], xs[ix + 1], xs[ix + 1], xs[ix], xs[ix]])
            cy = np.array([ys[iy], ys[iy], ys[iy + 1], ys[iy + 1], ys[iy]])
            px, py = proj.from_plane(cx, cy)
            props = {"row": iy, "col": ix}
            props.update({k: v[iy, ix] for k, v in cols.items()})
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [np.column_stack([px, py]).tolist()],
                    },
                    "properties": props,
                }
            )
    return {"type": "FeatureCollection", "features": feats}


def _cell_rows(grid: Grid, cols: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    gx, gy = grid.centres()
    rows = []
    for iy in range(grid.ny):
        for ix in range(grid.nx):
            r = {"row": iy, "col": ix, "x": gx[iy, ix], "y": gy[iy, ix]}
            r.update({k: v[iy, ix] for k, v in cols.items()})
            rows.append(r)
    return rows


def _grid_info(grid: Grid, proj: io.Projection) -> dict[str, Any]:
    return {
        "x0": grid.x0,
        "y0": grid.y0,
        "cell": grid.cell,
        "nx": grid.nx,
        "ny": grid.ny,
        "crs": "EPSG:3006" if proj.crs != "none" else "none",
    }


def _area_features(
    areas: io.Areas, proj: io.Projection, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    feats = []
    for g, r in zip(areas.geoms, rows, strict=True):
        if proj.inverse is not None:
            inv = proj.inverse
            g = shapely.transform(g, lambda c, inv=inv: np.column_stack(inv(c[:, 0], c[:, 1])))
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": r})
    return {"type": "FeatureCollection", "features": feats}


def _run(args: argparse.Namespace) -> tuple[Any, list[dict[str, Any]] | None]:
    """Return (document for json/geojson, rows for csv)."""
    method = args.method
    if method in ("knox", "near-repeat"):
        ev, _ = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=args.t, crs=args.crs)
        assert ev.t is not None
        if method == "knox":
            res = knox_test(
                ev.x,
                ev.y,
                ev.t,
                _floats(args.distance_bands, "--distance-bands"),
                _floats(args.time_bands, "--time-bands"),
                permutations=args.permutations,
                seed=args.seed,
                metric=args.metric,
                engine=args.engine,
            )
            doc = res.to_dict()
            rows = [
                {
                    "distance_lo": c["distance"][0],
                    "distance_hi": c["distance"][1],
                    "time_lo": c["time"][0],
                    "time_hi": c["time"][1],
                    **{k: c[k] for k in ("observed", "expected", "knox_ratio", "p_value")},
                }
                for c in doc["cells"]
            ]
            return doc, rows
        nrc = near_repeat_counts(
            ev.x,
            ev.y,
            ev.t,
            distance=args.distance,
            time_window=args.time_window,
            metric=args.metric,
            direction=args.direction,
        )
        rows = [{"row": i + 1, "neighbours": int(v)} for i, v in enumerate(nrc.counts)]
        doc = {
            "distance": nrc.distance,
            "time_window": nrc.time_window,
            "metric": nrc.metric,
            "direction": nrc.direction,
            "band_rule": nrc.band_rule,
            "events": rows,
        }
        return doc, rows
    if method == "gi-star" and args.cell is not None:
        ev, proj = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=None, crs=args.crs)
        grid = make_grid(
            ev.x, ev.y, _positive(str(args.cell), "--cell"), bounds=_bounds(args.bounds)
        )
        gc = grid_counts(ev.x, ev.y, grid=grid)
        spec = args.weights
        dist = None
        if spec.startswith("distance:"):
            dist = _positive(spec.split(":", 1)[1], "--weights distance")
            spec = "distance"
        elif spec not in ("queen", "rook"):
            raise AnalysisInputError(
                f"--weights must be queen, rook or distance:METRES, got {spec!r}"
            )
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
            "grid": _grid_info(grid, proj),
        }
        if args.format == "geojson":
            fc = _cell_features(grid, proj, cols)
            fc.update(meta)
            return fc, None
        rows = _cell_rows(grid, cols)
        return {**meta, "cells": rows}, rows
    if method in ("gi-star", "local-moran"):
        if Path(args.input).suffix.lower() not in (".geojson", ".json"):
            raise AnalysisInputError(
                f"{method} on areas needs a GeoJSON file of polygons "
                "(or --cell for the grid version)"
            )
        areas, proj = io.read_areas(args.input, id_field=args.id, crs=args.crs)
        values = _area_values(areas, args.value)
        w = _weights_for_areas(args.weights, areas)
        if method == "gi-star":
            gres = gi_star(
                values,
                w,
                transform=args.transform,
                permutations=args.permutations,
                seed=args.seed,
                alpha=args.alpha,
                fdr=not args.no_fdr,
            )
            rows = []
            for i, ident in enumerate(gres.ids):
                r = {
                    "id": ident,
                    "value": gres.values[i],
                    "z": gres.z[i],
                    "p_norm": gres.p_norm[i],
                    "q_value": gres.q_value[i],
                    "label": gres.label[i],
                    "neighbours": int(w.cardinalities[i]),
                }
                if gres.p_sim is not None:
                    r["p_sim"] = gres.p_sim[i]
                rows.append(r)
            meta = {
                "method": "gi-star",
                "weights": gres.weights,
                "transform": gres.transform,
                "permutations": gres.permutations,
                "seed": gres.seed,
                "alpha": gres.alpha,
                "fdr": gres.fdr,
                "islands": list(gres.islands),
                "p_norm_rule": "one-sided P(Z >= |z|)",
                "p_sim_rule": "folded: (min(larger, R - larger) + 1) / (R + 1)",
            }
        else:
            mres = local_moran(
                values,
                w,
                transform=args.transform,
                permutations=args.permutations,
                seed=args.seed,
                alpha=args.alpha,
            )
            rows = []
            for i, ident in enumerate(mres.ids):
                r = {
                    "id": ident,
                    "value": mres.values[i],
                    "I": mres.I[i],
                    "lag": mres.lag[i],
                    "quadrant": mres.quadrant[i],
                    "neighbours": int(w.cardinalities[i]),
                }
                if mres.p_sim is not None:
                    r["p_sim"] = mres.p_sim[i]
                    r["significant"] = (
                        bool(mres.significant[i]) if mres.significant is not None else False
                    )
                rows.append(r)
            meta = {
                "method": "local-moran",
                "weights": mres.weights,
                "transform": mres.transform,
                "permutations": mres.permutations,
                "seed": mres.seed,
                "alpha": mres.alpha,
                "islands": list(mres.islands),
                "p_sim_rule": "folded: (min(larger, R - larger) + 1) / (R + 1)",
            }
        if args.format == "geojson":
            fc = _area_features(areas, proj, rows)
            fc.update(meta)
            return fc, None
        return {**meta, "areas": rows}, rows
    if method == "kde":
        ev, proj = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=None, crs=args.crs)
        bw: Any = args.bandwidth
        if bw not in ("scott", "silverman"):
            bw = _positive(bw, "--bandwidth")
        kres = kde_grid(
            ev.x,
            ev.y,
            _positive(str(args.cell), "--cell"),
            bandwidth=bw,
            kernel=args.kernel,
            bounds=_bounds(args.bounds),
        )
        meta = {
            "method": "kde",
            "kernel": kres.kernel,
            "bandwidth": kres.bandwidth,
            "bandwidth_rule": kres.bandwidth_rule,
            "units": "events per km2",
            "n_events": kres.n_events,
            "grid": _grid_info(kres.grid, proj),
        }
        kcols = {"density": kres.density}
        if args.format == "geojson":
            fc = _cell_features(kres.grid, proj, kcols)
            fc.update(meta)
            return fc, None
        rows = _cell_rows(kres.grid, kcols)
        return {**meta, "cells": rows}, rows
    if method == "change":
        ev, _ = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=args.t, crs=args.crs)
        assert ev.t is not None
        cres = change_by_period(ev.t, args.period)
        doc = clean(cres)
        rows = []
        for pc in cres.periods:
            prow: dict[str, Any] = {
                "period": pc.period,
                "start": pc.start,
                "end": pc.end,
                "days": pc.days,
                "count": pc.count,
            }
            for name, cmp in (("previous", pc.vs_previous), ("year_before", pc.vs_year_before)):
                prow[f"{name}_count"] = cmp.reference_count if cmp else None
                prow[f"{name}_rate_ratio"] = cmp.rate_ratio if cmp else None
                prow[f"{name}_p_value"] = cmp.p_value if cmp else None
            rows.append(prow)
        if args.chart:
            doc["control_chart"] = clean(weekly_control_chart(ev.t))
        doc["test"] = (
            "exact conditional binomial test of two Poisson counts, days as exposure; "
            "two-sided p; exact (Clopper-Pearson) rate-ratio interval"
        )
        return doc, rows
    if method == "evaluate":
        keep = (args.category,) if args.category else ()
        ev, _ = io.read_events(
            args.input, x_col=args.x, y_col=args.y, t_col=args.t, crs=args.crs, keep=keep
        )
        assert ev.t is not None
        windows = {}
        for name, text in (("before", args.before), ("after", args.after)):
            parts = text.split("/")
            if len(parts) != 2:
                raise AnalysisInputError(f"--{name}: expected START/END, got {text!r}")
            lo, hi = io.parse_date(parts[0]), io.parse_date(parts[1])
            if hi < lo:
                raise AnalysisInputError(f"--{name}: end is before start ({text})")
            windows[name] = (lo, hi + 1.0)
        weights_map = None
        if args.harm_weights:
            if not args.category:
                raise AnalysisInputError("--harm-weights needs --category")
            try:
                weights_map = json.loads(Path(args.harm_weights).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise AnalysisInputError(f"--harm-weights: cannot read weights ({exc})") from None
        counts: dict[str, AreaCounts] = {}
        harm: dict[str, float] = {}
        for name in ("treated", "buffer", "control"):
            path = getattr(args, name)
            if path is None:
                continue
            areas, _ = io.read_areas(path, crs=args.crs)
            region = shapely.union_all(areas.geoms)
            inside = shapely.covers(region, shapely.points(ev.x, ev.y))
            c = {}
            for wname, (lo, hi) in windows.items():
                sel = inside & (ev.t >= lo) & (ev.t < hi)
                c[wname] = int(sel.sum())
                if weights_map is not None:
                    total = 0.0
                    for k_ev in np.flatnonzero(sel):
                        cat = ev.properties[int(k_ev)].get(args.category)
                        if cat not in weights_map:
                            raise AnalysisInputError(f"no harm weight for category {cat!r}")
                        total += float(weights_map[cat])
                    harm[f"{name}_{wname}"] = total
            counts[name] = AreaCounts(before=c["before"], after=c["after"])
        eres = evaluate_intervention(
            counts["treated"],
            counts["control"],
            buffer=counts.get("buffer"),
            before_days=windows["before"][1] - windows["before"][0],
            after_days=windows["after"][1] - windows["after"][0],
            harm=harm or None,
        )
        doc = clean(eres)
        rows = [{"area": n, "before": c.before, "after": c.after} for n, c in counts.items()]
        return doc, rows
    raise AnalysisInputError(f"unknown method {method!r}")  # pragma: no cover


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AnalysisInputError(f"cannot write {out}: {exc.strerror}") from None


def main(argv: list[str]) -> int:
    """Run one analysis; returns 0 on success and 2 on bad input."""
    try:
        args = build_parser().parse_args(argv)
        doc, rows = _run(args)
        if args.format == "csv":
            if rows is None:
                raise AnalysisInputError("this result has no CSV form; use --format json")
            buf = _stdio.StringIO()
            cleaned = clean(rows)
            writer = csv.DictWriter(buf, fieldnames=list(cleaned[0].keys()) if cleaned else [])
            writer.writeheader()
            writer.writerows(cleaned)
            _write(buf.getvalue(), args.out)
        else:
            _write(json.dumps(clean(doc), ensure_ascii=False, allow_nan=False) + "\n", args.out)
        return 0
    except AnalysisInputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
