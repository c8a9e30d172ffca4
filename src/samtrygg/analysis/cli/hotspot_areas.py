"""``gi-star`` and ``local-moran`` on areas (a GeoJSON file of polygons)."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import Result, parse_weights
from samtrygg.analysis.hotspots import gi_star
from samtrygg.analysis.moran import local_moran
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.analysis.weights import SpatialWeights, distance_band_weights, polygon_contiguity


def run_on_areas(args: argparse.Namespace) -> Result:
    method = args.method
    if Path(args.input).suffix.lower() not in (".geojson", ".json"):
        raise AnalysisInputError(
            f"{method} on areas needs a GeoJSON file of polygons (or --cell for the grid version)"
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
        fc = area_features(areas, proj, rows)
        fc.update(meta)
        return fc, None
    return {**meta, "areas": rows}, rows


def _weights_for_areas(spec: str, areas: io.Areas) -> SpatialWeights:
    kind, dist = parse_weights(spec)
    if dist is None:
        return polygon_contiguity(areas.geoms, areas.ids, kind=kind)  # type: ignore[arg-type]
    pts = shapely.centroid(np.array(areas.geoms, dtype=object))
    return distance_band_weights(shapely.get_x(pts), shapely.get_y(pts), dist, areas.ids)


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


def area_features(
    areas: io.Areas, proj: io.Projection, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    feats = []
    for g, r in zip(areas.geoms, rows, strict=True):
        if proj.inverse is not None:
            inv = proj.inverse
            g = shapely.transform(g, lambda c, inv=inv: np.column_stack(inv(c[:, 0], c[:, 1])))
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": r})
    return {"type": "FeatureCollection", "features": feats}
