"""Browser: the area list's map shows the polygons; an analyst draws a new area on the
map and saves it; a coordinator picks a place's position by clicking."""

from __future__ import annotations

import pytest

from samtrygg.areas import services
from samtrygg.areas.models import Area, Place
from samtrygg.testing.actors import member
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.50, 59.60], [16.51, 59.60], [16.51, 59.605], [16.50, 59.605], [16.50, 59.60]]
    ],
}


def test_list_map_and_detail(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    area = services.area_create(
        actor=member("coordinator"),
        name="Bäckby",
        code="district-backby",
        kind="district",
        geometry=SQUARE,
        population=7500,
        population_year=2024,
    )
    page = browser_page
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    # Map tiles cannot load here (no network); anything else, e.g. a CSP refusal, counts.
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and "Failed to load resource" not in msg.text
            else None
        ),
    )
    browser_login(page, world.user("reporter"))
    page.goto("/areas/")
    assert page.get_by_role("heading", name="Områden").count() == 1
    # Leaflet drew the polygon as an SVG path in the map.
    page.wait_for_selector("#area-list-map path.leaflet-interactive")
    assert page.locator("#area-list-map path.leaflet-interactive").count() == 1
    page.get_by_role("link", name="Bäckby").click()
    page.wait_for_url(f"**/areas/{area.pk}/")
    page.wait_for_selector("#area-map path.leaflet-interactive")
    assert page.locator("#population-table").inner_text().count("7\xa0500") == 1  # grouped
    assert problems == []


def test_draw_an_area_on_the_map(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("analyst"))
    page.goto("/areas/new/")
    page.fill("#id_name", "Ritad park")
    page.fill("#id_code", "custom-drawn-park")
    page.select_option("#id_kind", "custom")
    page.wait_for_selector("#draw-map.leaflet-container")
    draw_map = page.locator("#draw-map")
    for x, y in [(100, 100), (300, 100), (300, 260), (100, 260)]:
        draw_map.click(position={"x": x, "y": y})
    assert page.locator("#draw-map .areas-vertex").count() == 4
    assert "Hörn: 4" in page.locator("#draw-status").inner_text()
    # Undo the last corner and put it back.
    page.click("#draw-undo")
    assert page.locator("#draw-map .areas-vertex").count() == 3
    draw_map.click(position={"x": 100, "y": 260})
    page.click("#area-form button[type=submit]")
    page.wait_for_url("**/areas/*/")
    area = Area.objects.get(code="custom-drawn-park")
    assert area.geometry["type"] == "Polygon"
    assert len(area.geometry["coordinates"][0]) == 5
    assert 0 < area.area_km2 < 50
    assert page.get_by_role("heading", name="Ritad park").count() == 1


def test_pick_a_place_on_the_map(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("coordinator"))
    page.goto("/areas/places/new/")
    page.fill("#id_name", "Skolgården")
    page.wait_for_selector("#place-pick-map.leaflet-container")
    page.locator("#place-pick-map").click(position={"x": 150, "y": 150})
    lat = float(page.input_value("#id_lat"))
    lon = float(page.input_value("#id_lon"))
    assert 59 < lat < 60.5 and 16 < lon < 17.5
    page.fill("#id_radius_m", "75")
    page.click("#place-form button[type=submit]")
    page.wait_for_url("**/areas/places/")
    place = Place.objects.get(name="Skolgården")
    assert (round(place.lat, 6), round(place.lon, 6), place.radius_m) == (lat, lon, 75)
    page.wait_for_selector("#place-map path.leaflet-interactive")


HOSTILE_NAME = '<img src=x onerror="window.__injected=1">Bäckby'


def test_names_in_map_tooltips_are_text_never_html(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    # An area or place name is user data: Leaflet would put a string tooltip in as HTML.
    services.area_create(
        actor=member("coordinator"),
        name=HOSTILE_NAME,
        code="district-hostile",
        kind="district",
        geometry=SQUARE,
    )
    services.place_create(actor=member("coordinator"), name=HOSTILE_NAME, lon=16.505, lat=59.6025)
    page = browser_page
    browser_login(page, world.user("coordinator"))
    for path, shape in [
        ("/areas/", "#area-list-map path.leaflet-interactive"),
        ("/areas/places/", "#place-map path.leaflet-interactive"),
    ]:
        page.goto(path)
        page.wait_for_selector(shape)
        page.locator(shape).last.hover(force=True)
        tooltip = page.locator(".leaflet-tooltip")
        tooltip.first.wait_for()
        assert tooltip.first.inner_text() == HOSTILE_NAME, path
        assert page.locator(".leaflet-tooltip img, .leaflet-popup img").count() == 0, path
        page.locator(shape).last.click(force=True)
        page.locator(".leaflet-popup").first.wait_for()
        assert HOSTILE_NAME in page.locator(".leaflet-popup").first.inner_text(), path
        assert page.locator(".leaflet-popup img").count() == 0, path
        assert page.evaluate("window.__injected === undefined"), path
