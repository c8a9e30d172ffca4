"""The period that is not over: drawn apart with the last day counted, never flagged by the
control chart, never compared as if complete; navigation does not run past the data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from samtrygg.documents import charts
from samtrygg.picture.compute import compute_picture
from samtrygg.picture.coverage import SourceRecord
from samtrygg.picture.data import PictureData, Reference, load_picture_data, scope_for_user
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.temporal import control_chart_figures
from samtrygg.situation.maps import control_chart, period_chart
from samtrygg.situation.tests.helpers import A, Row, grid_areas, write_incidents
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db

SPIKE = 40


@pytest.fixture
def steady(world: World) -> World:
    """One incident a day for three years up to yesterday, and a spike of ``SPIKE`` just
    after midnight today."""
    grid_areas()
    today = timezone.localdate()
    days = [today - dt.timedelta(days=k) for k in range(1, 3 * 365)]
    rows = [Row(dt.datetime.combine(d, dt.time(12)), "skadegorelse", A) for d in days]
    rows += [Row(dt.datetime.combine(today, dt.time(0, 5)), "skadegorelse", A)] * SPIKE
    write_incidents(rows, organisation=world.organisations["housing"])
    return world


def test_the_week_not_over_is_drawn_apart_and_never_flagged(steady) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    params = PictureParams.for_period("month", today)
    fig = picture_for_user(user=steady.user("analyst"), params=params)
    assert not fig.complete and fig.data_through == today
    last = fig.control_chart.weeks[-1]
    iso = monday.isocalendar()
    assert last.week == f"{iso.year}-W{iso.week:02d}"
    assert (last.complete, last.through, last.flagged) == (False, today, False)
    # the days of the week so far, within the month (as its bar counts them)
    since = max(monday, params.start)
    assert last.count == SPIKE + (today - since).days
    assert last.since == (since if since > monday else None)
    assert last.week not in fig.control_chart.flagged
    assert all(w.complete for w in fig.control_chart.weeks[:-1])
    # the bars: the bucket of today is not over, none after it is drawn
    rows = fig.by_period.rows
    assert rows[-1].through == today and not rows[-1].complete
    assert all(r.start <= today for r in rows)
    assert "t.o.m." in _svg(control_chart(fig)) and "t.o.m." in _svg(period_chart(fig))

    # had the week been over, the same counts would be flagged: the rule is what holds it
    scope = scope_for_user(steady.user("analyst"))
    # (over a period holding the whole week: a week the period cuts is never flagged either)
    whole = PictureParams("custom", monday - dt.timedelta(days=21), monday + dt.timedelta(days=6))
    later = compute_picture(load_picture_data(whole, scope, today=monday + dt.timedelta(days=7)))
    week = next(w for w in later.control_chart.weeks if w.week == last.week)
    assert week.complete and week.flagged


def _svg(fig) -> str:  # type: ignore[no-untyped-def]
    with translation.override("sv"):
        return charts.to_svg(fig)


def test_dashboard_and_est_say_the_period_is_not_over(steady) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), steady.user("analyst"))
    today = timezone.localdate()
    page = client.get(
        reverse("situation:dashboard"), {"period": "month", "at": today.isoformat()}
    ).content.decode()
    assert f"Perioden är inte slut: siffrorna gäller t.o.m. {today.isoformat()}." in page
    # the EST view offers no week after the current one, nor one before the data
    est = client.get(reverse("situation:est"), {"week": today.isoformat()}).content.decode()
    assert 'rel="next"' not in est and 'rel="prev"' in est
    future = client.get(
        reverse("situation:est"), {"week": (today + dt.timedelta(days=60)).isoformat()}
    ).content.decode()
    iso = today.isocalendar()
    assert f"Vecka {iso.week}, {iso.year}" in future  # kept to the current week
    first = today - dt.timedelta(days=3 * 365 - 1)
    old = client.get(reverse("situation:est"), {"week": "2001-01-01"}).content.decode()
    assert f"Vecka {first.isocalendar().week}, {first.isocalendar().year}" in old
    assert 'rel="prev"' not in old


def test_a_week_only_partly_on_record_is_no_baseline() -> None:
    """Data that begin on a Thursday: that week's four days are not a baseline for the same
    week a year later (it would be flagged for a count that is merely whole)."""
    first = dt.date(2024, 12, 5)  # a Thursday
    days = np.arange(np.datetime64(first), np.datetime64(dt.date(2026, 1, 31)))
    counts = np.full(days.size, 30, dtype=np.int64)
    params = PictureParams.for_period("month", dt.date(2025, 12, 15))
    ref = Reference(first, first, {}, {}, 1, np.ones(31, dtype=bool), sources=(1,))
    data = PictureData(
        params=params,
        scope=None,  # type: ignore[arg-type]
        arrays=None,  # type: ignore[arg-type]
        categories={},
        areas=[],
        previous=ref,
        year_before=ref,
        history_days=days,
        history_counts=counts,
        records={1: SourceRecord(1, "A", first, dt.date(2026, 1, 31), int(counts.sum()))},
        today=dt.date(2026, 6, 1),
    )
    chart = control_chart_figures(data)
    assert chart.flagged == []
    assert chart.weeks and all(w.count == 210 for w in chart.weeks if w.complete)
    # the week the month ends within counts its three December days, as its bar does
    cut = chart.weeks[-1]
    assert (cut.complete, cut.until, cut.count) == (False, dt.date(2025, 12, 31), 90)


def test_bar_chart_and_control_chart_agree_per_week(steady) -> None:  # type: ignore[no-untyped-def]
    """A month cut into weeks: a week the month begins or ends within is the month's days of
    it in both charts (the bars once said 35 for a week the control chart counted whole as
    245), drawn apart and never flagged; whole weeks are the same counts in both."""
    today = timezone.localdate()
    # A month whose first and last days fall mid-week, well before today.
    day = today.replace(day=15) - dt.timedelta(days=60)
    while True:
        params = PictureParams.for_period("month", day)
        start, end = params.start, params.end
        if start.weekday() != 0 and end.weekday() != 6:
            break
        day -= dt.timedelta(days=31)
    fig = picture_for_user(user=steady.user("analyst"), params=params)
    assert fig.by_period.unit == "week"
    bars = {r.label: r for r in fig.by_period.rows}
    weeks = {w.week: w for w in fig.control_chart.weeks}
    assert set(bars) == set(weeks)
    for label, bar in bars.items():
        week = weeks[label]
        assert week.count == bar.count, label
        assert week.complete == bar.complete, label
        if not bar.complete:
            assert not week.flagged
            assert week.counted == (bar.start, bar.end)
    first, last = bars[min(bars)], bars[max(bars)]
    assert first.count == (7 - start.weekday()) and not first.complete  # one a day
    assert weeks[min(weeks)].since == start and weeks[max(weeks)].until == end
    assert last.count == end.weekday() + 1
    assert "fr.o.m." in _svg(control_chart(fig))


def test_the_dashboard_offers_no_day_outside_the_data(steady) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), steady.user("analyst"))
    today = timezone.localdate()
    first = today - dt.timedelta(days=3 * 365 - 1)
    url = reverse("situation:dashboard")
    page = client.get(url)
    assert f'max="{today.isoformat()}"' in page.content.decode()
    assert f'min="{first.isoformat()}"' in page.content.decode()
    for day in (today + dt.timedelta(days=7), first - dt.timedelta(days=1)):
        refused = client.get(url, {"period": "week", "at": day.isoformat()})
        assert refused.status_code == 400
        assert (
            f"Underlaget sträcker sig från {first.isoformat()} till {today.isoformat()}"
            in refused.content.decode()
        )
    future = client.get(
        url,
        {
            "period": "custom",
            "start": today.isoformat(),
            "end": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert future.status_code == 400
    assert client.get(url, {"period": "week", "at": first.isoformat()}).status_code == 200


def _month_starting_on_a_sunday(before: dt.date) -> dt.date:
    """The latest month before ``before`` whose first week has one day in it (the 1st is
    a Sunday) and whose last week has several (the last day is neither Sunday nor Monday)."""
    first = before.replace(day=1)
    while True:
        first = (first - dt.timedelta(days=1)).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        if first.weekday() == 6 and last.weekday() not in (6, 0):
            return first


def test_the_partial_weeks_of_a_month_are_told_one_sentence_each(world: World) -> None:
    first = _month_starting_on_a_sunday(timezone.localdate() - dt.timedelta(days=40))
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    monday = last - dt.timedelta(days=last.weekday())
    grid_areas()
    # on record from a fortnight before the month, so its first week is not cut by the data
    days = [first + dt.timedelta(days=k) for k in range(-14, (last - first).days + 1)]
    rows = [Row(dt.datetime.combine(d, dt.time(12)), "skadegorelse", A) for d in days]
    write_incidents(rows, organisation=world.organisations["housing"])
    client = login(Client(), world.user("analyst"))
    page = client.get(
        reverse("situation:dashboard"), {"period": "month", "at": first.isoformat()}
    ).content.decode()
    week = first.isocalendar()
    one_day = (
        f"Vecka {week.year}-W{week.week:02d} räknas bara för periodens dag ({first.isoformat()}),"
        " som staplarna: den ritas streckad och flaggas aldrig."
    )
    assert one_day in page
    # The next sentence starts after a space, not straight after the full stop.
    tail = page.split(one_day)[1]
    assert tail.startswith("</span> <span")
    end = last.isocalendar()
    assert (
        f"Vecka {end.year}-W{end.week:02d} räknas bara för periodens dagar"
        f" ({monday.isoformat()}–{last.isoformat()})"
    ) in tail
