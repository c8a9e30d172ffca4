"""The owner's findings (by log-in and by the e-mail link) and a partner's walks (on the
partner's page) come in pages, as the findings list does: the owner and a colleague page
through them, an outsider is refused every page. The page sizes are made small here so
that a test stays fast; the page template and paginator are the project's one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samtrygg.accounts.models import Membership, User
from samtrygg.partners.tests.factories import make_partner
from samtrygg.testing.matrix import World, login
from samtrygg.walks import selectors
from samtrygg.walks.models import Finding
from samtrygg.walks.tests import factories
from samtrygg.walks.tokens import owner_link_token
from samtrygg.walks.views import common

pytestmark = pytest.mark.django_db

MINE = "/trygghetsvandringar/brister/mina/"


def _colleague(world: World, organisation: str, role: str) -> Any:
    user = User.objects.create(username=f"kollega-{organisation}")
    Membership.objects.create(user=user, organisation=world.organisations[organisation], role=role)
    return user


def _findings(world: World, count: int) -> Any:
    """``count`` findings given to the housing company (the reporter's organisation)."""
    coordinator = world.user("coordinator")
    walk = factories.walk(coordinator)
    owner = factories.owner(coordinator, world.organisations["housing"])
    Finding.objects.bulk_create(
        Finding(
            walk=walk,
            area=walk.area,
            address=f"Gata {i}",
            category="lighting",
            cause=f"Trasig lampa nr {i}",
            owner=owner,
            reported_on=walk.walk_date,
        )
        for i in range(count)
    )
    return owner


def _causes(page: str) -> int:
    return page.count("Trasig lampa nr ")


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_the_owners_findings_come_in_pages(world: World, monkeypatch: Any, who: str) -> None:
    monkeypatch.setattr(common, "FINDINGS_PER_PAGE", 2)
    _findings(world, 5)
    user = world.user("reporter") if who == "owner" else _colleague(world, "housing", "reporter")
    client = login(Client(), user)
    first = client.get(MINE).content.decode()
    assert _causes(first) == 2 and "Sida 1 av 3" in first and "page=2" in first
    last = client.get(MINE, {"page": "3"}).content.decode()
    assert _causes(last) == 1 and "Sida 3 av 3" in last
    # A page number past the end, or not a number, is the last or the first page.
    assert _causes(client.get(MINE, {"page": "99"}).content.decode()) == 1
    assert "Sida 1 av 3" in client.get(MINE, {"page": "x"}).content.decode()


def test_an_outsider_is_refused_every_page_of_the_owners_findings(world: World) -> None:
    _findings(world, 3)
    client = login(Client(), world.user("outsider"))
    for page in ("1", "2"):
        response = client.get(MINE, {"page": page})
        assert response.status_code == 403 and "Trasig lampa" not in response.content.decode()


def test_the_email_link_pages_its_owners_findings(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(common, "FINDINGS_PER_PAGE", 2)
    owner = _findings(world, 3)
    url = f"/trygghetsvandringar/agare/lank/{owner_link_token(owner)}/"
    client = Client()
    first = client.get(url).content.decode()
    assert _causes(first) == 2 and "Sida 1 av 2" in first
    assert _causes(client.get(url, {"page": "2"}).content.decode()) == 1


def _partner_with_walks(world: World, count: int) -> Any:
    coordinator = world.user("coordinator")
    partner = make_partner("Föreningen Trygga grannar", organisation=world.organisations["partner"])
    for i in range(count):
        factories.walk(
            coordinator, title=f"Vandring nummer {i}", days_ago=10 + i, partners=[partner]
        )
    return partner


@pytest.mark.parametrize("who", ["partner", "colleague", "analyst"])
def test_a_partners_walks_come_in_pages(world: World, monkeypatch: Any, who: str) -> None:
    monkeypatch.setattr(selectors, "PARTNER_WALKS_PER_PAGE", 2)
    partner = _partner_with_walks(world, 3)
    user = _colleague(world, "partner", "partner") if who == "colleague" else world.user(who)
    client = login(Client(), user)
    url = f"/partners/{partner.pk}/"
    first = client.get(url).content.decode()
    section = first.split('id="h-walks"')[1].split("</section>")[0]
    # Newest first; the section's own parameter, so that other sections keep their place.
    assert "Vandring nummer 0" in section and "Vandring nummer 1" in section
    assert "Vandring nummer 2" not in section
    assert "Sida 1 av 2" in section and "walks_page=2" in section
    second = client.get(url, {"walks_page": "2", "other": "kept"}).content.decode()
    section = second.split('id="h-walks"')[1].split("</section>")[0]
    assert "Vandring nummer 2" in section and "Vandring nummer 0" not in section
    assert "other=kept&amp;walks_page=1" in section


@pytest.mark.parametrize("actor", ["outsider", "reporter"])
def test_an_outsider_is_refused_every_page_of_a_partners_walks(world: World, actor: str) -> None:
    partner = _partner_with_walks(world, 1)
    client = login(Client(), world.user(actor))
    for page in ("1", "2"):
        response = client.get(f"/partners/{partner.pk}/", {"walks_page": page})
        assert response.status_code in (403, 404)
        assert "Vandring nummer" not in response.content.decode()
