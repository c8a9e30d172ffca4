"""The picture's figures over space as typed values: Gi* on areas, the study grid and its
hot-spot cells, kernel density, near repeat (Knox table, alert cells) and area outlines.

Part of the picture's typed values (``picture.types`` re-exports them); computed in
``picture.spatial``, read from and written to JSON by ``picture.types``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AreaGiRow:
    area: str
    name: str
    per_km2: float | None
    z: float | None
    q: float | None
    label: str


@dataclass(frozen=True)
class AreaGi:
    kind: str | None
    rows: list[AreaGiRow]
    note: str
    islands: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GridSpec:
    x0: float
    y0: float
    cell: float
    nx: int
    ny: int


@dataclass(frozen=True)
class CellPlace:
    """Where a 250 m cell is: its id, centre and the nearest named place."""

    #: ``E<easting>N<northing>`` of the cell's south-west corner (SWEREF 99 TM, metres).
    cell: str = ""
    lon: float | None = None
    lat: float | None = None
    #: The nearest named place (``areas.Place``) within ``PLACE_RADIUS`` metres, and how far.
    place: str = ""
    place_distance_m: int | None = None


@dataclass(frozen=True)
class GiCell:
    ix: int
    iy: int
    count: int
    z: float | None
    q: float | None
    area: str = ""
    where: CellPlace = field(default_factory=CellPlace)


@dataclass(frozen=True)
class HotspotAccuracy:
    top_percent: float
    flagged_cells: int
    study_cells: int
    previous_events: int
    events: int
    captured: int
    hit_rate: float | None
    pai: float | None
    pei: float | None
    few: bool
    partial: bool


@dataclass(frozen=True)
class Hotspots:
    mappable: int
    grid: GridSpec | None
    gi_cells: list[GiCell]
    #: ``[ix, iy, density]`` of the cells above the shown share of the maximum.
    kde_cells: list[list[int | float]]
    kde_max: float | None
    n_cells: int
    n_hot: int
    #: ``[ix, iy, count]`` of every cell with incidents.
    cell_counts: list[list[int]]
    note: str
    outside: int = 0
    accuracy: HotspotAccuracy | None = None


@dataclass(frozen=True)
class KnoxTable:
    observed: list[list[int]]
    expected: list[list[float | None]]
    ratio: list[list[float | None]]
    p_value: list[list[float | None]]
    distance_edges: list[float]
    time_edges: list[float]
    n_pairs: int
    permutations: int


@dataclass(frozen=True)
class Alert:
    ix: int
    iy: int
    events: int
    latest: str
    area: str
    categories: list[str]
    lon: float | None = None
    lat: float | None = None
    where: CellPlace = field(default_factory=CellPlace)


@dataclass(frozen=True)
class NearRepeat:
    categories: list[str]
    knox: KnoxTable | None
    alerts: list[Alert]
    n_events: int


@dataclass(frozen=True)
class AreaOutline:
    id: int
    code: str
    name: str
    geometry: dict[str, Any]
