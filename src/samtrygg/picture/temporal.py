"""Figures over time: change against earlier periods, counts per day, week or month, the
weekday × hour table and the weekly control chart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import numpy as np

from samtrygg.analysis.trends import RateComparison, compare_rates, weekly_control_chart
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.picture.data import PictureData
from samtrygg.picture.method import ALPHA, HEAT_MAX_HOURS, round_float


def comparison(c: RateComparison) -> dict[str, Any]:
    return {
        "count": c.count,
        "reference": c.reference_count,
        "rate_ratio": round_float(c.rate_ratio),
        "ci_low": round_float(c.ci_low),
        "ci_high": round_float(c.ci_high),
        "p_value": round_float(c.p_value, 6),
        "significant": c.p_value is not None and c.p_value < ALPHA,
        "few": bool(c.note),
        "change_pct": (
            None if c.rate_ratio is None else round((float(c.rate_ratio) - 1.0) * 100.0, 1)
        ),
    }


def compare_figure(
    count: int, reference: int, days: int, reference_days: int, *, partial: bool = False
) -> dict[str, Any]:
    """``partial``: the comparison period starts before the first incident on record, so
    its count is incomplete and the change says little."""
    return comparison(compare_rates(count, reference, days, reference_days)) | {"partial": partial}


def local_days(local_time: np.ndarray) -> np.ndarray:
    return local_time.astype("datetime64[D]")


def week_start(days: np.ndarray) -> np.ndarray:
    n = days.astype(np.int64)
    return (n - (n + 3) % 7).astype("datetime64[D]")


def _bucket(days: np.ndarray, unit: str) -> np.ndarray:
    if unit == "day":
        return days
    if unit == "week":
        return week_start(days)
    return days.astype("datetime64[M]").astype("datetime64[D]")


def bucket_unit(days: int) -> str:
    if days <= 14:
        return "day"
    if days <= 120:
        return "week"
    return "month"


def bucket_label(start: dt.date, unit: str) -> str:
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return start.strftime("%Y-%m")


def bucket_starts(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    out = []
    cur = _bucket(np.array([first], dtype="datetime64[D]"), unit)[0].astype(dt.date)
    while cur <= last:
        out.append(cur)
        if unit == "day":
            cur += dt.timedelta(days=1)
        elif unit == "week":
            cur += dt.timedelta(days=7)
        else:
            cur = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    return out


def by_period_figures(days: np.ndarray, start: dt.date, end: dt.date) -> dict[str, Any]:
    unit = bucket_unit((end - start).days + 1)
    starts = bucket_starts(start, end, unit)
    keys = _bucket(days, unit)
    counts = Counter(keys.astype(dt.date).tolist()) if days.size else Counter()
    rows = []
    for i, s in enumerate(starts):
        e = (starts[i + 1] - dt.timedelta(days=1)) if i + 1 < len(starts) else end
        rows.append(
            {
                "label": bucket_label(s, unit),
                "start": max(s, start).isoformat(),
                "end": min(e, end).isoformat(),
                "count": int(counts.get(s, 0)),
            }
        )
    return {"unit": unit, "rows": rows}


def weekday_hour_figures(data: PictureData) -> dict[str, Any]:
    a = data.arrays
    length_h = (a.t_to - a.t) * 24.0
    ok = length_h <= HEAT_MAX_HOURS
    mid = a.local_time[ok] + (length_h[ok] * 1800.0).astype("timedelta64[s]")
    hours = (mid.astype("datetime64[h]").astype(np.int64) % 24).astype(np.int64)
    weekdays = ((mid.astype("datetime64[D]").astype(np.int64) + 3) % 7).astype(np.int64)
    table = np.zeros((7, 24), dtype=np.int64)
    np.add.at(table, (weekdays, hours), 1)
    return {"table": table.tolist(), "excluded": int((~ok).sum()), "max": int(table.max())}


def control_chart_figures(data: PictureData) -> dict[str, Any]:
    p = data.params
    if data.history_counts.sum() == 0:
        return {"weeks": [], "flagged": [], "note": "no_data"}
    day_numbers = data.history_days.astype(np.int64).astype(float)
    t = np.repeat(day_numbers, data.history_counts)
    try:
        chart = weekly_control_chart(t, baseline_years=2, window=1)
    except AnalysisInputError:
        return {"weeks": [], "flagged": [], "note": "no_data"}
    first = bucket_label(p.start - dt.timedelta(days=p.start.weekday()), "week")
    last = bucket_label(p.end, "week")
    weeks = [
        {
            "week": w.week,
            "count": w.count,
            "baseline": round_float(w.baseline, 2),
            "ewma": round_float(w.ewma, 3),
            "limit": round_float(w.upper_limit, 3),
            "flagged": w.flagged,
        }
        for w in chart.weeks
        if first <= w.week <= last
    ]
    return {
        "weeks": weeks,
        "flagged": [w["week"] for w in weeks if w["flagged"]],
        "note": "" if any(w["baseline"] is not None for w in weeks) else "no_baseline",
    }
