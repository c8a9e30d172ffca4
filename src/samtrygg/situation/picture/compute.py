"""Every figure of the situational picture, computed from ``PictureData``.

The statistics are the analysis library's (``samtrygg.analysis``); this module only
counts, arranges and converts results into JSON-ready dictionaries (the same structure is
shown on the dashboard, frozen in published versions and printed in the PDF).

Conventions (also in docs/situation.md):

* An incident belongs to the period in which it *started* (``occurred_from``).
* Rates are per 1,000 inhabitants over the period (not annualised), with the area's
  population of the period's last year (or the nearest earlier year).
* The weekday × hour table uses the middle of the incident's interval when the interval is
  at most 12 hours; longer intervals are left out and counted in ``excluded``.
* Hotspots (grid counts, Gi*, kernel density) and near-repeat analysis use mappable
  incidents only (precision ``exact`` or ``address``); 250 m cells, Gi* with queen
  weights and Benjamini–Hochberg control at 5 %; Gaussian density with a 300 m bandwidth.
* Gi* on areas: incidents per km² of the rows' most common area kind, queen contiguity.
* Near repeat: Knox table with 100 m × 7 day bands up to 400 m and 28 days, 99
  permutations (seeded); an alert is an incident of a burglary-like category in the last
  14 days with at least one earlier one within 200 m and 14 days; alerts are reported per
  250 m cell, never as incident points.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import numpy as np
import shapely

from samtrygg.analysis.grid import Grid, grid_counts, make_grid
from samtrygg.analysis.harm import harm_weighted_count
from samtrygg.analysis.hotspots import gi_star, gi_star_grid
from samtrygg.analysis.kde import kde_grid
from samtrygg.analysis.knox import knox_test, near_repeat_counts
from samtrygg.analysis.trends import RateComparison, compare_rates, weekly_control_chart
from samtrygg.analysis.types import AnalysisInputError, json_float
from samtrygg.analysis.weights import polygon_contiguity
from samtrygg.areas.spatial import to_4326
from samtrygg.situation.picture.data import POLICE_FEED, AreaInfo, PictureData, local_bounds

SCHEMA = 1
CELL = 250.0
KDE_BANDWIDTH = 300.0
KDE_SHOWN_SHARE = 0.05
ALPHA = 0.05
KNOX_DISTANCE_EDGES = (0.0, 100.0, 200.0, 300.0, 400.0)
KNOX_TIME_EDGES = (0.0, 7.0, 14.0, 21.0, 28.0)
KNOX_PERMUTATIONS = 99
KNOX_MIN_EVENTS = 10
SEED = 20230701
ALERT_DISTANCE = 200.0
ALERT_DAYS = 14.0
HEAT_MAX_HOURS = 12.0
AREA_SIMPLIFY_DEG = 0.0002

METHOD = {
    "cell_m": CELL,
    "kde": {"kernel": "gaussian", "bandwidth_m": KDE_BANDWIDTH},
    "gi_star": {"weights": "queen", "fdr": True, "alpha": ALPHA},
    "knox": {
        "distance_edges_m": list(KNOX_DISTANCE_EDGES),
        "time_edges_days": list(KNOX_TIME_EDGES),
        "permutations": KNOX_PERMUTATIONS,
        "seed": SEED,
        "band_rule": "half-open [lo, hi)",
    },
    "alerts": {"distance_m": ALERT_DISTANCE, "days": ALERT_DAYS},
    "change_test": "exact conditional binomial test of two Poisson counts (days as exposure)",
    "control_chart": {"lambda": 0.2, "limit_sigma": 3.0, "baseline": "same weeks ±1, 2 years"},
    "heat_table": {"max_interval_hours": HEAT_MAX_HOURS, "time": "middle of the interval"},
}


def _f(value: Any, digits: int = 4) -> float | None:
    v = json_float(value)
    return None if v is None else round(v, digits)


def comparison(c: RateComparison) -> dict[str, Any]:
    return {
        "count": c.count,
        "reference": c.reference_count,
        "rate_ratio": _f(c.rate_ratio),
        "ci_low": _f(c.ci_low),
        "ci_high": _f(c.ci_high),
        "p_value": _f(c.p_value, 6),
        "significant": c.p_value is not None and c.p_value < ALPHA,
        "few": bool(c.note),
        "change_pct": (
            None if c.rate_ratio is None else round((float(c.rate_ratio) - 1.0) * 100.0, 1)
        ),
    }


def _compare(
    count: int, reference: int, days: int, reference_days: int, *, partial: bool = False
) -> dict[str, Any]:
    """``partial``: the comparison period starts before the first incident on record, so
    its count is incomplete and the change says little."""
    return comparison(compare_rates(count, reference, days, reference_days)) | {"partial": partial}


def _local_days(local_time: np.ndarray) -> np.ndarray:
    return local_time.astype("datetime64[D]")


def _week_start(days: np.ndarray) -> np.ndarray:
    n = days.astype(np.int64)
    return (n - (n + 3) % 7).astype("datetime64[D]")


def _bucket(days: np.ndarray, unit: str) -> np.ndarray:
    if unit == "day":
        return days
    if unit == "week":
        return _week_start(days)
    return days.astype("datetime64[M]").astype("datetime64[D]")


def bucket_unit(days: int) -> str:
    if days <= 14:
        return "day"
    if days <= 120:
        return "week"
    return "month"


def _bucket_label(start: dt.date, unit: str) -> str:
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return start.strftime("%Y-%m")


def _bucket_starts(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    out = []
    cur = _bucket(np.array([first], dtype="datetime64[D]"), unit)[0].astype(dt.date)
    while cur <= last:
        out.append(cur)
        if unit == "day":
            cur += dt.timedelta(days=1)
        elif unit == "week":
            cur += dt.timedelta(days=7)
        else:
            cur = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    return out


def _by_period(days: np.ndarray, start: dt.date, end: dt.date) -> dict[str, Any]:
    unit = bucket_unit((end - start).days + 1)
    starts = _bucket_starts(start, end, unit)
    keys = _bucket(days, unit)
    counts = Counter(keys.astype(dt.date).tolist()) if days.size else Counter()
    rows = []
    for i, s in enumerate(starts):
        e = (starts[i + 1] - dt.timedelta(days=1)) if i + 1 < len(starts) else end
        rows.append(
            {
                "label": _bucket_label(s, unit),
                "start": max(s, start).isoformat(),
                "end": min(e, end).isoformat(),
                "count": int(counts.get(s, 0)),
            }
        )
    return {"unit": unit, "rows": rows}


def _weekday_hour(data: PictureData) -> dict[str, Any]:
    a = data.arrays
    length_h = (a.t_to - a.t) * 24.0
    ok = length_h <= HEAT_MAX_HOURS
    mid = a.local_time[ok] + (length_h[ok] * 1800.0).astype("timedelta64[s]")
    hours = (mid.astype("datetime64[h]").astype(np.int64) % 24).astype(np.int64)
    weekdays = ((mid.astype("datetime64[D]").astype(np.int64) + 3) % 7).astype(np.int64)
    table = np.zeros((7, 24), dtype=np.int64)
    np.add.at(table, (weekdays, hours), 1)
    return {"table": table.tolist(), "excluded": int((~ok).sum()), "max": int(table.max())}


def _control_chart(data: PictureData) -> dict[str, Any]:
    p = data.params
    if data.history_counts.sum() == 0:
        return {"weeks": [], "flagged": [], "note": "no_data"}
    day_numbers = data.history_days.astype(np.int64).astype(float)
    t = np.repeat(day_numbers, data.history_counts)
    try:
        chart = weekly_control_chart(t, baseline_years=2, window=1)
    except AnalysisInputError:
        return {"weeks": [], "flagged": [], "note": "no_data"}
    first = _bucket_label(p.start - dt.timedelta(days=p.start.weekday()), "week")
    last = _bucket_label(p.end, "week")
    weeks = [
        {
            "week": w.week,
            "count": w.count,
            "baseline": _f(w.baseline, 2),
            "ewma": _f(w.ewma, 3),
            "limit": _f(w.upper_limit, 3),
            "flagged": w.flagged,
        }
        for w in chart.weeks
        if first <= w.week <= last
    ]
    return {
        "weeks": weeks,
        "flagged": [w["week"] for w in weeks if w["flagged"]],
        "note": "" if any(w["baseline"] is not None for w in weeks) else "no_baseline",
    }


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


def grid_spec(grid: Grid) -> dict[str, Any]:
    return {"x0": grid.x0, "y0": grid.y0, "cell": grid.cell, "nx": grid.nx, "ny": grid.ny}


def cell_centre_lonlat(grid: Grid, ix: np.ndarray, iy: np.ndarray) -> tuple[np.ndarray, ...]:
    cx = grid.x0 + (ix + 0.5) * grid.cell
    cy = grid.y0 + (iy + 0.5) * grid.cell
    return to_4326(cx, cy)


def _hotspots(data: PictureData, grid: Grid | None) -> dict[str, Any]:
    a = data.arrays
    m = a.mappable
    x, y = a.x[m], a.y[m]
    out: dict[str, Any] = {
        "mappable": int(m.sum()),
        "grid": grid_spec(grid) if grid else None,
        "gi_cells": [],
        "kde_cells": [],
        "kde_max": None,
        "n_cells": 0,
        "n_hot": 0,
        "cell_counts": [],
        "note": "",
    }
    if grid is None or x.size < 3:
        out["note"] = "too_few"
        return out
    counts = grid_counts(x, y, grid=grid)
    out["n_cells"] = int(grid.nx * grid.ny)
    out["outside"] = counts.n_outside
    nonzero = np.argwhere(counts.counts > 0)
    out["cell_counts"] = [[int(ix), int(iy), int(counts.counts[iy, ix])] for iy, ix in nonzero]
    try:
        gi = gi_star_grid(counts, weights="queen", alpha=ALPHA, fdr=True)
    except AnalysisInputError as exc:
        out["note"] = str(exc)[:200]
        return out
    hot = np.argwhere(gi.significant & (gi.z > 0))
    cells: list[dict[str, Any]] = []
    for iy, ix in hot:
        cells.append(
            {
                "ix": int(ix),
                "iy": int(iy),
                "count": int(counts.counts[iy, ix]),
                "z": _f(gi.z[iy, ix], 3),
                "q": _f(gi.q_value[iy, ix], 6),
            }
        )
    if cells and data.areas:
        cx = np.array([grid.x0 + (c["ix"] + 0.5) * grid.cell for c in cells])
        cy = np.array([grid.y0 + (c["iy"] + 0.5) * grid.cell for c in cells])
        for area in data.areas:
            inside = shapely.contains_xy(area.geometry, cx, cy)
            for k in np.flatnonzero(inside):
                cells[k].setdefault("area", area.name)
    cells.sort(key=lambda c: -(c["z"] or 0))
    out["gi_cells"] = cells
    out["n_hot"] = len(cells)
    try:
        kde = kde_grid(x, y, CELL, bandwidth=KDE_BANDWIDTH, grid=grid)
    except AnalysisInputError:
        return out
    dens = kde.density
    top = float(dens.max()) if dens.size else 0.0
    if top > 0:
        shown = np.argwhere(dens >= KDE_SHOWN_SHARE * top)
        out["kde_cells"] = [[int(ix), int(iy), round(float(dens[iy, ix]), 3)] for iy, ix in shown]
        out["kde_max"] = round(top, 3)
    return out


def _area_gi(areas: list[AreaInfo], counts: np.ndarray) -> dict[str, Any]:
    if len(areas) < 3:
        return {"kind": None, "rows": [], "note": "too_few_areas"}
    kinds = Counter(a.kind for a in areas)
    kind = kinds.most_common(1)[0][0]
    idx = [i for i, a in enumerate(areas) if a.kind == kind]
    if len(idx) < 3:
        return {"kind": kind, "rows": [], "note": "too_few_areas"}
    geoms = [areas[i].geometry for i in idx]
    try:
        weights = polygon_contiguity(geoms, [areas[i].id for i in idx], kind="queen")
        values = np.array([counts[i] / max(areas[i].area_km2, 1e-9) for i in idx])
        gi = gi_star(values, weights, alpha=ALPHA, fdr=True)
    except AnalysisInputError as exc:
        return {"kind": kind, "rows": [], "note": str(exc)[:200]}
    rows: list[dict[str, Any]] = []
    for k, i in enumerate(idx):
        rows.append(
            {
                "area": areas[i].code,
                "name": areas[i].name,
                "per_km2": _f(values[k], 2),
                "z": _f(gi.z[k], 3),
                "q": _f(gi.q_value[k], 6),
                "label": gi.label[k],
            }
        )
    rows.sort(key=lambda r: -(r["z"] if r["z"] is not None else -1e9))
    return {"kind": kind, "rows": rows, "islands": [str(v) for v in gi.islands], "note": ""}


def _near_repeat(
    data: PictureData, grid: Grid | None, area_of_event: dict[int, str]
) -> dict[str, Any]:
    a = data.arrays
    p = data.params
    cats = data.categories
    nr_ids = np.array([c.id for c in cats.values() if c.near_repeat], dtype=np.int64)
    chosen = set(p.category_codes)
    names = [c.name for c in cats.values() if c.near_repeat and (not chosen or c.code in chosen)]
    out: dict[str, Any] = {"categories": names, "knox": None, "alerts": [], "n_events": 0}
    sel = a.mappable & np.isin(a.category_id, nr_ids)
    idx = np.flatnonzero(sel)
    out["n_events"] = int(idx.size)
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
        out["knox"] = {
            "observed": knox.observed.tolist(),
            "expected": [[_f(v, 2) for v in row] for row in knox.expected],
            "ratio": [[_f(v, 2) for v in row] for row in knox.knox_ratio],
            "p_value": [[_f(v, 4) for v in row] for row in knox.p_value],
            "distance_edges": list(knox.distance_edges),
            "time_edges": list(knox.time_edges),
            "n_pairs": knox.n_pairs,
            "permutations": knox.permutations,
        }
    if idx.size >= 2 and grid is not None:
        counts = near_repeat_counts(
            a.x[idx],
            a.y[idx],
            a.t[idx],
            distance=ALERT_DISTANCE,
            time_window=ALERT_DAYS,
            direction="prior",
        ).counts
        end_day = min(p.end, data.today)
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
                {
                    "ix": key[0],
                    "iy": key[1],
                    "events": 0,
                    "latest": "",
                    "area": area_of_event.get(event, ""),
                    "categories": set(),
                },
            )
            entry["events"] += 1
            day = str(a.local_time[event].astype("datetime64[D]"))
            entry["latest"] = max(entry["latest"], day)
            entry["categories"].add(cats[int(a.category_id[event])].name)
        alerts = sorted(by_cell.values(), key=lambda e: (-e["events"], e["latest"]))
        if alerts:
            lon, lat = cell_centre_lonlat(
                grid,
                np.array([e["ix"] for e in alerts]),
                np.array([e["iy"] for e in alerts]),
            )
            for k, e in enumerate(alerts):
                e["lon"] = round(float(lon[k]), 6)
                e["lat"] = round(float(lat[k]), 6)
                e["categories"] = sorted(e["categories"])
        out["alerts"] = alerts
    return out


def _coverage(data: PictureData, days: np.ndarray) -> dict[str, Any]:
    orgs: Counter[str] = Counter()
    systems: Counter[str] = Counter()
    for org, system, n in data.sources:
        orgs[org] += n
        systems[system] += n
    total = sum(orgs.values())
    notices = systems.get(POLICE_FEED, 0)
    p = data.params
    weeks = _bucket_starts(p.start, p.end, "week")
    seen = set(_week_start(days).astype(dt.date).tolist()) if days.size else set()
    empty = [_bucket_label(w, "week") for w in weeks if w not in seen]
    return {
        "organisations": [{"name": k, "count": v} for k, v in orgs.most_common()],
        "sources": [{"system": k, "count": v} for k, v in systems.most_common()],
        "weeks_without_reports": empty,
        "weeks_total": len(weeks),
        "police_notices": notices,
        "police_notice_share": round(notices / total, 4) if total else None,
        "total": total,
    }


def simplified_geojson(area: AreaInfo) -> dict[str, Any]:
    geom = shapely.geometry.shape(area.geojson)
    simple = shapely.simplify(geom, AREA_SIMPLIFY_DEG, preserve_topology=True)
    rounded = shapely.transform(simple, lambda xy: xy.round(5))
    return shapely.geometry.mapping(rounded)  # type: ignore[no-any-return]


def compute_picture(data: PictureData) -> dict[str, Any]:
    """The whole picture as a JSON-ready dictionary (see the module docstring)."""
    a = data.arrays
    p = data.params
    prev, year = p.previous(), p.year_before()
    cats = data.categories
    n = len(a)
    days = _local_days(a.local_time)

    cat_ids = sorted(cats, key=lambda c: (cats[c].order, cats[c].code))
    chosen = set(p.category_codes)
    position = {cid: k for k, cid in enumerate(cat_ids)}
    cat_index = np.array([position[c] for c in a.category_id.tolist()], dtype=np.int64)
    cat_counts = np.bincount(cat_index, minlength=len(cat_ids))
    codes = [cats[c].code for c in cat_ids]
    harm = harm_weighted_count(
        [codes[k] for k in cat_index.tolist()],
        {cats[c].code: cats[c].harm_weight for c in cat_ids},
    )

    partial_prev = data.data_start is None or prev.start < data.data_start
    partial_year = data.data_start is None or year.start < data.data_start
    by_category = []
    for k, cid in enumerate(cat_ids):
        c = cats[cid]
        count = int(cat_counts[k])
        previous = data.previous_by_category.get(cid, 0)
        year_before = data.year_before_by_category.get(cid, 0)
        if chosen and c.code not in chosen:
            continue
        if not chosen and count == 0 and previous == 0 and year_before == 0:
            continue
        by_category.append(
            {
                "code": c.code,
                "name": c.name,
                "colour": c.colour,
                "count": count,
                "harm_weight": c.harm_weight,
                "harm": round(harm.by_category.get(c.code, 0.0), 2),
                "near_repeat": c.near_repeat,
                "previous": _compare(count, previous, p.days, prev.days, partial=partial_prev),
                "year_before": _compare(
                    count, year_before, p.days, year.days, partial=partial_year
                ),
            }
        )

    # areas: unique incidents per area and per area × category
    areas = data.areas
    area_pos = {ar.id: k for k, ar in enumerate(areas)}
    keep = np.array([aid in area_pos for aid in a.pair_area.tolist()], dtype=bool)
    pair_event = a.pair_incident[keep]
    pair_row = np.array([area_pos[aid] for aid in a.pair_area[keep].tolist()], dtype=np.int64)
    area_counts = np.bincount(pair_row, minlength=len(areas)).astype(np.int64)
    cross = np.zeros((len(areas), len(cat_ids)), dtype=np.int64)
    if pair_event.size:
        np.add.at(cross, (pair_row, cat_index[pair_event]), 1)
    area_of_event: dict[int, str] = {}
    for e, r in zip(pair_event.tolist(), pair_row.tolist(), strict=True):
        area_of_event.setdefault(e, areas[r].name)
    by_area = []
    for k, ar in enumerate(areas):
        count = int(area_counts[k])
        rate = count / ar.population * 1000.0 if ar.population else None
        by_area.append(
            {
                "id": ar.id,
                "code": ar.code,
                "name": ar.name,
                "kind": ar.kind,
                "count": count,
                "population": ar.population,
                "population_year": ar.population_year,
                "rate_per_1000": _f(rate, 2),
                "per_km2": _f(count / ar.area_km2 if ar.area_km2 else None, 2),
                "by_category": {
                    cats[cid].code: int(cross[k, j]) for j, cid in enumerate(cat_ids) if cross[k, j]
                },
            }
        )

    previous_total = sum(
        v for cid, v in data.previous_by_category.items() if not chosen or cats[cid].code in chosen
    )
    year_total = sum(
        v
        for cid, v in data.year_before_by_category.items()
        if not chosen or cats[cid].code in chosen
    )
    grid = study_grid(areas, a.x[a.mappable], a.y[a.mappable])
    return {
        "schema": SCHEMA,
        "parameters": p.as_dict() | {"label": p.label, "days": p.days},
        "comparison_periods": {
            "previous": {"start": prev.start.isoformat(), "end": prev.end.isoformat()},
            "year_before": {"start": year.start.isoformat(), "end": year.end.isoformat()},
        },
        "scope": data.scope.describe(),
        "method": METHOD,
        "totals": {
            "incidents": n,
            "mappable": int(a.mappable.sum()),
            "harm": round(harm.total, 2),
            "previous": _compare(n, previous_total, p.days, prev.days, partial=partial_prev),
            "year_before": _compare(n, year_total, p.days, year.days, partial=partial_year),
        },
        "by_category": by_category,
        "by_area": by_area,
        "area_gi": _area_gi(areas, area_counts),
        "by_period": _by_period(days, p.start, p.end),
        "weekday_hour": _weekday_hour(data),
        "control_chart": _control_chart(data),
        "hotspots": _hotspots(data, grid),
        "near_repeat": _near_repeat(data, grid, area_of_event),
        "coverage": _coverage(data, days)
        | {"data_start": data.data_start.isoformat() if data.data_start else None},
        "areas": [
            {"id": ar.id, "code": ar.code, "name": ar.name, "geometry": simplified_geojson(ar)}
            for ar in areas
        ],
    }
