"""Reads for areas, populations and places, and the cached point-assignment index."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.urls import reverse

from samtrygg.areas.models import Area, AreaPopulation, Place
from samtrygg.areas.spatial import AreaIndex, to_3006
from samtrygg.core.permissions import permissions_for

#: Columns a list page needs; the geometry stays in the database.
LIST_FIELDS = ("id", "name", "code", "kind", "population", "population_year", "area_km2")


def area_list(
    *,
    user: Any,
    kind: str = "",
    search: str = "",
    min_population: int | None = None,
    max_population: int | None = None,
    with_geometry: bool = False,
) -> QuerySet[Area]:
    qs = Area.objects.all()
    if not with_geometry:
        qs = qs.only(*LIST_FIELDS)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if min_population is not None:
        qs = qs.filter(population__gte=min_population)
    if max_population is not None:
        qs = qs.filter(population__lte=max_population)
    return permissions_for(user).filter_viewable(qs).order_by("kind", "name")


@dataclass(frozen=True)
class RelatedArea:
    area: Area
    #: "contains" (this area contains it), "within" (it contains this area) or "overlaps".
    relation: str
    share: float  # the share of this area that the other one covers

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def area_related(*, user: Any, area: Area) -> list[RelatedArea]:
    """Areas that contain, lie within or overlap this one (borders alone do not count)."""
    own = shapely.from_wkb(bytes(area.geometry_3006))
    shapely.prepare(own)
    candidates = (
        area_list(user=user, with_geometry=True)
        .exclude(pk=area.pk)
        .filter(
            min_x__lte=area.max_x,
            max_x__gte=area.min_x,
            min_y__lte=area.max_y,
            max_y__gte=area.min_y,
        )
    )
    result = []
    for other in candidates:
        geom = shapely.from_wkb(bytes(other.geometry_3006))
        common = shapely.intersection(own, geom).area
        if common <= 0.001 * min(own.area, geom.area):
            continue
        if common >= 0.99 * own.area:
            relation = "within"
        elif common >= 0.99 * geom.area:
            relation = "contains"
        else:
            relation = "overlaps"
        result.append(RelatedArea(area=other, relation=relation, share=common / own.area))
    order = {"within": 0, "overlaps": 1, "contains": 2}
    return sorted(result, key=lambda r: (order[r.relation], r.area.kind, r.area.name))


def area_population_list(*, user: Any, area: Area) -> QuerySet[AreaPopulation]:
    return permissions_for(user).filter_viewable(AreaPopulation.objects.filter(area=area))


def place_list(*, user: Any, search: str = "") -> QuerySet[Place]:
    qs = Place.objects.all()
    if search:
        qs = qs.filter(name__icontains=search)
    return permissions_for(user).filter_viewable(qs)


def area_feature(area: Area, *, with_url: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": area.pk,
        "name": area.name,
        "code": area.code,
        "kind": area.kind,
        "population": area.population,
        "population_year": area.population_year,
        "area_km2": round(area.area_km2, 4),
    }
    if with_url:
        properties["url"] = reverse("areas:area_detail", args=[area.pk])
    # Maps draw the simplified geometry; the full one is for computing, not for browsers.
    geometry = area.display_geometry or area.geometry
    return {"type": "Feature", "id": area.pk, "geometry": geometry, "properties": properties}


def area_feature_collection(areas: Any, *, with_url: bool = False) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (EPSG:4326) of already permission-filtered areas."""
    return {
        "type": "FeatureCollection",
        "features": [area_feature(a, with_url=with_url) for a in areas],
    }


def place_feature(place: Place, *, with_url: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": place.pk,
        "name": place.name,
        "description": place.description,
        "radius_m": place.radius_m,
    }
    if with_url:
        properties["url"] = reverse("areas:place_edit", args=[place.pk])
    return {
        "type": "Feature",
        "id": place.pk,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def place_feature_collection(places: Any, *, with_url: bool = False) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [place_feature(p, with_url=with_url) for p in places],
    }


# --- Point assignment -------------------------------------------------------------------
#
# ``area_index()`` is a system read (for assigning incidents to areas on save and on
# import), not a user-facing list: areas are reference data, and the assignment must see
# every area whoever triggers it.

_index_lock = threading.Lock()
_index_cache: dict[tuple[str, ...], tuple[tuple[Any, ...], AreaIndex]] = {}


def area_index_version() -> tuple[Any, ...]:
    """Changes whenever an area is added, changed or removed (one cheap aggregate query);
    also seen by other processes, unlike an in-memory counter."""
    row = Area.objects.aggregate(n=Count("id"), changed=Max("updated_at"), ids=Sum("id"))
    return (row["n"], row["changed"], row["ids"])


def area_index(*, kinds: tuple[str, ...] | list[str] | None = None) -> AreaIndex:
    """The ``AreaIndex`` of every area (or of the given kinds), in EPSG:3006.

    Cached per process and rebuilt when ``area_index_version()`` changes, so a bulk import
    pays for the build once. Use ``index.pairs(x, y)`` (arrays of EPSG:3006 metres) →
    ``(point_index, area_id)`` arrays, or ``index.assign(x, y)`` → a list per point.
    """
    key = tuple(sorted(kinds)) if kinds else ()
    version = area_index_version()
    with _index_lock:
        cached = _index_cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
    qs = Area.objects.all()
    if key:
        qs = qs.filter(kind__in=key)
    rows = qs.order_by("pk").values_list("pk", "geometry_3006")
    index = AreaIndex.build((pk, bytes(wkb)) for pk, wkb in rows)
    with _index_lock:
        _index_cache[key] = (version, index)
    return index


def area_index_clear() -> None:
    with _index_lock:
        _index_cache.clear()


def area_ids_at(*, lon: float, lat: float) -> list[int]:
    """Ids of the areas containing one WGS84 point (for a single saved incident)."""
    x, y = to_3006(np.array([lon]), np.array([lat]))
    return area_index().assign(x, y)[0]


def area_ids_at_xy(*, x: float, y: float) -> list[int]:
    """Ids of the areas containing one EPSG:3006 point."""
    return area_index().assign(np.array([x]), np.array([y]))[0]
