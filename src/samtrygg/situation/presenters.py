"""Turning a picture's figures into what pages show: map layers (GeoJSON in EPSG:4326),
SVG charts and links to the incidents behind a figure. Cached with the picture."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlencode

import numpy as np
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from samtrygg.areas.spatial import to_4326
from samtrygg.core.permissions import permissions_for
from samtrygg.situation.maps import svg_charts, weekday_names

VIEW_CACHE_SECONDS = 6 * 3600


def cell_features(
    grid: dict[str, Any], cells: list[tuple[int, int]], properties: list[dict[str, Any]]
) -> dict[str, Any]:
    """Square cells of a SWEREF 99 TM grid as GeoJSON polygons in WGS84."""
    if not cells or not grid:
        return {"type": "FeatureCollection", "features": []}
    ix = np.array([c[0] for c in cells], dtype=float)
    iy = np.array([c[1] for c in cells], dtype=float)
    size = grid["cell"]
    x0 = grid["x0"] + ix * size
    y0 = grid["y0"] + iy * size
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


def area_layer(figures: dict[str, Any]) -> dict[str, Any]:
    rows = {a["code"]: a for a in figures.get("by_area", [])}
    features = []
    for a in figures.get("areas", []):
        row = rows.get(a["code"], {})
        features.append(
            {
                "type": "Feature",
                "geometry": a["geometry"],
                "properties": {
                    "name": a["name"],
                    "code": a["code"],
                    "count": row.get("count", 0),
                    "rate": row.get("rate_per_1000"),
                    "per_km2": row.get("per_km2"),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def map_layers(figures: dict[str, Any]) -> dict[str, Any]:
    hot = figures.get("hotspots") or {}
    grid = hot.get("grid") or {}
    kde = hot.get("kde_cells") or []
    gi = hot.get("gi_cells") or []
    alerts = (figures.get("near_repeat") or {}).get("alerts") or []
    return {
        "areas": area_layer(figures),
        "density": cell_features(
            grid, [(c[0], c[1]) for c in kde], [{"density": c[2]} for c in kde]
        ),
        "density_max": hot.get("kde_max"),
        "gi": cell_features(
            grid,
            [(c["ix"], c["iy"]) for c in gi],
            [{"z": c["z"], "count": c["count"], "area": c.get("area", "")} for c in gi],
        ),
        "alerts": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [a["lon"], a["lat"]]},
                    "properties": {
                        "events": a["events"],
                        "latest": a["latest"],
                        "area": a["area"],
                        "categories": ", ".join(a["categories"]),
                    },
                }
                for a in alerts
                if "lon" in a
            ],
        },
    }


def heat_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    heat = figures.get("weekday_hour") or {}
    table = heat.get("table") or [[0] * 24 for _ in range(7)]
    top = max(heat.get("max") or 0, 1)
    names = weekday_names()
    return [
        {
            "day": names[d],
            "cells": [{"n": n, "level": min(5, int(np.ceil(5 * n / top)))} for n in row],
            "total": sum(row),
        }
        for d, row in enumerate(table)
    ]


def presentation(figures: dict[str, Any], *, key: str | None = None) -> dict[str, Any]:
    """Charts, layers and tables of ``figures`` (cached when ``key`` is given)."""
    lang = get_language() or "sv"
    if key is None:
        raw = json.dumps(figures, sort_keys=True, default=str)
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


def incidents_url(user: Any, params: dict[str, Any], **extra: Any) -> str | None:
    """The incident list (or API) filtered like a figure, for users who may read
    incidents (the list filters rows by permission itself); ``None`` otherwise."""
    if not permissions_for(user).can("incidents.view"):
        return None
    query: list[tuple[str, Any]] = [("start", params["start"]), ("end", params["end"])]
    categories = extra.pop("category", None)
    if categories is None:
        categories = params.get("category_codes") or []
    for code in [categories] if isinstance(categories, str) else categories:
        query.append(("category", code))
    area = extra.pop("area", None)
    areas = [area] if area is not None else list(params.get("area_ids") or [])
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
