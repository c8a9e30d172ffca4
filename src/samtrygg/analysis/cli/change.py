"""``change``: counts per period with exact change tests, and a weekly control chart."""

from __future__ import annotations

import argparse
from typing import Any

from samtrygg.analysis import io
from samtrygg.analysis.cli.common import Result, add_column_options, add_common_options, clean
from samtrygg.analysis.trends import change_by_period, weekly_control_chart


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("change", help="counts per period with exact change tests")
    add_common_options(c)
    add_column_options(c)
    c.add_argument("--period", choices=["week", "month", "quarter"], default="month")
    c.add_argument("--chart", action="store_true", help="add a weekly EWMA control chart")


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
