"""The partners API as the coordinator, a partner's login and an outsider."""

from __future__ import annotations

import pytest

from samtrygg.partners.tests.routes import partners_world
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def _get(client, world, actor: str, url: str):  # type: ignore[no-untyped-def]
    login(client, world.user(actor))
    return client.get(url)


def test_the_register_never_shows_contact_persons(client, world) -> None:  # type: ignore[no-untyped-def]
    partners_world(world)
    body = _get(client, world, "coordinator", "/api/v1/partners/").json()
    names = [p["name"] for p in body["results"]]
    assert names == ["Annan förening", "Föreningen Trygga grannar"]
    assert "Karin" not in str(body)
    assert "contacts" not in body["results"][0]


def test_a_partner_login_gets_its_own_partner_and_dialogue(client, world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    partners = _get(client, world, "partner", "/api/v1/partners/").json()["results"]
    assert [x["name"] for x in partners] == ["Föreningen Trygga grannar"]
    recs = client.get("/api/v1/partners-recommendations/").json()["results"]
    assert [r["title"] for r in recs] == ["Mer ljus"]
    assert recs[0]["response"] == "pending"
    assert recs[0]["contributions"] == [p["contribution"].pk]
    contributions = client.get("/api/v1/partners-contributions/?kind=observation").json()
    assert [c["title"] for c in contributions["results"]] == ["Mörk gångväg"]
    assert client.get(f"/api/v1/partners/{p['other'].pk}/").status_code == 404


def test_an_outsider_gets_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    for url in ("/api/v1/partners/", "/api/v1/partners-contributions/"):
        assert _get(client, world, "outsider", url).json()["results"] == []
    assert (
        client.get(f"/api/v1/partners-recommendations/{p['recommendation'].pk}/").status_code == 404
    )


def test_a_bad_date_filter_is_a_400(client, world) -> None:  # type: ignore[no-untyped-def]
    partners_world(world)
    response = _get(client, world, "analyst", "/api/v1/partners-contributions/?given_from=13.3")
    assert response.status_code == 400
    assert "given_from" in response.json()
