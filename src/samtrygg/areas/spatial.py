"""Projection and point-in-area assignment (shapely + pyproj, vectorised).

``AreaIndex`` answers "which areas contain these points" for many points at once: an
STRtree query gives candidate (point, area) pairs by bounding box, and shapely's
vectorised ``contains_xy`` keeps the true ones. Points on an area's boundary count as
inside (``covers``), so a point on a shared border belongs to both areas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer


@lru_cache(maxsize=4)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def to_3006(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat (degrees) → SWEREF 99 TM x/y (metres)."""
    x, y = _transformer("EPSG:4326", "EPSG:3006").transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def to_4326(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """SWEREF 99 TM x/y (metres) → WGS84 lon/lat (degrees)."""
    lon, lat = _transformer("EPSG:3006", "EPSG:4326").transform(
        np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    )
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def project_geometry(geom: shapely.Geometry, source: str, target: str) -> shapely.Geometry:
    transformer = _transformer(source, target)
    return shapely.transform(
        geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


@dataclass(frozen=True)
class AreaIndex:
    """Areas' projected polygons in an STRtree, for bulk point assignment."""

    ids: np.ndarray
    geometries: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def build(cls, items: Iterable[tuple[int, bytes | shapely.Geometry]]) -> AreaIndex:
        ids, geoms = [], []
        for area_id, geom in items:
            if isinstance(geom, bytes | memoryview | bytearray):
                geom = shapely.from_wkb(bytes(geom))
            shapely.prepare(geom)
            ids.append(area_id)
            geoms.append(geom)
        geometries = np.array(geoms, dtype=object)
        return cls(
            ids=np.array(ids, dtype=np.int64),
            geometries=geometries,
            tree=shapely.STRtree(geometries),
        )

    def pairs(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(point index, area id) for every point inside (or on the border of) an area."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if len(self.ids) == 0 or x.size == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        points = shapely.points(x, y)
        point_idx, geom_idx = self.tree.query(points, predicate="intersects")
        return point_idx.astype(np.int64), self.ids[geom_idx]

    def assign(self, x: np.ndarray, y: np.ndarray) -> list[list[int]]:
        """For each point, the ids of the areas that contain it."""
        point_idx, area_ids = self.pairs(x, y)
        result: list[list[int]] = [[] for _ in range(len(np.asarray(x)))]
        for p, a in zip(point_idx.tolist(), area_ids.tolist(), strict=True):
            result[p].append(a)
        return result
