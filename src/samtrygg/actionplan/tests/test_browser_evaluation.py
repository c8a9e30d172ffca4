"""Browser: an analyst runs an evaluation from the intervention page and reads the result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from samtrygg.actionplan.models import EvaluationRun
from samtrygg.actionplan.tests import factories as f
from samtrygg.actionplan.tests.conftest import add_incidents, ensure_defaults
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser


def test_run_an_evaluation_from_the_intervention_page(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    ensure_defaults()
    today = timezone.localdate()
    start = today - dt.timedelta(days=100)
    areas = f.three_areas()
    housing = world.organisations["housing"]
    add_incidents(
        area=areas["treated"], day=start - dt.timedelta(days=50), n=40, organisation=housing
    )
    add_incidents(
        area=areas["treated"], day=start + dt.timedelta(days=30), n=15, organisation=housing
    )
    add_incidents(
        area=areas["control"], day=start - dt.timedelta(days=40), n=25, organisation=housing
    )
    add_incidents(
        area=areas["control"], day=start + dt.timedelta(days=40), n=24, organisation=housing
    )
    intervention = f.intervention(
        housing,
        title="Platsbaserad närvaro i centrum",
        areas=[areas["treated"]],
        start_date=start,
        status="running",
    )
    page = browser_page
    browser_login(page, world.user("analyst"))
    page.goto(f"/actionplan/interventions/{intervention.pk}/")
    page.get_by_role("link", name="Gör en utvärdering").click()
    page.wait_for_url(f"**/actionplan/interventions/{intervention.pk}/evaluate/")
    # The treated area is preselected from the intervention; the map draws it.
    assert page.locator("select[name=treated]").input_value() == str(areas["treated"].pk)
    assert page.locator("#draw-map .leaflet-container, #draw-map.leaflet-container").count() == 1
    page.select_option("select[name=control]", value=str(areas["control"].pk))
    page.fill("input[name=buffer_ring]", "300")
    page.fill("input[name=before_start]", (start - dt.timedelta(days=99)).isoformat())
    page.fill("input[name=before_end]", (start - dt.timedelta(days=1)).isoformat())
    page.fill("input[name=after_start]", start.isoformat())
    page.fill("input[name=after_end]", (today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Gör utvärderingen").click()
    page.wait_for_url("**/actionplan/evaluations/*/")

    run = EvaluationRun.objects.get()
    assert run.result["treated"] == {"before": 40, "after": 15}
    assert run.result["control"] == {"before": 25, "after": 24}
    assert "ring på 300 m" in run.parameters["areas"]["buffer"]["name"]
    assert page.get_by_role("heading", name="Vad siffrorna säger").count() == 1
    assert page.get_by_role("heading", name="Vad siffrorna inte kan visa").count() == 1
    reading = page.locator("section.reading").inner_text()
    assert "40" in reading and "15" in reading
    # Back on the intervention page the run is listed.
    page.get_by_role("link", name="Platsbaserad närvaro i centrum").first.click()
    page.wait_for_url(f"**/actionplan/interventions/{intervention.pk}/")
    assert page.get_by_role("link", name=run.title).count() == 1
