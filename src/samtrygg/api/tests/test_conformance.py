"""Answers the OpenAPI document promises, found by the schemathesis conformance test: each
a request that got an undocumented answer, kept here as an explicit regression test."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from samtrygg.governance.tests import factories
from samtrygg.testing.openapi import assert_documented

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/api/v1/areas/1.5/", "/api/v1/incidents/x.y/", "/api/v1/nowhere/"]
)
def test_an_api_address_that_matches_nothing_is_a_json_404(url: str) -> None:
    # Was Django's HTML page, which no API client can read.
    response = Client().get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Hittades inte."}


def test_a_page_that_matches_nothing_is_still_html() -> None:
    response = Client().get("/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("actor", ["anonymous", "analyst"])
def test_an_unknown_format_is_a_400_naming_the_parameter(
    client_for: Callable[[str], Client], actor: str
) -> None:
    # Was a 404 (DRF's answer to a format no renderer has), as if the list did not exist.
    for url, path in [("/api/v1/areas/", "/api/v1/areas/"), ("/api/v1/places/", "/api/v1/places/")]:
        response = client_for(actor).get(url, {"format": "xml"})
        assert response.status_code == 400
        assert "format" in response.json()
        assert_documented(response, "GET", path)


def test_a_known_format_still_works(client_for: Callable[[str], Client]) -> None:
    client = client_for("analyst")
    assert client.get("/api/v1/areas/", {"format": "json"}).status_code == 200
    assert client.get("/api/v1/areas/", {"format": "geojson"}).status_code == 200


def test_a_refusal_asked_for_as_geojson_is_json(client_for: Callable[[str], Client]) -> None:
    # Was {"detail": …} labelled application/geo+json: a refusal is not GeoJSON.
    response = client_for("anonymous").get("/api/v1/areas/", {"format": "geojson"})
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/json"
    assert_documented(response, "GET", "/api/v1/areas/")
    response = client_for("analyst").get("/api/v1/places/999999/", {"format": "geojson"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert_documented(response, "GET", "/api/v1/places/{id}/")


def test_a_decision_without_a_user_owner_is_as_documented(
    world, client_for: Callable[[str], Client]
) -> None:
    # owner_user (and owner_organisation) may be null; the document said a string.
    c = factories.council()
    d = factories.decision(factories.held_meeting(c, 3), world.organisations["housing"])
    response = client_for("coordinator").get(f"/api/v1/governance/decisions/{d.pk}/")
    assert response.status_code == 200 and response.json()["owner_user"] is None
    assert_documented(response, "GET", "/api/v1/governance/decisions/{id}/")
