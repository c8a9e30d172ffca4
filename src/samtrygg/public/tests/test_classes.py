"""The public map's classes: quantiles of the shown totals only."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from samtrygg.public.classes import class_index, quantile_classes


def bounds(totals: Sequence[int | None]) -> list[tuple[int, int]]:
    return [(c.low, c.high) for c in quantile_classes(totals)]


def test_quantiles_of_spread_values() -> None:
    assert bounds(list(range(10))) == [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)]


def test_one_busy_district_does_not_flatten_the_others() -> None:
    # Centrum's 400 used to make every other district the palest of six colours.
    totals = [400, 5, 6, 8, 12, 15, 20, 0, None, 9]
    classes = quantile_classes(totals)
    assert [(c.low, c.high) for c in classes] == [(0, 5), (6, 8), (9, 12), (15, 20), (400, 400)]
    assert len({class_index(v, classes) for v in [5, 8, 12, 20]}) == 4


def test_ties_share_a_class_and_fewer_distinct_values_give_fewer_classes() -> None:
    totals = [0, 0, 0, 0, 5, 6, 7, 8, 40, 200]
    assert bounds(totals) == [(0, 0), (5, 6), (7, 8), (40, 200)]
    assert bounds([0, 0, 9, 9, 9]) == [(0, 0), (9, 9)]


def test_one_value_and_all_hidden() -> None:
    classes = quantile_classes([7, None, 7])
    assert [(c.low, c.high) for c in classes] == [(7, 7)]
    assert class_index(7, classes) == 0 and class_index(None, classes) is None
    assert quantile_classes([None, None]) == []
    assert quantile_classes([]) == []


@given(st.lists(st.one_of(st.none(), st.integers(0, 500)), max_size=40))
def test_bounds_come_only_from_shown_totals(totals: list[int | None]) -> None:
    shown = [v for v in totals if v is not None]
    classes = quantile_classes(totals)
    # Hidden areas change nothing: the legend cannot tell anything about them.
    assert classes == quantile_classes(shown)
    assert len(classes) <= min(5, len(set(shown)))
    for c in classes:
        assert c.low in shown and c.high in shown and c.low <= c.high
    for a, b in pairwise(classes):
        assert a.high < b.low
    for v in shown:
        assert sum(c.low <= v <= c.high for c in classes) == 1
    assert len({c.colour for c in classes}) == len(classes)
