"""Figures over time: change against earlier periods, counts per day, week or month, the
weekday × hour table and the weekly control chart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np

from samtrygg.analysis.trends import compare_rates, weekly_control_chart
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.picture.coverage import Cover
from samtrygg.picture.data import PictureData
from samtrygg.picture.method import ALPHA, HEAT_MAX_HOURS, round_float
from samtrygg.picture.types import (
    ByPeriod,
    Comparison,
    ControlChart,
    ControlWeek,
    PeriodRow,
    WeekdayHour,
)

#: Fewer incidents than this in the two periods: too few to conclude (as ``compare_rates``).
FEW = 10


def _change_pct(rate_ratio: float | None) -> float | None:
    if rate_ratio is None:
        return None
    pct = round((float(rate_ratio) - 1.0) * 100.0, 1)
    return 0.0 if pct == 0 else pct  # never "−0 %"


def compare(count: int, reference: int, cover: Cover) -> Comparison:
    """``count`` incidents on the covered days of a period against ``reference`` on the
    covered days of its reference period (covered days as exposure); withheld when either
    period is less than half covered (``coverage.withheld``)."""
    days, reference_days, covered_days, reference_covered_days = cover
    if cover.withheld:
        return Comparison(
            count=count,
            reference=reference,
            days=days,
            reference_days=reference_days,
            covered_days=covered_days,
            reference_covered_days=reference_covered_days,
            withheld=True,
            rate_ratio=None,
            ci_low=None,
            ci_high=None,
            p_value=None,
            significant=False,
            few=count + reference < FEW,
            change_pct=None,
            partial=cover.partial,
        )
    c = compare_rates(count, reference, covered_days, reference_covered_days)
    return Comparison(
        count=count,
        reference=reference,
        days=days,
        reference_days=reference_days,
        covered_days=covered_days,
        reference_covered_days=reference_covered_days,
        withheld=False,
        rate_ratio=round_float(c.rate_ratio),
        ci_low=round_float(c.ci_low),
        ci_high=round_float(c.ci_high),
        p_value=round_float(c.p_value, 6),
        significant=c.p_value is not None and c.p_value < ALPHA,
        few=bool(c.note),
        change_pct=_change_pct(c.rate_ratio),
        partial=cover.partial,
    )


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


def by_period_figures(days: np.ndarray, start: dt.date, end: dt.date, today: dt.date) -> ByPeriod:
    """Counts per day, week or month of the period. A bucket cut by the period's edges or
    not over yet is marked incomplete (with the last day counted); buckets that have not
    begun are left out."""
    unit = bucket_unit((end - start).days + 1)
    starts = bucket_starts(start, end, unit)
    keys = _bucket(days, unit)
    counts = Counter(keys.astype(dt.date).tolist()) if days.size else Counter()
    rows = []
    for s in starts:
        if s > today:
            break
        natural_end = _bucket_end(s, unit)
        first, last = max(s, start), min(natural_end, end)
        through = today if today <= last else None  # today is not over either
        rows.append(
            PeriodRow(
                label=bucket_label(s, unit),
                start=first,
                end=last,
                count=int(counts.get(s, 0)),
                complete=first == s and last == natural_end and through is None,
                through=through,
            )
        )
    return ByPeriod(unit=unit, rows=rows)


def _bucket_end(s: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return s
    if unit == "week":
        return s + dt.timedelta(days=6)
    return bucket_starts(s, s + dt.timedelta(days=31), unit)[1] - dt.timedelta(days=1)


def weekday_hour_figures(data: PictureData) -> WeekdayHour:
    a = data.arrays
    length_h = (a.t_to - a.t) * 24.0
    ok = length_h <= HEAT_MAX_HOURS
    mid = a.local_time[ok] + (length_h[ok] * 1800.0).astype("timedelta64[s]")
    hours = (mid.astype("datetime64[h]").astype(np.int64) % 24).astype(np.int64)
    weekdays = ((mid.astype("datetime64[D]").astype(np.int64) + 3) % 7).astype(np.int64)
    table = np.zeros((7, 24), dtype=np.int64)
    np.add.at(table, (weekdays, hours), 1)
    return WeekdayHour(table=table.tolist(), excluded=int((~ok).sum()), max=int(table.max()))


def _first_whole_week(data: PictureData) -> dt.date | None:
    """The Monday of the first week every source the picture rests on covers from its
    start (``None`` without sources)."""
    used = set(data.previous.sources) | set(data.year_before.sources)
    firsts = [data.records[o].first_day for o in used if o in data.records]
    if not firsts:
        return None
    start = max(firsts)
    return start + dt.timedelta(days=(7 - start.weekday()) % 7)


def count_between(days: np.ndarray, counts: np.ndarray, first: dt.date, last: dt.date) -> int:
    """The incidents of ``counts`` per local day ``days`` from ``first`` to ``last``."""
    inside = (days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))
    return int(counts[inside].sum())


def _cut_by_period(
    week: ControlWeek, start: dt.date, end: dt.date, days: np.ndarray, counts: np.ndarray
) -> ControlWeek:
    """A week the period's first or last day falls within is shown as the bar chart shows
    it: the period's days of it, drawn apart, never flagged (a whole week's count beside a
    bar of its period's days read as two different figures for one week)."""
    monday, sunday = week.counted
    first, last = max(monday, start), min(sunday, end)
    if (first, last) == (monday, sunday):
        return week
    return ControlWeek(
        week=week.week,
        count=count_between(days, counts, first, last),
        baseline=week.baseline,
        ewma=None,
        limit=None,
        flagged=False,
        complete=False,
        since=first if first > monday else None,
        until=last if last < sunday else None,
    )


def control_chart_figures(data: PictureData) -> ControlChart:
    """The EWMA chart of the period's ISO weeks. The week that is not over yet is left out
    of the chart's computation (a partial count would plunge and be flagged) and shown
    apart with its count so far."""
    p = data.params
    today = data.today
    monday = today - dt.timedelta(days=today.weekday())
    days, counts = data.history_days, data.history_counts
    done = days < np.datetime64(monday, "D")
    # A week only partly on record (the data begin mid-week) would be a low baseline for
    # the same week a year later: the chart starts with the first whole week on record.
    whole = _first_whole_week(data)
    if whole is not None:
        done &= days >= np.datetime64(whole, "D")
    if counts.sum() == 0:
        return ControlChart(weeks=[], flagged=[], note="no_data")
    weeks: list[ControlWeek] = []
    first = bucket_label(p.start - dt.timedelta(days=p.start.weekday()), "week")
    last = bucket_label(p.end, "week")
    if counts[done].sum() > 0:
        t = np.repeat(days[done].astype(np.int64).astype(float), counts[done])
        try:
            chart = weekly_control_chart(t, baseline_years=2, window=1)
        except AnalysisInputError:
            chart = None
        if chart is not None:
            weeks = [
                ControlWeek(
                    week=w.week,
                    count=w.count,
                    baseline=round_float(w.baseline, 2),
                    ewma=round_float(w.ewma, 3),
                    limit=round_float(w.upper_limit, 3),
                    flagged=w.flagged,
                )
                for w in chart.weeks
                if first <= w.week <= last
            ]
    weeks = [_cut_by_period(w, p.start, p.end, days, counts) for w in weeks]
    if p.start <= today and monday <= p.end:
        since = max(monday, p.start)
        counted_to = min(today, p.end)
        weeks.append(
            ControlWeek(
                week=bucket_label(monday, "week"),
                count=count_between(days, counts, since, counted_to),
                baseline=None,
                ewma=None,
                limit=None,
                flagged=False,
                complete=False,
                through=today if today <= p.end else None,
                since=since if since > monday else None,
                until=p.end if p.end < today else None,
            )
        )
    if not weeks:
        return ControlChart(weeks=[], flagged=[], note="no_data")
    return ControlChart(
        weeks=weeks,
        flagged=[w.week for w in weeks if w.flagged],
        note="" if any(w.baseline is not None for w in weeks) else "no_baseline",
    )
