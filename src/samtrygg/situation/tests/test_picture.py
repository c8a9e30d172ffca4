"""The computed picture equals hand-computed values on the small town of conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest
from scipy import stats

from samtrygg.picture.data import DataScope, scope_for_user
from samtrygg.picture.params import ParamError, PictureParams, params_from_query
from samtrygg.picture.service import picture_for_scope, picture_for_user

MARCH = PictureParams.for_period("month", dt.date(2026, 3, 15))

pytestmark = pytest.mark.django_db


def test_params_periods() -> None:
    assert (MARCH.start, MARCH.end, MARCH.days) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31), 31)
    prev = MARCH.previous()
    assert (prev.start, prev.end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    year = MARCH.year_before()
    assert (year.start, year.end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    q = PictureParams.for_period("quarter", dt.date(2026, 8, 15))
    assert (q.start, q.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    w = PictureParams.for_period("week", dt.date(2026, 3, 4))
    assert (w.start, w.end) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert w.year_before().start == dt.date(2025, 3, 3)  # ISO week 10 of 2025
    custom = PictureParams("custom", dt.date(2026, 1, 10), dt.date(2026, 1, 19))
    assert (custom.previous().start, custom.previous().end) == (
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 9),
    )


def test_params_from_query_names_the_bad_field() -> None:
    today = dt.date(2026, 11, 24)
    p = params_from_query({"period": "quarter"}, today=today)
    assert (p.start, p.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    with pytest.raises(ParamError) as err:
        params_from_query(
            {"period": "custom", "start": "2026-02-01", "end": "2026-01-01"}, today=today
        )
    assert err.value.field == "end"
    with pytest.raises(ParamError) as err:
        params_from_query({"period": "month", "at": "igår"}, today=today)
    assert err.value.field == "at"
    with pytest.raises(ParamError) as err:
        params_from_query({"period": "month", "area": ["x"]}, today=today)
    assert err.value.field == "area"


def test_figures_equal_hand_counts(town) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=town.world.user("analyst"), params=MARCH)
    # the analyst may not read the restricted burglary: 3 + 2 + 1 notice
    assert fig.totals.incidents == 6
    assert fig.totals.mappable == 5
    cats = {c.code: c for c in fig.by_category}
    assert cats["skadegorelse"].count == 4
    assert cats["inbrott-bostad"].count == 2
    # harm: 4 × 3 + 2 × 20 (the default taxonomy's illustrative weights)
    assert cats["skadegorelse"].harm == 12.0 and cats["inbrott-bostad"].harm == 40.0
    assert fig.totals.harm == 52.0
    areas = {a.code: a for a in fig.by_area}
    assert areas["t00"].count == 3 and areas["t10"].count == 2
    assert areas["t01"].count == 0 and areas["t11"].count == 0
    assert areas["t00"].rate_per_1000 == 3.0
    assert areas["t00"].by_category == {"skadegorelse": 3}
    assert areas["t10"].per_km2 == 2.0

    # change: 6 against 1 in February (28 days, fully covered)
    prev = fig.totals.previous
    assert (prev.count, prev.reference, prev.covered_days, prev.reference_covered_days) == (
        6,
        1,
        31,
        28,
    )
    assert not prev.withheld and not prev.partial
    assert prev.rate_ratio == pytest.approx((6 / 31) / (1 / 28), rel=1e-4)
    p_expected = stats.binomtest(6, 7, 31 / 59).pvalue
    assert prev.p_value == pytest.approx(p_expected, rel=1e-4)
    # a year earlier: the housing company's record begins on 3 March 2025, so March 2025 is
    # covered on 29 of its 31 days: 4 incidents per 29 days, not per 31
    year = fig.totals.year_before
    assert (year.count, year.reference) == (6, 4)
    assert (year.days, year.covered_days, year.reference_days, year.reference_covered_days) == (
        31,
        31,
        31,
        29,
    )
    assert year.partial and not year.withheld
    assert year.rate_ratio == pytest.approx((6 / 31) / (4 / 29), rel=1e-4)
    assert year.p_value == pytest.approx(stats.binomtest(6, 10, 31 / 60).pvalue, rel=1e-4)
    assert year.change_pct == round(((6 / 31) / (4 / 29) - 1) * 100, 1)
    assert cats["skadegorelse"].year_before.rate_ratio == pytest.approx((4 / 31) / (4 / 29), 1e-4)

    # weekday × hour (Monday = row 0)
    heat = fig.weekday_hour.table
    assert heat[0][10] == 2 and heat[0][22] == 1  # Mondays 10:00 and 22:00
    assert heat[4][2] == 1 and heat[5][3] == 1  # Friday 02:00, Saturday 03:00
    assert heat[3][12] == 1  # Thursday noon: the notice
    assert sum(map(sum, heat)) == 6

    # weeks: W09 (from 1 March) … W14 (to 31 March); the first and last are cut by the month
    rows = fig.by_period.rows
    assert fig.by_period.unit == "week"
    assert [(r.label, r.count, r.complete) for r in rows] == [
        ("2026-W09", 0, False),
        ("2026-W10", 2, True),
        ("2026-W11", 1, True),
        ("2026-W12", 3, True),
        ("2026-W13", 0, True),
        ("2026-W14", 0, False),
    ]
    assert rows[0].start == dt.date(2026, 3, 1) and rows[-1].end == dt.date(2026, 3, 31)
    assert fig.complete and fig.data_through == dt.date(2026, 3, 31)

    cov = fig.coverage
    assert cov.weeks_without_reports == ["2026-W09", "2026-W13", "2026-W14"]
    assert cov.police_notices == 1
    assert cov.police_notice_share == pytest.approx(1 / 6, abs=1e-4)
    assert {o.name: o.count for o in cov.organisations} == {
        "Bostadsbolaget": 5,
        "Lokalpolisområdet": 1,
    }
    assert cov.data_start == dt.date(2025, 1, 20)
    assert {s.name: s.first_day for s in cov.on_record} == {
        "Bostadsbolaget": dt.date(2025, 3, 3),
        "Lokalpolisområdet": dt.date(2025, 1, 20),
    }
    assert fig.scope.classifications == ["open", "internal"]


def test_restricted_only_for_those_who_may_read_it(town) -> None:  # type: ignore[no-untyped-def]
    police = picture_for_user(user=town.world.user("police"), params=MARCH)
    assert police.totals.incidents == 7
    assert {a.code: a.count for a in police.by_area}["t01"] == 1
    assert police.scope.classifications == ["open", "internal", "restricted"]
    # a council member reads open incidents only: the notice
    council = picture_for_user(user=town.world.user("council_member"), params=MARCH)
    assert council.totals.incidents == 1
    # an explicit classification scope narrows even the police
    public = picture_for_scope(
        params=MARCH,
        scope=DataScope(user=town.world.user("police"), classifications=("open", "internal")),
    )
    assert public.totals.incidents == 6


def test_near_repeat_alert_is_a_cell_not_a_point(town) -> None:  # type: ignore[no-untyped-def]
    fig = picture_for_user(user=town.world.user("analyst"), params=MARCH)
    nr = fig.near_repeat
    assert nr.n_events == 2
    assert nr.knox is None  # fewer than 10 events: no Knox table
    # the second burglary (21 March) had one within 200 m and 14 days before it; 21 March
    # is within 14 days of the period's end
    assert len(nr.alerts) == 1
    alert = nr.alerts[0]
    assert alert.events == 1 and alert.area == "T10" and alert.latest == "2026-03-21"
    grid = fig.hotspots.grid
    assert grid is not None and grid.cell == 250.0
    # the alert is placed at the centre of its 250 m cell, named by its south-west corner
    assert (alert.ix, alert.iy) == (6, 1)  # B2 = (X0 + 1560, Y0 + 430)
    assert alert.where.cell == f"E{round(grid.x0 + 6 * 250)}N{round(grid.y0 + 250)}"


def test_cache_follows_incident_changes(town) -> None:  # type: ignore[no-untyped-def]
    from samtrygg.situation.tests.helpers import A, Row, at, write_incidents

    user = town.world.user("analyst")
    first = picture_for_user(user=user, params=MARCH)
    again = picture_for_user(user=user, params=MARCH)
    assert again is first or again == first
    write_incidents(
        [Row(at("2026-03-25", 8), "skadegorelse", A)],
        organisation=town.world.organisations["housing"],
        prefix="late",
    )
    after = picture_for_user(user=user, params=MARCH)
    assert after.totals.incidents == 7


def test_scope_key_separates_police_data(town) -> None:  # type: ignore[no-untyped-def]
    analyst = scope_for_user(town.world.user("analyst"))
    police = scope_for_user(town.world.user("police"))
    assert analyst.key != police.key


def test_arrays_match_the_incidents_adapter(town) -> None:  # type: ignore[no-untyped-def]
    """The fast loader gives what ``samtrygg.incidents.adapters.incident_arrays`` gives."""
    import numpy as np

    from samtrygg.incidents.adapters import incident_arrays
    from samtrygg.picture.arrays import picture_arrays
    from samtrygg.picture.data import local_bounds, scoped_incidents

    for actor in ("analyst", "police", "council_member"):
        user = town.world.user(actor)
        start, end = local_bounds(MARCH.start, MARCH.end)
        theirs = incident_arrays(user=user, start=start, end=end, mappable_only=False)
        mine = picture_arrays(
            scoped_incidents(
                scope_for_user(user), MARCH.start, MARCH.end, category_ids=None, area_ids=()
            ),
            origin=start,
            harm_weights={},
            category_codes={},
        ).arrays
        order = np.argsort(theirs.ids)
        assert mine.ids.tolist() == theirs.ids[order].tolist()
        assert np.allclose(mine.t, theirs.t[order]) and np.allclose(mine.t_to, theirs.t_to[order])
        assert mine.local_time.tolist() == theirs.local_time[order].tolist()
        assert mine.mappable.tolist() == theirs.mappable[order].tolist()
        assert np.array_equal(np.isnan(mine.x), np.isnan(theirs.x[order]))
        assert mine.category_id.tolist() == theirs.category_id[order].tolist()
        pairs_theirs = {
            (int(theirs.ids[i]), int(a))
            for i, a in zip(theirs.pair_incident, theirs.pair_area, strict=True)
        }
        pairs_mine = {
            (int(mine.ids[i]), int(a))
            for i, a in zip(mine.pair_incident, mine.pair_area, strict=True)
        }
        assert pairs_mine == pairs_theirs


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_tiny_data_without_areas(world, n) -> None:  # type: ignore[no-untyped-def]
    from samtrygg.situation.tests.helpers import X0, Y0, Row, at, write_incidents

    if n:
        write_incidents(
            [
                Row(at(f"2026-03-0{k + 1}", 12), "inbrott-bostad", (X0 + 10 * k, Y0))
                for k in range(n)
            ],
            organisation=world.organisations["housing"],
        )
    fig = picture_for_user(user=world.user("analyst"), params=MARCH)
    assert fig.totals.incidents == n
    assert fig.by_area == []
    assert all(c.area == "" for c in fig.hotspots.gi_cells)  # no areas to name


def test_previous_period_hot_spot_map_scored_against_this_period(town) -> None:  # type: ignore[no-untyped-def]
    acc = picture_for_user(user=town.world.user("analyst"), params=MARCH).hotspots.accuracy
    assert acc is not None
    # 2 km × 2 km of districts = 64 cells of 250 m; the top 5 % are 4 cells: February's one
    # cell (A, one vandalism) and three empty ones. March has 5 mappable incidents the
    # analyst may read: 3 in A's cell, 2 in B's cell.
    assert (acc.study_cells, acc.flagged_cells) == (64, 4)
    assert (acc.previous_events, acc.events, acc.captured) == (1, 5, 3)
    assert acc.hit_rate == 0.6
    assert acc.pai == pytest.approx(0.6 / (4 / 64))
    assert acc.pei == 0.6  # the best 4 cells would have caught 3 + 2
    assert acc.few is True and acc.partial is False
