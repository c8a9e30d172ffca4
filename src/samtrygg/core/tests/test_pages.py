"""Start page per role, navigation without dead links, /healthz, security headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.testing.matrix import ACTORS, World


@pytest.mark.parametrize("actor", ACTORS)
def test_every_navigation_link_opens(actor: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actor)
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    nav = re.search(r'<nav id="site-nav".*?</nav>', home.content.decode(), re.S)
    assert nav is not None
    links = re.findall(r'<li><a href="([^"]+)"', nav.group(0))
    if actor != "anonymous":
        assert links, f"{actor} has no pages in the menu"
    for link in links:
        assert client.get(link).status_code == 200, f"{actor}: {link}"


def test_start_page_differs_by_role(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for("coordinator").get(reverse("core:home")).content.decode()
    auditor = client_for("auditor").get(reverse("core:home")).content.decode()
    assert reverse("accounts:user_list") in coordinator
    assert reverse("accounts:user_list") not in auditor
    assert reverse("core:access_log") in auditor
    assert reverse("core:access_log") not in coordinator


def test_anonymous_start_page_offers_log_in(db) -> None:  # type: ignore[no-untyped-def]
    page = Client().get(reverse("core:home")).content.decode()
    assert reverse("accounts:login") in page
    assert 'lang="sv"' in page


def test_footer_names_the_licence_and_links_the_source(db, settings) -> None:  # type: ignore[no-untyped-def]
    page = Client().get(reverse("core:home")).content.decode()
    assert "GNU Affero General Public License" in page
    assert "Källkod" not in page  # no address configured: no dead link
    settings.SAMTRYGG_SOURCE_URL = "https://git.example.se/samtrygg"
    page = Client().get(reverse("core:home")).content.decode()
    assert '<a href="https://git.example.se/samtrygg">Källkod</a>' in page


def test_english_can_be_chosen(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:organisation_list")).content.decode()
    assert 'lang="en"' in page and "Organisations" in page
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    page = client.get(reverse("accounts:organisation_list")).content.decode()
    assert "Organisationer" in page


def test_healthz_checks_the_database(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_reports_a_broken_database(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    def broken_cursor(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database is down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_security_headers(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_in_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for actor in ("coordinator", "auditor", "anonymous"):
        page = client_for(actor).get(reverse("core:home")).content.decode()
        for tag in re.findall(r"<script[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_browser_language_is_not_consulted(db) -> None:  # type: ignore[no-untyped-def]
    # Swedish by default even for an English browser; English only when chosen.
    page = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get(reverse("core:home"))
    assert 'lang="sv"' in page.content.decode()


def test_menu_is_grouped_in_sections(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("coordinator").get(reverse("core:home")).content.decode()
    assert 'data-nav-section="admin"' in page
    assert "<summary>Administration</summary>" in page
    auditor = client_for("auditor").get(reverse("core:home")).content.decode()
    assert auditor.count("data-nav-section=") < page.count("data-nav-section=")
