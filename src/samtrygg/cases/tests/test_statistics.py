"""The anonymous case figures: no count from 1 to 4 is published or computable."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from samtrygg.cases.models import Case, CaseStub
from samtrygg.cases.statistics.figures import (
    Quarter,
    build_figures,
    figure_system,
    quarters_shown,
)
from samtrygg.cases.statistics.protection import LinkedFigures
from samtrygg.cases.tests.factories import ADULT, YOUNG, CaseWorld, open_case

THRESHOLD = 5
UNBOUNDED = 3  # scipy's linprog status
HALF = 0.5
STUB_OPENED = 2018
SSPF_CASES = 12
WITH_PLAN = 8
EXIT_CASES = 6
EXIT_CLOSED = 2


def attacker_bounds(figures: LinkedFigures, published: dict) -> dict:  # type: ignore[type-arg]
    """Independently of the module: min and max of every unpublished figure given the
    published ones, the equations and non-negativity."""
    unknown = [k for k in figures.figures if published.get(k) is None]
    index = {k: i for i, k in enumerate(unknown)}
    a, b = [], []
    for eq in figures.equations:
        row = np.zeros(len(unknown))
        rhs = 0.0
        for k, c in eq:
            if k in index:
                row[index[k]] += c
            else:
                rhs -= c * published[k]
        a.append(row)
        b.append(rhs)
    result = {}
    for k in unknown:
        objective = np.zeros(len(unknown))
        objective[index[k]] = 1
        a_eq, b_eq = np.array(a), np.array(b)
        lo = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        result[k] = (lo.fun, float("inf") if hi.status == UNBOUNDED else -hi.fun)
    return result


def check(figures: LinkedFigures, threshold: int = THRESHOLD) -> dict:  # type: ignore[type-arg]
    published = figures.protect(threshold)
    for key, value in published.items():
        assert value is None or not 1 <= value < threshold, key
        assert value is None or value == figures.figures[key].value, key
    bounds = attacker_bounds(figures, published)
    for key, figure in figures.figures.items():
        if 1 <= figure.value < threshold:
            lo, hi = bounds[key]
            assert hi - lo >= HALF, f"{key} ({figure.value}) is pinned at {lo}"
    return published


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 12), min_size=4, max_size=4), min_size=3, max_size=3),
    st.lists(st.integers(0, 3), min_size=3, max_size=3),
)
def test_quarters_years_and_stock_protected_together(cells, before) -> None:  # type: ignore[no-untyped-def]
    """Opened per programme and quarter, with row, column and year totals and a stock that
    grows by what opened: the shape of the case figures."""
    f = LinkedFigures()
    for p, row in enumerate(cells):
        for q, v in enumerate(row):
            f.add(("o", p, q), v)
        f.add(("o", p, "T"), sum(row), level=1)
        f.relate(("o", p, "T"), [("o", p, q) for q in range(4)])
        f.add(("y", p), sum(row[2:]) + 1, level=1)
        f.add(("rest", p), 1, hidden=True)
        f.relate(("y", p), [("o", p, 2), ("o", p, 3), ("rest", p)])
        f.add(("a", p, -1), before[p], hidden=True)
        for q in range(4):
            f.add(("a", p, q), before[p] + sum(row[: q + 1]))
            f.relate(("a", p, q), [("a", p, q - 1), ("o", p, q)])
    for q in range(4):
        f.add(("o", "*", q), sum(r[q] for r in cells), level=1)
        f.relate(("o", "*", q), [("o", p, q) for p in range(3)])
    check(f)


def test_a_single_small_cell_gets_company() -> None:
    f = LinkedFigures()
    for q, v in enumerate([7, 3, 9]):
        f.add(("o", q), v)
    f.add(("o", "T"), 19, level=1)
    f.relate(("o", "T"), [("o", q) for q in range(3)])
    published = check(f)
    assert published[("o", 1)] is None
    assert sum(v is None for v in published.values()) >= len(["the small one", "company"])


def test_quarters() -> None:
    window = quarters_shown(dt.date(2026, 12, 5))
    assert [q.label for q in (window[0], window[-1])] == ["2024 K4", "2026 K3"]
    assert Quarter(2026, 3).end == dt.date(2026, 9, 30)
    assert Quarter.of(dt.date(2026, 1, 1)).previous() == Quarter(2025, 4)


@pytest.mark.django_db
def test_figures_from_cases(cw: CaseWorld) -> None:
    today = dt.date(2026, 12, 5)
    # Twelve SSPF cases in 2026 Q2 (a plan within four weeks for eight), six exit cases in
    # Q1 (two closed in Q3); one deleted SSPF case from 2019.
    for i in range(SSPF_CASES):
        case = open_case(cw, identity_number=YOUNG)
        opened = dt.date(2026, 4, 1) + dt.timedelta(days=i)
        plan = opened + dt.timedelta(days=10 if i < WITH_PLAN else 40)
        Case.objects.filter(pk=case.pk).update(opened_on=opened, plan_started_on=plan)
    for i in range(EXIT_CASES):
        case = open_case(cw, programme="exit_programme", identity_number=ADULT)
        closed = {"status": "closed", "closed_on": dt.date(2026, 8, 1), "outcome": "goals_met"}
        Case.objects.filter(pk=case.pk).update(
            opened_on=dt.date(2026, 2, 1), **(closed if i < EXIT_CLOSED else {})
        )
    # Opened after the last complete quarter: not counted yet.
    open_case(cw, identity_number=YOUNG)
    CaseStub.objects.create(
        programme="sspf",
        organisation=cw.organisation,
        opened_year=STUB_OPENED,
        closed_year=2019,
        outcome="goals_met",
        deleted_on=dt.date(2024, 6, 1),
    )
    system, _window, years = figure_system(today)
    check(system)
    assert years[0] == STUB_OPENED
    figures = build_figures(today)
    assert figures.opened[("sspf", Quarter(2026, 2))] == SSPF_CASES
    assert figures.opened[("exit_programme", Quarter(2026, 1))] == EXIT_CASES
    assert figures.active[("sspf", Quarter(2026, 3))] == SSPF_CASES
    assert figures.closed[("exit_programme", Quarter(2026, 3))] is None  # 2
    assert figures.opened_year[("sspf", 2026)] == SSPF_CASES
    assert figures.opened_year[("sspf", STUB_OPENED)] is None  # the stub: 1
    assert figures.plan_within[2026] == WITH_PLAN and figures.plan_late[2026] is None  # 4
    assert figures.plan_share(2026) is None

    # Three victim cases alone in their programme: much more has to go, and still nothing
    # from 1 to 4 can be worked out.
    for _ in range(3):
        case = open_case(cw, programme="victim_support", identity_number=ADULT)
        Case.objects.filter(pk=case.pk).update(opened_on=dt.date(2026, 8, 1))
    system, _window, _years = figure_system(today)
    check(system)
    figures = build_figures(today)
    assert figures.opened[("victim_support", Quarter(2026, 3))] is None
    for table in (figures.opened, figures.closed, figures.active, figures.age, figures.outcome):
        for value in table.values():
            assert value is None or not 1 <= value < THRESHOLD
