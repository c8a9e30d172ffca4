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


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/categories/?is_active=maybe", "is_active"),
        ("/api/v1/categories/?near_repeat=null", "near_repeat"),
        ("/api/v1/partners/?is_active=2", "is_active"),
        ("/api/v1/governance/meetings/?is_public=ja", "is_public"),
        ("/api/v1/governance/decisions/?overdue=perhaps", "overdue"),
        ("/api/v1/incidents/?mappable=kanske", "filter"),
    ],
)
def test_a_bad_yes_no_filter_is_a_400_naming_it(
    client_for: Callable[[str], Client], url: str, name: str
) -> None:
    # Was read as "no filter": every row, and no word about the mistake.
    response = client_for("coordinator").get(url)
    assert response.status_code == 400, url
    assert name in response.json()


def test_yes_no_filters_still_filter(client_for: Callable[[str], Client]) -> None:
    client = client_for("coordinator")
    every = client.get("/api/v1/categories/").json()["count"]
    active = client.get("/api/v1/categories/?is_active=true").json()["count"]
    inactive = client.get("/api/v1/categories/?is_active=false").json()["count"]
    assert every == active + inactive and active > 0
    # An empty value is no filter, as for every parameter (the document says allowEmptyValue).
    assert client.get("/api/v1/categories/?is_active=").json()["count"] == every
    assert client.get("/api/v1/incidents/?mappable=").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/governance/decisions/?meeting=987654",
        "/api/v1/partners-contributions/?partner=987654&meeting=987654",
        "/api/v1/partners-recommendations/?meeting=987654",
        "/api/v1/interventions/?plan=987654",
        "/api/v1/indicators/?goal=987654",
        "/api/v1/evaluations/?intervention=987654",
        "/api/v1/safety-walks/?area=987654",
        "/api/v1/findings/?walk=987654",
    ],
)
def test_an_id_filter_that_matches_nothing_finds_nothing(
    client_for: Callable[[str], Client], url: str
) -> None:
    # Was a 400 "not one of the available choices", checked against every row of the table:
    # it told a user which ids exist, also ids they may not see.
    response = client_for("coordinator").get(url)
    assert response.status_code == 200, url
    assert response.json()["count"] == 0


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "4.46e+99", "9223372036854775808"])
def test_an_id_filter_out_of_range_is_a_400_naming_it(
    client_for: Callable[[str], Client], value: str
) -> None:
    for url, name in [
        ("/api/v1/governance/decisions/", "meeting"),
        ("/api/v1/findings/", "owner"),
    ]:
        response = client_for("coordinator").get(url, {name: value})
        assert response.status_code == 400, (url, value)
        assert name in response.json()


def test_geojson_lists_refuse_a_bad_limit(client_for: Callable[[str], Client]) -> None:
    # The GeoJSON answer is not paginated, but junk in limit/offset was silently ignored.
    client = client_for("analyst")
    for query in ({"limit": "86400.0"}, {"offset": "null"}):
        response = client.get("/api/v1/places/", {"format": "geojson", **query})
        assert response.status_code == 400
        assert set(query) <= set(response.json())


@pytest.mark.parametrize("query", [{"start": "AAA"}, {"end": "2026-13-01"}, {"area": "-1"}])
def test_the_picture_names_a_bad_parameter_even_when_unused(
    client_for: Callable[[str], Client], query: dict[str, str]
) -> None:
    # start and end count only for a custom period, but junk in them was silently ignored.
    response = client_for("coordinator").get("/api/v1/situation/picture/", query)
    assert response.status_code == 400
    assert set(query) <= set(response.json())
