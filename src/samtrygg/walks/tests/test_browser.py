"""Browser, on a phone-sized screen: a coordinator records a walk (the route drawn on the
map) and two findings (one placed on the map, one by address with a photo); the owner
logs in on the phone and takes one finding through to fixed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from samtrygg.testing.browser import browser_login
from samtrygg.walks.models import Finding, SafetyWalk
from samtrygg.walks.tests import factories

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    def open_page() -> Any:
        context = chromium.new_context(locale="sv-SE", base_url=live_server.url, **PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    contexts: list[Any] = []
    yield open_page
    for context in contexts:
        context.close()


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _record_walk(page: Any, area: Any, yesterday: dt.date, tmp_path: Path) -> SafetyWalk:
    page.goto("/trygghetsvandringar/ny/")
    page.fill("input[name=title]", "Kvällsvandring på gården")
    page.select_option("select[name=area]", value=str(area.pk))
    page.fill("input[name=walk_date]", yesterday.isoformat())
    page.select_option("select[name=time_of_day]", value="evening")
    page.fill("input[name=participants_residents]", "8")
    page.wait_for_selector("[data-route-editor].leaflet-container")
    for x, y in ((80, 80), (180, 120), (280, 100)):
        page.click("[data-route-editor]", position={"x": x, "y": y})
    assert page.get_attribute("[data-route-editor]", "data-points") == "3"
    assert _fits(page)
    page.screenshot(path=str(tmp_path / "walk_form.png"), full_page=True)
    page.click("main form.stacked > p > button[type=submit]")
    page.wait_for_url("**/trygghetsvandringar/*/")
    walk = SafetyWalk.objects.get()
    assert len(walk.route) == 3 and walk.participants.get().count == 8

    for _step in ("prepared", "walked"):
        page.fill("input[name=on]", yesterday.isoformat())
        page.click("form[action$='/steg/'] button[type=submit]")
        page.wait_for_selector(".messages")
    walk.refresh_from_db()
    assert walk.step == "walked"
    return walk


def _record_findings(page: Any, walk: SafetyWalk, owner: Any, tmp_path: Path) -> list[Finding]:
    page.click("text=Registrera en brist")
    page.wait_for_selector("[data-point-editor].leaflet-container")
    page.select_option("select[name=category]", value="lighting")
    page.click("[data-point-editor]", position={"x": 190, "y": 150})
    assert page.input_value("input[name=lon]") and page.input_value("input[name=lat]")
    page.fill("textarea[name=cause]", "Trasig lampa vid porten")
    page.select_option("select[name=owner]", value=str(owner.pk))
    assert _fits(page)
    page.screenshot(path=str(tmp_path / "finding_form.png"), full_page=True)
    page.click("button[name=another]")
    page.wait_for_selector(".messages")
    page.select_option("select[name=category]", value="vegetation")
    page.fill("input[name=address]", "Gångvägen bakom förskolan")
    page.fill("textarea[name=cause]", "Buskar skymmer sikten")
    page.select_option("select[name=owner]", value=str(owner.pk))
    photo = tmp_path / "buskar.png"
    photo.write_bytes(factories.png_bytes((600, 400)))
    page.set_input_files("input[name=photo]", str(photo))
    page.click("main form button[type=submit]:not([name])")
    page.wait_for_url(f"**/trygghetsvandringar/{walk.pk}/")
    assert "Trasig lampa" not in page.inner_text("main")  # the list shows the category
    assert page.locator("table.findings-table tbody tr").count() == 2
    findings = list(Finding.objects.order_by("pk"))
    assert [f.category for f in findings] == ["lighting", "vegetation"]
    assert findings[0].lon is not None and findings[1].address == "Gångvägen bakom förskolan"
    assert findings[1].photos.count() == 1
    return findings


def test_record_a_walk_and_an_owner_closes_a_finding(phone, world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coordinator = world.user("coordinator")
    owner = factories.owner(coordinator, world.organisations["housing"])
    page = phone()
    browser_login(page, coordinator)
    walk = _record_walk(
        page, factories.walk_area(), timezone.localdate() - dt.timedelta(days=1), tmp_path
    )
    findings = _record_findings(page, walk, owner, tmp_path)

    owner_page = phone()
    browser_login(owner_page, world.user("reporter"))
    owner_page.goto("/trygghetsvandringar/brister/mina/")
    card = f"#finding-{findings[0].pk}"
    for button in ("Acceptera", "Arbetet har börjat", "Åtgärdad"):
        owner_page.click(f"{card} button:has-text('{button}')")
        owner_page.wait_for_selector(".messages")
    assert _fits(owner_page)
    owner_page.screenshot(path=str(tmp_path / "owner.png"), full_page=True)
    findings[0].refresh_from_db()
    findings[1].refresh_from_db()
    assert findings[0].status == "fixed" and findings[1].status == "reported"
    assert "Åtgärdad" in owner_page.inner_text(card)
