"""Where a 250 m cell is: a stable id, its centre and the nearest named place.

A hot-spot table that says "Centrum" twelve times says nothing about where to go. Each
cell is named by its south-west corner on SWEREF 99 TM (``E585250N6607000``: easting and
northing in metres, so the id is the same in every picture and on every grid over the
same lattice), located by its centre in WGS84, and described by the nearest named place
(``areas.Place``: squares, stations, school yards) within ``PLACE_RADIUS`` metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from samtrygg.areas.models import Place
from samtrygg.areas.spatial import to_4326
from samtrygg.picture.types import CellPlace

#: A named place farther than this from a cell's centre does not describe the cell.
PLACE_RADIUS = 1000.0


@dataclass(frozen=True)
class NamedPlace:
    name: str
    x: float
    y: float


def cell_id(x0: float, y0: float, cell: float, ix: int, iy: int) -> str:
    return f"E{round(x0 + ix * cell)}N{round(y0 + iy * cell)}"


def cell_centre(
    x0: float, y0: float, cell: float, ix: int, iy: int
) -> tuple[float, float, float, float]:
    """SWEREF 99 TM and WGS84 (lon, lat) of a cell's centre."""
    x = x0 + (ix + 0.5) * cell
    y = y0 + (iy + 0.5) * cell
    lon, lat = to_4326(np.array([x]), np.array([y]))
    return x, y, round(float(lon[0]), 6), round(float(lat[0]), 6)


def named_places() -> list[NamedPlace]:
    return [NamedPlace(n, x, y) for n, x, y in Place.objects.values_list("name", "x", "y")]


def locate_cells(
    x0: float,
    y0: float,
    cell: float,
    cells: Sequence[tuple[int, int]],
    places: Sequence[NamedPlace],
) -> list[CellPlace]:
    """``CellPlace`` of each ``(ix, iy)``: id, centre and nearest named place."""
    if not cells:
        return []
    ix = np.array([c[0] for c in cells], dtype=float)
    iy = np.array([c[1] for c in cells], dtype=float)
    cx = x0 + (ix + 0.5) * cell
    cy = y0 + (iy + 0.5) * cell
    lon, lat = to_4326(cx, cy)
    nearest: list[tuple[str, int | None]] = [("", None)] * len(cells)
    if places:
        px = np.array([p.x for p in places])
        py = np.array([p.y for p in places])
        dist = np.hypot(cx[:, None] - px[None, :], cy[:, None] - py[None, :])
        best = dist.argmin(axis=1)
        nearest = [
            (places[int(b)].name, round(float(dist[k, b])))
            if dist[k, b] <= PLACE_RADIUS
            else ("", None)
            for k, b in enumerate(best.tolist())
        ]
    return [
        CellPlace(
            cell=cell_id(x0, y0, cell, int(c[0]), int(c[1])),
            lon=round(float(lon[k]), 6),
            lat=round(float(lat[k]), 6),
            place=nearest[k][0],
            place_distance_m=nearest[k][1],
        )
        for k, c in enumerate(cells)
    ]
