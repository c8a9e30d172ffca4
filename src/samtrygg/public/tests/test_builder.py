"""The public figures of a picture: one area kind, suppressed, linked periods protected."""

from __future__ import annotations

from typing import Any

from samtrygg.public.builder import build_public_figures


def picture(start: str, end: str, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """A minimal computed picture: districts A–C and a vulnerable area inside A."""
    codes = sorted({c for row in counts.values() for c in row})
    by_area = [
        {
            "code": code,
            "name": code.upper(),
            "kind": "vulnerable_area" if code == "v" else "district",
            "population": 1000,
            "population_year": 2025,
            "by_category": counts.get(code, {}),
        }
        for code in ("a", "b", "c", "v")
    ]
    return {
        "parameters": {"period_kind": "custom", "start": start, "end": end, "label": ""},
        "by_area": by_area,
        "by_category": [
            {"code": c, "name": c, "count": sum(r.get(c, 0) for r in counts.values())}
            for c in codes
        ],
        "areas": [{"code": a["code"], "geometry": None} for a in by_area],
        "hotspots": {
            "grid": {"x0": 0.0, "y0": 0.0, "cell": 250.0, "nx": 8, "ny": 8},
            "cell_counts": [[0, 0, 3], [1, 0, 4], [5, 5, 9]],
        },
    }


YEAR = {"a": {"x": 40, "y": 30}, "b": {"x": 25, "y": 20}, "c": {"x": 18, "y": 22}, "v": {"x": 9}}


def test_one_area_kind_and_no_small_counts() -> None:
    pub = build_public_figures(picture("2025-01-01", "2025-12-31", YEAR))
    assert [a["code"] for a in pub["areas"]] == ["a", "b", "c"]  # not the vulnerable area
    assert pub["table"]["cells"] == [[40, 30], [25, 20], [18, 22]]
    assert pub["table"]["total"] == 155
    # 1 km cells: 0–3 of the 250 m grid in x merge (3 + 4 = 7); the 9 stays
    cells = {(c[0], c[1]): c[2] for c in pub["grid"]["cells"]}
    assert cells == {(0, 0): 7, (1, 1): 9}
    assert pub["grid"]["cell"] == 1000.0


def test_a_period_inside_a_published_one_hides_small_differences() -> None:
    year = build_public_figures(picture("2025-01-01", "2025-12-31", YEAR))
    # the fourth quarter: a.x = 38 would reveal that January–September had 2
    quarter_counts = {"a": {"x": 38, "y": 10}, "b": {"x": 10, "y": 9}, "c": {"x": 8, "y": 7}}
    alone = build_public_figures(picture("2025-10-01", "2025-12-31", quarter_counts))
    assert alone["table"]["cells"][0][0] == 38
    linked = build_public_figures(
        picture("2025-10-01", "2025-12-31", quarter_counts), linked=[year]
    )
    assert linked["table"]["cells"][0][0] is None
    # and the published tables together still pin no hidden cell (complements were added)
    assert linked["n_complementary"] >= 1
    # a non-nested period (the year before) links nothing
    other = build_public_figures(picture("2024-10-01", "2024-12-31", quarter_counts), linked=[year])
    assert other["table"]["cells"][0][0] == 38
