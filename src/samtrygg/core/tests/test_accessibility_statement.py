"""The accessibility statement (tillgänglighetsredogörelse): public, with the parts DIGG
requires, linked from every page's footer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

STATEMENT = "/tillganglighet/"


@pytest.mark.django_db
def test_the_statement_has_the_parts_digg_requires(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAMTRYGG_ACCESSIBILITY_EMAIL = "tillganglighet@vasteras.se"
    settings.SAMTRYGG_ACCESSIBILITY_PHONE = "021-39 00 00"
    settings.SAMTRYGG_ACCESSIBILITY_REVIEWED = "2026-12-06"
    assert reverse("core:accessibility") == STATEMENT
    response = Client().get(STATEMENT)
    assert response.status_code == 200
    html = response.content.decode()
    for part in (
        "Tillgänglighet för Samtrygg",
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        "Hur tillgänglig är webbtjänsten?",
        "Vad kan du göra om du inte kan använda delar av webbtjänsten?",
        "Rapportera brister i webbtjänstens tillgänglighet",
        "Tillsyn",
        "https://www.digg.se/tdosanmalan",
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",
        "Bristande förenlighet med lagkraven",
        "Hur vi testat webbtjänsten",
        "Senaste bedömningen gjordes 6 december 2026",
    ):
        assert part in html, part
    assert 'href="mailto:tillganglighet@vasteras.se"' in html
    assert "021-39 00 00" in html


@pytest.mark.django_db
def test_without_a_contact_it_names_the_contact_centre(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAMTRYGG_ACCESSIBILITY_EMAIL = ""
    settings.SAMTRYGG_ACCESSIBILITY_PHONE = ""
    html = Client().get(STATEMENT).content.decode()
    assert "mailto:" not in html
    assert "kommuns kontaktcenter" in html


@pytest.mark.parametrize("actor", ["anonymous", "reporter", "auditor"])
def test_every_footer_links_the_statement(actor: str, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actor)
    for url in ("/", "/public/", reverse("accounts:login")):
        html = client.get(url, follow=True).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'<a href="{STATEMENT}">Tillgänglighetsredogörelse</a>' in footer, url
