"""The API of safety walks: what each actor gets, the filters, the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samtrygg.testing.matrix import World, login
from samtrygg.walks import services
from samtrygg.walks.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world: World) -> dict[str, Any]:
    coordinator = world.user("coordinator")
    walk = factories.walk(coordinator)
    housing = factories.owner(coordinator, world.organisations["housing"])
    private = factories.owner(coordinator, None, name="Privat ägare", email="p@example.org")
    mine = factories.finding(coordinator, walk, housing)
    other = factories.finding(coordinator, walk, private, category="vegetation")
    services.finding_status_change(
        actor=coordinator,
        finding=other,
        status="declined",
        declined_reason="Privat mark, avtal saknas",
    )
    return {"walk": walk, "mine": mine, "other": other, "housing": housing}


def _get(world: World, actor: str, url: str) -> Any:
    return login(Client(), world.user(actor)).get(url, HTTP_ACCEPT="application/json")


def test_staff_get_every_finding_and_filter_them(world: World, data: dict[str, Any]) -> None:
    rows = _get(world, "analyst", "/api/v1/findings/").json()
    rows = rows.get("results", rows)
    assert {r["id"] for r in rows} == {data["mine"].pk, data["other"].pk}
    declined = _get(world, "analyst", "/api/v1/findings/?status=declined").json()
    declined = declined.get("results", declined)
    assert [r["declined_reason"] for r in declined] == ["Privat mark, avtal saknas"]
    by_owner = _get(world, "analyst", f"/api/v1/findings/?owner={data['housing'].pk}").json()
    by_owner = by_owner.get("results", by_owner)
    assert [r["id"] for r in by_owner] == [data["mine"].pk]
    assert by_owner[0]["owner"]["organisation"] == "bostad-test"
    assert by_owner[0]["walk"] == data["walk"].pk
    area = data["walk"].area
    for query in (f"area={area.pk}", f"area_code={area.code}"):
        rows = _get(world, "analyst", f"/api/v1/findings/?{query}").json()
        assert len(rows.get("results", rows)) == 2


def test_an_owner_gets_its_own_findings_only(world: World, data: dict[str, Any]) -> None:
    rows = _get(world, "reporter", "/api/v1/findings/").json()
    assert [r["id"] for r in rows.get("results", rows)] == [data["mine"].pk]
    assert _get(world, "reporter", f"/api/v1/findings/{data['other'].pk}/").status_code == 404
    walks = _get(world, "reporter", "/api/v1/safety-walks/").json()
    assert walks.get("results", walks) == []
    assert _get(world, "outsider", "/api/v1/findings/").json().get("results", []) == []


def test_a_walk_has_its_route_and_participants(world: World, data: dict[str, Any]) -> None:
    walk = _get(world, "police", f"/api/v1/safety-walks/{data['walk'].pk}/").json()
    assert walk["route"]["type"] == "LineString" and len(walk["route"]["coordinates"]) == 3
    assert walk["participants"] == {"police": 2, "residents": 12}


def test_the_endpoints_are_in_the_openapi_document(world: World) -> None:
    document = _get(world, "coordinator", "/api/schema/?format=json").json()
    assert "/api/v1/safety-walks/" in document["paths"]
    params = {p["name"] for p in document["paths"]["/api/v1/findings/"]["get"]["parameters"]}
    assert {"status", "owner", "area", "area_code", "walk"} <= params
