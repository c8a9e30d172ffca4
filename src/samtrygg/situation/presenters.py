"""Turning a picture's figures into what pages show: map layers (GeoJSON in EPSG:4326),
SVG charts and links to the incidents behind a figure. Cached with the picture."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import numpy as np
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from samtrygg.areas.spatial import to_4326
from samtrygg.core.numbers import is_nothing, number, p_value, signed_percent
from samtrygg.core.permissions import permissions_for
from samtrygg.picture.types import Comparison, GridSpec, Parameters, Picture
from samtrygg.situation.maps import svg_charts, weekday_names

VIEW_CACHE_SECONDS = 6 * 3600


def cell_features(
    grid: GridSpec | None, cells: list[tuple[int, int]], properties: list[dict[str, Any]]
) -> dict[str, Any]:
    """Square cells of a SWEREF 99 TM grid as GeoJSON polygons in WGS84."""
    if not cells or grid is None:
        return {"type": "FeatureCollection", "features": []}
    ix = np.array([c[0] for c in cells], dtype=float)
    iy = np.array([c[1] for c in cells], dtype=float)
    size = grid.cell
    x0 = grid.x0 + ix * size
    y0 = grid.y0 + iy * size
    xs = np.stack([x0, x0 + size, x0 + size, x0, x0], axis=1)
    ys = np.stack([y0, y0, y0 + size, y0 + size, y0], axis=1)
    lon, lat = to_4326(xs.ravel(), ys.ravel())
    lon = np.round(lon.reshape(xs.shape), 6)
    lat = np.round(lat.reshape(ys.shape), 6)
    features = []
    for k, props in enumerate(properties):
        ring = [[float(lon[k, j]), float(lat[k, j])] for j in range(5)]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def area_layer(figures: Picture) -> dict[str, Any]:
    rows = {a.code: a for a in figures.by_area}
    features = []
    for a in figures.areas:
        row = rows.get(a.code)
        features.append(
            {
                "type": "Feature",
                "geometry": a.geometry,
                "properties": {
                    "name": a.name,
                    "code": a.code,
                    "count": row.count if row else 0,
                    "rate": row.rate_per_1000 if row else None,
                    "per_km2": row.per_km2 if row else None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def map_layers(figures: Picture) -> dict[str, Any]:
    hot = figures.hotspots
    grid = hot.grid
    kde = hot.kde_cells
    gi = hot.gi_cells
    alerts = figures.near_repeat.alerts
    return {
        "areas": area_layer(figures),
        "density": cell_features(
            grid, [(int(c[0]), int(c[1])) for c in kde], [{"density": c[2]} for c in kde]
        ),
        "density_max": hot.kde_max,
        "gi": cell_features(
            grid,
            [(c.ix, c.iy) for c in gi],
            [
                {
                    "z": c.z,
                    "count": c.count,
                    "area": c.area,
                    "cell": c.where.cell,
                    "place": c.where.place,
                }
                for c in gi
            ],
        ),
        "alerts": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [a.lon, a.lat]},
                    "properties": {
                        "events": a.events,
                        "latest": a.latest,
                        "area": a.area,
                        "cell": a.where.cell,
                        "place": a.where.place,
                        "categories": ", ".join(a.categories),
                    },
                }
                for a in alerts
                if a.lon is not None and a.lat is not None
            ],
        },
    }


def heat_rows(figures: Picture) -> list[dict[str, Any]]:
    heat = figures.weekday_hour
    table = heat.table or [[0] * 24 for _ in range(7)]
    top = max(heat.max or 0, 1)
    names = weekday_names()
    return [
        {
            "day": names[d],
            "cells": [{"n": n, "level": min(5, int(np.ceil(5 * n / top)))} for n in row],
            "total": sum(row),
        }
        for d, row in enumerate(table)
    ]


def presentation(figures: Picture, *, key: str | None = None) -> dict[str, Any]:
    """Charts, layers and tables of ``figures`` (cached when ``key`` is given)."""
    lang = get_language() or "sv"
    if key is None:
        raw = json.dumps(figures.to_json(), sort_keys=True, default=str)
        key = "situation:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    view_key = f"{key}:view:{lang}"
    hit = cache.get(view_key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    result = {
        "charts": svg_charts(figures),
        "layers": map_layers(figures),
        "heat": heat_rows(figures),
    }
    cache.set(view_key, result, VIEW_CACHE_SECONDS)
    return result


def incidents_url(user: Any, params: Parameters, **extra: Any) -> str | None:
    """The incident list (or API) filtered like a figure, for users who may read
    incidents (the list filters rows by permission itself); ``None`` otherwise."""
    if not permissions_for(user).can("incidents.view"):
        return None
    query: list[tuple[str, Any]] = [
        ("start", params.start.isoformat()),
        ("end", params.end.isoformat()),
    ]
    categories = extra.pop("category", None)
    if categories is None:
        categories = params.category_codes
    for code in [categories] if isinstance(categories, str) else categories:
        query.append(("category", code))
    area = extra.pop("area", None)
    areas = [area] if area is not None else list(params.area_ids)
    for a in areas:
        query.append(("area", a))
    for k, v in extra.items():
        query.append((k, v))
    for name in ("incidents:incident_list", "api:v1:incident-list"):
        try:
            return f"{reverse(name)}?{urlencode(query)}"
        except NoReverseMatch:
            continue
    return None


def figures_context(
    figures: Picture, *, user: Any = None, key: str | None = None
) -> dict[str, Any]:
    """What ``_figures.html`` needs: the picture, its charts and layers, links to the
    incidents (for users who may follow them) and the two comparisons."""
    return {
        "figures": figures,
        "view": presentation(figures, key=key),
        "links": figure_links(user, figures) if user is not None else {},
        "comparisons": [
            ("previous", figures.totals.previous),
            ("year_before", figures.totals.year_before),
        ],
    }


def figure_links(user: Any, figures: Picture) -> dict[str, Any]:
    """Links from the figures to the incidents behind them (for users who may read them):
    ``{"total": url, "category": {code: url}, "area": {code: url}}``."""
    p = figures.parameters
    return {
        "total": incidents_url(user, p),
        "category": {c.code: incidents_url(user, p, category=c.code) for c in figures.by_category},
        "area": {a.code: incidents_url(user, p, area=a.code) for a in figures.by_area},
    }


# --- words for figures: the one place pages and PDFs get them from ------------------------------


def p_text(value: Any) -> str:
    """p < 0,001 / p = 0,023 / p – ."""
    if is_nothing(value):
        return "p\u00a0–"
    text = p_value(value)
    return f"p\u00a0{text}" if text.startswith("<") else f"p\u00a0=\u00a0{text}"


@dataclass(frozen=True)
class ComparisonText:
    """A comparison in words: what every page and PDF prints for it."""

    change: str
    p: str
    #: "significant" or "too few to conclude" (or nothing).
    verdict: str
    #: Why there is no number, or what the number rests on (or nothing).
    note: str
    withheld: bool
    significant: bool


def comparison_text(c: Comparison) -> ComparisonText:
    if c.withheld:
        if c.reference_covered_days is not None and (
            c.covered_days is None
            or c.reference_covered_days * c.days < c.covered_days * c.reference_days
        ):
            note = ngettext(
                "not compared: the data cover only %(n)s day of the %(days)s of that period",
                "not compared: the data cover only %(n)s days of the %(days)s of that period",
                c.reference_covered_days,
            ) % {"n": number(c.reference_covered_days), "days": number(c.reference_days)}
        else:
            covered = c.covered_days or 0
            note = ngettext(
                "not compared: only %(n)s day of the %(days)s of this period is covered",
                "not compared: only %(n)s days of the %(days)s of this period are covered",
                covered,
            ) % {"n": number(covered), "days": number(c.days)}
        return ComparisonText("–", "", "", note, True, False)
    note = ""
    if c.covered_days is None:
        if c.partial:
            note = _("the data do not cover that period fully")
    elif c.reference_covered_days is not None and c.partial:
        note = _(
            "per day, on the days the data cover: %(a)s of %(days_a)s here, %(b)s of "
            "%(days_b)s then"
        ) % {
            "a": number(c.covered_days),
            "days_a": number(c.days),
            "b": number(c.reference_covered_days),
            "days_b": number(c.reference_days),
        }
    verdict = ""
    if c.few:
        verdict = _("too few to conclude")
    elif c.significant:
        verdict = _("significant")
    return ComparisonText(
        change=signed_percent(c.change_pct),
        p=p_text(c.p_value),
        verdict=verdict,
        note=note,
        withheld=False,
        significant=c.significant and not c.few,
    )
