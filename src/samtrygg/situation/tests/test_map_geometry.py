"""The situation map, the picture's GeoJSON and the public map draw an area's stored map
geometry (simplified to ~2 m when it was saved); the statistics keep the full geometry."""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any

import numpy as np
import pytest
import shapely
from django.test import Client
from django.urls import reverse

from samtrygg.areas.models import Area
from samtrygg.areas.services import area_create
from samtrygg.areas.spatial import to_4326
from samtrygg.situation.tests.factories import make_version
from samtrygg.situation.tests.helpers import X0, Y0, Row, at, write_incidents
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db
MARCH = {"period": "month", "at": "2026-03-15"}
CORNERS = 20_000
#: A district of 400 m radius east of the town's four squares (SWEREF 99 TM).
CX, CY, RADIUS = X0 + 3_500.0, Y0 + 1_000.0, 400.0
#: Incidents 0.5 m inside the true circle: some fall outside the simplified outline (whose
#: chords cut up to ~2 m into the circle), so counting with it would lose them.
EDGE_POINTS = 40


def round_district() -> dict[str, Any]:
    angles = 2 * math.pi * np.arange(CORNERS) / CORNERS
    ring = np.column_stack([CX + RADIUS * np.cos(angles), CY + RADIUS * np.sin(angles)])
    return {"type": "Polygon", "coordinates": [[*ring.tolist(), ring[0].tolist()]]}


def edge_points() -> list[tuple[float, float]]:
    angles = 2 * math.pi * (np.arange(EDGE_POINTS) + 0.37) / EDGE_POINTS
    r = RADIUS - 0.5
    return [(CX + r * math.cos(a), CY + r * math.sin(a)) for a in angles]


@pytest.fixture
def round_town(town: Any) -> Area:
    area = area_create(
        actor=member("coordinator"),
        name="Runda",
        code="runda",
        kind="district",
        geometry=round_district(),
        crs="EPSG:3006",
        population=2000,
        population_year=2026,
    )
    write_incidents(
        [Row(at("2026-03-12", 12), "skadegorelse", xy) for xy in edge_points()],
        organisation=town.world.organisations["housing"],
        prefix="edge",
    )
    return area


def corners(geometry: dict[str, Any]) -> int:
    return int(shapely.get_num_coordinates(shapely.geometry.shape(geometry)))


def test_the_edge_points_would_be_lost_to_the_simplified_outline(round_town: Area) -> None:
    """The premise of the count test below: the map geometry is far coarser, and counting
    with it would drop incidents near the edge."""
    assert round_town.display_geometry is not None
    assert corners(round_town.geometry) == CORNERS + 1
    assert corners(round_town.display_geometry) < CORNERS / 50
    lon, lat = to_4326(*np.array(edge_points()).T)
    shown = shapely.geometry.shape(round_town.display_geometry)
    full = shapely.geometry.shape(round_town.geometry)
    assert shapely.contains_xy(full, lon, lat).all()
    assert not shapely.contains_xy(shown, lon, lat).all()


def _layer_areas(page: str) -> dict[str, Any]:
    found = re.search(
        r'<script id="situation-layers" type="application/json">(.*?)</script>', page, re.S
    )
    assert found, "the dashboard has no map layers"
    layers = json.loads(html.unescape(found.group(1)))
    return {f["properties"]["code"]: f for f in layers["areas"]["features"]}


def test_dashboard_map_and_picture_api_serve_the_map_geometry(round_town: Area) -> None:
    client = login(Client(), member("analyst"))
    page = client.get(reverse("situation:dashboard"), MARCH)
    assert page.status_code == 200
    mapped = _layer_areas(page.content.decode())
    assert mapped["runda"]["geometry"] == round_town.display_geometry
    assert corners(mapped["runda"]["geometry"]) < CORNERS / 50
    # Every edge incident is counted in the round district: the full geometry counts.
    assert mapped["runda"]["properties"]["count"] == EDGE_POINTS
    assert mapped["t00"]["properties"]["count"] == 3  # the town's own figures unchanged

    picture = client.get(reverse("api:v1:situation-picture"), MARCH)
    assert picture.status_code == 200, picture.content[:300]
    body = picture.json()
    outline = {a["code"]: a for a in body["areas"]}["runda"]
    assert corners(outline["geometry"]) < CORNERS / 50
    rows = {r["code"]: r for r in body["by_area"]}
    assert rows["runda"]["count"] == EDGE_POINTS
    # The page is small: the 20,000 corners are not sent.
    assert len(picture.content) < len(json.dumps(round_town.geometry)) / 4


def test_the_public_map_serves_the_map_geometry(round_town: Area, world: Any) -> None:
    make_version(world)
    page = Client().get(reverse("public:picture"))
    assert page.status_code == 200
    found = re.search(
        r'<script id="public-layer" type="application/json">(.*?)</script>',
        page.content.decode(),
        re.S,
    )
    assert found
    layer = json.loads(html.unescape(found.group(1)))
    shown = {f["properties"]["name"]: f for f in layer["features"]}
    assert corners(shown["Runda"]["geometry"]) < CORNERS / 50
    assert shown["Runda"]["properties"]["total"] == EDGE_POINTS
