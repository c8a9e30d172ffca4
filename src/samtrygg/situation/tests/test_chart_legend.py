"""The bar chart's legend ("not a whole period") never covers a bar: the month's full
weeks are the tallest bars and the legend used to sit on them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast

from samtrygg.picture.types import ByPeriod, PeriodRow
from samtrygg.situation.maps import period_chart


def _week(n: int, count: int, *, complete: bool = True) -> PeriodRow:
    start = dt.date(2026, 10, 26) + dt.timedelta(weeks=n)
    return PeriodRow(f"2026-W{44 + n}", start, start + dt.timedelta(days=6), count, complete)


def test_the_legend_sits_clear_of_the_bars() -> None:
    # November 2026 as the dashboard draws it: two cut weeks around four full ones.
    rows = [_week(0, 34, complete=False)]
    rows += [_week(n, c) for n, c in enumerate((257, 245, 250, 258), start=1)]
    rows += [_week(5, 40, complete=False)]
    # Only the picture's bars are drawn: a stand-in with them is enough.
    picture = cast(Any, SimpleNamespace(by_period=ByPeriod(unit="week", rows=rows)))
    fig = period_chart(picture)
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent()
    bars = [patch.get_window_extent() for patch in ax.patches]
    assert len(bars) == len(rows)
    assert [b for b in bars if b.overlaps(legend)] == []
