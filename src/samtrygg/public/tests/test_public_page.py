"""The public page: no log-in, suppressed aggregates only, nothing internal."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samtrygg.public import views
from samtrygg.public.tests.conftest import SECRET_TEXT, publish_town
from samtrygg.situation import services

pytestmark = pytest.mark.django_db


def test_empty_before_anything_is_published(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("public:picture"))
    assert response.status_code == 200
    assert "Ingen lägesbild har publicerats ännu" in response.content.decode() or (
        "No situational picture has been published yet" in response.content.decode()
    )


def test_public_page_shows_suppressed_table_only(client, published) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("public:picture"))
    assert response.status_code == 200
    page = response.content.decode()
    assert published.title in page
    table = response.context["table"]
    rows = {r["name"]: r for r in table["rows"]}
    # restricted burglary in T01 is not counted; small counts are hidden
    assert rows["T01"]["total"] == 0
    assert rows["T00"]["cells"][0] is None and rows["T10"]["total"] is None
    for row in table["rows"]:
        for v in [*row["cells"], row["total"]]:
            assert v is None or v == 0 or v >= 5
    assert SECRET_TEXT not in page
    layer = response.context["layer"]
    assert {f["geometry"]["type"] for f in layer["features"]} <= {"Polygon", "MultiPolygon"}
    assert f"lagesbild-{published.pk}-omraden" in page


def test_withdrawn_version_leaves_the_public_page(world) -> None:  # type: ignore[no-untyped-def]
    version = publish_town(world)
    services.version_withdraw(actor=world.user("coordinator"), version=version, reason="Fel")
    client = Client()
    response = client.get(reverse("public:picture"))
    assert response.context["version"] is None
    assert client.get(reverse("public:picture"), {"version": version.pk}).status_code == 404


def test_nav_link_for_everyone(client, published) -> None:  # type: ignore[no-untyped-def]
    page = Client().get(reverse("core:home")).content.decode()
    assert reverse("public:picture") in page


def test_figures_rendered_once_per_version_and_language(published, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = Client().get(reverse("public:picture")).content.decode()
    assert "dold" in first  # Swedish by default
    rendered: list[str] = []
    real = views.render_to_string

    def counting(template: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(template)
        return real(template, *args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    again = Client().get(reverse("public:picture")).content.decode()
    assert rendered == []

    def figures(page: str) -> str:
        return page[page.index("<figure>") : page.index("</table>")]

    assert figures(again) == figures(first)
    # another language is rendered (and kept) on its own
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(reverse("public:picture")).content.decode()
    assert rendered == ["public/_figures.html"]
    assert ">hidden<" in page and published.title in page


def test_map_legend_in_swedish_and_english(spread) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("public:picture"))
    layer = response.context["layer"]
    classes = {f["properties"]["name"]: f["properties"]["class"] for f in layer["features"]}
    # 6 (T01) is hidden with 3 (T21), so that 3 cannot be worked out: neither is classed.
    expected = {"T00": 4, "T01": None, "T10": 1, "T11": 0, "T20": 2, "T21": None, "T30": 0}
    assert classes == {**expected, "T31": 3}
    page = response.content.decode()
    legend = page[page.index('id="public-map-legend"') : page.index("</figure>")]
    for text in ["0–8 händelser", "12 händelser", "25 händelser", "400 händelser"]:
        assert text in legend
    assert "dolt (färre än 5" in legend
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(reverse("public:picture")).content.decode()
    legend = page[page.index('id="public-map-legend"') : page.index("</figure>")]
    assert "0–8 incidents" in legend and "400 incidents" in legend
    assert "hidden (fewer than 5" in legend
