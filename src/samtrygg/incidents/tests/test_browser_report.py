"""Browser: a reporter marks the place on the map, fills in the form, sends the report
and finds it under "My reports"."""

from __future__ import annotations

import pytest

from samtrygg.incidents.models import Incident
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_file_a_report_on_the_map(browser_page, world, default_taxonomy) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("reporter"))
    page.goto("/incidents/report/")
    page.wait_for_selector("#report-map.leaflet-container")
    assert page.input_value("input[name=lon]") == ""
    page.click("#report-map", position={"x": 180, "y": 140})
    page.wait_for_selector("#report-map .leaflet-marker-icon")
    lon = float(page.input_value("input[name=lon]"))
    lat = float(page.input_value("input[name=lat]"))
    assert 16.3 < lon < 16.8 and 59.5 < lat < 59.7
    assert "Markerad:" in page.inner_text("#report-point-text")
    assert page.input_value("input[name=occurred_from]")  # defaults to now
    page.select_option("select[name=category]", label="Klotter")
    page.fill("textarea[name=description]", "Nytt klotter på gångtunnelns vägg")
    page.click("#report-form button[type=submit]")
    page.wait_for_url("**/incidents/mine/")
    assert "Tack! Din rapport (Klotter) har tagits emot." in page.inner_text("main")
    assert "Nytt klotter på gångtunnelns vägg" in page.inner_text(".report-list")
    incident = Incident.objects.get()
    assert incident.created_by == world.user("reporter")
    assert incident.precision == "exact"
    assert abs(incident.lon - lon) < 1e-6 and abs(incident.lat - lat) < 1e-6  # type: ignore[operator]


def test_personal_data_is_refused_in_the_browser(browser_page, world, default_taxonomy) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_login(page, world.user("reporter"))
    page.goto("/incidents/report/")
    page.wait_for_selector("#report-map.leaflet-container")
    page.click("#report-map", position={"x": 120, "y": 100})
    page.select_option("select[name=category]", label="Skadegörelse")
    page.fill("textarea[name=description]", "Ring mig på 070-123 45 67")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector(".errorlist")
    assert "070-*** ** 67" in page.inner_text(".errorlist")
    # The mark on the map survives the round trip.
    page.wait_for_selector("#report-map .leaflet-marker-icon")
    assert not Incident.objects.exists()
