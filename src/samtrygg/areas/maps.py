"""The maps' base layer: what every map draws without the internet.

A municipal network often blocks the public tile servers, and a map without tiles was a
blank grey box. Every map therefore draws the municipality's outline, its districts and,
for a member, the named places from the database; a raster tile layer is drawn beneath
only when the operator set ``MAP_TILE_URL`` (a local tile server, or a public one the
network reaches). The district outlines are public (the public picture shows them too);
places are reference data for members only.
"""

from __future__ import annotations

import threading
from typing import Any

import shapely
from django.conf import settings
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from samtrygg.areas.models import Area, AreaKind
from samtrygg.areas.selectors import place_list

#: Degrees (~10 m here): the outlines stay recognisable at street level and the layer of
#: 41 districts stays under ~100 kB instead of the full survey geometry.
SIMPLIFY_DEGREES = 0.0001
GRID_DEGREES = 0.00001

_lock = threading.Lock()
_outline_cache: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}


def map_config() -> dict[str, Any]:
    """The settings every map script reads (numbers, never localised)."""
    config: Any = settings.LEAFLET_CONFIG
    return {
        "center": list(config.get("DEFAULT_CENTER", (59.6099, 16.5448))),
        "zoom": config.get("DEFAULT_ZOOM", 12),
        "maxZoom": config.get("MAX_ZOOM", 18),
        "tiles": [
            {"url": url, "options": options} for _name, url, options in config.get("TILES", [])
        ],
        "baseLayer": reverse("areas:base_layer"),
        "tilesFailed": _(
            "The background map could not be loaded; the map shows the districts and places."
        ),
    }


def _simplified(geometry: dict[str, Any]) -> Any:
    shape = shapely.geometry.shape(geometry)
    shape = shapely.simplify(shape, SIMPLIFY_DEGREES, preserve_topology=True)
    return shapely.set_precision(shape, GRID_DEGREES)


def _label_point(shape: Any) -> list[float]:
    """Where the name goes: inside the district even when it is not convex."""
    point = shapely.point_on_surface(shape)
    return [round(point.x, 5), round(point.y, 5)]


def _outlines() -> dict[str, Any]:
    """The districts and their union (the municipality), cached until a district changes."""
    districts = Area.objects.filter(kind=AreaKind.DISTRICT)
    version = tuple(districts.aggregate(n=Count("id"), last=Max("updated_at")).values())
    with _lock:
        cached = _outline_cache.get("districts")
        if cached is not None and cached[0] == version:
            return cached[1]
    features = []
    shapes = []
    for area in districts.only("id", "name", "geometry").order_by("name"):
        shape = _simplified(area.geometry)
        shapes.append(shape)
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(shape),
                "properties": {"name": area.name, "label": _label_point(shape)},
            }
        )
    outline = None
    if shapes:
        whole = shapely.set_precision(shapely.union_all(shapes), GRID_DEGREES)
        outline = {"type": "Feature", "geometry": shapely.geometry.mapping(whole), "properties": {}}
    result = {
        "municipality": outline,
        "districts": {"type": "FeatureCollection", "features": features},
    }
    with _lock:
        _outline_cache["districts"] = (version, result)
    return result


def base_layer(*, user: Any) -> dict[str, Any]:
    """The outline and districts for everyone; the named places a member may see."""
    places = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
            "properties": {"name": p.name},
        }
        for p in place_list(user=user).only("name", "lon", "lat")
    ]
    return _outlines() | {"places": {"type": "FeatureCollection", "features": places}}
