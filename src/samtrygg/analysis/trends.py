"""Change between periods and weekly monitoring.

* Two counts ``c1`` (comparison period) and ``c2`` (current period) with exposures ``e1``,
  ``e2`` (days, population, person-days): under equal rates
  ``c2 | (c1 + c2) ~ Binomial(c1 + c2, e2 / (e1 + e2))``. The two-sided exact test is scipy's
  ``binomtest``; the exact (Clopper–Pearson) interval for the binomial proportion ``pi``
  gives the rate-ratio interval ``RR = pi / (1 - pi) * e1 / e2``.
* Periods: ISO weeks (Monday–Sunday), calendar months or quarters. Each period is compared
  with the previous one and with the same period one year earlier (the ISO week with the same
  number, or the same month/quarter), with the number of days as exposure; a partially
  covered period uses the days actually inside the data's date range.
* Control chart: for each week, the baseline is the mean count of the same ISO week
  (± ``window`` weeks) in up to ``baseline_years`` earlier years; the standardised residual is
  ``(count - baseline) / sqrt(baseline)`` (Poisson) and an EWMA
  ``E_t = lambda r_t + (1 - lambda) E_(t-1)`` is flagged when it exceeds
  ``L * sqrt(lambda / (2 - lambda) * (1 - (1 - lambda)**(2 t)))`` (upper limit only: the chart
  looks for unusual increases). Weeks without a baseline are not charted.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats

from samtrygg.analysis.types import AnalysisInputError, ArrayLike, as_float_vector

Period = Literal["week", "month", "quarter"]
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class RateComparison:
    """Exact conditional comparison of two Poisson counts with exposures."""

    count: int
    exposure: float
    reference_count: int
    reference_exposure: float
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    confidence: float
    note: str


def compare_rates(
    count: int,
    reference_count: int,
    exposure: float = 1.0,
    reference_exposure: float = 1.0,
    *,
    confidence: float = 0.95,
) -> RateComparison:
    """Rate ratio ``(count / exposure) / (reference_count / reference_exposure)``, exact test.

    Two-sided p-value of the conditional binomial test and exact confidence interval.
    """
    for name, v in (("count", count), ("reference_count", reference_count)):
        if isinstance(v, bool) or int(v) != v or v < 0:
            raise AnalysisInputError(f"{name} must be a non-negative whole number, got {v!r}")
    for name, e in (("exposure", exposure), ("reference_exposure", reference_exposure)):
        if not (math.isfinite(e) and e > 0):
            raise AnalysisInputError(f"{name} must be positive, got {e!r}")
    if not 0 < confidence < 1:
        raise AnalysisInputError(f"confidence must lie in (0, 1), got {confidence!r}")
    c2, c1 = int(count), int(reference_count)
    total = c1 + c2
    ratio_e = reference_exposure / exposure
    if total == 0:
        return RateComparison(
            c2,
            exposure,
            c1,
            reference_exposure,
            None,
            None,
            None,
            None,
            confidence,
            "no events in either period: nothing to compare",
        )
    share = exposure / (exposure + reference_exposure)
    res = stats.binomtest(c2, total, share)
    ci = res.proportion_ci(confidence_level=confidence, method="exact")

    def to_rr(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * ratio_e

    rr = (c2 / exposure) / (c1 / reference_exposure) if c1 > 0 else math.inf
    note = ""
    if total < 10:
        note = f"only {total} events in the two periods: too few to conclude anything"
    return RateComparison(
        count=c2,
        exposure=float(exposure),
        reference_count=c1,
        reference_exposure=float(reference_exposure),
        rate_ratio=rr if math.isfinite(rr) else None,
        ci_low=to_rr(ci.low),
        ci_high=to_rr(ci.high) if ci.high < 1 else None,
        p_value=float(res.pvalue),
        confidence=confidence,
        note=note,
    )


def _period_key(d: dt.date, period: Period) -> tuple[int, int]:
    if period == "week":
        iso = d.isocalendar()
        return (iso.year, iso.week)
    if period == "month":
        return (d.year, d.month)
    return (d.year, (d.month - 1) // 3 + 1)


def _period_start(key: tuple[int, int], period: Period) -> dt.date:
    if period == "week":
        return dt.date.fromisocalendar(key[0], key[1], 1)
    if period == "month":
        return dt.date(key[0], key[1], 1)
    return dt.date(key[0], 3 * (key[1] - 1) + 1, 1)


def _next_key(key: tuple[int, int], period: Period) -> tuple[int, int]:
    start = _period_start(key, period)
    if period == "week":
        return _period_key(start + dt.timedelta(days=7), period)
    per_year = 12 if period == "month" else 4
    return (key[0] + 1, 1) if key[1] == per_year else (key[0], key[1] + 1)


def _label(key: tuple[int, int], period: Period) -> str:
    if period == "week":
        return f"{key[0]}-W{key[1]:02d}"
    if period == "month":
        return f"{key[0]}-{key[1]:02d}"
    return f"{key[0]}-Q{key[1]}"


@dataclass(frozen=True)
class PeriodChange:
    """One period's count and its comparison with the previous period and a year earlier."""

    period: str
    start: str
    end: str
    days: int
    count: int
    vs_previous: RateComparison | None
    vs_year_before: RateComparison | None


@dataclass(frozen=True)
class ChangeResult:
    """Counts per period with changes (see :func:`change_by_period`)."""

    period: str
    periods: tuple[PeriodChange, ...]
    n_events: int


def days_to_dates(t: ArrayLike) -> list[dt.date]:
    """Day numbers (days since 1970-01-01, fractions allowed) to calendar dates."""
    ta = as_float_vector("t", t)
    return [EPOCH + dt.timedelta(days=math.floor(v)) for v in ta]


def change_by_period(
    t: ArrayLike,
    period: Period = "month",
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    confidence: float = 0.95,
) -> ChangeResult:
    """Counts per week/month/quarter, each compared with the previous and year-earlier period.

    ``t`` holds event times in days since 1970-01-01. The covered range is ``start``..``end``
    (inclusive dates; default the first and last event).
    """
    if period not in ("week", "month", "quarter"):
        raise AnalysisInputError(f"period must be week, month or quarter, got {period!r}")
    dates = days_to_dates(t)
    first = start or min(dates)
    last = end or max(dates)
    if last < first:
        raise AnalysisInputError(f"end {last} is before start {first}")
    counts: dict[tuple[int, int], int] = {}
    for d in dates:
        if first <= d <= last:
            k = _period_key(d, period)
            counts[k] = counts.get(k, 0) + 1
    keys = []
    k = _period_key(first, period)
    last_key = _period_key(last, period)
    while True:
        keys.append(k)
        if k == last_key:
            break
        k = _next_key(k, period)
    info: dict[tuple[int, int], tuple[dt.date, dt.date, int]] = {}
    for i, k in enumerate(keys):
        s = _period_start(k, period)
        e = (
            _period_start(keys[i + 1], period)
            if i + 1 < len(keys)
            else _period_start(_next_key(k, period), period)
        ) - dt.timedelta(days=1)
        s2, e2 = max(s, first), min(e, last)
        info[k] = (s2, e2, (e2 - s2).days + 1)
    out = []
    for i, k in enumerate(keys):
        s, e, days = info[k]
        c = counts.get(k, 0)
        prev = None
        if i > 0:
            pk = keys[i - 1]
            prev = compare_rates(c, counts.get(pk, 0), days, info[pk][2], confidence=confidence)
        yk = (k[0] - 1, k[1])
        year = None
        if yk in info:
            year = compare_rates(c, counts.get(yk, 0), days, info[yk][2], confidence=confidence)
        out.append(
            PeriodChange(_label(k, period), s.isoformat(), e.isoformat(), days, c, prev, year)
        )
    return ChangeResult(period=period, periods=tuple(out), n_events=len(dates))


@dataclass(frozen=True)
class ControlChartWeek:
    week: str
    count: int
    baseline: float | None
    residual: float | None
    ewma: float | None
    upper_limit: float | None
    flagged: bool


@dataclass(frozen=True)
class ControlChartResult:
    """EWMA chart of weekly counts against a seasonal baseline."""

    weeks: tuple[ControlChartWeek, ...]
    lam: float
    limit_sigma: float
    baseline_years: int
    window: int


def weekly_control_chart(
    t: ArrayLike,
    *,
    lam: float = 0.2,
    limit_sigma: float = 3.0,
    baseline_years: int = 3,
    window: int = 1,
) -> ControlChartResult:
    """EWMA control chart of ISO-week counts (times in days since 1970-01-01)."""
    if not 0 < lam <= 1:
        raise AnalysisInputError(f"lambda must lie in (0, 1], got {lam!r}")
    dates = days_to_dates(t)
    first = min(dates)
    first = first - dt.timedelta(days=first.weekday())
    n_weeks = (max(dates) - first).days // 7 + 1
    idx = np.array([(d - first).days // 7 for d in dates])
    counts = np.bincount(idx, minlength=n_weeks)
    starts = [first + dt.timedelta(days=7 * i) for i in range(n_weeks)]
    weeks = []
    e_prev = 0.0
    steps = 0
    for i, s in enumerate(starts):
        iso = s.isocalendar()
        base_vals = []
        for back in range(1, baseline_years + 1):
            for off in range(-window, window + 1):
                j = i - round(back * 52.1775) + off
                if 0 <= j < n_weeks:
                    base_vals.append(counts[j])
        label = f"{iso.year}-W{iso.week:02d}"
        if not base_vals:
            weeks.append(ControlChartWeek(label, int(counts[i]), None, None, None, None, False))
            continue
        base = float(np.mean(base_vals))
        resid = (counts[i] - base) / math.sqrt(max(base, 0.5))
        steps += 1
        e_prev = lam * resid + (1 - lam) * e_prev
        ucl = limit_sigma * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * steps)))
        weeks.append(
            ControlChartWeek(
                label, int(counts[i]), base, float(resid), e_prev, ucl, bool(e_prev > ucl)
            )
        )
    return ControlChartResult(tuple(weeks), lam, limit_sigma, baseline_years, window)
