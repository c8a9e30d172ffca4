"""The synthetic incidents as arrays: times with the rhythms, points at the hotspots and
in the districts, burglary chains, and the drop (and displacement) in Bäckby.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely

from samtrygg.areas.models import Area
from samtrygg.areas.spatial import AreaIndex
from samtrygg.incidents.demo.data import (
    BURGLARY_CATEGORIES,
    BURGLARY_SHARE,
    BURGLARY_SOURCES,
    DAYS,
    DEMO_INTERVENTION,
    HOURS,
    PROFILES,
    SEASONS,
    WEEKDAYS,
)


def _choice(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _local_times(
    rng: np.random.Generator, n: int, start: dt.date, hours: str, weekdays: str, season: str
) -> np.ndarray:
    """``n`` local wall-clock times in the ``DAYS`` days from ``start``, with the rhythm."""
    days = np.datetime64(start) + np.arange(DAYS).astype("timedelta64[D]")
    weekday = (days.astype(np.int64) + 3) % 7
    month = days.astype("datetime64[M]").astype(np.int64) % 12
    weight = WEEKDAYS[weekdays][weekday] * SEASONS[season][month]
    day = rng.choice(DAYS, size=n, p=weight / weight.sum())
    hour_weights = HOURS[hours].astype(float)
    hour = rng.choice(24, size=n, p=hour_weights / hour_weights.sum())
    minute = rng.integers(0, 60, size=n)
    return (
        days[day].astype("datetime64[m]")
        + hour.astype("timedelta64[h]")
        + minute.astype("timedelta64[m]")
    )


@dataclass
class Rows:
    x: np.ndarray
    y: np.ndarray
    local: np.ndarray
    category: np.ndarray
    source: np.ndarray

    def __len__(self) -> int:
        return len(self.x)

    @staticmethod
    def concat(parts: list[Rows]) -> Rows:
        return Rows(
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in ("x", "y", "local", "category", "source")
            )
        )

    def take(self, mask: np.ndarray) -> Rows:
        return Rows(
            self.x[mask], self.y[mask], self.local[mask], self.category[mask], self.source[mask]
        )


def _inside(index: AreaIndex, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    inside = np.zeros(len(x), dtype=bool)
    points, _areas = index.pairs(x, y)
    inside[points] = True
    return inside


def _district_points(
    rng: np.random.Generator, n: int, districts: list[Area], index: AreaIndex
) -> tuple[np.ndarray, np.ndarray]:
    """Points in the districts, more where more people live."""
    population = np.array([a.population or 500 for a in districts], dtype=float) ** 0.9
    centres = [shapely.from_wkb(bytes(a.geometry_3006)) for a in districts]
    x = np.empty(0)
    y = np.empty(0)
    while len(x) < n:
        want = int((n - len(x)) * 1.3) + 10
        pick = rng.choice(len(districts), size=want, p=population / population.sum())
        cx = np.array([centres[i].centroid.x for i in pick])
        cy = np.array([centres[i].centroid.y for i in pick])
        spread = np.array(
            [min(max(np.sqrt(districts[i].area_km2) * 280.0, 250.0), 1500.0) for i in pick]
        )
        px = cx + rng.normal(0, 1, want) * spread
        py = cy + rng.normal(0, 1, want) * spread
        keep = _inside(index, px, py)
        x = np.concatenate([x, px[keep]])
        y = np.concatenate([y, py[keep]])
    return x[:n], y[:n]


def generate(
    rng: np.random.Generator,
    n: int,
    start: dt.date,
    districts: list[Area],
    places: dict[str, tuple[float, float]],
    backby: shapely.Geometry | None,
    intervention: dt.date,
) -> Rows:
    """The synthetic incidents (local times, EPSG:3006 points, category and source codes)."""
    index = AreaIndex.build((a.pk, bytes(a.geometry_3006)) for a in districts)
    parts: list[Rows] = []
    for profile in PROFILES:
        m = round(n * profile.share)
        if profile.places:
            names = [p for p in profile.places if p in places]
            if not names:
                continue
            chosen = _choice(rng, {k: profile.places[k] for k in names}, m)
            x = np.array([places[c][0] for c in chosen]) + rng.normal(0, profile.spread_m, m)
            y = np.array([places[c][1] for c in chosen]) + rng.normal(0, profile.spread_m, m)
        else:
            x, y = _district_points(rng, m, districts, index)
        parts.append(
            Rows(
                x,
                y,
                _local_times(rng, m, start, profile.hours, profile.weekdays, profile.season),
                _choice(rng, profile.categories, m),
                _choice(rng, profile.sources, m),
            )
        )
    parts.append(_burglary_chains(rng, round(n * BURGLARY_SHARE), start, districts, index))
    rows = Rows.concat(parts)
    if backby is not None:
        rows = _intervention(rng, rows, backby, intervention, index)
    order = np.argsort(rows.local, kind="stable")
    return rows.take(order)


def _burglary_chains(
    rng: np.random.Generator, seeds: int, start: dt.date, districts: list[Area], index: AreaIndex
) -> Rows:
    residential = [a for a in districts if (a.population or 0) >= 2000]
    x, y = _district_points(rng, seeds, residential, index)
    local = _local_times(rng, seeds, start, "burglary", "plain", "dark")
    category = _choice(rng, BURGLARY_CATEGORIES, seeds)
    follow = rng.poisson(1.3, seeds)
    parent = np.repeat(np.arange(seeds), follow)
    k = len(parent)
    distance = 200.0 * np.sqrt(rng.random(k)) * rng.choice([1.0, 0.6], size=k)
    angle = rng.uniform(0, 2 * np.pi, k)
    delay_minutes = np.minimum(rng.exponential(4.0, k), 14.0) * 24 * 60
    chain = Rows(
        x[parent] + distance * np.cos(angle),
        y[parent] + distance * np.sin(angle),
        local[parent] + delay_minutes.astype("timedelta64[m]"),
        category[parent],
        _choice(rng, BURGLARY_SOURCES, k),
    )
    end = np.datetime64(start) + np.timedelta64(DAYS, "D")
    seeds_rows = Rows(x, y, local, category, _choice(rng, BURGLARY_SOURCES, seeds))
    chained = Rows.concat([seeds_rows, chain])
    return chained.take(chained.local < end)


def _intervention(
    rng: np.random.Generator,
    rows: Rows,
    backby: shapely.Geometry,
    intervention: dt.date,
    index: AreaIndex,
) -> Rows:
    """After the intervention: half of Bäckby's incidents gone, 30 % of those displaced."""
    shapely.prepare(backby)
    after = rows.local >= np.datetime64(intervention)
    in_backby = shapely.contains_xy(backby, rows.x, rows.y)
    affected = np.flatnonzero(after & in_backby)
    removed = affected[rng.random(len(affected)) < DEMO_INTERVENTION["drop"]]
    displaced = removed[rng.random(len(removed)) < DEMO_INTERVENTION["displaced_share"]]
    ring = shapely.difference(backby.buffer(DEMO_INTERVENTION["buffer_m"]), backby)
    shapely.prepare(ring)
    min_x, min_y, max_x, max_y = ring.bounds
    new_x: list[float] = []
    new_y: list[float] = []
    while len(new_x) < len(displaced):
        px = rng.uniform(min_x, max_x, 200)
        py = rng.uniform(min_y, max_y, 200)
        ok = shapely.contains_xy(ring, px, py) & _inside(index, px, py)
        new_x.extend(px[ok].tolist())
        new_y.extend(py[ok].tolist())
    moved = rows.take(displaced)
    moved.x = np.array(new_x[: len(displaced)])
    moved.y = np.array(new_y[: len(displaced)])
    keep = np.ones(len(rows), dtype=bool)
    keep[removed] = False
    return Rows.concat([rows.take(keep), moved])
