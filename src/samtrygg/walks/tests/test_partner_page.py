"""A partner's page lists the findings of the safety walks the partner took part in (a
section walks contributes through ``partners.page_sections``): its own logins see them,
another partner's login and an outsider do not, and those who read walks see them too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.partners.tests.factories import make_partner
from samtrygg.testing.matrix import World, login
from samtrygg.walks.selectors import partner_walks
from samtrygg.walks.tests import factories

pytestmark = pytest.mark.django_db


def _partner_login(name: str, code: str) -> tuple[Any, Any]:
    """A second partner with a login of its own."""
    org = Organisation.objects.create(name=name, code=code, kind=OrganisationKind.ASSOCIATION)
    user = User.objects.create(username=f"login-{code}")
    Membership.objects.create(user=user, organisation=org, role="partner")
    return make_partner(name, organisation=org), user


def _setup(world: World) -> dict[str, Any]:
    coordinator = world.user("coordinator")
    own = make_partner("Föreningen Trygga grannar", organisation=world.organisations["partner"])
    other, other_user = _partner_login("Annan förening", "annan-forening")
    unit = factories.owner(coordinator, world.organisations["housing"])
    private = factories.owner(coordinator, None, name="Sven Svensson", email="sven@example.org")
    walked = factories.walk(coordinator, title="Vandring i Bäckby", partners=[own])
    factories.finding(coordinator, walked, unit, cause="Mörk gångtunnel vid skolan")
    factories.finding(coordinator, walked, private, cause="Buskage skymmer entrén")
    elsewhere = factories.walk(coordinator, title="Vandring på Råby", partners=[other])
    factories.finding(coordinator, elsewhere, unit, cause="Klotter på busskuren")
    return {"own": own, "other": other, "other_user": other_user}


def _static_text(href: str) -> str:
    """The stylesheet a page links to, from the app's static folder."""
    name = re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", href.removeprefix(settings.STATIC_URL))
    found = finders.find(name)
    return Path(str(found)).read_text() if found else ""


def _page(user: Any, partner: Any) -> tuple[int, str]:
    response = login(Client(), user).get(f"/partners/{partner.pk}/")
    return response.status_code, response.content.decode()


def test_the_partners_login_sees_the_findings_of_its_walks(world: World) -> None:
    data = _setup(world)
    status, page = _page(world.user("partner"), data["own"])
    assert status == 200
    assert "Trygghetsvandringar som den deltagit i" in page
    assert "Vandring i Bäckby" in page
    assert "Mörk gångtunnel vid skolan" in page and "Buskage skymmer entrén" in page
    # Not the findings of a walk the partner did not take part in.
    assert "Vandring på Råby" not in page and "Klotter på busskuren" not in page
    # A private owner is not named to a partner, as in the public protocol; a unit is.
    assert "Sven Svensson" not in page and "Privat fastighetsägare" in page
    assert "Bostadsbolaget" in page
    # The partner does not read walks: no link to the walk's or a finding's own page.
    section = page.split('id="h-walks"')[1].split("</section>")[0]
    assert "/trygghetsvandringar/" not in section


def test_another_partner_sees_only_its_own_walks(world: World) -> None:
    data = _setup(world)
    status, _page_text = _page(data["other_user"], data["own"])
    assert status == 404
    assert partner_walks(user=data["other_user"], partner=data["own"]) is None
    status, page = _page(data["other_user"], data["other"])
    assert status == 200
    assert "Klotter på busskuren" in page
    assert "Mörk gångtunnel vid skolan" not in page and "Vandring i Bäckby" not in page


@pytest.mark.parametrize("actor", ["outsider", "reporter", "case_worker", "auditor"])
def test_outsiders_are_refused(world: World, actor: str) -> None:
    data = _setup(world)
    status, page = _page(world.user(actor), data["own"])
    assert status in (403, 404) and "Mörk gångtunnel" not in page
    assert partner_walks(user=world.user(actor), partner=data["own"]) is None


def test_those_who_read_walks_see_the_section_with_links(world: World) -> None:
    data = _setup(world)
    status, page = _page(world.user("analyst"), data["own"])
    assert status == 200
    assert "Mörk gångtunnel vid skolan" in page and "Sven Svensson" in page
    walk = data["own"].safety_walks.get()
    assert f"/trygghetsvandringar/{walk.pk}/" in page
    for finding in walk.findings.all():
        assert f"/trygghetsvandringar/brister/{finding.pk}/" in page


def test_the_owner_of_a_finding_may_open_it_from_the_partner_page(world: World) -> None:
    """A partner whose organisation also owns a finding of the walk gets the finding's link
    (it acts on it), not the others'."""
    data = _setup(world)
    coordinator = world.user("coordinator")
    own_owner = factories.owner(coordinator, world.organisations["partner"])
    walk = data["own"].safety_walks.get()
    mine = factories.finding(coordinator, walk, own_owner, cause="Trasig lampa vid lekplatsen")
    _status, page = _page(world.user("partner"), data["own"])
    assert f"/trygghetsvandringar/brister/{mine.pk}/" in page
    others = walk.findings.exclude(pk=mine.pk)
    assert all(f"/trygghetsvandringar/brister/{f.pk}/" not in page for f in others)


def test_the_findings_statuses_are_styled_as_on_the_walks_pages(world: World) -> None:
    data = _setup(world)
    status, page = _page(world.user("partner"), data["own"])
    assert status == 200 and 'class="status-badge status-' in page
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    styles = "".join(_static_text(href) for href in sheets)
    assert ".status-badge {" in styles and ".status-fixed {" in styles, sheets


def test_a_partner_without_walks_is_told_so(world: World) -> None:
    own = make_partner("Föreningen Trygga grannar", organisation=world.organisations["partner"])
    _status, page = _page(world.user("partner"), own)
    assert "Har inte deltagit i någon trygghetsvandring." in page


def test_the_section_costs_the_same_queries_for_one_walk_or_many(world: World) -> None:
    data = _setup(world)
    coordinator = world.user("coordinator")
    user = world.user("partner")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            result = partner_walks(user=user, partner=data["own"])
        assert result is not None
        return len(ctx.captured_queries)

    queries()  # the user's grants, read once and kept on the user
    before = queries()
    unit = factories.owner(coordinator, world.organisations["housing"])
    for i in range(4):
        walk = factories.walk(coordinator, title=f"Vandring {i}", partners=[data["own"]])
        for _j in range(3):
            factories.finding(coordinator, walk, unit)
    assert queries() == before <= 4
