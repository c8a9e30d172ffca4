"""Permission matrix for the areas app.

Areas and places are reference data: every member reads them, whatever the organisation —
including the outsider (a reporter of an unrelated business), who needs the districts to
report where something happened. Coordinators and analysts (``areas.manage``) maintain
them. Anonymous visitors are sent to log in (pages) or refused (API).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from samtrygg.testing.actors import member
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow

MANAGERS = allow("coordinator", "analyst")

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}


def _area(world: World) -> Any:
    from samtrygg.areas import services
    from samtrygg.areas.models import Area

    area = world.extra.get("area")
    if area is None or not Area.objects.filter(pk=area.pk).exists():
        area = services.area_create(
            actor=member("coordinator"),
            name="Matristestområde",
            code="matrix-area",
            kind="district",
            geometry=SQUARE,
        )
        world.extra["area"] = area
    return area


def _place(world: World) -> Any:
    from samtrygg.areas import services
    from samtrygg.areas.models import Place

    place = world.extra.get("place")
    if place is None or not Place.objects.filter(pk=place.pk).exists():
        place = services.place_create(
            actor=member("coordinator"), name="Matristorget", lon=16.5446, lat=59.6106
        )
        world.extra["place"] = place
    return place


def _area_pk(world: World) -> dict[str, int]:
    return {"pk": _area(world).pk}


def _place_pk(world: World) -> dict[str, int]:
    return {"pk": _place(world).pk}


def _import_data(world: World) -> dict[str, Any]:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "imp-1", "name": "Import 1"},
                "geometry": SQUARE,
            }
        ],
    }
    import json

    return {
        "file": SimpleUploadedFile(
            "areas.geojson", json.dumps(collection).encode(), "application/geo+json"
        ),
        "kind": "custom",
        "name_field": "name",
        "code_field": "code",
        "update_existing": "on",
    }


def _population_data(world: World) -> dict[str, Any]:
    area = _area(world)
    csv = f"area_code,year,population\n{area.code},2024,1234\n".encode()
    return {"file": SimpleUploadedFile("population.csv", csv, "text/csv")}


def _area_form(world: World) -> dict[str, Any]:
    import json

    return {
        "name": "Ritat område",
        "code": "drawn-area",
        "kind": "custom",
        "geometry": json.dumps(SQUARE),
    }


def _area_edit(world: World) -> dict[str, Any]:
    area = _area(world)
    return {"name": area.name + " (ändrat)", "code": area.code, "kind": area.kind}


def _place_form(world: World) -> dict[str, Any]:
    return {"name": "Ny plats", "lat": "59.6110", "lon": "16.5450", "radius_m": "50"}


ROUTES = [
    # The maps' base layer: district outlines (public, as on the public picture) for
    # everyone, places for members only (tests/test_base_layer.py).
    Route("areas:base_layer", EVERYONE),
    Route("areas:area_list", MEMBERS),
    Route("areas:area_list", MEMBERS, query="kind=district&min_population=0", label="filtered"),
    Route("areas:area_detail", MEMBERS, kwargs=_area_pk),
    Route("areas:area_create", MANAGERS),
    Route("areas:area_create", MANAGERS, method="post", data=_area_form, label="create"),
    Route("areas:area_edit", MANAGERS, kwargs=_area_pk),
    Route(
        "areas:area_edit", MANAGERS, method="post", kwargs=_area_pk, data=_area_edit, label="save"
    ),
    Route("areas:area_delete", MANAGERS, kwargs=_area_pk),
    Route("areas:area_delete", MANAGERS, method="post", kwargs=_area_pk, label="delete"),
    Route("areas:area_import", MANAGERS),
    Route("areas:area_import", MANAGERS, method="post", data=_import_data, label="upload"),
    Route("areas:population_import", MANAGERS),
    Route(
        "areas:population_import", MANAGERS, method="post", data=_population_data, label="upload"
    ),
    Route("areas:place_list", MEMBERS),
    Route("areas:place_create", MANAGERS),
    Route("areas:place_create", MANAGERS, method="post", data=_place_form, label="create"),
    Route("areas:place_edit", MANAGERS, kwargs=_place_pk),
    Route(
        "areas:place_edit",
        MANAGERS,
        method="post",
        kwargs=_place_pk,
        data=_place_form,
        label="save",
    ),
    Route("areas:place_delete", MANAGERS, kwargs=_place_pk),
    Route("areas:place_delete", MANAGERS, method="post", kwargs=_place_pk, label="delete"),
    Route("api:v1:area-list", MEMBERS),
    Route("api:v1:area-list", MEMBERS, query="format=geojson&kind=district", label="geojson"),
    Route("api:v1:area-detail", MEMBERS, kwargs=_area_pk),
    Route("api:v1:area-detail", MEMBERS, kwargs=_area_pk, query="format=geojson", label="geojson"),
    Route("api:v1:place-list", MEMBERS),
    Route("api:v1:place-list", MEMBERS, query="format=geojson", label="geojson"),
    Route("api:v1:place-detail", MEMBERS, kwargs=_place_pk),
]
