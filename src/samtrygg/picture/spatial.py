"""Figures over space: the study grid, hotspots (grid counts, Gi*, kernel density), Gi* on
areas, near repeat (Knox table and alert cells) and simplified area outlines.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from typing import Any

import numpy as np
import shapely

from samtrygg.analysis.grid import Grid, grid_counts, make_grid
from samtrygg.analysis.harm import hotspot_accuracy
from samtrygg.analysis.hotspots import gi_star, gi_star_grid
from samtrygg.analysis.kde import kde_grid
from samtrygg.analysis.knox import knox_test, near_repeat_counts
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.analysis.weights import polygon_contiguity
from samtrygg.areas.spatial import to_4326
from samtrygg.picture.data import AreaInfo, PictureData, local_bounds
from samtrygg.picture.method import (
    ACCURACY_MIN_EVENTS,
    ACCURACY_TOP_PERCENT,
    ALERT_DAYS,
    ALERT_DISTANCE,
    ALPHA,
    CELL,
    KDE_BANDWIDTH,
    KDE_SHOWN_SHARE,
    KNOX_DISTANCE_EDGES,
    KNOX_MIN_EVENTS,
    KNOX_PERMUTATIONS,
    KNOX_TIME_EDGES,
    SEED,
    round_float,
)
from samtrygg.picture.places import locate_cells
from samtrygg.picture.types import (
    Alert,
    AreaGi,
    AreaGiRow,
    CellPlace,
    GiCell,
    GridSpec,
    HotspotAccuracy,
    Hotspots,
    KnoxTable,
    NearRepeat,
)


def study_grid(areas: list[AreaInfo], x: np.ndarray, y: np.ndarray) -> Grid | None:
    """A CELL-metre grid over the areas (snapped to whole cells), else over the points."""
    if areas:
        minx, miny, maxx, maxy = shapely.total_bounds([a.geometry for a in areas])
        x0 = math.floor(minx / CELL) * CELL
        y0 = math.floor(miny / CELL) * CELL
        return make_grid(x, y, CELL, bounds=(x0, y0, maxx, maxy))
    if x.size == 0:
        return None
    # No areas: the points' extent with a kilometre's margin (a study region, not a box
    # drawn tight around the events).
    pad = 1000.0
    x0 = math.floor((float(x.min()) - pad) / CELL) * CELL
    y0 = math.floor((float(y.min()) - pad) / CELL) * CELL
    return make_grid(x, y, CELL, bounds=(x0, y0, float(x.max()) + pad, float(y.max()) + pad))


def grid_spec(grid: Grid) -> GridSpec:
    return GridSpec(x0=grid.x0, y0=grid.y0, cell=grid.cell, nx=grid.nx, ny=grid.ny)


def _locate(data: PictureData, grid: Grid, cells: list[tuple[int, int]]) -> list[CellPlace]:
    return locate_cells(grid.x0, grid.y0, grid.cell, cells, data.places)


def cell_centre_lonlat(grid: Grid, ix: np.ndarray, iy: np.ndarray) -> tuple[np.ndarray, ...]:
    cx = grid.x0 + (ix + 0.5) * grid.cell
    cy = grid.y0 + (iy + 0.5) * grid.cell
    return to_4326(cx, cy)


def hotspot_figures(data: PictureData, grid: Grid | None) -> Hotspots:
    a = data.arrays
    m = a.mappable
    x, y = a.x[m], a.y[m]
    empty = Hotspots(
        mappable=int(m.sum()),
        grid=grid_spec(grid) if grid else None,
        gi_cells=[],
        kde_cells=[],
        kde_max=None,
        n_cells=0,
        n_hot=0,
        cell_counts=[],
        note="too_few",
    )
    if grid is None or x.size < 3:
        return empty
    counts = grid_counts(x, y, grid=grid)
    nonzero = np.argwhere(counts.counts > 0)
    base = dataclasses.replace(
        empty,
        note="",
        n_cells=int(grid.nx * grid.ny),
        outside=counts.n_outside,
        cell_counts=[[int(ix), int(iy), int(counts.counts[iy, ix])] for iy, ix in nonzero],
        accuracy=_previous_map_accuracy(data, grid, counts.counts),
    )
    try:
        gi = gi_star_grid(counts, weights="queen", alpha=ALPHA, fdr=True)
    except AnalysisInputError as exc:
        return dataclasses.replace(base, note=str(exc)[:200])
    hot = np.argwhere(gi.significant & (gi.z > 0))
    z, q = gi.z, gi.q_value
    found = [
        (
            int(ix),
            int(iy),
            int(counts.counts[iy, ix]),
            round_float(z[iy, ix], 3),
            round_float(q[iy, ix], 6),
        )
        for iy, ix in hot
    ]
    found.sort(key=lambda c: -(c[3] or 0))
    area_names = [""] * len(found)
    if found and data.areas:
        cx = np.array([grid.x0 + (c[0] + 0.5) * grid.cell for c in found])
        cy = np.array([grid.y0 + (c[1] + 0.5) * grid.cell for c in found])
        for area in data.areas:
            inside = shapely.contains_xy(area.geometry, cx, cy)
            for k in np.flatnonzero(inside):
                area_names[k] = area_names[k] or area.name
    where = _locate(data, grid, [(c[0], c[1]) for c in found])
    cells = [
        GiCell(ix=c[0], iy=c[1], count=c[2], z=c[3], q=c[4], area=area_names[k], where=where[k])
        for k, c in enumerate(found)
    ]
    base = dataclasses.replace(base, gi_cells=cells, n_hot=len(cells))
    try:
        kde = kde_grid(x, y, CELL, bandwidth=KDE_BANDWIDTH, grid=grid)
    except AnalysisInputError:
        return base
    dens = kde.density
    top = float(dens.max()) if dens.size else 0.0
    if top > 0:
        shown = np.argwhere(dens >= KDE_SHOWN_SHARE * top)
        return dataclasses.replace(
            base,
            kde_cells=[[int(ix), int(iy), round(float(dens[iy, ix]), 3)] for iy, ix in shown],
            kde_max=round(top, 3),
        )
    return base


def _previous_map_accuracy(
    data: PictureData, grid: Grid, counts: np.ndarray
) -> HotspotAccuracy | None:
    """How well the previous period's hot spots (its top ``ACCURACY_TOP_PERCENT`` % of the
    study area's cells by count) caught this period's incidents: hit rate, PAI, PEI.

    The cells are those whose centre lies in the areas (the municipality, not the
    rectangle around it), so PAI's area share is a share of the study area (Chainey 2008).
    """
    xy = data.previous_xy
    if xy.shape[0] == 0:
        return None
    before = grid_counts(xy[:, 0], xy[:, 1], grid=grid).counts
    if data.areas:
        iy, ix = np.mgrid[0 : grid.ny, 0 : grid.nx]
        cx = grid.x0 + (ix.ravel() + 0.5) * grid.cell
        cy = grid.y0 + (iy.ravel() + 0.5) * grid.cell
        study = shapely.union_all([a.geometry for a in data.areas])
        inside = shapely.contains_xy(study, cx, cy).reshape(grid.ny, grid.nx)
    else:
        inside = np.ones((grid.ny, grid.nx), dtype=bool)
    if not inside.any():
        return None
    acc = hotspot_accuracy(before[inside], counts[inside], top_percent=ACCURACY_TOP_PERCENT)
    prev = data.previous
    return HotspotAccuracy(
        top_percent=acc.top_percent,
        flagged_cells=acc.flagged_cells,
        study_cells=acc.total_cells,
        previous_events=int(before[inside].sum()),
        events=acc.events,
        captured=acc.events_captured,
        hit_rate=round_float(acc.hit_rate, 4),
        pai=round_float(acc.pai, 3),
        pei=round_float(acc.pei, 3),
        few=min(int(before[inside].sum()), acc.events) < ACCURACY_MIN_EVENTS,
        partial=prev.covered_days < prev.days,
    )


def area_gi_figures(areas: list[AreaInfo], counts: np.ndarray) -> AreaGi:
    if len(areas) < 3:
        return AreaGi(kind=None, rows=[], note="too_few_areas")
    kinds = Counter(a.kind for a in areas)
    kind = kinds.most_common(1)[0][0]
    idx = [i for i, a in enumerate(areas) if a.kind == kind]
    if len(idx) < 3:
        return AreaGi(kind=kind, rows=[], note="too_few_areas")
    geoms = [areas[i].geometry for i in idx]
    try:
        weights = polygon_contiguity(geoms, [areas[i].id for i in idx], kind="queen")
        values = np.array([counts[i] / max(areas[i].area_km2, 1e-9) for i in idx])
        gi = gi_star(values, weights, alpha=ALPHA, fdr=True)
    except AnalysisInputError as exc:
        return AreaGi(kind=kind, rows=[], note=str(exc)[:200])
    rows = [
        AreaGiRow(
            area=areas[i].code,
            name=areas[i].name,
            per_km2=round_float(values[k], 2),
            z=round_float(gi.z[k], 3),
            q=round_float(gi.q_value[k], 6),
            label=gi.label[k],
        )
        for k, i in enumerate(idx)
    ]
    rows.sort(key=lambda r: -(r.z if r.z is not None else -1e9))
    return AreaGi(kind=kind, rows=rows, note="", islands=[str(v) for v in gi.islands])


def near_repeat_figures(
    data: PictureData, grid: Grid | None, area_of_event: dict[int, str]
) -> NearRepeat:
    a = data.arrays
    p = data.params
    cats = data.categories
    nr_ids = np.array([c.id for c in cats.values() if c.near_repeat], dtype=np.int64)
    chosen = set(p.category_codes)
    names = [c.name for c in cats.values() if c.near_repeat and (not chosen or c.code in chosen)]
    sel = a.mappable & np.isin(a.category_id, nr_ids)
    idx = np.flatnonzero(sel)
    knox_table = None
    if idx.size >= KNOX_MIN_EVENTS:
        knox = knox_test(
            a.x[idx],
            a.y[idx],
            a.t[idx],
            KNOX_DISTANCE_EDGES,
            KNOX_TIME_EDGES,
            permutations=KNOX_PERMUTATIONS,
            seed=SEED,
        )
        knox_table = KnoxTable(
            observed=knox.observed.tolist(),
            expected=[[round_float(v, 2) for v in row] for row in knox.expected],
            ratio=[[round_float(v, 2) for v in row] for row in knox.knox_ratio],
            p_value=[[round_float(v, 4) for v in row] for row in knox.p_value],
            distance_edges=[float(v) for v in knox.distance_edges],
            time_edges=[float(v) for v in knox.time_edges],
            n_pairs=knox.n_pairs,
            permutations=knox.permutations,
        )
    alerts: list[Alert] = []
    if idx.size >= 2 and grid is not None:
        counts = near_repeat_counts(
            a.x[idx],
            a.y[idx],
            a.t[idx],
            distance=ALERT_DISTANCE,
            time_window=ALERT_DAYS,
            direction="prior",
        ).counts
        end_day = data.data_through
        end_t = (local_bounds(end_day, end_day)[1] - a.origin).total_seconds() / 86400.0
        recent = (a.t[idx] >= end_t - ALERT_DAYS) & (counts >= 1)
        alert_idx = idx[recent]
        gx = np.floor((a.x[alert_idx] - grid.x0) / grid.cell).astype(np.int64)
        gy = np.floor((a.y[alert_idx] - grid.y0) / grid.cell).astype(np.int64)
        by_cell: dict[tuple[int, int], dict[str, Any]] = {}
        for k, event in enumerate(alert_idx.tolist()):
            key = (int(gx[k]), int(gy[k]))
            entry = by_cell.setdefault(
                key,
                {"events": 0, "latest": "", "area": area_of_event.get(event, ""), "cats": set()},
            )
            entry["events"] += 1
            day = str(a.local_time[event].astype("datetime64[D]"))
            entry["latest"] = max(entry["latest"], day)
            entry["cats"].add(cats[int(a.category_id[event])].name)
        keys = sorted(by_cell, key=lambda k: (-by_cell[k]["events"], by_cell[k]["latest"]))
        where = _locate(data, grid, keys)
        alerts = [
            Alert(
                ix=key[0],
                iy=key[1],
                events=by_cell[key]["events"],
                latest=by_cell[key]["latest"],
                area=by_cell[key]["area"],
                categories=sorted(by_cell[key]["cats"]),
                lon=where[k].lon,
                lat=where[k].lat,
                where=where[k],
            )
            for k, key in enumerate(keys)
        ]
    return NearRepeat(categories=names, knox=knox_table, alerts=alerts, n_events=int(idx.size))
