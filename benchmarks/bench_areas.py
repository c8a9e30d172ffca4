"""Benchmark: assigning 1,000,000 points to 200 areas with ``AreaIndex.pairs``.

Run: ``python benchmarks/bench_areas.py [--points N]`` (writes benchmarks/results/areas.json).

Areas (EPSG:3006), built like a municipality's: the Västerås boundary from the demo data,
its 41 demo districts (Voronoi cells clipped to it), and 158 finer "DeSO-like" Voronoi
cells — 200 areas in three nested layers, borders densified to 50–100 m vertex spacing as
in real boundary files. Points: 80 % scattered around the district centres (σ 800 m), 20 %
uniform over the bounding box (some fall outside every area). Fixed seed.

Peers, on the same points and areas, checked to give the same pairs:
* ``strtree_predicate`` — shapely's ``STRtree.query(points, predicate="intersects")``,
  the straightforward way (and this index's first version);
* ``strtree_bbox_then_intersects_xy`` — STRtree bounding-box candidates, then
  ``intersects_xy`` on prepared polygons.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
# Django only for importing the demo module (no database is touched).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samtrygg.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["SAMTRYGG_IGNORE_DOTENV"] = "1"

import django  # noqa: E402

django.setup()

from samtrygg.areas.demo import (  # noqa: E402
    DEMO_DISTRICTS,
    district_geometries,
    municipality_geometry,
)
from samtrygg.areas.spatial import AreaIndex, to_3006  # noqa: E402

RESULTS = HERE / "results" / "areas.json"
SEED = 20260101


def build_areas(rng: np.random.Generator) -> list[shapely.Geometry]:
    municipality = shapely.segmentize(municipality_geometry(), 100)
    districts = [shapely.segmentize(g, 50) for g in district_geometries(municipality).values()]
    x0, y0, x1, y1 = municipality.bounds
    seeds: list[tuple[float, float]] = []
    while len(seeds) < 158:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if shapely.contains_xy(municipality, x, y):
            seeds.append((x, y))
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=municipality)
    )
    fine = [shapely.segmentize(shapely.intersection(c, municipality), 50) for c in cells]
    return [municipality, *districts, *[f for f in fine if not f.is_empty]][:200]


def build_points(rng: np.random.Generator, n: int, bounds: tuple[float, ...]) -> tuple:
    cx, cy = to_3006([d.lon for d in DEMO_DISTRICTS], [d.lat for d in DEMO_DISTRICTS])
    clustered = int(n * 0.8)
    which = rng.integers(0, len(cx), clustered)
    rest = n - clustered
    x = np.concatenate(
        [cx[which] + rng.normal(0, 800, clustered), rng.uniform(bounds[0], bounds[2], rest)]
    )
    y = np.concatenate(
        [cy[which] + rng.normal(0, 800, clustered), rng.uniform(bounds[1], bounds[3], rest)]
    )
    order = rng.permutation(n)
    return x[order], y[order]


def timed(fn: Any, repeat: int = 1) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def as_set(points: np.ndarray, areas: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(points.tolist(), areas.tolist(), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    areas = build_areas(rng)
    vertices = [int(shapely.get_num_coordinates(a)) for a in areas]
    bounds = shapely.total_bounds(areas)
    x, y = build_points(rng, args.points, tuple(bounds))
    ids = np.arange(1, len(areas) + 1)

    build_s, index = timed(lambda: AreaIndex.build(zip(ids.tolist(), areas, strict=True)))
    pairs_s, (points, area_ids) = timed(lambda: index.pairs(x, y), repeat=3)

    def strtree_predicate() -> tuple[np.ndarray, np.ndarray]:
        p, g = index.tree.query(shapely.points(x, y), predicate="intersects")
        return p, ids[g]

    def strtree_bbox_then_xy() -> tuple[np.ndarray, np.ndarray]:
        p, g = index.tree.query(shapely.points(x, y))
        hit = shapely.intersects_xy(index.geometries[g], x[p], y[p])
        return p[hit], ids[g[hit]]

    peer1_s, peer1 = timed(strtree_predicate)
    peer2_s, peer2 = timed(strtree_bbox_then_xy)
    ours = as_set(points, area_ids)
    same = ours == as_set(*peer1) == as_set(*peer2)
    grid = index.grid
    assert grid is not None
    result = {
        "benchmark": "AreaIndex.pairs: points to the areas containing them (EPSG:3006)",
        "points": args.points,
        "areas": len(areas),
        "vertices": {"total": sum(vertices), "median_per_area": int(np.median(vertices))},
        "pairs_found": int(points.size),
        "points_in_no_area": int(args.points - np.unique(points).size),
        "index": {
            "build_seconds": round(build_s, 3),
            "grid_cells": grid.nx * grid.ny,
            "cell_metres": round(grid.cell, 1),
            "inside_entries": int(grid.inside.size),
            "border_entries": int(grid.border.size),
        },
        "pairs": {
            "seconds": round(pairs_s, 3),
            "points_per_second": round(args.points / pairs_s),
        },
        "peers": {
            "strtree_predicate": {
                "what": "STRtree.query(points, predicate='intersects')",
                "seconds": round(peer1_s, 3),
                "points_per_second": round(args.points / peer1_s),
            },
            "strtree_bbox_then_intersects_xy": {
                "what": "STRtree bounding-box query, then intersects_xy on prepared polygons",
                "seconds": round(peer2_s, 3),
                "points_per_second": round(args.points / peer2_s),
            },
        },
        "ratios": {
            "speedup_vs_strtree_predicate": round(peer1_s / pairs_s, 1),
            "speedup_vs_strtree_bbox_then_intersects_xy": round(peer2_s / pairs_s, 1),
        },
        "same_pairs_as_peers": same,
        "environment": {
            "python": platform.python_version(),
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
            "numpy": np.__version__,
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    if not same:
        raise SystemExit("AreaIndex.pairs disagrees with shapely")


if __name__ == "__main__":
    main()
