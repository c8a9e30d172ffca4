"""AreaIndex point assignment against plain shapely (inside, outside, on borders, holes,
multipolygons, on grid lines)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtrygg.areas.spatial import AreaIndex, to_3006, to_4326


def reference_pairs(geoms: list[shapely.Geometry], ids: list[int], x, y) -> set[tuple[int, int]]:
    result = set()
    for area_id, geom in zip(ids, geoms, strict=True):
        for p in np.flatnonzero(shapely.intersects_xy(geom, x, y)):
            result.add((int(p), area_id))
    return result


def index_pairs(index: AreaIndex, x, y) -> set[tuple[int, int]]:
    points, areas = index.pairs(x, y)
    assert np.all(np.diff(points) >= 0), "pairs are sorted by point"
    found = list(zip(points.tolist(), areas.tolist(), strict=True))
    assert len(found) == len(set(found)), "no duplicate pairs"
    return set(found)


def test_square_inside_outside_border_and_corner() -> None:
    square = shapely.box(0, 0, 10, 10)
    index = AreaIndex.build([(7, square)])
    x = np.array([5, 15, 10, 0, 10, -0.0001, 5, np.nan])
    y = np.array([5, 5, 5, 0, 10, 5, 10.0001, 5])
    assert index.assign(x, y) == [[7], [], [7], [7], [7], [], [], []]


def test_shared_border_belongs_to_both_areas() -> None:
    left, right = shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)
    index = AreaIndex.build([(1, left), (2, right)])
    assert index.assign([10.0, 5.0, 15.0], [5.0, 5.0, 5.0]) == [[1, 2], [1], [2]]


def test_hole_and_multipolygon() -> None:
    with_hole = shapely.Polygon(
        [(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]]
    )
    multi = shapely.MultiPolygon([shapely.box(200, 0, 210, 10), shapely.box(300, 0, 310, 10)])
    index = AreaIndex.build([(1, with_hole), (2, multi)])
    x = np.array([10, 50, 40, 205, 305, 250])
    y = np.array([10, 50, 50, 5, 5, 5])
    assert index.assign(x, y) == [[1], [], [1], [2], [2], []]


def test_accepts_wkb_and_skips_empty_geometries() -> None:
    index = AreaIndex.build([(1, shapely.box(0, 0, 1, 1).wkb), (2, shapely.Polygon())])
    assert list(index.ids) == [1]
    assert index.assign([0.5], [0.5]) == [[1]]


def test_empty_index_and_no_points() -> None:
    empty = AreaIndex.build([])
    points, areas = empty.pairs(np.array([1.0]), np.array([1.0]))
    assert points.size == 0 and areas.size == 0
    index = AreaIndex.build([(1, shapely.box(0, 0, 1, 1))])
    points, areas = index.pairs(np.array([]), np.array([]))
    assert points.size == 0 and areas.size == 0


def test_real_municipality_against_shapely() -> None:
    """Projected Västerås-sized polygons, one covering the others; 20,000 random points."""
    rng = np.random.default_rng(5)
    outline = shapely.Point(590_000, 6_610_000).buffer(20_000, quad_segs=64)
    x0, y0, x1, y1 = outline.bounds
    seeds = shapely.multipoints(np.column_stack([rng.uniform(x0, x1, 40), rng.uniform(y0, y1, 40)]))
    cells = [
        shapely.intersection(c, outline)
        for c in shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=outline))
    ]
    geoms = [outline, *[c for c in cells if not c.is_empty]]
    ids = list(range(100, 100 + len(geoms)))
    index = AreaIndex.build(zip(ids, geoms, strict=True))
    x = rng.uniform(x0 - 1000, x1 + 1000, 20_000)
    y = rng.uniform(y0 - 1000, y1 + 1000, 20_000)
    # And every vertex of every area: points exactly on borders.
    vx, vy = shapely.get_coordinates(geoms).T
    x, y = np.concatenate([x, vx]), np.concatenate([y, vy])
    assert index_pairs(index, x, y) == reference_pairs(geoms, ids, x, y)


def test_projection_round_trip() -> None:
    x, y = to_3006([16.5448], [59.6099])
    assert 580_000 < x[0] < 600_000 and 6_600_000 < y[0] < 6_620_000
    lon, lat = to_4326(x, y)
    assert lon[0] == pytest.approx(16.5448, abs=1e-9)
    assert lat[0] == pytest.approx(59.6099, abs=1e-9)


coordinate = st.integers(min_value=0, max_value=60)


@st.composite
def area_shapes(draw: st.DrawFn) -> shapely.Geometry:
    """Unions of boxes and circles minus others: holes, several parts, shared edges."""
    geom = shapely.Polygon()
    for _ in range(draw(st.integers(1, 3))):
        x, y = draw(coordinate), draw(coordinate)
        w, h = draw(st.integers(1, 30)), draw(st.integers(1, 30))
        if draw(st.booleans()):
            part = shapely.box(x, y, x + w, y + h)
        else:
            part = shapely.Point(x, y).buffer(w / 2, quad_segs=draw(st.integers(2, 8)))
        geom = shapely.union(geom, part)
    if draw(st.booleans()):
        x, y = draw(coordinate), draw(coordinate)
        geom = shapely.difference(geom, shapely.box(x, y, x + draw(st.integers(1, 10)), y + 5))
    return shapely.make_valid(geom)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shapes=st.lists(area_shapes(), min_size=1, max_size=6),
    cells=st.sampled_from([16, 256, 4096, 1 << 20]),
    seed=st.integers(0, 2**31 - 1),
)
def test_index_matches_shapely(shapes: list[shapely.Geometry], cells: int, seed: int) -> None:
    shapes = [s for s in shapes if not s.is_empty and s.area > 0]
    if not shapes:
        return
    ids = [10 * (i + 1) for i in range(len(shapes))]
    index = AreaIndex.build(zip(ids, shapes, strict=True), cells=cells)
    rng = np.random.default_rng(seed)
    # Random points, integer points (on box edges and corners), every vertex, and points on
    # the index's own grid lines.
    x = np.concatenate([rng.uniform(-5, 100, 300), rng.integers(-2, 95, 300).astype(float)])
    y = np.concatenate([rng.uniform(-5, 100, 300), rng.integers(-2, 95, 300).astype(float)])
    vx, vy = shapely.get_coordinates(shapes).T
    assert index.grid is not None
    gx = index.grid.x0 + index.grid.cell * rng.integers(0, index.grid.nx, 100)
    gy = index.grid.y0 + index.grid.cell * rng.integers(0, index.grid.ny, 100)
    x = np.concatenate([x, vx, gx, rng.uniform(-5, 100, 100)])
    y = np.concatenate([y, vy, rng.uniform(-5, 100, 100), gy])
    assert index_pairs(index, x, y) == reference_pairs(shapes, ids, x, y)
