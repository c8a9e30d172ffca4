"""``change``: counts per period with exact change tests, and a weekly control chart."""

from __future__ import annotations

import argparse
from typing import Any

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import Result, clean
from samtrygg.analysis.trends import change_by_period, weekly_control_chart


def run(args: argparse.Namespace) -> Result:
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
