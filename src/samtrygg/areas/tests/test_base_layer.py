"""The maps' base layer: outlines for everyone, places for members, small and cached."""

from __future__ import annotations

import json
import math

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.areas import services
from samtrygg.areas.maps import base_layer, map_config
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db

WEST = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.55, 59.60], [16.55, 59.62], [16.50, 59.62], [16.50, 59.60]]
    ],
}
EAST = {
    "type": "Polygon",
    "coordinates": [
        [[16.55, 59.60], [16.60, 59.60], [16.60, 59.62], [16.55, 59.62], [16.55, 59.60]]
    ],
}


@pytest.fixture
def two_districts(world):  # type: ignore[no-untyped-def]
    actor = member("coordinator")
    west = services.area_create(
        actor=actor, name="Väster", code="d-w", kind="district", geometry=WEST
    )
    services.area_create(actor=actor, name="Öster", code="d-e", kind="district", geometry=EAST)
    services.area_create(actor=actor, name="DeSO 1", code="deso-1", kind="deso", geometry=WEST)
    services.place_create(actor=actor, name="Stora torget", lon=16.545, lat=59.61)
    return west


def test_anonymous_gets_outlines_and_districts_but_no_places(two_districts) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("areas:base_layer"))
    assert response.status_code == 200
    data = response.json()
    names = [f["properties"]["name"] for f in data["districts"]["features"]]
    assert names == ["Väster", "Öster"]  # districts only, not the DeSO areas
    # The municipality is the union of its districts: one polygon around both.
    outline = data["municipality"]["geometry"]
    assert outline["type"] == "Polygon"
    lons = [c[0] for c in outline["coordinates"][0]]
    assert min(lons) == pytest.approx(16.50) and max(lons) == pytest.approx(16.60)
    assert data["places"]["features"] == []
    # Every district's name sits inside it.
    west = data["districts"]["features"][0]["properties"]["label"]
    assert 16.50 < west[0] < 16.55 and 59.60 < west[1] < 59.62


def test_a_member_also_gets_the_named_places(two_districts, client_for) -> None:  # type: ignore[no-untyped-def]
    data = client_for("reporter").get(reverse("areas:base_layer")).json()
    assert [f["properties"]["name"] for f in data["places"]["features"]] == ["Stora torget"]
    assert data["places"]["features"][0]["geometry"]["coordinates"] == [16.545, 59.61]


def test_a_changed_district_is_drawn_at_once(two_districts) -> None:  # type: ignore[no-untyped-def]
    base_layer(user=None)
    services.area_update(
        actor=member("coordinator"), area=two_districts, name="Västra", code="d-w", kind="district"
    )
    names = [f["properties"]["name"] for f in base_layer(user=None)["districts"]["features"]]
    assert "Västra" in names


def test_survey_geometry_is_simplified_for_the_map(world) -> None:  # type: ignore[no-untyped-def]
    # A circle-like district of 2,000 corners is drawn with far fewer.
    ring = [
        [
            16.55 + 0.02 * math.cos(i * 2 * math.pi / 2000),
            59.61 + 0.01 * math.sin(i * 2 * math.pi / 2000),
        ]
        for i in range(2000)
    ]
    ring.append(ring[0])
    services.area_create(
        actor=member("coordinator"),
        name="Rund",
        code="d-round",
        kind="district",
        geometry={"type": "Polygon", "coordinates": [ring]},
    )
    drawn = base_layer(user=None)["districts"]["features"][0]["geometry"]["coordinates"][0]
    assert 20 < len(drawn) < 400
    assert len(json.dumps(drawn)) < 10_000


def test_map_config_names_the_base_layer_and_no_tiles_by_default(settings) -> None:  # type: ignore[no-untyped-def]
    config = map_config()
    assert config["baseLayer"] == reverse("areas:base_layer")
    assert "tilesFailed" in config
