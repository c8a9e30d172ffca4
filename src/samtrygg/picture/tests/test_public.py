"""The public figures of a picture: one area kind, suppressed, linked periods protected."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from samtrygg.picture.public import build_public_figures
from samtrygg.picture.tests.factories import picture_json
from samtrygg.picture.types import Picture


def build(pic: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """The public figures of a picture given as (partial) JSON."""
    params = pic["parameters"]
    typed = Picture.from_json(picture_json(params["start"], params["end"]) | pic)
    return build_public_figures(typed, **kwargs)


def picture(start: str, end: str, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """A minimal computed picture: districts A–C and a vulnerable area inside A."""
    codes = sorted({c for row in counts.values() for c in row})
    by_area = [
        {
            "id": k,
            "code": code,
            "name": code.upper(),
            "kind": "vulnerable_area" if code == "v" else "district",
            "count": sum(counts.get(code, {}).values()),
            "population": 1000,
            "population_year": 2025,
            "rate_per_1000": None,
            "per_km2": None,
            "by_category": counts.get(code, {}),
        }
        for k, code in enumerate(("a", "b", "c", "v"))
    ]
    empty = picture_json(start, end)
    return {
        "parameters": empty["parameters"],
        "by_area": by_area,
        "by_category": [
            {
                "code": c,
                "name": c,
                "colour": "#000000",
                "count": sum(r.get(c, 0) for r in counts.values()),
                "harm_weight": 1.0,
                "harm": 0.0,
                "near_repeat": False,
                "previous": empty["totals"]["previous"],
                "year_before": empty["totals"]["previous"],
            }
            for c in codes
        ],
        "areas": [
            {"id": k, "code": a["code"], "name": a["name"], "geometry": {}}
            for k, a in enumerate(by_area)
        ],
        "hotspots": empty["hotspots"]
        | {
            "grid": {"x0": 0.0, "y0": 0.0, "cell": 250.0, "nx": 8, "ny": 8},
            "cell_counts": [[0, 0, 3], [1, 0, 4], [5, 5, 9]],
        },
    }


YEAR = {"a": {"x": 40, "y": 30}, "b": {"x": 25, "y": 20}, "c": {"x": 18, "y": 22}, "v": {"x": 9}}


def test_one_area_kind_and_no_small_counts() -> None:
    pub = build(picture("2025-01-01", "2025-12-31", YEAR))
    assert [a["code"] for a in pub["areas"]] == ["a", "b", "c"]  # not the vulnerable area
    assert pub["table"]["cells"] == [[40, 30], [25, 20], [18, 22]]
    assert pub["table"]["total"] == 155
    # 1 km cells: 0–3 of the 250 m grid in x merge (3 + 4 = 7); the 9 stays
    cells = {(c[0], c[1]): c[2] for c in pub["grid"]["cells"]}
    assert cells == {(0, 0): 7, (1, 1): 9}
    assert pub["grid"]["cell"] == 1000.0


def test_a_period_inside_a_published_one_hides_small_differences() -> None:
    year = build(picture("2025-01-01", "2025-12-31", YEAR))
    # the fourth quarter: a.x = 38 would reveal that January–September had 2
    quarter_counts = {"a": {"x": 38, "y": 10}, "b": {"x": 10, "y": 9}, "c": {"x": 8, "y": 7}}
    alone = build(picture("2025-10-01", "2025-12-31", quarter_counts))
    assert alone["table"]["cells"][0][0] == 38
    linked = build(picture("2025-10-01", "2025-12-31", quarter_counts), linked=[year])
    assert linked["table"]["cells"][0][0] is None
    # and the published tables together still pin no hidden cell (complements were added)
    assert linked["n_complementary"] >= 1
    # a non-nested period (the year before) links nothing
    other = build(picture("2024-10-01", "2024-12-31", quarter_counts), linked=[year])
    assert other["table"]["cells"][0][0] == 38


def with_grid(pic: dict[str, Any], x0: float, cells: list[list[int]]) -> dict[str, Any]:
    pic["hotspots"] = pic["hotspots"] | {
        "grid": {"x0": x0, "y0": 6_000_000.0, "cell": 250.0, "nx": 40, "ny": 40},
        "cell_counts": cells,
    }
    return pic


def grid_values(pub: dict[str, Any]) -> dict[tuple[int, int], int | None]:
    return {(c[0], c[1]): c[2] for c in pub["grid"]["cells"]}


def test_public_grid_lies_on_the_kilometre_lattice() -> None:
    # a picture whose extent starts 250 m past a kilometre line: sub-cells 0-2 belong to
    # the kilometre cell that starts 250 m before the picture
    pic = with_grid(picture("2025-01-01", "2025-12-31", YEAR), 500_250.0, [[0, 0, 6], [3, 0, 7]])
    pub = build(pic)
    assert (pub["grid"]["x0"], pub["grid"]["y0"], pub["grid"]["cell"]) == (500_000, 6e6, 1000)
    assert grid_values(pub) == {(0, 0): 6, (1, 0): 7}


def test_one_hidden_grid_cell_is_not_left_alone() -> None:
    # the grid's total may be known (the area table's grand total): 3 alone would follow
    pic = with_grid(
        picture("2025-01-01", "2025-12-31", YEAR), 0.0, [[0, 0, 3], [4, 0, 9], [8, 0, 6]]
    )
    values = grid_values(build(pic))
    assert values == {(0, 0): None, (1, 0): 9, (2, 0): None}  # the smallest other cell too


def test_hidden_grid_cells_that_must_all_be_one_get_company() -> None:
    pic = with_grid(
        picture("2025-01-01", "2025-12-31", YEAR), 0.0, [[0, 0, 1], [4, 0, 1], [8, 0, 12]]
    )
    assert grid_values(build(pic)) == {(0, 0): None, (1, 0): None, (2, 0): None}
    # two hidden cells summing to more than two are protected as they are
    pic = with_grid(
        picture("2025-01-01", "2025-12-31", YEAR), 0.0, [[0, 0, 1], [4, 0, 2], [8, 0, 12]]
    )
    assert grid_values(build(pic))[(2, 0)] == 12


def test_grid_of_a_period_inside_a_published_one_hides_small_differences() -> None:
    year = build(
        with_grid(
            picture("2025-01-01", "2025-12-31", YEAR),
            0.0,
            [[0, 0, 12], [4, 0, 30], [8, 0, 7], [12, 0, 20]],
        )
    )
    quarter = build(
        with_grid(
            picture("2025-10-01", "2025-12-31", YEAR),
            0.0,
            # 10 of 12 would reveal 2 for January-September; 30 of 30 reveals 0 (allowed)
            [[0, 0, 10], [4, 0, 30], [8, 0, 5], [12, 0, 9]],
        ),
        linked=[year],
    )
    values = grid_values(quarter)
    assert values[(0, 0)] is None
    assert values[(1, 0)] == 30 and values[(3, 0)] == 9
    # whatever is published, no published pair differs by a small count
    before = grid_values(year)
    for key, value in values.items():
        if value is not None and before.get(key) is not None:
            assert not 1 <= abs(value - before[key]) <= 4  # type: ignore[operator]


@settings(max_examples=60, deadline=None)
@given(
    year=st.lists(st.integers(0, 14), min_size=1, max_size=12),
    share=st.lists(st.floats(0, 1), min_size=12, max_size=12),
)
def test_public_grid_never_reveals_a_small_count(year: list[int], share: list[float]) -> None:
    quarter = [int(v * s) for v, s in zip(year, share, strict=False)]

    def cells(values: list[int]) -> list[list[int]]:
        return [[4 * i, 0, v] for i, v in enumerate(values) if v > 0]

    pub_year = build(with_grid(picture("2025-01-01", "2025-12-31", YEAR), 0.0, cells(year)))
    pub_quarter = build(
        with_grid(picture("2025-10-01", "2025-12-31", YEAR), 0.0, cells(quarter)),
        linked=[pub_year],
    )
    for pub, truth in ((pub_year, year), (pub_quarter, quarter)):
        values = grid_values(pub)
        hidden = [truth[key[0]] for key, v in values.items() if v is None]
        assert all(v is None or not 1 <= v <= 4 for v in values.values())
        # with the grid's total known, the hidden cells are not pinned
        shown_positive = any(v for v in values.values())
        if hidden and shown_positive:
            assert len(hidden) >= 2 and sum(hidden) > len(hidden)
    before, after = grid_values(pub_year), grid_values(pub_quarter)
    for key in set(before) | set(after):
        b, a = before.get(key, 0), after.get(key, 0)
        if a is not None and b is not None:
            assert not 1 <= abs(a - b) <= 4
