"""API: areas and places as JSON and GeoJSON, filters, refusal of anonymous visitors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from samtrygg.areas import services
from samtrygg.areas.models import AreaKind
from samtrygg.testing.actors import member
from samtrygg.testing.openapi import assert_documented

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}


@pytest.fixture
def data(world):  # type: ignore[no-untyped-def]
    district = services.area_create(
        actor=member("coordinator"),
        name="Bäckby",
        code="district-backby",
        kind="district",
        geometry=SQUARE,
        population=7500,
        population_year=2024,
    )
    services.area_population_set(
        actor=member("coordinator"), area=district, year=2023, population=7400
    )
    custom = services.area_create(
        actor=member("coordinator"), name="Kommunen", code="kommun", kind="custom", geometry=SQUARE
    )
    place = services.place_create(
        actor=member("coordinator"), name="Stora torget", lon=16.5446, lat=59.6106, radius_m=80
    )
    return {"district": district, "custom": custom, "place": place}


def test_area_list_json_filtered_and_paginated(client_for, data) -> None:
    response = client_for("reporter").get("/api/v1/areas/", {"kind": "district"})
    body = response.json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["code"] == "district-backby" and row["population"] == 7500
    assert "geometry" not in row  # lists stay light; the detail has the geometry


def test_area_detail_has_geometry_and_populations(client_for, data) -> None:
    area = data["district"]
    body = client_for("outsider").get(f"/api/v1/areas/{area.pk}/").json()
    assert body["geometry"]["type"] == "Polygon"
    assert body["populations"] == [
        {"year": 2024, "population": 7500},
        {"year": 2023, "population": 7400},
    ]


@pytest.mark.parametrize("url", ["/api/v1/areas/?format=geojson", "/api/v1/areas.geojson"])
def test_areas_as_geojson_feature_collection(client_for, data, url: str) -> None:
    response = client_for("council_member").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert {f["properties"]["code"] for f in body["features"]} == {"district-backby", "kommun"}
    first = body["features"][0]
    assert first["geometry"]["coordinates"][0][0] == [16.5, 59.6]  # numbers, not "16,5"


def test_geojson_honours_filters(client_for, data) -> None:
    body = json.loads(
        client_for("analyst").get("/api/v1/areas/", {"format": "geojson", "kind": "custom"}).content
    )
    assert [f["properties"]["code"] for f in body["features"]] == ["kommun"]


def test_area_detail_as_geojson_feature(client_for, data) -> None:
    area = data["district"]
    body = json.loads(client_for("analyst").get(f"/api/v1/areas/{area.pk}/?format=geojson").content)
    assert body["type"] == "Feature" and body["properties"]["name"] == "Bäckby"


def test_places_json_and_geojson(client_for, data) -> None:
    client = client_for("reporter")
    (row,) = client.get("/api/v1/places/").json()["results"]
    assert (row["name"], row["radius_m"], row["lon"]) == ("Stora torget", 80, 16.5446)
    assert 580_000 < row["x"] < 600_000
    body = json.loads(client.get("/api/v1/places/?format=geojson").content)
    (feature,) = body["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [16.5446, 59.6106]}


def test_anonymous_refused(data) -> None:
    client = Client()
    assert client.get("/api/v1/areas/").status_code in (401, 403)
    assert client.get("/api/v1/areas.geojson").status_code in (401, 403)
    assert client.get("/api/v1/places/").status_code in (401, 403)


def test_api_is_read_only(client_for, data) -> None:
    client = client_for("coordinator")
    response = client.post(
        "/api/v1/areas/", {"name": "X", "code": "x"}, content_type="application/json"
    )
    assert response.status_code == 405


def test_schema_lists_the_endpoints(client_for, world) -> None:
    schema = client_for("analyst").get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/areas/" in schema["paths"] and "/api/v1/places/{id}/" in schema["paths"]


def test_the_kind_filter_is_documented_with_its_values(client: Client) -> None:
    # Found by schemathesis: any string was "valid" by the document, but the API answers
    # 400 for a kind it does not know; the document now lists the kinds.
    document = client.get("/api/schema/?format=json").json()
    parameters = document["paths"]["/api/v1/areas/"]["get"]["parameters"]
    kind = next(p for p in parameters if p["name"] == "kind")
    assert sorted(kind["schema"]["enum"]) == sorted(AreaKind.values)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/api/v1/areas/?format=geojson", "/api/v1/areas/"),
        ("/api/v1/areas/", "/api/v1/areas/"),
        ("/api/v1/places/?format=geojson", "/api/v1/places/"),
        ("/api/v1/places/", "/api/v1/places/"),
    ],
)
def test_list_answers_are_as_documented(client_for, data, url: str, path: str) -> None:
    # The GeoJSON answer is a FeatureCollection, not the paginated JSON list: both documented.
    assert_documented(client_for("analyst").get(url), "GET", path)


def test_detail_answers_are_as_documented(client_for, data) -> None:
    client = client_for("analyst")
    area = data["district"]
    for suffix in ("", "?format=geojson"):
        response = client.get(f"/api/v1/areas/{area.pk}/{suffix}")
        assert_documented(response, "GET", "/api/v1/areas/{id}/")
    place_id = client.get("/api/v1/places/").json()["results"][0]["id"]
    for suffix in ("", "?format=geojson"):
        response = client.get(f"/api/v1/places/{place_id}/{suffix}")
        assert_documented(response, "GET", "/api/v1/places/{id}/")
