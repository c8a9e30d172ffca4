"""Browser: the analyst opens the dashboard, switches map layers and changes a filter."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samtrygg.situation.tests.helpers import build_town
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def _toggle(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input").click()


def test_dashboard_map_layers(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    build_town(world)
    page = browser_page
    browser_login(page, world.user("analyst"))
    page.goto("/situation/?period=month&at=2026-03-15")
    page.wait_for_selector("#situation-map[data-ready='1']")
    # areas and Gi* cells are on at first; density, alerts and points are off
    assert page.locator("path.layer-areas").count() == 4
    assert page.locator("path.layer-density").count() == 0
    _toggle(page, "Täthet")
    page.wait_for_selector("path.layer-density")
    assert page.locator("path.layer-density").count() > 0
    _toggle(page, "Områden")
    expect(page.locator("path.layer-areas")).to_have_count(0)
    _toggle(page, "Varningar för upprepning")
    page.wait_for_selector("path.layer-alerts")
    assert page.locator("path.layer-alerts").count() == 1
    # incident points: the five mappable incidents the analyst may read (not the restricted)
    _toggle(page, "Händelsepunkter")
    page.wait_for_selector("#situation-map[data-points-loaded]")
    assert page.locator("#situation-map").get_attribute("data-points-loaded") == "5"
    assert page.locator("path.layer-points").count() == 5
    # a filter change swaps the figures in place (htmx) and rebuilds the map
    assert page.get_by_role("cell", name="Skadegörelse").count() == 1
    page.select_option("#id_category", "inbrott-bostad")
    expect(page.locator("#picture").get_by_role("cell", name="Skadegörelse")).to_have_count(0)
    expect(
        page.locator("#picture").get_by_role("cell", name="Bostadsinbrott").first
    ).to_be_visible()
    page.wait_for_selector("#situation-map[data-ready='1']")
    expect(page.locator("path.layer-areas")).to_have_count(4)
    assert "category=inbrott-bostad" in page.url
