"""``knox`` (the Knox space-time test) and ``near-repeat`` (per-event neighbour counts)."""

from __future__ import annotations

import argparse

import numpy as np

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import (
    Result,
    parse_floats,
)
from samtrygg.analysis.cli.table import ColumnRows
from samtrygg.analysis.knox import knox_test, near_repeat_counts


def run(args: argparse.Namespace) -> Result:
    method = args.method
    ev, _ = io.read_events(args.input, x_col=args.x, y_col=args.y, t_col=args.t, crs=args.crs)
    assert ev.t is not None
    if method == "knox":
        res = knox_test(
            ev.x,
            ev.y,
            ev.t,
            parse_floats(args.distance_bands, "--distance-bands"),
            parse_floats(args.time_bands, "--time-bands"),
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
    counts = np.asarray(nrc.counts, dtype=np.int64)
    # one row per event: held as columns, written column-wise (cli/table.py)
    events = ColumnRows({"row": np.arange(1, counts.size + 1), "neighbours": counts})
    doc = {
        "distance": nrc.distance,
        "time_window": nrc.time_window,
        "metric": nrc.metric,
        "direction": nrc.direction,
        "band_rule": nrc.band_rule,
        "events": events,
    }
    return doc, events
