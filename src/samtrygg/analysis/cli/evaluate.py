"""``evaluate``: an intervention's effect (DiD, WDQ, WDD) from events and area polygons."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import shapely

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import Result, clean
from samtrygg.analysis.evaluation import AreaCounts, evaluate_intervention
from samtrygg.analysis.types import AnalysisInputError


def run(args: argparse.Namespace) -> Result:
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
