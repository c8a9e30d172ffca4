"""Geometry limits: an area of too many corners is refused with its count; maps get a
simplified geometry, the full one stays for computing."""

from __future__ import annotations

import json
import math

import pytest
import shapely
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samtrygg.areas import services
from samtrygg.areas.models import Area
from samtrygg.areas.services import AreaImportRefused
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db


def circle(corners: int, radius: float = 0.01) -> dict:
    ring = [
        [
            16.55 + radius * math.cos(2 * math.pi * k / corners),
            59.61 + radius * math.sin(2 * math.pi * k / corners) / 2,
        ]
        for k in range(corners)
    ]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def test_an_area_of_too_many_corners_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AREA_MAX_VERTICES = 1000
    with pytest.raises(ValidationError) as error:
        services.area_create(
            actor=member("coordinator"),
            name="Fin",
            code="custom-fine",
            kind="custom",
            geometry=circle(2000),
        )
    assert "2001" in str(error.value) and "1000" in str(error.value)
    feature = {
        "type": "Feature",
        "properties": {"namn": "Fin", "kod": "custom-fine"},
        "geometry": circle(2000),
    }
    with pytest.raises(AreaImportRefused) as refused:
        services.area_import_geojson(
            actor=member("coordinator"),
            data=json.dumps({"type": "FeatureCollection", "features": [feature]}),
            kind="custom",
            name_field="namn",
            code_field="kod",
        )
    assert "2001" in str(refused.value)
    assert not Area.objects.exists()


def test_maps_get_a_simplified_geometry(world: World) -> None:
    # 20,000 corners on a circle of ~1 km: survey-grade detail no map needs.
    area = services.area_create(
        actor=member("coordinator"),
        name="Rund",
        code="custom-round",
        kind="custom",
        geometry=circle(20_000),
    )
    full = shapely.geometry.shape(area.geometry)
    shown = shapely.geometry.shape(area.display_geometry)
    assert len(shapely.get_coordinates(shown)) < len(shapely.get_coordinates(full)) / 10
    assert abs(shown.area - full.area) / full.area < 0.005
    page = login(Client(), world.user("reporter")).get(reverse("areas:area_list"))
    assert page.status_code == 200
    size = len(page.content)
    assert size < len(json.dumps(area.geometry)) / 5
