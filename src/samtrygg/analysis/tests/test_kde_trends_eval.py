"""KDE against scipy, change detection, evaluation measures, harm and PAI/PEI."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy.stats import gaussian_kde

from samtrygg.analysis.evaluation import (
    AreaCounts,
    difference_in_differences,
    evaluate_intervention,
    weighted_displacement_difference,
    weighted_displacement_quotient,
)
from samtrygg.analysis.harm import harm_weighted_count, hotspot_accuracy
from samtrygg.analysis.kde import kde_grid
from samtrygg.analysis.trends import change_by_period, compare_rates, weekly_control_chart
from samtrygg.analysis.types import AnalysisInputError

KDE_TOL = 0.005  # largest deviation from scipy, as a share of the maximum density


def clustered_points(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.uniform(0, 5000, n // 2), rng.normal(2500, 300, n - n // 2)])
    y = np.concatenate([rng.uniform(0, 5000, n // 2), rng.normal(1500, 500, n - n // 2)])
    return x, y


def test_kde_scott_matches_scipy_gaussian_kde():
    x, y = clustered_points()
    res = kde_grid(x, y, 50.0, bandwidth="scott", bounds=(0, 0, 5000, 5000))
    gx, gy = res.grid.centres()
    ref = gaussian_kde(np.vstack([x, y]))(np.vstack([gx.ravel(), gy.ravel()]))
    ref = ref.reshape(gx.shape) * x.size * 1e6  # events per km²
    assert np.abs(res.density - ref).max() <= KDE_TOL * ref.max()
    silver = kde_grid(x, y, 50.0, bandwidth="silverman", bounds=(0, 0, 5000, 5000))
    assert np.allclose(silver.density, res.density)


def test_kde_fixed_gaussian_bandwidth_matches_scipy():
    x, y = clustered_points(n=600, seed=1)
    h = 250.0
    res = kde_grid(x, y, 50.0, bandwidth=h, bounds=(0, 0, 5000, 5000))
    gx, gy = res.grid.centres()
    # reference: the exact sum of isotropic normal kernels at each cell centre
    px, py = gx.ravel(), gy.ravel()
    ref = np.zeros(px.size)
    for xi, yi in zip(x, y, strict=True):
        ref += np.exp(-((px - xi) ** 2 + (py - yi) ** 2) / (2 * h * h))
    ref = (ref / (2 * math.pi * h * h) * 1e6).reshape(gx.shape)  # type: ignore[assignment]
    assert np.abs(res.density - ref).max() <= KDE_TOL * ref.max()


def test_kde_quartic_by_hand_and_mass():
    x = np.array([1000.0])
    y = np.array([1000.0])
    res = kde_grid(x, y, 10.0, bandwidth=200.0, kernel="quartic", bounds=(0, 0, 2000, 2000))
    # cell centre at (1005, 1005) is 7.07 m from the event: linear binning spreads the event
    # over the 4 centres around it, the density at the centre is near K(0) = 3/(pi h^2)
    peak = res.density.max() / 1e6
    assert peak == pytest.approx(3 / (math.pi * 200**2), rel=0.01)
    total = res.density.sum() * res.grid.cell_area_km2
    assert total == pytest.approx(1.0, rel=0.01)
    assert res.density[0, 0] < 1e-9 * res.density.max()  # beyond the radius


def test_compare_rates_exact():
    r = compare_rates(30, 15, 10, 10)
    from scipy.stats import binomtest

    assert r.p_value == pytest.approx(binomtest(30, 45, 0.5).pvalue)
    assert r.rate_ratio == pytest.approx(2.0)
    assert r.ci_low < 2 < r.ci_high  # type: ignore[operator]
    # exposure: twice the days, same rate
    same = compare_rates(20, 10, 2.0, 1.0)
    assert same.rate_ratio == pytest.approx(1.0) and same.p_value == pytest.approx(1.0)
    assert "too few" in compare_rates(2, 3).note
    with pytest.raises(AnalysisInputError):
        compare_rates(-1, 3)


def days(d: dt.date) -> float:
    return float((d - dt.date(1970, 1, 1)).days)


def test_change_by_month_and_year_before():
    t = [days(dt.date(2024, 1, 5))] * 10 + [days(dt.date(2024, 2, 3))] * 20
    t += [days(dt.date(2025, 1, 9))] * 40
    res = change_by_period(t, "month")
    labels = [p.period for p in res.periods]
    assert labels[0] == "2024-01" and labels[-1] == "2025-01" and len(labels) == 13
    jan25 = res.periods[-1]
    assert jan25.count == 40 and jan25.vs_year_before.reference_count == 10  # type: ignore[union-attr]
    feb = res.periods[1]
    assert feb.vs_previous.reference_count == 10 and feb.days == 29  # type: ignore[union-attr]
    q = change_by_period(t, "quarter")
    assert [p.count for p in q.periods] == [30, 0, 0, 0, 40]
    w = change_by_period(t, "week")
    assert w.periods[0].period == "2024-W01"


def test_control_chart_flags_a_surge():
    rng = np.random.default_rng(1)
    start = dt.date(2021, 1, 4)
    t = []
    for week in range(3 * 52 + 20):
        n = rng.poisson(10) if week != 3 * 52 + 10 else 45
        t += [days(start + dt.timedelta(days=7 * week))] * n
    chart = weekly_control_chart(t)
    flagged = [w for w in chart.weeks if w.flagged]
    assert flagged and flagged[0].count == 45
    assert chart.weeks[0].baseline is None


def test_did_wdq_wdd_by_hand():
    a, b, c = AreaCounts(100, 60), AreaCounts(80, 70), AreaCounts(200, 190)
    did = difference_in_differences(a, c)
    assert did.difference == (60 - 100) - (190 - 200)
    assert did.variance == 550
    assert did.ratio == pytest.approx((60 / 100) / (190 / 200))
    assert did.log_se == pytest.approx(math.sqrt(1 / 60 + 1 / 100 + 1 / 190 + 1 / 200))
    wdq = weighted_displacement_quotient(a, b, c)
    sm = 60 / 190 - 100 / 200
    bdm = 70 / 190 - 80 / 200
    assert wdq.success_measure == pytest.approx(sm) and wdq.wdq == pytest.approx(bdm / sm)
    assert "diffusion" in wdq.interpretation  # bdm < 0 and sm < 0
    wdd = weighted_displacement_difference(a, b, c)
    assert wdd.wdd == (60 - 100) - (190 - 200) + (70 - 80) - (190 - 200)
    assert wdd.variance == 60 + 100 + 190 + 200 + 70 + 80 + 190 + 200
    assert wdd.z == pytest.approx(wdd.wdd / math.sqrt(wdd.variance))


def test_wdq_not_meaningful_without_success_and_small_counts_flagged():
    res = evaluate_intervention(
        AreaCounts(3, 4),
        AreaCounts(50, 50),
        buffer=AreaCounts(2, 2),
        before_days=365,
        after_days=365,
    )
    assert res.wdq.wdq is None and "not meaningful" in res.wdq.interpretation  # type: ignore[union-attr]
    assert any("too few" in n for n in res.notes)


def test_harm_and_accuracy():
    h = harm_weighted_count(["a", "b", "a"], {"a": 2.0, "b": 5.0})
    assert h.total == 9.0 and h.counts == {"a": 2, "b": 1}
    with pytest.raises(AnalysisInputError, match="no harm weight"):
        harm_weighted_count(["c"], {"a": 1.0})
    pred = np.array([[5.0, 1, 0, 0], [4, 0, 0, 0]])
    later = np.array([[3.0, 0, 1, 0], [0, 0, 0, 6]])
    acc = hotspot_accuracy(pred, later, top_percent=25)  # 2 of 8 cells flagged
    assert acc.flagged_cells == 2 and acc.events_captured == 3 and acc.events == 10
    assert acc.hit_rate == pytest.approx(0.3) and acc.pai == pytest.approx(0.3 / 0.25)
    assert acc.n_max == 9 and acc.pei == pytest.approx(3 / 9)
