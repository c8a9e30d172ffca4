"""Pages as a user sees them: an incident report about the environment becomes a finding
from the findings page; a finding is linked to an intervention; the owner's e-mail link
works for its owner's findings only, expires and can be revoked."""

from __future__ import annotations

import time
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from samtrygg.actionplan.tests import factories as plan_factories
from samtrygg.incidents.tests.routes import incident
from samtrygg.testing.matrix import World, login
from samtrygg.walks import services
from samtrygg.walks.models import Finding
from samtrygg.walks.tests import factories
from samtrygg.walks.tokens import owner_link_token
from samtrygg.walks.views.findings import FINDINGS_PER_PAGE

pytestmark = pytest.mark.django_db


def test_an_environment_incident_becomes_a_finding(world: World) -> None:
    coordinator = world.user("coordinator")
    owner = factories.owner(coordinator, world.organisations["housing"])
    report = incident(world)  # graffiti on a facade
    client = login(Client(), coordinator)
    page = client.get("/trygghetsvandringar/brister/").content.decode()
    assert f"/trygghetsvandringar/brister/fran-anmalan/{report.pk}/" in page
    area = factories.walk_area()
    response = client.post(
        f"/trygghetsvandringar/brister/fran-anmalan/{report.pk}/",
        {"owner": owner.pk, "area": area.pk},
    )
    finding = Finding.objects.get(incident=report)
    assert response.status_code == 302 and response["Location"].endswith(f"/brister/{finding.pk}/")
    assert finding.category == "littering" and finding.address == "Storgatan 1"
    assert "Klotter på fasaden" not in finding.cause
    page = client.get("/trygghetsvandringar/brister/").content.decode()
    assert f"/fran-anmalan/{report.pk}/" not in page


def test_a_finding_is_linked_to_an_intervention(world: World) -> None:
    coordinator = world.user("coordinator")
    walk = factories.walk(coordinator)
    finding = factories.finding(
        coordinator, walk, factories.owner(coordinator, world.organisations["housing"])
    )
    intervention = plan_factories.intervention(owner=world.organisations["municipality"])
    client = login(Client(), coordinator)
    client.post(
        f"/trygghetsvandringar/brister/{finding.pk}/insats/", {"intervention": intervention.pk}
    )
    finding.refresh_from_db()
    assert finding.intervention == intervention


def _owner_finding(world: World) -> tuple[Any, Any]:
    coordinator = world.user("coordinator")
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, None, name="Privat ägare", email="agare@example.org")
    other = factories.owner(coordinator, world.organisations["housing"])
    mine = factories.finding(coordinator, walk, owner, cause="Trasig lampa")
    factories.finding(coordinator, walk, other, cause="Annan ägares brist")
    return owner, mine


def test_the_email_link_shows_and_acts_on_its_owners_findings(world: World) -> None:
    owner, mine = _owner_finding(world)
    token = owner_link_token(owner)
    client = Client()
    page = client.get(f"/trygghetsvandringar/agare/lank/{token}/").content.decode()
    assert "Trasig lampa" in page and "Annan ägares brist" not in page
    other = Finding.objects.exclude(pk=mine.pk).get()
    assert (
        client.post(
            f"/trygghetsvandringar/agare/lank/{token}/{other.pk}/", {"action": "accept"}
        ).status_code
        == 404
    )
    client.post(f"/trygghetsvandringar/agare/lank/{token}/{mine.pk}/", {"action": "accept"})
    mine.refresh_from_db()
    assert mine.status == "accepted" and mine.events.last().by_link
    # The link gives no other access.
    assert client.get("/trygghetsvandringar/brister/").status_code == 302


def test_the_email_link_expires_and_can_be_revoked(world: World, settings: Any) -> None:
    owner, _mine = _owner_finding(world)
    token = owner_link_token(owner)
    client = Client()
    assert client.get(f"/trygghetsvandringar/agare/lank/{token}/").status_code == 200
    services.owner_link_revoke(actor=world.user("coordinator"), owner=owner)
    assert client.get(f"/trygghetsvandringar/agare/lank/{token}/").status_code == 404
    owner.refresh_from_db()
    fresh = owner_link_token(owner)
    assert client.get(f"/trygghetsvandringar/agare/lank/{fresh}/").status_code == 200
    settings.WALKS_OWNER_LINK_DAYS = 1
    two_days_later = time.time() + 2 * 86_400
    with mock.patch("django.core.signing.time.time", return_value=two_days_later):
        assert client.get(f"/trygghetsvandringar/agare/lank/{fresh}/").status_code == 404
    assert client.get(f"/trygghetsvandringar/agare/lank/{fresh[:-2]}xx/").status_code == 404


def test_the_findings_list_comes_in_pages(world: World) -> None:
    """Thousands of findings are not one page: a hundred a page, the filters kept."""
    coordinator = world.user("coordinator")
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, world.organisations["housing"])
    area = walk.area
    for i in range(FINDINGS_PER_PAGE + 1):
        Finding.objects.create(
            walk=walk,
            area=area,
            address=f"Gata {i}",
            category="lighting",
            cause="Trasig lampa",
            owner=owner,
            reported_on=walk.walk_date,
        )
    client = login(Client(), coordinator)
    first = client.get(f"/trygghetsvandringar/brister/?status=reported&area={area.pk}")
    text = first.content.decode()
    assert text.count("<tr><td><a href=") == FINDINGS_PER_PAGE
    assert "Sida 1 av 2" in text and f"status=reported&amp;area={area.pk}&amp;page=2" in text
    second = client.get(
        f"/trygghetsvandringar/brister/?status=reported&area={area.pk}&page=2"
    ).content.decode()
    assert "Sida 2 av 2" in second and second.count("<tr><td><a href=") == 1
