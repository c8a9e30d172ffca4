"""Browser: the partner's login gives a contribution at its meeting, the coordinator adds a
partner (a typing error in the organisation number is caught) and records the council's
response to a recommendation, and the partner sees what became of it on its own page."""

from __future__ import annotations

import os
from typing import Any

import pytest

from samtrygg.partners.models import Contribution, Partner
from samtrygg.partners.tests.routes import partners_world
from samtrygg.testing.browser import browser_login

pytestmark = pytest.mark.browser

#: Set to a directory to keep a screenshot of each main page (to look at them).
SHOTS = os.environ.get("SAMTRYGG_SCREENSHOTS", "")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"partners-{name}.png"), full_page=True)


def _coordinator_adds_a_partner(page: Any) -> None:
    page.goto("/partners/")
    _shot(page, "list")
    page.get_by_role("link", name="Ny samverkanspart").click()
    page.get_by_label("Namn").fill("Bäckby IF")
    page.get_by_label("Typ").select_option("sports_club")
    page.get_by_label("Organisationsnummer").fill("556036-0794")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Organisationsnumrets kontrollsiffra stämmer inte").is_visible()
    assert not Partner.objects.filter(name="Bäckby IF").exists()
    page.get_by_label("Organisationsnummer").fill("5560360793")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("heading", name="Bäckby IF").wait_for()
    assert page.get_by_text("556036-0793").is_visible()


def _partner_contributes(page: Any, meeting: Any) -> None:
    page.get_by_role("link", name="Min organisation").first.click()
    page.get_by_role("heading", name="Föreningen Trygga grannar").wait_for()
    _shot(page, "own-page")
    page.get_by_role("link", name="Mörk gångväg").count()  # the table is there
    page.goto(f"/partners/dialogue/{meeting.pk}/")
    _shot(page, "meeting")
    page.get_by_role("link", name="Nytt inspel").click()
    _shot(page, "contribution-form")
    page.get_by_label("Förslag").check()
    page.get_by_label("Titel").fill("Klotter vid busshållplatsen")
    page.get_by_label("Text").fill("Vi föreslår snabbare sanering.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/partners/dialogue/{meeting.pk}/")
    assert page.get_by_text("Klotter vid busshållplatsen").is_visible()
    assert Contribution.objects.get(title="Klotter vid busshållplatsen").meeting == meeting


def _coordinator_responds(page: Any, recommendation: Any) -> None:
    page.goto(f"/partners/recommendations/{recommendation.pk}/")
    page.get_by_role("link", name="Registrera rådets svar").click()
    page.get_by_label("Avslagen").check()
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Ange varför rådet avslog").is_visible()
    page.get_by_label("Motivering eller kommentar").fill("Gångvägen rivs nästa år.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/partners/recommendations/{recommendation.pk}/")
    _shot(page, "recommendation")


def test_partner_register_and_dialogue(browser_page, world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    page = browser_page
    browser_login(page, world.user("partner"))
    _partner_contributes(page, p["meeting"])
    # The coordinator logs in once: a second log-in within the same 30 seconds would
    # reuse a TOTP code, which is refused.
    page.context.clear_cookies()
    browser_login(page, world.user("coordinator"))
    _coordinator_adds_a_partner(page)
    _coordinator_responds(page, p["recommendation"])
    page.goto("/partners/dialogue/")
    _shot(page, "dialogue")
    page.context.clear_cookies()
    browser_login(page, world.user("partner"))
    page.goto("/partners/mine/")
    row = page.get_by_role("row", name="Mer ljus")
    assert row.get_by_text("Avslagen").is_visible()
    assert row.get_by_text("Gångvägen rivs nästa år.").is_visible()
    # The partner's login sees no register of other partners.
    page.goto("/partners/")
    page.get_by_role("heading", name="Föreningen Trygga grannar").wait_for()
