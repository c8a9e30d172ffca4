"""Browser: the tile server is unreachable (as on many municipal networks). The report
form's map still draws the districts and places from the database, stops asking for
tiles after the first failure, and a reporter places a report by clicking inside a
district."""

from __future__ import annotations

from typing import Any

import pytest

from samtrygg.areas import services as area_services
from samtrygg.incidents.models import Incident
from samtrygg.testing.actors import member
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser

UNREACHABLE = "/tiles-unreachable/{z}/{x}/{y}.png"


@pytest.fixture
def unreachable_tiles(settings: Any) -> None:
    # A tile source on this site's own origin (the CSP allows it), blocked in the browser.
    settings.LEAFLET_CONFIG = settings.LEAFLET_CONFIG | {"TILES": [("tiles", UNREACHABLE, {})]}


def test_report_on_the_offline_map_with_the_tile_server_unreachable(  # type: ignore[no-untyped-def]
    browser_page, world, areas, default_taxonomy, unreachable_tiles
) -> None:
    area_services.place_create(
        actor=member("coordinator"), name="Stora torget", lon=16.545, lat=59.61
    )
    page = browser_page
    tile_requests: list[str] = []

    def refuse(route: Any) -> None:
        tile_requests.append(route.request.url)
        route.abort("connectionrefused")

    page.route("**/tiles-unreachable/**", refuse)
    browser_login(page, world.user("reporter"))
    page.goto("/incidents/report/")
    page.wait_for_selector("#report-map[data-base-layer=drawn]")
    # The failing tile layer is taken away after its first failure, and the map says so.
    page.wait_for_selector("#report-map[data-tiles=failed]")
    assert "Bakgrundskartan kunde inte hämtas" in page.inner_text(".map-note")
    # Both districts are drawn, filled (not a grey box), and their outline.
    assert page.locator("#report-map path.basemap-district").count() == 2
    assert page.locator("#report-map path.basemap-municipality").count() == 1
    assert (
        page.locator("#report-map path.basemap-district").first.get_attribute("fill-opacity") == "1"
    )
    assert page.locator("#report-map .basemap-place").count() == 1
    first_batch = len(tile_requests)
    assert first_batch >= 1
    # Moving and zooming the map asks for no more tiles.
    page.click("#report-map .leaflet-control-zoom-in")
    page.mouse.move(300, 300)
    page.wait_for_timeout(400)
    assert len(tile_requests) == first_batch
    # The place's name is shown once zoomed in far enough.
    page.locator("#report-map").evaluate("el => el.mapInstance.setView([59.61, 16.545], 16)")
    label = page.wait_for_selector("#report-map .basemap-place-label span", state="visible")
    assert label is not None and label.inner_text() == "Stora torget"
    page.locator("#report-map").evaluate("el => el.mapInstance.setView([59.6099, 16.5448], 14)")
    # Click inside the western district (the map's centre): the click reaches the map.
    box = page.locator("#report-map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#report-map .leaflet-marker-icon")
    page.select_option("select[name=category]", label="Klotter")
    page.fill("textarea[name=description]", "Klotter vid busshållplatsen")
    page.click("#report-form button[type=submit]")
    page.wait_for_url("**/incidents/mine/")
    incident = Incident.objects.get()
    assert 16.50 < incident.lon < 16.55 and 59.60 < incident.lat < 59.62  # type: ignore[operator]
    assert areas["west"] in incident.areas.all()


def test_without_a_tile_source_no_tile_is_requested(browser_page, world, areas) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    browser_login(page, world.user("reporter"))
    page.goto("/incidents/report/")
    page.wait_for_selector("#report-map[data-base-layer=drawn]")
    assert page.locator("#report-map .leaflet-tile").count() == 0
    assert not [url for url in requests if url.endswith(".png") and "/static/" not in url]
    assert page.locator("#report-map path.basemap-district").count() == 2
